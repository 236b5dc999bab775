"""The emulation plan (kế hoạch thi đua) and its parts.

A `Plan` is the document that launches a movement: legal bases, purposes and requirements (`Goal`),
numbered content items with sub-points (`ContentItem`), measurable targets (`Target`), the organisation
of implementation (`ImplementationRole`), recipients (`Recipient`). Its status follows
`campaigns.workflow`; once issued, the plan and every part are frozen (`Plan.is_editable` is false and
`campaigns.editing` refuses changes). Numbering of content items is computed from their order
(`Plan.numbered_items()`), never typed.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns import rules
from campaigns.enums import EDITABLE_STATUSES, PUBLISHED_STATUSES, PlanStatus  # noqa: F401 (the model's own words)
from emulation.models import Unit, fill_agency
from emulation.text import fold, nfc


class PlanKind(models.TextChoices):
    LONG_TERM = "long_term", _("Long-term (5 years)")
    ANNUAL = "annual", _("Annual")
    THEMATIC = "thematic", _("Thematic")
    AD_HOC = "ad_hoc", _("Ad hoc")


class MovementLevel(models.TextChoices):
    """Cấp chủ trì phát động (biểu 0601.N, columns 2–4)."""

    CENTRAL = "central", _("Central level (Central Emulation and Commendation Council)")
    MINISTRY_PROVINCE = "ministry_province", _("Ministry, central body, province or city")
    AGENCY = "agency", _("Agency, organisation or unit")


class MovementScope(models.TextChoices):
    """Phạm vi tổ chức thi đua (biểu 0601.N, rows 02–05)."""

    NATIONAL = "national", _("Nationwide")
    SECTOR_LOCAL = "sector_local", _("Ministry, sector, mass organisation or locality")
    CLUSTER = "cluster", _("Emulation cluster or bloc")
    AGENCY = "agency", _("Agency, organisation or unit")


class MovementDuration(models.TextChoices):
    """Thời hạn thi đua (biểu 0601.N, rows 06–10)."""

    UNDER_ONE = "under_1", _("Under 1 year")
    ONE = "1", _("1 year")
    ONE_TO_THREE = "1_3", _("From 1 to under 3 years")
    THREE_TO_FIVE = "3_5", _("From 3 to under 5 years")
    FIVE_PLUS = "5_plus", _("5 years or more")


class MovementMethod(models.TextChoices):
    """Phương thức tổ chức phong trào (biểu 0601.N, rows 11–12)."""

    THEMATIC = "thematic", _("Thematic emulation")
    REGULAR = "regular", _("Regular yearly emulation")


class SignAuthority(models.TextChoices):
    """Who signs (Decree 30, Điều 13): the label is the line(s) printed above the signature."""

    DIRECTOR = "director", "GIÁM ĐỐC"
    DEPUTY = "deputy", "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"
    ACTING = "acting", "Q. GIÁM ĐỐC"


SIGN_AUTHORITY_LINES = {
    SignAuthority.DIRECTOR: ["GIÁM ĐỐC"],
    SignAuthority.DEPUTY: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
    SignAuthority.ACTING: ["Q. GIÁM ĐỐC"],
}


def _org(key):
    return settings.ORGANISATION[key]


def default_parent_authority():
    return _org("parent_authority")


def default_agency():
    return _org("name")


def default_place():
    return _org("place")


def default_symbol():
    return f"KH-{_org('abbreviation')}"


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Issued and closed plans for every logged-in user; drafts too for the Office and the Director."""
        return rules.scope_plans(self, user)


# A summary line is one sentence of a few hundred characters (the seed plan's has 290); a pasted document is a
# mistake to be told, not stored.
TITLE_MAX_LENGTH = 1000


