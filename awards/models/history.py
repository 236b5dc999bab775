"""What the rules read: award records, yearly evaluations, initiatives, discipline and reviews."""
from datetime import date

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from emulation import scoping
from emulation.models import Staff, Unit
from emulation.text import fold, nfc


class AwardKind(models.TextChoices):
    """Loại hình khen thưởng (Luật Điều 8) as far as a Department uses it."""

    # A context: the campaigns app translates its own "Ad hoc" (a kind of plan) differently.
    REGULAR = "regular", _("Annual (merit)")
    THEMATIC = "thematic", pgettext_lazy("award kind", "Thematic")
    AD_HOC = "ad_hoc", pgettext_lazy("award kind", "Ad hoc")
    FOREIGN = "foreign", _("Foreign relations")
    DEDICATION = "dedication", _("Dedication (process of contribution)")
    SENIORITY = "seniority", _("Length of service")
    RESISTANCE = "resistance", _("Resistance war")


def _one_subject():
    return Q(staff__isnull=False, unit__isnull=True) | Q(staff__isnull=True, unit__isnull=False)


class AwardRecordQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Unit heads: records of their subtree (people by their unit at the time); others in scope: all
        of their agency, checked row by row so that the lookup pages through its ordering index."""
        return scoping.scope_by_unit(self, user, "holder_unit", row_by_row=True)

    def with_names(self):
        """The names the units bore (UnitName), so that `holder_unit_then` and `holder_name_then` cost no
        query per row: one query per kind of unit whatever the number of rows."""
        return self.prefetch_related("holder_unit__names", "unit__names")


class AwardRecord(models.Model):
    """One award received by a person or a unit, decided here or imported from past years."""

    class Source(models.TextChoices):
        HERE = "here", _("Decided here")
        PROVINCE = "province", _("Decided by the higher authority")
        IMPORTED = "imported", _("Imported")

    staff = models.ForeignKey(Staff, verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT, related_name="award_records")
    unit = models.ForeignKey(Unit, verbose_name=_("collective"), null=True, blank=True, on_delete=models.PROTECT, related_name="award_records")
    outsider = models.ForeignKey("awards.Outsider", verbose_name=_("outside nominee"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="award_records")
    holder_unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+",
        help_text=_("The collective itself, the person's unit at the time, or the unit that proposed an outside nominee."),
    )
    award_type = models.ForeignKey("awards.AwardType", verbose_name=_("award"), on_delete=models.PROTECT, related_name="records")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=AwardKind.choices, default=AwardKind.REGULAR)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    issuing_authority = models.CharField(_("issued by"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.IMPORTED)
    decision = models.ForeignKey("awards.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="records")
    nomination = models.OneToOneField("awards.Nomination", null=True, blank=True, on_delete=models.PROTECT, related_name="record")
    initiatives = models.ManyToManyField(
        "awards.Initiative", verbose_name=_("initiatives used"), blank=True, related_name="records",
        help_text=_("The initiatives this award was based on: each supports one award only."))
    search_text = models.CharField(max_length=500, editable=False, default="", db_index=True)
    # A copy of award_type.order (kept by AwardType.save) so that the lookup's order (year, award, name)
    # is one index of this table: ordering through the join sorted every record on each page.
    award_order = models.PositiveSmallIntegerField(editable=False, default=0)

    # Field changes, old → new, who and when (issue 31 §9; emulation.history.change_history reads them).
    history = HistoricalRecords(excluded_fields=["search_text", "award_order"])
    objects = AwardRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("award record")
        verbose_name_plural = _("award records")
        ordering = ["-year", "award_type__order", "pk"]
        constraints = [models.CheckConstraint(
            condition=Q(staff__isnull=False, unit__isnull=True, outsider__isnull=True)
            | Q(staff__isnull=True, unit__isnull=False, outsider__isnull=True)
            | Q(staff__isnull=True, unit__isnull=True, outsider__isnull=False),
            name="award_record_one_subject",
            violation_error_message=_("An award belongs either to a person, to a unit or to an outside nominee."))]
        indexes = [
            models.Index(fields=["staff", "year"]), models.Index(fields=["unit", "year"]),
            models.Index(fields=["outsider", "year"], name="award_record_outsider_year"),
            # The lookup's order (LOOKUP_ORDER): a page of the newest records is read from the index.
            models.Index(fields=["-year", "award_order", "search_text", "id"], name="award_record_lookup_order"),
            # The holders of one award in one year (a collective's members' share, awards.eligibility).
            models.Index(fields=["award_type", "year", "staff"], name="award_record_type_year"),
        ]

    def __str__(self):
        return f"{self.award_type} {self.year}: {self.holder_name}"

    @property
    def holder_name(self):
        if self.outsider_id:
            return self.outsider.display_name
        return self.staff.full_name if self.staff_id else self.unit.name

    @property
    def on_date(self):
        """The day the record speaks of: its decision's date, else the last day of its year."""
        return self.decision_date or date(self.year, 12, 31)

    @property
    def holder_unit_then(self):
        """The holder's unit as it was named on the record's date (a renamed unit keeps its old name for
        its past awards); the current name when it was never renamed."""
        return self.holder_unit.name_on(self.on_date) if self.holder_unit_id else ""

    @property
    def holder_name_then(self):
        """The person, or the collective as it was named on the record's date."""
        return self.staff.full_name if self.staff_id else self.unit.name_on(self.on_date)

    def prepare(self):
        """Fill what is derived (holder unit, normalised decision number, folded search text, the award's
        order) without saving: `save` calls it, and so do the bulk writers (decisions, imports). An outside
        nominee's record is held by the unit that proposed it (set by the caller)."""
        if not self.holder_unit_id:
            self.holder_unit_id = self.unit_id or self.staff.unit_id
        self.decision_number = nfc(self.decision_number) or ""
        holder = self.holder_name
        self.search_text = fold(f"{holder} {self.decision_number}")
        self.award_order = self.award_type.order

    def save(self, *args, **kwargs):
        self.prepare()
        super().save(*args, **kwargs)


