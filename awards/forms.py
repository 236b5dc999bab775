import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards import addresses
from awards.eligibility import gone_unit_refusal
from awards.models import (
    AwardRound, AwardType, BaseSalary, CouncilMember, Exemplar, FundSource, Discipline, Evaluation, Forwarding, Initiative, Nomination, Outsider,
    ProvinceDecision, Registration, RegistrationLine, ReviewFlag, Rule, RuleSet,
)
from emulation import permissions as core
from emulation.concurrency import RevisionFormMixin
from campaigns.models import Plan, PlanStatus, ReportStatus, UnitReport
from emulation.documents.signing import SignAuthority
from awards.fund import over_the_fund
from awards.money import MoneyError, decision_lines
from emulation.forms import ConfirmWarningsMixin, DateInput, NumberText, numbers_as_text
from emulation.uploads import UploadField
from emulation.models import Agency, Delegation, Role, Staff, Unit, User
from emulation.permissions import scope_choices
from emulation.pickers import use_picker
from awards.voting import members_in_force, open_agenda


class NominationForm(forms.ModelForm):
    class Meta:
        model = Nomination
        fields = ["round", "award_type", "staff", "nominee_unit", "outsider", "path", "achievements", "initiatives", "reports"]
        widgets = {
            "achievements": forms.Textarea(attrs={"rows": 6}),
            "initiatives": forms.CheckboxSelectMultiple,
            "reports": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        units = Unit.objects.visible_to(user).filter(active=True)
        self.user = user
        self.fields["round"].queryset = AwardRound.objects.visible_to(user).filter(is_open=True)
        self.fields["outsider"].queryset = Outsider.objects.visible_to(user)
        self.fields["outsider"].required = False
        self.fields["outsider"].help_text = _("Instead of a person or unit of the agency: a nominee from the register "
                                              "of outside nominees (add one there first).")
        self.fields["award_type"].queryset = AwardType.objects.filter(active=True)
        self.fields["staff"].queryset = Staff.objects.visible_to(user).filter(active=True).select_related("unit")
        self.fields["staff"].required = False
        # Dissolved and merged units are offered too (marked as such), so that choosing one is refused
        # with the reason and the law (clean_nominee_unit), not with "choose a valid option".
        self.fields["nominee_unit"].queryset = Unit.objects.visible_to(user).select_related("merged_into")
        self.fields["nominee_unit"].required = False
        self.fields["initiatives"].queryset = Initiative.objects.filter(unit__in=units)
        self.fields["initiatives"].required = False
        self.fields["reports"].queryset = UnitReport.objects.filter(
            unit__in=units, status=ReportStatus.ACCEPTED
        ).select_related("unit", "period").order_by("-period__end", "unit__path")
        self.fields["reports"].label_from_instance = lambda report: f"{report.unit.name} — {report.period}"
        self.fields["staff"].help_text = _("For an individual award.")
        self.fields["nominee_unit"].help_text = _("For a collective award.")
        self.fields["path"].help_text = _("Where an award has several criteria (e.g. the province's certificate of "
                                          "merit): the one the achievements meet. The council judges it.")
        use_picker(self, "staff", "staff")
        use_picker(self, "nominee_unit", "unit-all")
        use_picker(self, "outsider", "outsider")

    def clean_nominee_unit(self):
        unit = self.cleaned_data.get("nominee_unit")
        round_ = self.cleaned_data.get("round")
        if unit is not None and unit.departure:
            raise ValidationError(gone_unit_refusal(unit, round_.year if round_ else timezone.localdate().year))
        return unit

    def clean(self):
        data = super().clean()
        award, staff, unit = data.get("award_type"), data.get("staff"), data.get("nominee_unit")
        outsider = data.get("outsider")
        if not award:
            return data
        if outsider is None and not core.is_unit_head(self.user):
            self.add_error("outsider", _("The Office proposes outside nominees only: choose one from the register."))
            return data
        if outsider is not None:
            # Outside nominees receive forms of commendation (Giấy khen, Bằng khen, Luật Điều 74, 75), of the
            # subject their kind is: the emulation titles are the agency's own people's and units'.
            if award.category != AwardType.Category.FORM:
                self.add_error("award_type", _("An outside nominee can be proposed for a form of commendation "
                                               "(Giấy khen, Bằng khen), not for an emulation title."))
            elif award.subject != outsider.subject:
                self.add_error("award_type", (_("This award is for a collective: choose the version for an individual.")
                                              if outsider.individual else
                                              _("This award is for an individual: choose the collective's version.")))
            data["staff"] = data["nominee_unit"] = None
            staff = unit = None
        elif award.collective:
            if not unit and "nominee_unit" not in self.errors:
                self.add_error("nominee_unit", _("Choose the collective for this award."))
            data["staff"] = None
        else:
            if not staff:
                self.add_error("staff", _("Choose the person for this award."))
            data["nominee_unit"] = None
        round_ = data.get("round")
        if round_ and (staff or unit or outsider):
            if outsider is not None:
                subject = {"outsider": outsider}
            else:
                subject = {"staff": data["staff"]} if not award.collective else {"nominee_unit": data["nominee_unit"]}
            duplicate = Nomination.objects.filter(award_type=award, year=round_.year, **subject).exclude(
                status=Nomination.Status.REJECTED
            ).exclude(pk=self.instance.pk)
            if duplicate.exists():
                raise ValidationError(_("This person or unit is already proposed for this award in %(year)s.") % {"year": round_.year})
        return data

    def save(self, commit=True):
        self.instance.staff = self.cleaned_data.get("staff")
        self.instance.nominee_unit = self.cleaned_data.get("nominee_unit")
        self.instance.outsider = self.cleaned_data.get("outsider")
        if self.instance.outsider:
            # The unit that proposes the outsider: a unit head's own unit, or the Office's.
            if self.instance.unit_id is None:
                self.instance.unit = self.user.unit
        elif self.instance.staff:
            self.instance.unit = self.instance.staff.unit
        else:
            self.instance.unit = self.instance.nominee_unit
        return super().save(commit)


class DossierFileForm(forms.Form):
    # The same rules as evidence of unit reports: type by extension and content, size limit.
    file = UploadField(label=_("Dossier file (PDF, image, Word or Excel)"))


class BulkActionForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), choices=[("approve", _("Approve")), ("forward", _("Forward to the higher authority")), ("reject", _("Reject"))])
    note = forms.CharField(label=_("Note"), required=False)
    nominations = forms.ModelMultipleChoiceField(queryset=Nomination.objects.none())

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = queryset


