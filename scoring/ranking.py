"""The ranking of a scoring table: every approved self-assessment's total (scoring.arithmetic), its band,
its rank in the agency and in its block; computed set-wise (a fixed number of queries whatever the
number of units and criteria), issued as the notice "thông báo kết quả chấm điểm, xếp hạng thi đua"
(PDF archived, Word twin) with an Excel workbook and a chart.
"""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pygal
from django.db import transaction
from django.utils.translation import gettext as _

from emulation.documents import DocumentHeader, Signature, SignAuthority, issue_document, issued_document, next_number, render_docx, render_pdf
from emulation.exports import Sheet, build_workbook, safe_text
from reports.charts import _bar_height, _config, _short, _svg
from reports.docx import png_image
from scoring import arithmetic
from scoring.enums import AssessmentStatus, TableStatus
from scoring.models import Assessment, Block, Score
from scoring.workflow import TABLE_WORKFLOW

NOTICE_KIND = "scoring_notice"
TEMPLATE = "scoring/notice_document.html"


@dataclass
class Standings:
    """`results`: the agency's ranking (arithmetic.Result, each with `.unit`, `.assessment`); `blocks`: a
    list of (block, its members' results ranked among themselves)."""

    table: object
    results: list
    blocks: list = field(default_factory=list)
    criteria: list = field(default_factory=list)

    @property
    def ranked(self):
        return [r for r in self.results if not r.disqualified]


def rules_of(criteria):
    return [arithmetic.CriterionRule(
        key=c.pk, method=c.method, max_points=c.max_points, category=c.category,
        target=c.target.target_value if c.target_id else None, floor=c.floor, cap=c.cap, disqualifying=c.disqualifying,
    ) for c in criteria]


def compute(table, statuses=(AssessmentStatus.APPROVED,)):
    """The standings of `table` over its self-assessments in `statuses`. Six queries, whatever the size."""
    criteria = list(table.criteria.select_related("target"))
    rules = rules_of(criteria)
    bands = [(b.name, b.min_points) for b in table.bands.all()]
    assessments = {a.pk: a for a in Assessment.objects.filter(table=table, status__in=statuses).select_related("unit")}
    values = {}
    for assessment_id, criterion_id, value in Score.objects.filter(
            assessment__table=table, assessment__status__in=statuses).values_list("assessment_id", "criterion_id", "value"):
        values.setdefault(assessment_id, {})[criterion_id] = value
    results = []
    for assessment in assessments.values():
        result = arithmetic.total(assessment.pk, rules, values.get(assessment.pk, {}), bonus_cap=table.bonus_cap,
                                  deduction_cap=table.deduction_cap, submitted=assessment.submitted_at)
        result.assessment, result.unit = assessment, assessment.unit
        results.append(result)
    tie_breaks = table.tie_break_list
    standings = Standings(table, arithmetic.rank(results, tie_breaks, bands), criteria=criteria)
    by_unit = {r.unit.pk: r for r in results}
    blocks = list(Block.objects.filter(agency_id=table.agency_id, year=table.year).select_related("head", "deputy"))
    members = {}
    for block_id, unit_id in Block.members.through.objects.filter(block__in=blocks).values_list("block_id", "unit_id"):
        members.setdefault(block_id, []).append(unit_id)
    for block in blocks:
        inside = [by_unit[u] for u in members.get(block.pk, []) if u in by_unit]
        copies = [arithmetic.Result(key=r.key, base=r.base, bonus=r.bonus, deduction=r.deduction, points=r.points,
                                    disqualified_by=r.disqualified_by, submitted=r.submitted) for r in inside]
        for copy, original in zip(copies, inside):
            copy.unit, copy.assessment, copy.agency_rank = original.unit, original.assessment, original.rank
        standings.blocks.append((block, arithmetic.rank(copies, tie_breaks, bands)))
    return standings


