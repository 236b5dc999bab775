"""Forms of scoring tables, self-assessments and blocks."""
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import Plan, Target
from emulation.forms import DateInput, NumberText
from emulation.models import Unit
from scoring.enums import Method, TieBreak
from scoring.models import Agreement, AgreementSignature, Band, Block, Criterion, ScoringTable, Section

POINT_FIELD = {"max_digits": 8, "decimal_places": 2, "widget": NumberText, "localize": True}


class TableForm(forms.ModelForm):
    tie_break_rules = forms.MultipleChoiceField(
        label=_("Tie-break rules"), choices=TieBreak.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Units with the same total are ordered by these rules, in the order listed."))

    class Meta:
        model = ScoringTable
        fields = ["title", "year", "plan", "bonus_cap", "deduction_cap", "signer_name"]
        localized_fields = ["bonus_cap", "deduction_cap"]
        widgets = {"bonus_cap": NumberText, "deduction_cap": NumberText, "year": NumberText}
        help_texts = {"bonus_cap": _("0: no limit."), "deduction_cap": _("0: no limit.")}

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.filter(issuer=agency)
        self.fields["tie_break_rules"].initial = self.instance.tie_break_list if self.instance.pk else [
            TieBreak.BASE, TieBreak.DEDUCTIONS, TieBreak.SUBMITTED]

    def save(self, commit=True):
        self.instance.tie_breaks = ",".join(key for key in TieBreak.values if key in self.cleaned_data["tie_break_rules"])
        return super().save(commit)


class SignerForm(forms.ModelForm):
    """While scoring: only who signs the notice may still be set."""

    class Meta:
        model = ScoringTable
        fields = ["signer_name"]


class CopyForm(forms.Form):
    year = forms.IntegerField(label=_("For the year"), min_value=2000, max_value=2100, widget=NumberText)
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.none(), required=False)

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.filter(issuer=agency)


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "order"]
        widgets = {"order": NumberText}


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["section", "text", "category", "method", "max_points", "target", "floor", "cap", "disqualifying",
                  "guidance", "order"]
        localized_fields = ["max_points", "floor", "cap"]
        widgets = {"max_points": NumberText, "floor": NumberText, "cap": NumberText, "order": NumberText}

    def __init__(self, *args, table=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.table = table
        self.fields["section"].queryset = table.sections.all()
        self.fields["target"].queryset = Target.objects.filter(plan_id=table.plan_id) if table.plan_id else Target.objects.none()

    def clean(self):
        data = super().clean()
        if data.get("method") == Method.TARGET and not data.get("target"):
            self.add_error("target", _("Choose the target of the plan this criterion is scored from."))
        if data.get("method") != Method.TARGET:
            data["target"] = None
        floor, cap = data.get("floor"), data.get("cap")
        if floor is not None and cap is not None and floor > cap:
            self.add_error("floor", _("The floor cannot be above the share that gives full points."))
        return data


class BandForm(forms.ModelForm):
    class Meta:
        model = Band
        fields = ["name", "min_points"]
        localized_fields = ["min_points"]
        widgets = {"min_points": NumberText}


PART_FORMS = {"section": (Section, SectionForm), "criterion": (Criterion, CriterionForm), "band": (Band, BandForm)}


class SelfAssessmentForm(forms.Form):
    """One value and one evidence field per criterion the unit scores (not those read from the reports)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, scores=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for score in scores:
            criterion = score.criterion
            if criterion.method == Method.REPORTS:
                self.rows.append((score, None, None))
                continue
            name = f"value-{criterion.pk}"
            if criterion.method == Method.YES_NO:
                field = forms.TypedChoiceField(label=_("Answer"), choices=[("", "—"), ("1", _("Yes, reached")), ("0", _("No, not reached"))],
                                               coerce=Decimal, empty_value=None, required=False)
                initial = None if score.value is None else str(int(score.value))
            elif criterion.method == Method.TARGET:
                field = forms.DecimalField(label=_("Value reached"), min_value=0, required=False, max_digits=14,
                                           decimal_places=2, widget=NumberText, localize=True)
                initial = score.value
            else:
                field = forms.DecimalField(label=_("Points (at most %(max)s)") % {"max": f"{criterion.max_points.normalize():f}"},
                                           min_value=0, max_value=criterion.max_points, required=False, **POINT_FIELD)
                initial = score.value
            self.fields[name] = field
            self.initial[name] = initial
            evidence = f"evidence-{criterion.pk}"
            self.fields[evidence] = forms.CharField(label=_("Evidence"), required=False, max_length=2000,
                                                    widget=forms.Textarea(attrs={"rows": 2}))
            self.initial[evidence] = score.evidence
            self.rows.append((score, self[name], self[evidence]))

    def values(self):
        """criterion id → (value, evidence) of the fields of this form."""
        out = {}
        for score, value, _evidence in self.rows:
            if value is not None:
                key = score.criterion_id
                out[key] = (self.cleaned_data.get(f"value-{key}"), self.cleaned_data.get(f"evidence-{key}", "").strip())
        return out


class ChangeForm(forms.Form):
    criterion = forms.IntegerField(widget=forms.HiddenInput)
    value = forms.DecimalField(label=_("New value"), min_value=0, max_digits=14, decimal_places=2, widget=NumberText,
                               localize=True)
    reason = forms.CharField(label=_("Reason (required)"), max_length=1000)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Your answer to the changes"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))


class BlockForm(forms.ModelForm):
    class Meta:
        model = Block
        fields = ["name", "kind", "year", "members", "head", "deputy"]
        widgets = {"members": forms.CheckboxSelectMultiple, "year": NumberText}

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(agency=agency, active=True).order_by("path")
        for name in ("members", "head", "deputy"):
            self.fields[name].queryset = units

    def clean(self):
        data = super().clean()
        members = set(data.get("members") or [])
        for name in ("head", "deputy"):
            if data.get(name) and data[name] not in members:
                self.add_error(name, _("Choose a member of the block."))
        if data.get("head") and data.get("head") == data.get("deputy"):
            self.add_error("deputy", _("The deputy head must be another member."))
        return data


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["commitments", "table", "signed_on"]
        widgets = {"signed_on": DateInput(), "commitments": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["table"].queryset = ScoringTable.objects.filter(agency_id=self.instance.block.agency_id)


SignatureFormSet = forms.modelformset_factory(AgreementSignature, fields=["title", "name"], extra=0)
