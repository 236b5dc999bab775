"""Periodic unit reports (báo cáo kết quả thực hiện) on an issued plan.

A `ReportingPeriod` (quarter, 6 months, 9 months, year, ad hoc) of a plan lists the units that must
report and a due date. A `UnitReport` is one unit's report for one period: one `ItemProgress` per content
item and sub-point, one `TargetResult` per target that applies to the unit, `Evidence` files, and four
sections of its own. Its status follows `campaigns.workflow.REPORT_WORKFLOW`; every submission is kept as a
`ReportVersion` (a JSON snapshot with its author). `version` is the optimistic lock of the edit form.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from campaigns import rules
from emulation.models import Unit
from emulation.uploads import UploadTo, validate_upload


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("Quarter")
    HALF_YEAR = "half_year", _("6 months")
    NINE_MONTHS = "nine_months", _("9 months")
    YEAR = "year", _("Year")
    AD_HOC = "ad_hoc", pgettext_lazy("period", "Ad hoc")


class ReportingPeriodQuerySet(models.QuerySet):
    def visible_to(self, user):
        return rules.scope_periods(self, user)


class ReportingPeriod(models.Model):
    plan = models.ForeignKey("campaigns.Plan", verbose_name=_("plan"), on_delete=models.PROTECT, related_name="periods")
    kind = models.CharField(_("type of period"), max_length=20, choices=PeriodKind.choices, default=PeriodKind.QUARTER)
    name = models.CharField(_("name"), max_length=150, help_text=_("For example “Quý I năm 2025”."))
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    due = models.DateField(_("due date"))
    units = models.ManyToManyField(
        Unit, verbose_name=_("units that must report"), related_name="reporting_periods",
        help_text=_("By default every active unit."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["plan", "due", "start", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="period_dates_ordered"),
            models.UniqueConstraint(fields=["plan", "kind", "start", "end"], name="period_unique_per_plan"),
        ]

    def __str__(self):
        return self.name


class ReportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("report status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("report status", "Submitted")
    RETURNED = "returned", pgettext_lazy("report status", "Returned for correction")
    RESUBMITTED = "resubmitted", pgettext_lazy("report status", "Resubmitted")
    ACCEPTED = "accepted", pgettext_lazy("report status", "Accepted")


#: Statuses in which the unit (or the Office on its behalf) may change the report.
EDITABLE_STATUSES = {ReportStatus.DRAFT, ReportStatus.RETURNED}
#: Statuses waiting for the Office's review.
AWAITING_REVIEW = {ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED}


class UnitReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        return rules.scope_reports(self, user)


class UnitReport(models.Model):
    period = models.ForeignKey(ReportingPeriod, verbose_name=_("period"), on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="unit_reports")
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    results = models.TextField(_("results"), blank=True)
    shortcomings = models.TextField(_("shortcomings and limitations"), blank=True)
    causes = models.TextField(_("causes"), blank=True)
    proposals = models.TextField(_("recommendations and proposals"), blank=True)
    delegates = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("staff who may edit"), blank=True, related_name="delegated_reports",
        help_text=_("Staff of the unit the unit head lets write this report."),
    )
    # Optimistic lock: every save of the draft increments it; a form posted with an older value is refused.
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    late = models.BooleanField(_("submitted late"), default=False)
    entered_by_office = models.BooleanField(_("entered by the Office on the unit's behalf"), default=False)
    return_reason = models.TextField(_("reason for return"), blank=True)
    # When the Office first opened the report as submitted (cleared by each submission): until then the
    # unit head may withdraw it (campaigns.workflow, "withdraw").
    opened_at = models.DateTimeField(_("opened by the Office at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit report")
        verbose_name_plural = _("unit reports")
        ordering = ["period", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="one_report_per_unit_and_period")]

    def __str__(self):
        return f"{self.period} – {self.unit}"

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    @property
    def awaits_review(self):
        return self.status in AWAITING_REVIEW


class ItemStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class ItemProgress(models.Model):
    """What the unit did on one content item or sub-point in the period."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="items")
    item = models.ForeignKey("campaigns.ContentItem", verbose_name=_("content item"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("progress"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.NOT_STARTED)
    percent = models.PositiveSmallIntegerField(_("completion (%)"), null=True, blank=True)
    text = models.TextField(_("what was done"), blank=True)
    to_fix = models.BooleanField(_("to be corrected"), default=False)
    fix_note = models.TextField(_("what to correct"), blank=True)

    class Meta:
        verbose_name = _("progress on a content item")
        verbose_name_plural = _("progress on content items")
        constraints = [
            models.UniqueConstraint(fields=["report", "item"], name="one_progress_per_item"),
            models.CheckConstraint(condition=Q(percent__lte=100), name="percent_at_most_100"),
        ]


class TargetResult(models.Model):
    """The value a unit achieved for one target that applies to it."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="target_results")
    target = models.ForeignKey("campaigns.Target", verbose_name=_("target"), on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("value achieved"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("target result")
        verbose_name_plural = _("target results")
        constraints = [models.UniqueConstraint(fields=["report", "target"], name="one_result_per_target")]


class Evidence(models.Model):
    """An evidence file of a report, attached to one content item. Stored under MEDIA_ROOT with a random
    name; served only through the permission-checked view."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="evidence")
    item = models.ForeignKey("campaigns.ContentItem", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("file"), upload_to=UploadTo("evidence"), validators=[validate_upload], max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class ReportVersion(models.Model):
    """One submission of a report, frozen: the snapshot of what was submitted, by whom, when."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("submission"))
    snapshot = models.JSONField(default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    late = models.BooleanField(_("late"), default=False)
    on_behalf = models.BooleanField(_("by the Office on the unit's behalf"), default=False)

    class Meta:
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="version_number_unique")]


class UnitEmailReminder(models.Model):
    """A reminder sent to a unit's own e-mail address, once per period, unit and day: by the Office (“Nhắc”,
    `sent_by` its author) or by the daily reminders (`send_report_reminders`, no `sent_by`). The unique key
    makes a second click, a second run, or two at once, send nothing new."""

    period = models.ForeignKey(ReportingPeriod, verbose_name=_("period"), on_delete=models.CASCADE,
                               related_name="email_reminders")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="email_reminders")
    day = models.DateField(_("day"))
    address = models.EmailField(_("e-mail"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("e-mail reminder to a unit")
        verbose_name_plural = _("e-mail reminders to units")
        constraints = [models.UniqueConstraint(fields=["period", "unit", "day"], name="one_unit_email_reminder_a_day")]
