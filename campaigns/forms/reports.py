"""Forms of reporting periods and unit reports."""
from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import ItemProgress, ItemStatus, Plan, PlanStatus, ReportingPeriod, UnitReport
from campaigns.reporting import default_units, settle_progress
from emulation import calendar
from emulation.forms import ConfirmWarningsMixin, DateInput, numbers_as_text, NumberText
from emulation.models import Unit, User
from emulation.pickers import use_picker
from emulation.uploads import UploadField
from campaigns.report_board import BoardState


def issued_plans():
    return Plan.objects.filter(status=PlanStatus.ISSUED)


class PeriodForm(ConfirmWarningsMixin, forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["plan", "kind", "name", "start", "end", "due", "units"]
        widgets = {"start": DateInput(), "end": DateInput(), "due": DateInput(), "units": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = issued_plans()
        self.fields["units"].queryset = Unit.objects.filter(active=True).order_by("path")
        if not self.instance.pk:
            self.initial.setdefault("units", list(default_units(self.instance.plan.issuer_id if self.instance.plan_id else None)
                                                  .values_list("pk", flat=True)))

    def clean(self):
        data = super().clean()
        start, end, due = data.get("start"), data.get("end"), data.get("due")
        if start and end and end < start:
            self.add_error("end", _("The period cannot end before it starts."))
        for error in due_date_errors(start, due):
            self.add_error("due", error)
        if due and due < calendar.today() and (not self.instance.pk or self.instance.due != due):
            self.confirm_warnings([_("The due date %(date)s is already past: every unit that has not reported "
                                     "will be late at once. Check the year and the month.") % {
                                         "date": due.strftime("%d/%m/%Y")}])
        return data


@numbers_as_text
class StandardPeriodsForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = issued_plans()
        self.initial.setdefault("year", calendar.today().year)


def due_date_errors(start, due):
    """Why `due` cannot be the due date of a period starting on `start` (the rules of PeriodForm)."""
    errors = []
    if start and due and due < start:
        errors.append(_("The due date cannot be before the period starts."))
    if due and not calendar.is_working_day(due):
        errors.append(_("The due date %(date)s is a day off%(name)s; choose a working day.") % {
            "date": due.strftime("%d/%m/%Y"),
            "name": f" ({calendar.holiday_name(due)})" if calendar.holiday_name(due) else "",
        })
    return errors


class StandardDuesForm(forms.Form):
    """The preview step of creating the standard periods: one due date per period still to create,
    proposed by default and changed by the Office before saving."""

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = [period for period in periods if not period.exists]
        for period in self.periods:
            self.fields[f"due_{period.kind}"] = forms.DateField(
                label=_("Due date of %(period)s") % {"period": period.name}, initial=period.due, widget=DateInput())
            self.fields[f"due_{period.kind}"].widget.attrs["class"] = "form-control"

    def rows(self):
        return [(period, self[f"due_{period.kind}"]) for period in self.periods]

    def clean(self):
        data = super().clean()
        for period in self.periods:
            for error in due_date_errors(period.start, data.get(f"due_{period.kind}")):
                self.add_error(f"due_{period.kind}", error)
        return data

    def dues(self):
        return {period.kind: self.cleaned_data[f"due_{period.kind}"] for period in self.periods}


class PeriodFilterForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.none(), required=False, empty_label=_("All plans"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.filter(periods__isnull=False).distinct()


class BoardFilterForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.none(), required=False, empty_label=_("All plans"))
    period = forms.ModelChoiceField(
        label=_("Period"), queryset=ReportingPeriod.objects.none(), required=False, empty_label=_("All periods")
    )
    state = forms.ChoiceField(label=_("State"), required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All units"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        periods = ReportingPeriod.objects.visible_to(user)
        self.fields["plan"].queryset = Plan.objects.filter(periods__in=periods).distinct()
        self.fields["period"].queryset = periods.order_by("start", "end", "pk")
        self.fields["state"].choices = [("", _("All states"))] + BoardState.choices
        self.fields["unit"].queryset = Unit.objects.visible_to(user).filter(active=True)
        use_picker(self, "unit", "unit")  # a province's thousand units: search, never a <select> of all


class SectionsForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = UnitReport
        fields = ["results", "shortcomings", "causes", "proposals"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}


class ItemProgressForm(forms.ModelForm):
    evidence = UploadField(label=_("Add an evidence file"), required=False)

    class Meta:
        model = ItemProgress
        fields = ["status", "percent", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "percent": NumberText(attrs={"inputmode": "numeric"})}

    def __init__(self, *args, number="", **kwargs):
        super().__init__(*args, **kwargs)
        self.number = number
        # A request with the percentage only (or an empty progress) takes the progress the percentage means.
        self.fields["status"].required = False

    def clean_percent(self):
        percent = self.cleaned_data.get("percent")
        if percent is not None and percent > 100:
            raise forms.ValidationError(_("At most 100."))
        return percent

    def clean(self):
        data = super().clean()
        if self.has_error("percent") or self.has_error("status"):
            return data
        settled = settle_progress(data.get("status"), data.get("percent"))
        if settled is None:
            self.add_error("percent", _(
                "Item %(number)s: %(percent)s%% does not match the progress “%(status)s”. Correct the percentage "
                "or choose the matching progress (0%% not started, 1–99%% in progress, 100%% done)."
            ) % {"number": self.number, "percent": data["percent"], "status": ItemStatus(data["status"]).label})
        else:
            data["status"], data["percent"] = settled
        return data


class TargetValueForm(forms.Form):
    value = forms.DecimalField(label=_("value achieved"), max_digits=14, decimal_places=2, required=False,
                               widget=NumberText())


class ReturnForm(forms.Form):
    """The reason for returning a report, and for each item whether it must be corrected (with a note)."""

    reason = forms.CharField(label=_("Reason for return"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[f"fix_{row.item.pk}"] = forms.BooleanField(
                label=_("Item %(number)s must be corrected") % {"number": row.number}, required=False
            )
            self.fields[f"note_{row.item.pk}"] = forms.CharField(
                label=_("What to correct in item %(number)s") % {"number": row.number}, required=False
            )

    def items_to_fix(self):
        return {
            row.item.pk: self.cleaned_data.get(f"note_{row.item.pk}", "")
            for row in self.rows
            if self.cleaned_data.get(f"fix_{row.item.pk}")
        }

    def item_fields(self):
        return [(row, self[f"fix_{row.item.pk}"], self[f"note_{row.item.pk}"]) for row in self.rows]


class DelegatesForm(forms.ModelForm):
    class Meta:
        model = UnitReport
        fields = ["delegates"]
        widgets = {"delegates": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegates"].queryset = User.objects.filter(
            is_active=True, unit__path__startswith=self.instance.unit.path
        ).order_by("last_name", "first_name")


class SubmitForm(forms.Form):
    """The confirmation of a submission: a note to the Office, required when some items are still empty
    (the unit says why), optional otherwise (e.g. an answer to a return)."""

    note = forms.CharField(label=_("Note to the Office"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, empty_count=0, resubmit=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_count = empty_count
        if empty_count:
            self.fields["note"].label = _("Why are these items empty?")
            self.fields["note"].help_text = _("For example: the unit has no task of this kind in the period.")
        elif resubmit:
            self.fields["note"].label = _("Your answer to the Office (optional)")
            self.fields["note"].help_text = _("What you corrected, or why something stays as it was.")

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if self.empty_count and not note:
            raise forms.ValidationError(_("Say why these items have no result, or fill them in first."))
        return note
