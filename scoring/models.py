"""The scoring table of a plan (bảng tiêu chí chấm điểm thi đua), the units' self-assessments and the
emulation blocks (khối, cụm thi đua).

A `ScoringTable` belongs to one agency and one year (usually made from the plan the agency runs): its
`Section`s hold `Criterion` rows (how each is scored: scoring.enums.Method), its `Band`s classify the
total, its tie-break rules order equal totals. While it is being prepared the Office changes it freely;
once scoring starts (`TableStatus.SCORING`) it is frozen: scoring.editing refuses every change.

An `Assessment` is one unit's scoring against a table: one `Score` per criterion (the unit's own value
kept in `self_value`, the current one in `value`: the Office changes it only with a reason, written on
the timeline old → new). Points are never stored per criterion: scoring.arithmetic computes them from
the values, so that a change of value cannot leave stale points. When the result is issued the total,
band and ranks are written on the assessment (what the award checks read).

A `Block` groups units of one agency (or, at a province, the agencies' root units) for one year, with
its head and deputy.
"""
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from emulation.models import Unit, fill_agency
from scoring import rules
from scoring.enums import AssessmentStatus, BlockKind, Category, EDITABLE, Method, TableStatus, TieBreak

ZERO = Decimal("0")
POINTS = {"max_digits": 8, "decimal_places": 2}


class ScoringTableQuerySet(models.QuerySet):
    def visible_to(self, user):
        return rules.scope_tables(self, user)