#: The order of the lookup and its export, matched by the index "award_record_lookup_order".
LOOKUP_ORDER = ("-year", "award_order", "search_text", "id")


class Evaluation(models.Model):
    """The yearly mức độ hoàn thành nhiệm vụ of a person or a unit: entered or imported, never computed."""

    class Level(models.IntegerChoices):
        NOT_COMPLETED = 1, _("Did not complete the tasks")
        COMPLETED = 2, _("Completed the tasks")
        GOOD = 3, _("Completed the tasks well")
        EXCELLENT = 4, _("Completed the tasks excellently")

    staff = models.ForeignKey(Staff, verbose_name=_("person"), null=True, blank=True, on_delete=models.CASCADE, related_name="evaluations")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.CASCADE, related_name="evaluations")
    year = models.PositiveSmallIntegerField(_("year"))
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    # Field changes, old → new, who and when (issue 31 §9; emulation.history.change_history reads them).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("yearly evaluation")
        verbose_name_plural = _("yearly evaluations")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=_one_subject(), name="evaluation_one_subject"),
            models.UniqueConstraint(fields=["staff", "year"], condition=Q(staff__isnull=False), name="evaluation_staff_year"),
            models.UniqueConstraint(fields=["unit", "year"], condition=Q(unit__isnull=False), name="evaluation_unit_year"),
        ]
        # The people evaluated at a level or better in one year (a collective's members, awards.eligibility).
        indexes = [models.Index(fields=["year", "level", "staff"], name="evaluation_year_level")]

    def __str__(self):
        return f"{self.year}: {self.get_level_display()}"


class Discipline(models.Model):
    """A disciplinary measure: it blocks awards while in force; achievements count again after it ends."""

    class Form(models.IntegerChoices):
        REPRIMAND = 1, _("Reprimand")
        WARNING = 2, _("Warning")
        SALARY_DOWNGRADE = 3, _("Salary downgrade")
        DEMOTION = 4, _("Demotion")
        DISMISSAL_FROM_POST = 5, _("Dismissal from post")
        DISCHARGE = 6, _("Discharge")

    staff = models.ForeignKey(Staff, verbose_name=_("person"), on_delete=models.CASCADE, related_name="disciplines")
    form = models.PositiveSmallIntegerField(_("form"), choices=Form.choices)
    valid_from = models.DateField(pgettext_lazy("period", "from"))
    valid_to = models.DateField(pgettext_lazy("period", "to"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # Field changes, old → new, who and when (issue 31 §9; emulation.history.change_history reads them).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")
        ordering = ["-valid_from"]


class ReviewFlag(models.Model):
    """An investigation, inspection or complaint under review: no award while it lasts."""

    class Kind(models.TextChoices):
        INVESTIGATION = "investigation", _("Investigation")
        INSPECTION = "inspection", _("Inspection")
        COMPLAINT = "complaint", _("Complaint or denunciation")
        DISCIPLINE_REVIEW = "discipline_review", _("Disciplinary review")

    staff = models.ForeignKey(Staff, verbose_name=_("person"), null=True, blank=True, on_delete=models.CASCADE, related_name="review_flags")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.CASCADE, related_name="review_flags")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("review in progress")
        verbose_name_plural = _("reviews in progress")
        constraints = [models.CheckConstraint(condition=_one_subject(), name="review_flag_one_subject")]


class Initiative(models.Model):
    """A sáng kiến (or a research topic, đề tài) recognised at a level. It may support one award only."""

    class Level(models.IntegerChoices):
        BASE = 1, _("Department level")
        PROVINCE = 2, _("Province level")
        NATIONAL = 3, _("National level")

    class Kind(models.TextChoices):
        INITIATIVE = "initiative", _("Initiative")
        RESEARCH = "research", _("Research topic")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.INITIATIVE)
    title = models.CharField(_("title"), max_length=300)
    authors = models.ManyToManyField(Staff, verbose_name=_("authors"), related_name="initiatives")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="initiatives")
    level = models.PositiveSmallIntegerField(_("recognised at"), choices=Level.choices, default=Level.BASE)
    year = models.PositiveSmallIntegerField(_("year"))
    decision_number = models.CharField(_("recognition decision"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    applied_in = models.CharField(_("where applied"), max_length=300, blank=True)
    # Field changes, old → new, who and when (issue 31 §9; emulation.history.change_history reads them).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-year", "title"]

    def __str__(self):
        return f"{self.title} ({self.year})"