def issue_result(table, *, actor, issue_date=None):
    """Issue the result: totals, bands and ranks written on the approved self-assessments (what the award
    checks read), the table's status issued with the next number of the agency's "TB" series, the notice
    archived. One transaction: on any failure nothing is kept and the number is given back."""
    issue_date = issue_date or date.today()
    with transaction.atomic():
        standings = compute(table)
        number = next_number(table.symbol, issue_date.year, table.agency_id)
        TABLE_WORKFLOW.perform(table, "issue", actor=actor, data={"number": number},
                               changes={"number": number, "issue_date": issue_date})
        in_block = {}
        for block, results in standings.blocks:
            for result in results:
                in_block.setdefault(result.assessment.pk, (block, result.rank, len(results)))
        changed = []
        for result in standings.results:
            assessment = result.assessment
            block, block_rank, size = in_block.get(assessment.pk, (None, None, None))
            assessment.total, assessment.band, assessment.disqualified = result.total, result.band, result.disqualified
            assessment.rank, assessment.block, assessment.block_rank, assessment.block_size = result.rank, block, block_rank, size
            changed.append(assessment)
        Assessment.objects.bulk_update(changed, ["total", "band", "disqualified", "rank", "block", "block_rank", "block_size"],
                                       batch_size=500)
        return issue_document(table, NOTICE_KIND, TEMPLATE, notice_context(table, standings), number=number,
                              symbol=table.symbol, issue_date=issue_date, title=notice_summary(table), actor=actor,
                              signer_name=table.signer_name)


def notice_summary(table):
    return f"Kết quả chấm điểm, xếp hạng thi đua năm {table.year}"


def notice_context(table, standings=None):
    standings = standings or compute(table)
    agency = table.agency
    doc = DocumentHeader(
        type_name="THÔNG BÁO", summary=notice_summary(table), number=table.number, symbol=table.symbol,
        issue_date=table.issue_date, issuer=agency,
        signature=Signature.of(SignAuthority.DIRECTOR, table.signer_name) if table.signer_name else None,
        recipients=["- Các phòng, đơn vị trực thuộc;", "- Lưu: VT, VP."],
        draft=table.status != TableStatus.ISSUED,
    )
    return {"doc": doc, "table": table, "standings": standings, "chart": ranking_chart(standings),
            "disqualified": [r for r in standings.results if r.disqualified]}


def notice_pdf(table):
    """The notice's PDF: the archived bytes once issued, a live draft before."""
    archived = issued_document(table, NOTICE_KIND) if table.status == TableStatus.ISSUED else None
    if archived is not None:
        return bytes(archived.pdf)
    return render_pdf(TEMPLATE, notice_context(table))


def points_text(value):
    """Points written the Vietnamese way: 92,5."""
    if value is None:
        return ""
    return f"{Decimal(str(value)).normalize():f}".replace(".", ",")


def ranking_chart(standings):
    """A horizontal bar per ranked unit (its total), best on top; SVG drawn like the summary reports' charts."""
    ranked = standings.ranked[:30]
    chart = pygal.HorizontalBar(**_config(height=_bar_height(len(ranked)) - 40, show_legend=False,
                                          value_formatter=points_text))
    chart.title = _("Total points of the ranked units")
    chart.x_labels = [_short(r.unit.short_name or r.unit.name) for r in reversed(ranked)]
    chart.add(_("Points"), [float(r.total) for r in reversed(ranked)])
    return _svg(chart, "scoring")


def ranking_workbook(standings):
    """The ranking as Excel: the agency's ranking with each criterion's points, then one sheet per block."""
    criteria = standings.criteria
    headers = [_("Rank"), _("Unit"), _("Total"), _("Classification"), _("Criteria"), _("Bonus"), _("Deduction"),
               *[safe_text(c.text[:60]) for c in criteria]]
    rows = [[r.rank if r.rank is not None else _("Disqualified"), safe_text(r.unit.name), float(r.total),
             safe_text(r.band), float(r.base), float(r.bonus), float(r.deduction),
             *[float(r.points.get(c.pk, 0)) for c in criteria]] for r in standings.results]
    sheets = [Sheet(_("Ranking"), headers, rows)]
    for block, results in standings.blocks:
        sheets.append(Sheet(block.name[:31], [_("Rank in the block"), _("Unit"), _("Total"), _("Classification")],
                            [[r.rank if r.rank is not None else _("Disqualified"), safe_text(r.unit.name),
                              float(r.total), safe_text(r.band)] for r in results]))
    return build_workbook(*sheets)


def notice_docx(table):
    """The notice as Word, from the template of its PDF; the chart as the PNG of the same SVG."""
    context = notice_context(table)
    context["chart_png"] = png_image(context["chart"])
    return render_docx(TEMPLATE, context)


def issued_block_rankings(unit_ids, year):
    """The issued assessments in a block of `unit_ids` for `year` (what the award rules read: awards.eligibility)."""
    return Assessment.objects.filter(
        unit_id__in=unit_ids, table__year=year, table__status="issued", block__isnull=False,
    ).select_related("block__agency", "table__agency")
