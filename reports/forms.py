from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import PeriodKind, PlanStatus, ReportingPeriod
from emulation import calendar
from emulation.forms import numbers_as_text
from emulation.documents.signing import authority_lines
from reports.models import PROVINCE_KIND_END_MONTH, PROVINCE_SIGN_AUTHORITIES, SECTIONS, SummaryKind, SummaryReport, SummaryStatus

KIND_OF_PERIOD = {
    PeriodKind.HALF_YEAR: SummaryKind.HALF_YEAR, PeriodKind.NINE_MONTHS: SummaryKind.NINE_MONTHS,
    PeriodKind.YEAR: SummaryKind.YEAR, PeriodKind.AD_HOC: SummaryKind.PLAN, PeriodKind.QUARTER: SummaryKind.HALF_YEAR,
}


class PeriodChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, period):
        return f"{period.name} – {period.plan.number_symbol or period.plan.title[:60]}"


class SummaryCreateForm(forms.Form):
    period = PeriodChoiceField(
        label=_("Reporting period"), queryset=ReportingPeriod.objects.none(),
        help_text=_("The figures are computed from the units' reports of this period and the awards in it."),
    )
    kind = forms.ChoiceField(label=_("Kind of report"), choices=[("", _("According to the period"))] + SummaryKind.choices,
                             required=False)
    title = forms.CharField(label=_("Summary line"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                            help_text=_("Leave empty for the usual wording."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = (  # the user's agency's periods
            ReportingPeriod.objects.visible_to(user).filter(plan__status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED])
            .exclude(kind=PeriodKind.QUARTER).select_related("plan").order_by("-end", "pk")
        )

    def chosen_kind(self):
        return self.cleaned_data["kind"] or KIND_OF_PERIOD[self.cleaned_data["period"].kind]


@numbers_as_text
class ProvinceSummaryCreateForm(forms.Form):
    """The province's own summary: which span (six months, nine months, the year) of which year."""

    kind = forms.ChoiceField(label=_("Kind of report"),
                             choices=[(kind, label) for kind, label in SummaryKind.choices
                                      if kind in PROVINCE_KIND_END_MONTH])
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100,
                              help_text=_("The figures are computed from every agency's reports of the span and "
                                          "the awards in it."))
    title = forms.CharField(label=_("Summary line"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                            help_text=_("Leave empty for the usual wording."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = calendar.today().year


class NarrativeForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = SummaryReport
        fields = ["title", *SECTIONS, "signer_name", "signer_authority", "recipients"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in SECTIONS} | {
            "title": forms.Textarea(attrs={"rows": 2}), "recipients": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, instance=report, initial={"version": report.version}, **kwargs)
        if report.is_province:  # signed by the head of the province's standing body or on their behalf
            self.fields["signer_authority"].choices = [
                (key, " / ".join(authority_lines(key, report.issuer.head_title))) for key in PROVINCE_SIGN_AUTHORITIES]
        self.notes = []
        for item in report.figures.get("items", []):
            name = f"note_{item['id']}"
            self.fields[name] = forms.CharField(
                label=_("Item %(number)s: the Office's text") % {"number": item["number"]}, required=False,
                widget=forms.Textarea(attrs={"rows": 3}), initial=(report.item_notes or {}).get(str(item["id"]), ""),
            )
            self.notes.append((item, name))

    def note_fields(self):
        return [(item, self[name]) for item, name in self.notes]

    def item_notes(self):
        return {name.removeprefix("note_"): self.cleaned_data.get(name, "") for _item, name in self.notes}

    def sections(self):
        return {name: self.cleaned_data[name] for name in SECTIONS}

    def header(self):
        return {name: self.cleaned_data[name] for name in ("title", "signer_name", "signer_authority", "recipients")}


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 3}))


class SummaryFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + SummaryStatus.choices)


@numbers_as_text
class AgencySummaryFilterForm(forms.Form):
    """The province's list of its agencies' issued summaries: one agency, one year of issue."""

    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None, required=False, empty_label=_("Every agency"))
    year = forms.IntegerField(label=_("Year issued"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies.order_by("name")
