"""The follow-up board: units × periods, each cell the state of that unit's report for that period.

`build_board` runs a fixed number of queries whatever the number of units and periods (periods, their
units, the reports' states), and works on plain values afterwards. `board_workbook` writes the same
grid to an Excel file.
"""
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from campaigns.models import ReportingPeriod, ReportStatus, UnitReport
from emulation import calendar
from emulation.exports import safe_text
from emulation.permissions import scope_units
from emulation.models import Unit


class BoardState(models.TextChoices):
    NOT_STARTED = "not_started", pgettext_lazy("board", "Not started")
    DRAFT = "draft", pgettext_lazy("board", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("board", "Submitted")
    RETURNED = "returned", pgettext_lazy("board", "Returned")
    ACCEPTED = "accepted", pgettext_lazy("board", "Accepted")
    OVERDUE = "overdue", pgettext_lazy("board", "Overdue")


STATE_STYLE = {
    BoardState.NOT_STARTED: "secondary",
    BoardState.DRAFT: "info",
    BoardState.SUBMITTED: "primary",
    BoardState.RETURNED: "warning",
    BoardState.ACCEPTED: "success",
    BoardState.OVERDUE: "danger",
}
EXCEL_FILL = {
    BoardState.NOT_STARTED: "EEEEEE", BoardState.DRAFT: "D9EEF7", BoardState.SUBMITTED: "CFE2FF",
    BoardState.RETURNED: "FFF3CD", BoardState.ACCEPTED: "D1E7DD", BoardState.OVERDUE: "F8D7DA",
}


def cell_state(status, due, today):
    """The board state of a report with `status` (None: no report yet) for a period due on `due`.
    Not yet submitted after the due date is overdue; a returned report stays "returned"."""
    if status in (ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED):
        return BoardState.SUBMITTED
    if status == ReportStatus.ACCEPTED:
        return BoardState.ACCEPTED
    if status == ReportStatus.RETURNED:
        return BoardState.RETURNED
    if today > due:
        return BoardState.OVERDUE
    return BoardState.DRAFT if status == ReportStatus.DRAFT else BoardState.NOT_STARTED


@dataclass
class Cell:
    """One unit × period: `state` ("" when the unit need not report), its label, style and link."""

    period: ReportingPeriod
    unit: Unit
    state: str = ""
    report_id: int | None = None
    late: bool = False
    required: bool = True
    label: str = ""
    style: str = "light"
    url: str = ""

    @property
    def remindable(self):
        return self.state in REMINDABLE


class _Links:
    """Cell links built from two reversed patterns (reversing once per cell costs more than the rest)."""

    MARK = 987654321

    def __init__(self):
        self.detail = reverse("campaigns:report_detail", args=[self.MARK])
        self.open = reverse("campaigns:report_open", args=[self.MARK, self.MARK + 1])

    def for_cell(self, cell):
        if cell.report_id:
            return self.detail.replace(str(self.MARK), str(cell.report_id))
        return self.open.replace(str(self.MARK + 1), str(cell.unit.pk)).replace(str(self.MARK), str(cell.period.pk))


@dataclass
class Board:
    periods: list
    rows: list  # (unit, [Cell per period]) — the units of the page shown (every unit for an export)
    counts: dict = field(default_factory=dict)  # state → number of cells, over every unit of the filter
    page: object = None  # the Paginator page of units, when paged
    current: ReportingPeriod | None = None  # the period chosen because none was asked for

    @property
    def count_list(self):
        return [(state, state.label, STATE_STYLE[state], self.counts.get(state, 0)) for state in BoardState]


#: States of a cell the Office may remind the unit about (“Nhắc”): not submitted yet, or returned.
REMINDABLE = {BoardState.NOT_STARTED, BoardState.DRAFT, BoardState.OVERDUE, BoardState.RETURNED}


def current_period(user, today=None):
    """The period the board opens on: among the periods `user` may see that have started, the one due
    next (or due most recently, when every one is past); None when no period has started."""
    today = today or calendar.today()
    started = ReportingPeriod.objects.visible_to(user).filter(start__lte=today)
    return (started.filter(due__gte=today).order_by("due", "pk").first()
            or started.order_by("-due", "-pk").first())


def overdue_and_returned(user, today=None):
    """The board's "Overdue" and "Returned" counts over every period and unit `user` may see on it (what
    `build_board(user)` counts, through the same scopes: `ReportingPeriod.visible_to`, `scope_units`),
    without building the board: two queries."""
    today = today or calendar.today()
    cells = ReportingPeriod.units.through.objects.filter(
        reportingperiod__in=ReportingPeriod.objects.visible_to(user), unit__in=scope_units(Unit.objects.all(), user))
    reports = UnitReport.objects.filter(period_id=OuterRef("reportingperiod_id"), unit_id=OuterRef("unit_id"))
    handed_in = reports.exclude(status=ReportStatus.DRAFT)  # cell_state: anything but a draft is not overdue
    late = cells.filter(reportingperiod__due__lt=today).exclude(Exists(handed_in)).count()
    returned = cells.filter(Exists(reports.filter(status=ReportStatus.RETURNED))).count()
    return late, returned


def build_board(user, *, plan=None, period=None, state="", unit=None, today=None, page=None, per_page=None):
    """The board the user may see, filtered; with `per_page`, only that page of units gets its cells
    (the counts still cover every unit). Four queries (five with a page: the paginator counts none,
    it pages a list): periods, period units, units, reports."""
    today = today or calendar.today()
    periods = ReportingPeriod.objects.visible_to(user).select_related("plan").order_by("plan_id", "due", "start", "pk")
    if plan:
        periods = periods.filter(plan=plan)
    if period:
        periods = periods.filter(pk=period.pk)
    periods = list(periods)
    through = ReportingPeriod.units.through
    required = set(
        through.objects.filter(reportingperiod_id__in=[p.pk for p in periods]).values_list("reportingperiod_id", "unit_id")
    )
    units = scope_units(Unit.objects.filter(pk__in={unit_id for _period_id, unit_id in required}), user).order_by("path")
    if unit:
        units = units.filter(path__startswith=unit.path)
    units = list(units.only("pk", "code", "name", "path"))
    reports = {
        (row["period_id"], row["unit_id"]): row
        for row in UnitReport.objects.filter(period__in=periods, unit__in=units).values(
            "pk", "period_id", "unit_id", "status", "late"
        )
    }
    # First the states of every cell (plain values): the counts and the units the state filter keeps.
    states, counts, matching = {}, {}, []
    for row_unit in units:
        kept = False
        for row_period in periods:
            key = (row_period.pk, row_unit.pk)
            if key not in required:
                continue
            report = reports.get(key)
            cell_value = cell_state(report and report["status"], row_period.due, today)
            if state and cell_value != state:
                continue
            states[key] = cell_value
            counts[cell_value] = counts.get(cell_value, 0) + 1
            kept = True
        if kept:
            matching.append(row_unit)
    page_obj = None
    shown = matching
    if per_page:
        page_obj = Paginator(matching, per_page).get_page(page)
        shown = page_obj.object_list
    # Then the cells of the units shown.
    rows = []
    labels = {board_state: board_state.label for board_state in BoardState}
    links = _Links()
    for row_unit in shown:
        cells = []
        for row_period in periods:
            key = (row_period.pk, row_unit.pk)
            cell = Cell(row_period, row_unit, required=key in states)
            if cell.required:
                report = reports.get(key)
                cell.state = states[key]
                cell.report_id = report and report["pk"]
                cell.late = bool(report and report["late"])
                cell.label, cell.style, cell.url = labels[cell.state], STATE_STYLE[cell.state], links.for_cell(cell)
            cells.append(cell)
        rows.append((row_unit, cells))
    return Board(periods, rows, counts, page_obj)


def board_workbook(board):
    """The board as an openpyxl Workbook: one row per unit, one column per period, states in words."""
    book = Workbook()
    sheet = book.active
    sheet.title = str(_("Report follow-up"))[:31]
    sheet.append([str(_("Unit"))] + [safe_text(p.name) for p in board.periods])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    labels = {state: str(state.label) for state in BoardState}
    late = " " + str(_("(late)"))
    fills = {state: PatternFill("solid", fgColor=colour) for state, colour in EXCEL_FILL.items()}
    for unit, cells in board.rows:
        row = [WriteOnlyCell(sheet, safe_text(unit.name))]
        for cell in cells:
            value = WriteOnlyCell(sheet, labels[cell.state] + (late if cell.late else "") if cell.state else "")
            if cell.state:
                value.fill = fills[cell.state]
            row.append(value)
        sheet.append(row)
    sheet.column_dimensions["A"].width = 50
    sheet.freeze_panes = "B2"
    for index in range(len(board.periods)):
        sheet.column_dimensions[sheet.cell(row=1, column=index + 2).column_letter].width = 20
    sheet.append([])
    sheet.append([str(_("State")), str(_("Number of reports"))])
    for _state, label, _style, count in board.count_list:
        sheet.append([str(label), count])
    return book
