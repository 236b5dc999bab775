"""Summary reports (báo cáo sơ kết, tổng kết) compiled by the Office from what units reported and what
was awarded.

A `SummaryReport` belongs to a plan and one of its reporting periods. Its figures are computed when it is
created (and when the Office refreshes them while it is editable) and kept as a JSON snapshot
(`figures`), so a submitted, approved or issued report never changes when the data does. The Office's
narrative sections and its condensed text per content item (`item_notes`) are edited in the browser;
`version` is the optimistic lock of that form. The status follows `reports.workflow`.
"""
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.models.plan import SIGN_AUTHORITY_LINES, SignAuthority
from emulation.documents.signing import authority_lines
from reports import rules
from reports.enums import SummaryStatus


class SummaryKind(models.TextChoices):
    HALF_YEAR = "half_year", _("Six-month review (sơ kết 6 tháng)")
    NINE_MONTHS = "nine_months", _("Nine-month review")
    YEAR = "year", _("Annual summary (tổng kết năm)")
    PLAN = "plan", _("Final report of the plan")


#: The type name printed on the document and the first words of its summary line.
KIND_SUMMARY_WORDS = {
    SummaryKind.HALF_YEAR: "Sơ kết",
    SummaryKind.NINE_MONTHS: "Sơ kết",
    SummaryKind.YEAR: "Tổng kết",
    SummaryKind.PLAN: "Tổng kết",
}


#: How the closing sentence names the report (“Trên đây là báo cáo sơ kết 6 tháng …”).
KIND_DOCUMENT_WORDS = {
    SummaryKind.HALF_YEAR: "sơ kết 6 tháng",
    SummaryKind.NINE_MONTHS: "sơ kết 9 tháng",
    SummaryKind.YEAR: "tổng kết năm",
    SummaryKind.PLAN: "tổng kết thực hiện Kế hoạch",
}


#: The province's own summary (no plan): the span it covers, ending in this month of its year.
PROVINCE_KIND_END_MONTH = {SummaryKind.HALF_YEAR: 6, SummaryKind.NINE_MONTHS: 9, SummaryKind.YEAR: 12}
#: Its period, as the document prints it (Vietnamese by law, see reports.labels).
PROVINCE_PERIOD_NAMES = {SummaryKind.HALF_YEAR: "6 tháng đầu năm %(year)s", SummaryKind.NINE_MONTHS: "9 tháng năm %(year)s",
                         SummaryKind.YEAR: "năm %(year)s"}
#: How the province's summary may be signed: by the head of its standing body (the Trưởng Ban), KT. by a
#: deputy, or Q. by an acting head; the words come from the body's head_title (documents.signing.authority_lines).
PROVINCE_SIGN_AUTHORITIES = (SignAuthority.DIRECTOR, SignAuthority.DEPUTY, SignAuthority.ACTING)


#: The Office may change the narrative and refresh the figures only in these statuses.
EDITABLE_STATUSES = {SummaryStatus.DRAFT, SummaryStatus.RETURNED}

#: The narrative sections, in the order a tổng kết follows.
SECTIONS = ("results", "commendation", "strengths", "shortcomings", "causes", "lessons", "tasks_ahead", "proposals")


def default_recipients():
    return "\n".join([
        "- Hội đồng TĐKT tỉnh (báo cáo);",
        "- Ban Thi đua - Khen thưởng, Sở Nội vụ;",
        "- Giám đốc, các Phó Giám đốc Sở;",
        "- Các phòng, đơn vị thuộc Sở;",
        "- Lưu: VT, VP.",
    ])


def province_recipients():
    return "\n".join([
        "- Ban Thi đua - Khen thưởng Trung ương (báo cáo);",
        "- Thường trực Tỉnh ủy, Thường trực HĐND tỉnh (báo cáo);",
        "- Chủ tịch, các Phó Chủ tịch UBND tỉnh;",
        "- Thành viên Hội đồng TĐKT tỉnh;",
        "- Các sở, ban, ngành tỉnh;",
        "- Lưu: VT, BTĐKT.",
    ])


def default_symbol():
    return f"BC-{settings.ORGANISATION['abbreviation']}"


class SummaryReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        return rules.scope_summaries(self, user)

    def readable_by(self, user):
        """`visible_to`, and for the province's logins also the summaries its agencies issued (read only)."""
        return rules.scope_readable_summaries(self, user)

    def sent_up_to(self, user):
        """The summaries the agencies issued, for their province's logins (read only)."""
        return rules.scope_sent_up_summaries(self, user)