class Plan(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=PlanKind.choices, default=PlanKind.ANNUAL)
    title = models.TextField(_("summary line"), max_length=TITLE_MAX_LENGTH,
                             help_text=_("The trích yếu printed under “KẾ HOẠCH”."))
    year_from = models.PositiveSmallIntegerField(_("from year"))
    year_to = models.PositiveSmallIntegerField(_("to year"))
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)

    number = models.PositiveIntegerField(_("number"), null=True, blank=True, editable=False)
    symbol = models.CharField(_("symbol"), max_length=40, default=default_symbol)
    number_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=100, default=default_place)
    parent_authority = models.CharField(_("parent authority"), max_length=200, default=default_parent_authority)
    agency = models.CharField(_("issuing agency"), max_length=200, default=default_agency)
    signer_name = models.CharField(_("signer"), max_length=150, blank=True)
    signer_authority = models.CharField(
        _("signing authority"), max_length=20, choices=SignAuthority.choices, default=SignAuthority.DIRECTOR
    )
    # The agency whose plan it is (its header texts above are copied from it when the plan is created).
    issuer = models.ForeignKey("emulation.Agency", verbose_name=_("agency"), null=True, editable=False,
                               on_delete=models.PROTECT, related_name="plans")

    opening = models.TextField(_("opening paragraphs"), blank=True)
    closing = models.TextField(_("closing paragraph"), blank=True)

    replaces = models.OneToOneField(
        "self", verbose_name=_("corrects"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    based_on = models.ForeignKey(
        "self", verbose_name=_("copied from"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="copies",
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    # Statistics of the movement (Thông tư 02/2023/TT-BNV, biểu 0601.N): not part of the document's text,
    # so the Office may set them after the plan is issued. Empty duration/method: derived (see below).
    movement_level = models.CharField(
        _("launched at level"), max_length=20, choices=MovementLevel.choices, default=MovementLevel.AGENCY)
    movement_scope = models.CharField(
        _("scope of the movement"), max_length=20, choices=MovementScope.choices, default=MovementScope.AGENCY)
    movement_duration = models.CharField(
        _("duration of the movement"), max_length=10, choices=MovementDuration.choices, blank=True,
        help_text=_("Empty: from the years of the plan."))
    movement_method = models.CharField(
        _("organised as"), max_length=10, choices=MovementMethod.choices, blank=True,
        help_text=_("Empty: thematic for a thematic or ad hoc plan, regular otherwise."))
    revision = models.PositiveIntegerField(default=0, editable=False)  # optimistic lock for the header form

    search_text = models.CharField(max_length=1000, editable=False, default="", db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("emulation plan")
        verbose_name_plural = _("emulation plans")
        ordering = ["-year_from", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["number_year", "symbol", "number"],
                condition=Q(number__isnull=False),
                name="plan_number_unique_per_year",
            ),
            models.CheckConstraint(condition=Q(year_to__gte=models.F("year_from")), name="plan_years_ordered"),
        ]

    def __str__(self):
        return f"{self.number_symbol} {self.title}" if self.number else self.title

    def save(self, *args, **kwargs):
        self.title = nfc(self.title)
        self.signer_name = nfc(self.signer_name) or ""
        self.search_text = fold(f"{self.title} {self.number_symbol} {self.signer_name}")[:1000]
        fill_agency(self, "issuer")
        super().save(*args, **kwargs)

    def take_header_from(self, agency):
        """A new plan of `agency`: its letterhead, place and symbol."""
        self.issuer = agency
        self.parent_authority, self.agency, self.place = agency.parent_authority, agency.name, agency.place
        self.symbol = agency.symbol("KH")

    @property
    def issuing_agency_id(self):
        return self.issuer_id

    @property
    def duration_class(self):
        """The duration row of biểu 0601.N: as set by the Office, or from the plan's years (1 year, 2 years:
        1 to under 3, 3–4 years: 3 to under 5, 5 or more)."""
        if self.movement_duration:
            return self.movement_duration
        years = self.year_to - self.year_from + 1
        if years <= 1:
            return MovementDuration.ONE
        if years < 3:
            return MovementDuration.ONE_TO_THREE
        return MovementDuration.THREE_TO_FIVE if years < 5 else MovementDuration.FIVE_PLUS

    @property
    def method_class(self):
        """The method row of biểu 0601.N: as set, or thematic for a thematic or ad hoc plan."""
        if self.movement_method:
            return self.movement_method
        return MovementMethod.THEMATIC if self.kind in (PlanKind.THEMATIC, PlanKind.AD_HOC) else MovementMethod.REGULAR

    @property
    def number_symbol(self):
        """“45/KH-STNMT”, numbers below 10 with a leading zero (Decree 30); empty before issue."""
        return f"{self.number:02d}/{self.symbol}" if self.number else ""

    @property
    def years_label(self):
        return str(self.year_from) if self.year_from == self.year_to else f"{self.year_from}-{self.year_to}"

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    @property
    def is_published(self):
        return self.status in PUBLISHED_STATUSES

    @property
    def signer_lines(self):
        return SIGN_AUTHORITY_LINES[SignAuthority(self.signer_authority)]

    def numbered_items(self):
        """Top-level content items in order, each with `.number` ("1", "2" …) and `.points` (its
        sub-points in order, each with `.number` "1.1", "1.2" …). Two queries."""
        items = list(self.content_items.filter(parent__isnull=True).order_by("order", "pk"))
        points = {}
        for point in self.content_items.filter(parent__isnull=False).order_by("order", "pk"):
            points.setdefault(point.parent_id, []).append(point)
        for index, item in enumerate(items, start=1):
            item.number = str(index)
            item.points = points.get(item.pk, [])
            for sub_index, point in enumerate(item.points, start=1):
                point.number = f"{index}.{sub_index}"
        return items


class OrderedPart(models.Model):
    """A part of a plan kept in an order the Office chooses (moved up and down in the editor)."""

    order = models.PositiveIntegerField(_("order"), default=0)
    revision = models.PositiveIntegerField(default=0, editable=False)  # optimistic lock of the part's form

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


class LegalBasis(OrderedPart):
    """A document the plan is based on (căn cứ), printed “<lead> <type> số <number> ngày <date> của <issuer>
    về việc <summary>”."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="legal_bases")
    lead = models.CharField(_("lead words"), max_length=40, default="Căn cứ")
    doc_type = models.CharField(_("document type"), max_length=60)
    doc_number = models.CharField(_("number and symbol"), max_length=60)
    doc_date = models.DateField(_("date"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=255)
    summary = models.TextField(_("about"), blank=True)

    class Meta(OrderedPart.Meta):
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")

    def __str__(self):
        return self.text()

    def text(self):
        parts = [f"{self.lead} {self.doc_type} số {self.doc_number}"]
        if self.doc_date:
            parts.append(f"ngày {self.doc_date:%d/%m/%Y}")
        parts.append(f"của {self.issuer}")
        if self.summary:
            parts.append(f"về việc {self.summary}")
        return " ".join(parts)


class Goal(OrderedPart):
    """A purpose or requirement (mục đích, yêu cầu); may carry measurable targets."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(_("text"))

    class Meta(OrderedPart.Meta):
        verbose_name = _("purpose or requirement")
        verbose_name_plural = _("purposes and requirements")

    def __str__(self):
        return self.text[:80]


class ContentItem(OrderedPart):
    """A content item (nội dung thi đua) or, when `parent` is set, one of its sub-points. Two levels."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="content_items")
    parent = models.ForeignKey(
        "self", verbose_name=_("item"), null=True, blank=True, on_delete=models.CASCADE, related_name="sub_points"
    )
    text = models.TextField(_("text"))

    class Meta(OrderedPart.Meta):
        verbose_name = _("content item")
        verbose_name_plural = _("content items")

    def __str__(self):
        return self.text[:80]


class Target(OrderedPart):
    """A measurable target (chỉ tiêu) of a goal or a content item, for some units (none = every unit)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    goal = models.ForeignKey(Goal, null=True, blank=True, on_delete=models.CASCADE, related_name="targets")
    item = models.ForeignKey(
        ContentItem, null=True, blank=True, on_delete=models.CASCADE, related_name="targets"
    )
    indicator = models.CharField(_("indicator"), max_length=255)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=50, blank=True)
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2)
    units = models.ManyToManyField(
        Unit, verbose_name=_("applies to units"), blank=True, related_name="plan_targets",
        help_text=_("Leave empty when the target applies to every unit."),
    )

    class Meta(OrderedPart.Meta):
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.CheckConstraint(
                condition=Q(goal__isnull=False) | Q(item__isnull=False), name="target_on_goal_or_item"
            ),
        ]

    def __str__(self):
        return self.indicator


class ImplementationRole(OrderedPart):
    """A paragraph of “Tổ chức thực hiện”: what a unit (or, with no unit, every unit) does, and its role."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        COORDINATE = "coordinate", _("Coordinate")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="implementation_roles")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text=_("Leave empty for every unit of the Department."),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.COORDINATE)
    text = models.TextField(_("task"))

    class Meta(OrderedPart.Meta):
        verbose_name = _("implementation task")
        verbose_name_plural = _("organisation of implementation")

    def __str__(self):
        return self.text[:80]


class Recipient(OrderedPart):
    """One line of “Nơi nhận”."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="recipients")
    text = models.CharField(_("recipient"), max_length=255)

    class Meta(OrderedPart.Meta):
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")

    def __str__(self):
        return self.text