class OverrideForm(forms.Form):
    rule_key = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Why this condition is set aside"), widget=forms.Textarea(attrs={"rows": 2}))


class OutcomeForm(forms.Form):
    awarded = forms.TypedChoiceField(
        label=_("Outcome"), coerce=lambda v: v == "1",
        choices=[("1", _("Awarded")), ("0", _("Not awarded"))],
    )
    decision_number = forms.CharField(label=_("decision number"), required=False)
    decision_date = forms.DateField(label=_("decision date"), required=False, widget=DateInput())
    reason = forms.CharField(label=_("Note"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("awarded") and not data.get("decision_number"):
            self.add_error("decision_number", _("Give the number of the higher authority's decision."))
        if data.get("awarded") is False and not data.get("reason"):
            self.add_error("reason", _("Please give a reason."))
        return data


class NominationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    round = forms.ModelChoiceField(label=_("Round"), queryset=AwardRound.objects.none(), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All"))] + Nomination.Status.choices, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = AwardRound.objects.visible_to(user)


@numbers_as_text
class RoundForm(forms.ModelForm):
    class Meta:
        model = AwardRound
        fields = ["name", "kind", "year", "opens_on", "closes_on", "is_open", "plan"]
        widgets = {"opens_on": DateInput(), "closes_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.filter(  # the round's agency's plans
            status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED], issuer_id=self.instance.agency_id)


class SessionForm(forms.Form):
    """Open a session: its date and place, and the agenda (the round's nominations passed to the council,
    of the award types chosen, or of every type)."""

    round = forms.ModelChoiceField(label=_("round"), queryset=AwardRound.objects.filter(is_open=True))
    held_on = forms.DateField(label=_("held on"), widget=DateInput())
    place = forms.CharField(label=_("meeting place"), required=False)
    award_types = forms.ModelMultipleChoiceField(
        label=_("award types on the agenda"), queryset=AwardType.objects.filter(active=True), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("None chosen: every award type."),
    )

    def __init__(self, *args, user, **kwargs):
        """The open rounds of the user's agency (its council votes on them)."""
        super().__init__(*args, **kwargs)
        scope_choices(self, user)

    def clean(self):
        data = super().clean()
        if data.get("round") and data.get("held_on"):
            if not members_in_force(data["held_on"], data["round"].agency_id).exists():
                raise ValidationError(_("The council has no member on that date: add its members first."))
            if not open_agenda(data["round"], data.get("award_types")).exists():
                raise ValidationError(_("No nomination of this round is waiting for the council."))
        return data


@numbers_as_text
class CouncilMemberForm(forms.ModelForm):
    """A member of the council with their role and the dates of their membership; the login is named by
    its user name (no list of every login)."""

    username = forms.CharField(label=_("login"), required=False, help_text=_("The member's user name, to vote online."))

    class Meta:
        model = CouncilMember
        fields = ["full_name", "title", "position", "valid_from", "valid_to", "order"]
        widgets = {"valid_from": DateInput(), "valid_to": DateInput()}

    def __init__(self, *args, agency_id, **kwargs):
        """A member of the council of agency `agency_id` (a new one joins it); the login is of that agency."""
        super().__init__(*args, **kwargs)
        if self.instance.agency_id is None:
            self.instance.agency_id = agency_id
        self.agency_id = self.instance.agency_id
        if self.instance.user_id:
            self.fields["username"].initial = self.instance.user.username

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True, agency_id=self.agency_id).first()
        if user is None:
            raise ValidationError(_("No active login with this user name."))
        return user

    def clean(self):
        data = super().clean()
        if data.get("valid_from") and data.get("valid_to") and data["valid_to"] < data["valid_from"]:
            self.add_error("valid_to", _("The end comes before the start."))
        return data

    def save(self, commit=True):
        self.instance.user = self.cleaned_data["username"]
        return super().save(commit)


@numbers_as_text
class PaperTallyForm(forms.Form):
    members = forms.ModelMultipleChoiceField(label=_("members who voted on paper"), queryset=CouncilMember.objects.none(),
                                             widget=forms.CheckboxSelectMultiple)
    votes_for = forms.IntegerField(label=_("for"), min_value=0)
    votes_against = forms.IntegerField(label=_("against"), min_value=0, required=False)
    reason = forms.CharField(label=_("reason"), max_length=300)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members

    def clean(self):
        data = super().clean()
        data["votes_against"] = data.get("votes_against") or 0
        return data


class DecisionForm(ConfirmWarningsMixin, forms.Form):
    """The decision to issue; warns (to confirm) when its money exceeds what the agency's fund of the
    year has left (awards.fund.over_the_fund)."""

    symbol = forms.CharField(label=_("symbol"))
    signed_on = forms.DateField(label=_("signed on"), widget=DateInput())
    signer_name = forms.CharField(label=_("signer"))
    signer_authority = forms.ChoiceField(label=_("signing authority"), choices=SignAuthority.choices)
    summary = forms.CharField(label=_("summary"))
    nominations = forms.ModelMultipleChoiceField(
        label=_("awardees"), queryset=Nomination.objects.none(), widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, queryset, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = queryset
        self.agency = agency

    def clean(self):
        data = super().clean()
        nominations, day = data.get("nominations"), data.get("signed_on")
        if self.agency is not None and nominations and day:
            try:
                _lines, total = decision_lines(list(nominations.select_related("award_type")), day)
            except MoneyError:
                total = 0  # issuing refuses it with what to do (awards.decisions.issue_decision)
            warning = over_the_fund(self.agency, day, total)
            self.confirm_warnings([warning] if warning else [])
        return data


@numbers_as_text
class QualificationForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    q = forms.CharField(label=_("Person or unit name"), required=False)
    show = forms.ChoiceField(label=_("Show"), required=False,
                             choices=[("people", _("Individuals")), ("units", _("Collectives"))])


@numbers_as_text
class LookupForm(forms.Form):
    q = forms.CharField(label=_("Person or unit name"), required=False)
    award_type = forms.ModelChoiceField(label=_("Award"), queryset=AwardType.objects.all(), required=False)
    level = forms.ChoiceField(label=_("Level"), choices=[("", _("All"))] + AwardType.Level.choices, required=False)
    year_from = forms.IntegerField(label=_("From year"), required=False, min_value=1945, max_value=2100)
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=1945, max_value=2100)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    decision = forms.CharField(label=_("Decision number"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        use_picker(self, "unit", "unit-all")


@numbers_as_text
class RegistrationForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["year", "collective_title", "commitment"]
        widgets = {"commitment": forms.Textarea(attrs={"rows": 3})}


class RegistrationLineForm(forms.ModelForm):
    class Meta:
        model = RegistrationLine
        fields = ["staff", "award_type", "commitment"]


def registration_lines_formset(unit):
    formset = forms.inlineformset_factory(Registration, RegistrationLine, form=RegistrationLineForm, extra=3, can_delete=True)

    class Lines(formset):
        def add_fields(self, form, index):
            super().add_fields(form, index)
            form.fields["staff"].queryset = Staff.objects.filter(unit__path__startswith=unit.path, active=True)

    return Lines


@numbers_as_text
class AwardTypeForm(forms.ModelForm):
    class Meta:
        model = AwardType
        fields = [
            "code", "name", "category", "level", "subject", "authority", "deciding_body", "vote_threshold",
            "ballot_required", "quorum_numerator", "quorum_denominator", "quota_percent", "quota_base",
            "quota_rounding", "quota_minimum", "counts_toward_lookbacks", "legal_basis", "dossier_documents", "order", "active", "statistics_column",
            "reward_coefficient", "reward_basis",
        ]
        widgets = {"legal_basis": forms.Textarea(attrs={"rows": 2}), "dossier_documents": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The rounding rule of a quota is only asked where there is a quota: left empty, it keeps the default.
        for name in ("quota_rounding", "quota_minimum"):
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        data["quota_rounding"] = data.get("quota_rounding") or AwardType.QuotaRounding.DOWN
        data["quota_minimum"] = data.get("quota_minimum") or 0
        if data.get("quorum_denominator") == 0:
            self.add_error("quorum_denominator", _("Must be at least 1."))
        if data.get("vote_threshold") is not None and data["vote_threshold"] > 100:
            self.add_error("vote_threshold", _("At most 100 %."))
        return data


@numbers_as_text
class InitiativeForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["kind", "title", "authors", "unit", "level", "year", "decision_number", "decision_date", "applied_in"]
        widgets = {"decision_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].required = False  # not chosen: an initiative, as before research topics were told apart
        use_picker(self, "authors", "staff")
        use_picker(self, "unit", "unit")

    def clean_kind(self):
        return self.cleaned_data.get("kind") or Initiative.Kind.INITIATIVE


@numbers_as_text
class EvaluationForm(forms.ModelForm):
    """The yearly evaluation of one person or one unit, entered by the Office."""

    class Meta:
        model = Evaluation
        fields = ["staff", "unit", "year", "level"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = Staff.objects.filter(active=True).select_related("unit")
        self.fields["unit"].queryset = Unit.objects.filter(active=True)
        use_picker(self, "staff", "staff")
        use_picker(self, "unit", "unit")

    def clean(self):
        data = super().clean()
        if bool(data.get("staff")) == bool(data.get("unit")):
            raise ValidationError(_("Choose either a person or a unit."))
        return data


class DisciplineForm(forms.ModelForm):
    class Meta:
        model = Discipline
        fields = ["staff", "form", "valid_from", "valid_to", "note"]
        widgets = {"valid_from": DateInput(), "valid_to": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_picker(self, "staff", "staff")


class ReviewFlagForm(forms.ModelForm):
    class Meta:
        model = ReviewFlag
        fields = ["staff", "unit", "kind", "opened_on", "closed_on", "note"]
        widgets = {"opened_on": DateInput(), "closed_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_picker(self, "staff", "staff")
        use_picker(self, "unit", "unit")

    def clean(self):
        data = super().clean()
        if bool(data.get("staff")) == bool(data.get("unit")):
            raise ValidationError(_("Choose either a person or a unit."))
        return data


class DelegationForm(forms.ModelForm):
    class Meta:
        model = Delegation
        fields = ["deputy", "valid_from", "valid_to", "document"]
        widgets = {"valid_from": DateInput(), "valid_to": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = User.objects.filter(role=Role.DEPUTY_DIRECTOR, is_active=True)


class RuleSetForm(forms.ModelForm):
    """A rule set's name, legal bases, validity dates and the principles it cites (the Office)."""

    class Meta:
        model = RuleSet
        fields = ["name", "legal_basis", "cited_texts", "valid_from", "valid_to", "lookback_basis", "initiative_basis"]
        widgets = {"valid_from": DateInput(), "valid_to": DateInput(),
                   "legal_basis": forms.Textarea(attrs={"rows": 2}), "cited_texts": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end of validity is before its start."))
        return data


# The parameters of each kind of rule, as labelled form fields (Rule.params keys).
def _award_field(subject=None):
    queryset = AwardType.objects.all() if subject is None else AwardType.objects.filter(subject=subject)
    return forms.ModelChoiceField(label=_("Award"), queryset=queryset, to_field_name="code")


RULE_PARAMETERS = {
    Rule.Kind.CONSECUTIVE_AWARDS: lambda: {
        "award": _award_field(), "years": forms.IntegerField(label=_("Consecutive years"), min_value=1, max_value=10)},
    Rule.Kind.EVALUATION: lambda: {
        "level": forms.TypedChoiceField(label=_("Evaluation at least"), choices=Evaluation.Level.choices, coerce=int),
        "years": forms.IntegerField(label=_("Years in a row"), min_value=1, max_value=10)},
    Rule.Kind.INITIATIVE: lambda: {
        "level": forms.TypedChoiceField(label=_("Recognised at least at"), choices=Initiative.Level.choices, coerce=int),
        "count": forms.IntegerField(label=_("Number of initiatives"), min_value=1, max_value=20),
        "years": forms.IntegerField(label=_("Within the last years"), min_value=1, max_value=10)},
    Rule.Kind.SERVICE_MONTHS: lambda: {
        "months": forms.IntegerField(label=_("Months of service at least"), min_value=0, max_value=120)},
    Rule.Kind.MEMBER_SHARE: lambda: {
        "award": _award_field(AwardType.Subject.INDIVIDUAL),
        "percent": forms.IntegerField(label=_("Share of members (%)"), min_value=0, max_value=100)},
    Rule.Kind.MEMBER_EVALUATION: lambda: {
        "level": forms.TypedChoiceField(label=_("Evaluation at least"), choices=Evaluation.Level.choices, coerce=int),
        "percent": forms.IntegerField(label=_("Share of members (%)"), min_value=0, max_value=100)},
    Rule.Kind.MEMBER_AWARD_COUNT: lambda: {
        "award": _award_field(AwardType.Subject.INDIVIDUAL),
        "count": forms.IntegerField(label=_("Members at least"), min_value=1, max_value=1000)},
    Rule.Kind.NO_MEMBER_DISCIPLINE: lambda: {
        "min_form": forms.TypedChoiceField(label=_("Discipline from"), choices=Discipline.Form.choices, coerce=int)},
    Rule.Kind.DECLARED_PATH: lambda: {
        "path": forms.ChoiceField(label=_("Criterion"), choices=[c for c in Nomination.Path.choices if c[0]])},
    Rule.Kind.LEADS_BLOCK: lambda: {
        "rank": forms.IntegerField(label=_("Rank in the block at most"), min_value=1, max_value=10),
        "province": forms.BooleanField(label=_("Only blocks and clusters organised by the province"), required=False)},
}


class RuleForm(forms.Form):
    """One rule: its parameters (by kind, labelled), its legal citation. The kind and the award stay."""

    legal_basis = forms.CharField(label=_("Legal basis"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, rule, **kwargs):
        self.rule = rule
        initial = {"legal_basis": rule.legal_basis, **rule.params}
        super().__init__(*args, initial=initial, **kwargs)
        self.parameters = list(RULE_PARAMETERS.get(rule.kind, dict)().items())
        self.fields = {**dict(self.parameters), **self.fields}

    def params(self):
        """The new parameters, as stored (award codes, numbers)."""
        values = {}
        for name, _field in self.parameters:
            value = self.cleaned_data[name]
            values[name] = value.code if isinstance(value, AwardType) else value
        return values


# The province level (awards.forwarding) -------------------------------------------------------------------

class ForwardingStatusForm(forms.Form):
    """The forwarded dossiers in one state: the agency's list of its dossiers at the province."""

    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All"))] + Forwarding.Status.choices, required=False)


class ForwardingFilterForm(ForwardingStatusForm):
    """The province's inbox: also by agency and by the nominee's name."""

    q = forms.CharField(label=_("Search"), required=False)
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none(), required=False)

    def __init__(self, *args, province_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(province_id=province_id)


class ProvinceDecisionForm(forms.Form):
    signed_on = forms.DateField(label=_("signed on"), widget=DateInput())
    signer_name = forms.CharField(label=_("signer"), max_length=150)
    signer_authority = forms.ChoiceField(label=_("signing authority"), choices=ProvinceDecision.Authority.choices)
    summary = forms.CharField(label=_("summary"), max_length=300)
    forwardings = forms.ModelMultipleChoiceField(
        label=_("dossiers the provincial council passed"), queryset=Forwarding.objects.none(), widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forwardings"].queryset = queryset
        self.fields["forwardings"].label_from_instance = lambda f: f"{f.nomination} — {f.agency.name}"


class AuditFilterForm(forms.Form):
    person = forms.CharField(label=_("By whom"), required=False)
    kind = forms.ChoiceField(label=_("Record kind"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, kinds, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All"))] + [(key, kind.label) for key, kind in kinds.items()]
        self.fields["action"].choices = [("", _("All"))] + sorted(actions.items(), key=lambda pair: str(pair[1]))

    def filters(self):
        """The filters for awards.audit.entries (none when the form is not valid)."""
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class BaseSalaryForm(forms.ModelForm):
    class Meta:
        model = BaseSalary
        fields = ["valid_from", "amount", "legal_basis"]
        widgets = {"valid_from": DateInput(), "amount": NumberText()}


class FundSourceForm(forms.ModelForm):
    class Meta:
        model = FundSource
        fields = ["kind", "amount", "received_on", "reference"]
        widgets = {"received_on": DateInput(), "amount": NumberText()}

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if not amount:
            raise ValidationError(_("Enter an amount above zero."))
        return amount


@numbers_as_text
class FundYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


@numbers_as_text
class ExemplarForm(forms.ModelForm):
    """An exemplary model: inside the agency (a staff member or a unit) or outside it (a name)."""

    class Meta:
        model = Exemplar
        fields = ["unit", "year", "kind", "staff", "nominee_unit", "name", "deed", "evidence", "plan", "introduced",
                  "introduced_note"]
        widgets = {"deed": forms.Textarea(attrs={"rows": 4}), "evidence": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.visible_to(user).filter(active=True)
        self.fields["unit"].queryset = units
        self.fields["staff"].queryset = Staff.objects.visible_to(user).filter(active=True).select_related("unit")
        self.fields["nominee_unit"].queryset = units
        self.fields["plan"].queryset = Plan.objects.visible_to(user).filter(status=PlanStatus.ISSUED).order_by("-year_to")
        use_picker(self, "unit", "unit")
        use_picker(self, "staff", "staff")
        use_picker(self, "nominee_unit", "unit")

    def clean(self):
        data = super().clean()
        staff, unit, name = data.get("staff"), data.get("nominee_unit"), (data.get("name") or "").strip()
        if sum(bool(value) for value in (staff, unit, name)) != 1:
            raise ValidationError(_("Name the model once: a staff member, a unit of the agency, or a name outside "
                                    "the agency."))
        if data.get("kind") == Exemplar.Kind.PERSON and unit:
            self.add_error("nominee_unit", _("A unit is a collective: choose “Collective” or a staff member."))
        if data.get("kind") == Exemplar.Kind.COLLECTIVE and staff:
            self.add_error("staff", _("A staff member is a person: choose “Person” or a unit."))
        return data


class CommuneWidget(forms.Select):
    """The commune of an address: a search box and a <select> of the chosen province's communes, which
    the box filters and a change of province reloads (htmx, awards.views.outsiders.communes); without
    script, the <select> holds every commune of the province chosen."""

    template_name = "awards/widgets/commune.html"


TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")
CITIZEN_ID = re.compile(r"^\d{12}$")


@numbers_as_text
class OutsiderForm(RevisionFormMixin, forms.ModelForm):
    """An outside nominee with the fields the documents of its kind need; its address on the current
    administrative units (awards.addresses). A stale save is refused (revision)."""

    #: The fields each kind must have, besides the name.
    REQUIRED = {
        Outsider.Kind.PERSON: ("birth_year", "workplace", "province_code", "commune_code"),
        Outsider.Kind.HOUSEHOLD: ("province_code", "commune_code"),
        Outsider.Kind.ENTERPRISE: ("tax_code", "province_code", "commune_code"),
        Outsider.Kind.COLLECTIVE: ("parent_body", "province_code"),
        Outsider.Kind.FOREIGNER: ("nationality",),
    }

    province_code = forms.TypedChoiceField(label=_("province"), coerce=int, empty_value=None, required=False)
    # A number checked against the province in `clean` (a clear message), shown as the province's <select>.
    commune_code = forms.IntegerField(label=_("commune, ward"), required=False, widget=CommuneWidget)

    class Meta:
        model = Outsider
        fields = ["kind", "name", "birth_year", "id_number", "workplace", "nationality", "tax_code", "parent_body",
                  "province_code", "commune_code", "street", "note"]

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["province_code"].choices = [("", _("— choose the province —"))] + list(addresses.provinces())
        province = self.data.get(self.add_prefix("province_code")) if self.is_bound else self.initial.get("province_code")
        if not self.is_bound and self.instance.pk is None:
            province = self.initial["province_code"] = addresses.province_of_place(agency.place)
        self.fields["commune_code"].widget.choices = [("", _("— choose the commune —"))] + addresses.communes(province)
        self.fields["province_code"].widget.attrs.update({
            "hx-get": reverse_lazy("awards:communes"), "hx-trigger": "change", "hx-target": "#id_commune_code",
            "hx-swap": "outerHTML", "hx-include": "this"})
        self.fields["name"].label = _("Name (a household: its head)")
        self.fields["revision"].initial = self.instance.revision

    def clean_tax_code(self):
        value = self.cleaned_data["tax_code"].strip()
        if value and not TAX_CODE.match(value):
            raise ValidationError(_("A tax code has 10 digits, or 13 as 10 digits, a hyphen and 3 digits (0101234567-001)."))
        return value

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        for field in self.REQUIRED.get(kind, ()):
            if data.get(field) in (None, ""):
                self.add_error(field, _("Needed for this kind of nominee (it is written in the documents)."))
        id_number = (data.get("id_number") or "").strip()
        if id_number and kind != Outsider.Kind.FOREIGNER and not CITIZEN_ID.match(id_number):
            self.add_error("id_number", _("A citizen identity number has 12 digits."))
        commune, province = data.get("commune_code"), data.get("province_code")
        if commune and not addresses.commune_in(commune, province):
            self.add_error("commune_code", _("This commune is not in the province chosen: choose it again."))
        others = Outsider.objects.filter(agency=self.agency).exclude(pk=self.instance.pk)
        for field, message in (("tax_code", _("An enterprise with this tax code is already in the register: %(name)s.")),
                               ("id_number", _("A nominee with this identity number is already in the register: %(name)s."))):
            value = (data.get(field) or "").strip()
            same = others.filter(**{field: value}).first() if value else None
            if same is not None:
                self.add_error(field, message % {"name": same.display_name})
        return data


class OutsiderFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("kind of nominee"), choices=[("", _("All"))] + Outsider.Kind.choices, required=False)
