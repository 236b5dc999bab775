from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from campaigns.models import (
    ContentItem,
    Goal,
    ImplementationRole,
    LegalBasis,
    Plan,
    PlanKind,
    PlanStatus,
    Target,
)
from emulation.concurrency import RevisionFormMixin
from emulation.forms import DateInput, numbers_as_text
from emulation.models import Unit

REQUIRED_TEXT = {"required": _("Please type the text.")}


@numbers_as_text
class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=pgettext_lazy("plan", "Kind"), required=False, choices=[("", _("All kinds")), *PlanKind.choices])
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *PlanStatus.choices])


@numbers_as_text
class PlanHeaderForm(forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Plan
        fields = ["kind", "title", "year_from", "year_to", "symbol", "place", "parent_authority", "agency",
                  "signer_name", "signer_authority", "opening", "closing"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "opening": forms.Textarea(attrs={"rows": 3}),
            "closing": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "opening": _("Printed after the legal bases. Each line is one paragraph."),
            "closing": _("Printed at the end of “Tổ chức thực hiện”. Each line is one paragraph."),
        }
        error_messages = {"title": {"required": _("Please type the summary line of the plan."),
                                    "max_length": _("The summary line has at most %(limit_value)d characters (this one "
                                                    "has %(show_value)d). Shorten it: the details belong in the "
                                                    "plan's goals and content items.")},
                          "year_from": {"required": _("Please give the first year.")},
                          "year_to": {"required": _("Please give the last year.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.revision
        # No maxlength in the page: the browser would cut a pasted text silently; the server says why instead.
        self.fields["title"].widget.attrs.pop("maxlength", None)

    def clean(self):
        data = super().clean()
        if data.get("year_from") and data.get("year_to") and data["year_to"] < data["year_from"]:
            self.add_error("year_to", _("The last year cannot be before the first year."))
        return data


class PlanSignerForm(forms.ModelForm):
    """Who signs, asked at the step that needs it (submitting to the Director) when it is still empty."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Plan
        fields = ["signer_authority", "signer_name"]
        error_messages = {"signer_name": {"required": _("Please type the name of the person who signs the plan.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signer_name"].required = True
        self.fields["revision"].initial = self.instance.revision


class TextPartForm(RevisionFormMixin, forms.Form):
    """Goals, content items, sub-points and recipients: one text each."""

    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED_TEXT)


class RecipientForm(RevisionFormMixin, forms.Form):
    text = forms.CharField(label=_("Recipient"), max_length=255, error_messages=REQUIRED_TEXT,
                           help_text=_("For example: - UBND tỉnh (báo cáo);"))


class LegalBasisForm(RevisionFormMixin, forms.ModelForm):
    class Meta:
        model = LegalBasis
        fields = ["lead", "doc_type", "doc_number", "doc_date", "issuer", "summary"]
        widgets = {"doc_date": DateInput(), "summary": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"lead": _("Usually “Căn cứ” or “Thực hiện”."), "doc_type": _("For example: Quyết định")}


class ImplementationRoleForm(RevisionFormMixin, forms.ModelForm):
    class Meta:
        model = ImplementationRole
        fields = ["unit", "role", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"text": REQUIRED_TEXT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(active=True).order_by("path")


@numbers_as_text
class TargetForm(RevisionFormMixin, forms.ModelForm):
    class Meta:
        model = Target
        fields = ["goal", "item", "indicator", "unit_of_measure", "target_value", "units"]
        error_messages = {"indicator": {"required": _("Please name the indicator.")},
                          "target_value": {"required": _("Please give the target value.")}}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(plan=plan)
        self.fields["item"].queryset = ContentItem.objects.filter(plan=plan)
        # The model's foreign keys carry no verbose name (a migration each): the form names them.
        self.fields["goal"].label, self.fields["item"].label = capfirst(_("purpose")), capfirst(_("content item"))
        self.fields["units"].queryset = Unit.objects.filter(active=True).order_by("path")
        self.fields["units"].widget.attrs["size"] = 8

    def clean(self):
        data = super().clean()
        if bool(data.get("goal")) == bool(data.get("item")):
            raise forms.ValidationError(_("Choose either a purpose or a content item for the target."))
        return data


@numbers_as_text
class CopyForm(forms.Form):
    year_from = forms.IntegerField(label=_("From year"), min_value=2000, max_value=2100)
    year_to = forms.IntegerField(label=_("To year"), min_value=2000, max_value=2100)

    def clean(self):
        data = super().clean()
        if data.get("year_from") and data.get("year_to") and data["year_to"] < data["year_from"]:
            self.add_error("year_to", _("The last year cannot be before the first year."))
        return data