class ScoringTable(models.Model):
    agency = models.ForeignKey("emulation.Agency", verbose_name=_("agency"), on_delete=models.PROTECT,
                               related_name="scoring_tables", editable=False)
    plan = models.ForeignKey("campaigns.Plan", verbose_name=_("plan"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="scoring_tables")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title of the table"), max_length=300)
    status = models.CharField(_("status"), max_length=20, choices=TableStatus.choices, default=TableStatus.DRAFT)
    bonus_cap = models.DecimalField(_("most bonus points in all"), default=ZERO, validators=[MinValueValidator(0)],
                                    **POINTS)
    deduction_cap = models.DecimalField(_("most deduction points in all"), default=ZERO,
                                        validators=[MinValueValidator(0)], **POINTS)
    tie_breaks = models.CharField(
        _("tie-break rules"), max_length=100, blank=True, default="base,deductions,submitted",
        help_text=_("Applied in this order to units with the same total."))
    copied_from = models.ForeignKey("self", verbose_name=_("copied from"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="copies")
    number = models.PositiveIntegerField(_("number"), null=True, blank=True, editable=False)
    issue_date = models.DateField(_("issue date"), null=True, blank=True, editable=False)
    signer_name = models.CharField(_("signer of the notice"), max_length=150, blank=True)
    revision = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScoringTableQuerySet.as_manager()

    class Meta:
        verbose_name = _("scoring table")
        verbose_name_plural = _("scoring tables")
        ordering = ["-year", "-pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        fill_agency(self)
        super().save(*args, **kwargs)

    @property
    def is_frozen(self):
        return self.status != TableStatus.DRAFT

    @property
    def tie_break_list(self):
        return [key for key in self.tie_breaks.split(",") if key in TieBreak.values]

    @property
    def tie_break_labels(self):
        return [TieBreak(key).label for key in self.tie_break_list]

    @property
    def symbol(self):
        return self.agency.symbol("TB")


class Section(models.Model):
    table = models.ForeignKey(ScoringTable, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("section"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class Criterion(models.Model):
    table = models.ForeignKey(ScoringTable, on_delete=models.CASCADE, related_name="criteria")
    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="criteria")
    text = models.CharField(_("criterion"), max_length=500)
    category = models.CharField(_("counts as"), max_length=12, choices=Category.choices, default=Category.REGULAR)
    method = models.CharField(_("how it is scored"), max_length=12, choices=Method.choices, default=Method.MANUAL)
    max_points = models.DecimalField(_("maximum points"), validators=[MinValueValidator(0)], **POINTS)
    target = models.ForeignKey("campaigns.Target", verbose_name=_("target of the plan"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    floor = models.DecimalField(
        _("floor (%)"), max_digits=6, decimal_places=2, default=ZERO, validators=[MinValueValidator(0)],
        help_text=_("Below this share of the target (or of the reports) the criterion gets no points."))
    cap = models.DecimalField(
        _("full points at (%)"), max_digits=6, decimal_places=2, default=Decimal("100"),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("The share at which the criterion gets its full points; more gives no more."))
    disqualifying = models.BooleanField(
        _("disqualifying (điểm liệt)"), default=False,
        help_text=_("A unit that gets no points here (or answers “no”) is not classified or ranked."))
    guidance = models.CharField(_("how to score"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["section__order", "section_id", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(method="target") | models.Q(target__isnull=False),
                                   name="scoring_target_criterion_has_target"),
        ]

    def __str__(self):
        return self.text


class Band(models.Model):
    table = models.ForeignKey(ScoringTable, on_delete=models.CASCADE, related_name="bands")
    name = models.CharField(_("classification"), max_length=100)
    min_points = models.DecimalField(_("from (points)"), validators=[MinValueValidator(0)], **POINTS)

    class Meta:
        verbose_name = _("classification band")
        verbose_name_plural = _("classification bands")
        ordering = ["-min_points", "pk"]

    def __str__(self):
        return self.name


class Block(models.Model):
    """A khối or cụm thi đua for one year: its member units, its head and deputy (rotating as the block
    decides, so each year's block is its own row)."""

    agency = models.ForeignKey("emulation.Agency", verbose_name=_("organised by"), on_delete=models.PROTECT,
                               related_name="scoring_blocks", editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=6, choices=BlockKind.choices, default=BlockKind.KHOI)
    members = models.ManyToManyField(Unit, verbose_name=_("members"), related_name="scoring_blocks")
    head = models.ForeignKey(Unit, verbose_name=_("block head (khối trưởng)"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    deputy = models.ForeignKey(Unit, verbose_name=_("deputy head (khối phó)"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("emulation block")
        verbose_name_plural = _("emulation blocks")
        ordering = ["-year", "name", "pk"]

    def __str__(self):
        return f"{self.name} ({self.year})"

    def save(self, *args, **kwargs):
        fill_agency(self)
        super().save(*args, **kwargs)


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return rules.scope_assessments(self, user)


class Assessment(models.Model):
    table = models.ForeignKey(ScoringTable, verbose_name=_("scoring table"), on_delete=models.PROTECT,
                              related_name="assessments")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(_("status"), max_length=20, choices=AssessmentStatus.choices,
                              default=AssessmentStatus.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    answer = models.TextField(_("the unit's answer to the changes"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # The issued result (scoring.ranking.issue_result): what the award checks read.
    total = models.DecimalField(_("total points"), null=True, blank=True, **POINTS)
    band = models.CharField(_("classification"), max_length=100, blank=True)
    disqualified = models.BooleanField(_("disqualified"), default=False)
    rank = models.PositiveIntegerField(_("rank in the agency"), null=True, blank=True)
    block = models.ForeignKey(Block, verbose_name=_("block"), null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="assessments")
    block_rank = models.PositiveIntegerField(_("rank in the block"), null=True, blank=True)
    block_size = models.PositiveIntegerField(null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["unit__path", "pk"]
        constraints = [models.UniqueConstraint(fields=["table", "unit"], name="scoring_one_assessment_per_unit")]

    def __str__(self):
        return f"{self.unit} – {self.table}"

    @property
    def is_editable(self):
        return self.status in EDITABLE


class Score(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    # manual, bonus, deduction: points; target: the value reached; reports: the share (%); yes/no: 1 or 0.
    self_value = models.DecimalField(_("the unit's own value"), null=True, blank=True, max_digits=14, decimal_places=2)
    value = models.DecimalField(_("value"), null=True, blank=True, max_digits=14, decimal_places=2)
    fact = models.CharField(_("from the reports"), max_length=300, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["assessment", "criterion"], name="scoring_one_score_per_criterion")]

    def __str__(self):
        return f"{self.criterion}: {self.value}"


class Agreement(models.Model):
    """The block's giao ước thi đua for its year: what the members commit to, the scoring table it adopts,
    and one signature per member (`AgreementSignature`), printed side by side."""

    block = models.OneToOneField(Block, verbose_name=_("block"), on_delete=models.CASCADE, related_name="agreement")
    commitments = models.TextField(_("commitments"), help_text=_("One commitment per line."))
    table = models.ForeignKey(ScoringTable, verbose_name=_("scoring table adopted"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="agreements")
    signed_on = models.DateField(_("signed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("emulation agreement")
        verbose_name_plural = _("emulation agreements")

    def __str__(self):
        return f"{self.block}"


class AgreementSignature(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatures")
    unit = models.ForeignKey(Unit, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title of the signer"), max_length=100, blank=True)
    name = models.CharField(_("name of the signer"), max_length=150, blank=True)

    class Meta:
        ordering = ["unit__path", "pk"]
        constraints = [models.UniqueConstraint(fields=["agreement", "unit"], name="scoring_one_signature_per_member")]