class SummaryReport(models.Model):
    plan = models.ForeignKey("campaigns.Plan", verbose_name=_("plan"), on_delete=models.PROTECT,
                             related_name="summary_reports", null=True, blank=True)
    period = models.ForeignKey("campaigns.ReportingPeriod", verbose_name=_("period"), on_delete=models.PROTECT,
                               related_name="summary_reports", null=True, blank=True)
    #: The agency that issues the report: its plan's issuer, or the province's standing body for the
    #: province's own summary (no plan, no period: the half-year, nine months or year `year`).
    issuer = models.ForeignKey("emulation.Agency", verbose_name=_("issuing agency"), on_delete=models.PROTECT,
                               related_name="summary_reports", null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    kind = models.CharField(_("kind of report"), max_length=20, choices=SummaryKind.choices)
    title = models.TextField(_("summary line"), help_text=_("The trích yếu printed under “BÁO CÁO”."))
    status = models.CharField(_("status"), max_length=20, choices=SummaryStatus.choices, default=SummaryStatus.DRAFT)

    figures = models.JSONField(_("figures"), default=dict, editable=False)
    figures_at = models.DateTimeField(_("figures computed at"), null=True, editable=False)

    results = models.TextField(_("results of the movements"), blank=True)
    commendation = models.TextField(_("commendation work"), blank=True)
    strengths = models.TextField(_("strengths"), blank=True)
    shortcomings = models.TextField(_("shortcomings"), blank=True)
    causes = models.TextField(_("causes of the shortcomings"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    tasks_ahead = models.TextField(_("tasks ahead"), blank=True)
    proposals = models.TextField(_("proposals and recommendations"), blank=True)
    item_notes = models.JSONField(_("the Office's text per content item"), default=dict, blank=True)

    number = models.PositiveIntegerField(_("number"), null=True, blank=True, editable=False)
    symbol = models.CharField(_("symbol"), max_length=40, default=default_symbol)
    number_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    issue_date = models.DateField(_("issue date"), null=True, blank=True, editable=False)
    signer_name = models.CharField(_("signer"), max_length=150, blank=True)
    signer_authority = models.CharField(_("signing authority"), max_length=20, choices=SignAuthority.choices,
                                        default=SignAuthority.DIRECTOR)
    recipients = models.TextField(_("recipients (Nơi nhận)"), default=default_recipients,
                                  help_text=_("One line each."))

    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    @property
    def issuing_agency_id(self):
        return self.issuer_id

    def save(self, *args, **kwargs):
        if self.issuer_id is None and self.plan_id is not None:
            self.issuer_id = type(self.plan).objects.filter(pk=self.plan_id).values_list("issuer_id", flat=True).first()
        super().save(*args, **kwargs)

    @property
    def is_province(self):
        """The province's own summary across its agencies (no plan of its own)."""
        return self.plan_id is None

    @property
    def period_start(self):
        return self.period.start if self.period_id else date(self.year, 1, 1)

    @property
    def period_end(self):
        if self.period_id:
            return self.period.end
        month = PROVINCE_KIND_END_MONTH[SummaryKind(self.kind)]
        return date(self.year, month, 30 if month in (6, 9) else 31)

    @property
    def period_label(self):
        """“6 tháng đầu năm 2025”: the period's name, or the province summary's span."""
        if self.period_id:
            return self.period.name
        return PROVINCE_PERIOD_NAMES[SummaryKind(self.kind)] % {"year": self.year}

    objects = SummaryReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("summary report")
        verbose_name_plural = _("summary reports")
        ordering = ["-period__end", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["number_year", "symbol", "number"], condition=Q(number__isnull=False),
                                    name="summary_number_unique_per_year"),
        ]

    def __str__(self):
        return f"{self.number_symbol} {self.title}".strip()

    @property
    def number_symbol(self):
        return f"{self.number:02d}/{self.symbol}" if self.number else ""

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    @property
    def signer_lines(self):
        """Who signs follows from the issuing body (issue 27 item 7): the province's Ban Thi đua – Khen thưởng
        signs by its Trưởng Ban (or KT. / Phó Trưởng Ban), whoever approved; an agency by its head."""
        if self.is_province:
            return authority_lines(self.signer_authority, self.issuer.head_title)
        return SIGN_AUTHORITY_LINES[SignAuthority(self.signer_authority)]

    @property
    def kind_words(self):
        if self.is_province:
            return f"{KIND_SUMMARY_WORDS[SummaryKind(self.kind)].lower()} công tác thi đua, khen thưởng {self.period_label}"
        if self.kind in (SummaryKind.HALF_YEAR, SummaryKind.NINE_MONTHS) and self.period_id:
            # A sơ kết is named after its period as it is (a month, a quarter, 6 or 9 months, a stage).
            name = self.period.name
            return f"sơ kết {name[:1].lower()}{name[1:]}"
        return KIND_DOCUMENT_WORDS[SummaryKind(self.kind)]

    @property
    def recipient_lines(self):
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]
