"""The figures of a form for a year: one query for the items, then every cell counted in Python.

The forms are small (at most a few thousand awards a year for a Department), so counting in Python keeps
one definition of each row and column (forms.py) for the page, the drill-down, Excel and PDF, and the
number of queries does not depend on the data: one per form.
"""
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from awards.models import AwardRecord
from campaigns.models import Plan
from campaigns.enums import PUBLISHED_STATUSES
from emulation.models import Staff, Unit
from reports.statistics.forms import FORMS, PROVINCE_COLUMNS, STATE_COLUMNS
from emulation.models import Agency


def items_for(form, year, agency):
    """The things `agency`'s form counts in `year`, as a list (one query)."""
    if form.slug == "0601":
        # Movements organised during the year: issued (or closed) plans whose years include it.
        return list(Plan.objects.filter(status__in=PUBLISHED_STATUSES, year_from__lte=year, year_to__gte=year,
                                        issuer=agency)
                    .order_by("year_from", "number", "pk"))
    if form.slug in ("0602", "0603"):
        columns = STATE_COLUMNS if form.slug == "0602" else PROVINCE_COLUMNS
        return list(AwardRecord.objects.filter(year=year, award_type__statistics_column__in=columns,
                                               holder_unit__agency=agency)
                    .select_related("award_type", "staff", "unit", "outsider", "holder_unit")
                    .order_by("award_type__order", "holder_unit__path", "pk"))
    if form.slug == "0604":
        end = date(year, 12, 31)
        return list(Unit.objects.exclude(emulation_body="").filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=end),
                                                                   agency=agency)
                    .order_by("path"))
    if form.slug == "0605":
        return list(Staff.objects.filter(active=True, emulation_work_since__isnull=False, emulation_work_since__lte=year,
                                         unit__agency=agency)
                    .select_related("unit").order_by("unit__path", "full_name"))
    raise KeyError(form.slug)


def item_label(form, item):
    """One line of the drill-down list."""
    if form.slug == "0601":
        reference = f"{item.number_symbol} – " if item.number else ""
        return f"{reference}{item.title} ({item.year_from}–{item.year_to})"
    if form.slug in ("0602", "0603"):
        decision = f" – {item.decision_number}" if item.decision_number else ""
        return f"{item.award_type.name}: {item.holder_name}{decision}"
    if form.slug == "0604":
        return item.name
    return f"{item.full_name} – {item.unit.name}"


@dataclass
class Cell:
    column: object
    items: list

    @property
    def count(self):
        return len(self.items)


@dataclass
class TableRow:
    row: object
    cells: list = field(default_factory=list)


@dataclass
class Table:
    form: object
    year: int
    rows: list
    item_count: int
    agency: object = None  # the reporting agency (its name and place head the form)

    def cell(self, code, column_key):
        for table_row in self.rows:
            if table_row.row.code == code:
                for cell in table_row.cells:
                    if cell.column.key == column_key:
                        return cell
        raise KeyError((code, column_key))

    def values(self):
        """{row code: [count per column]} (section headings left out): what the tests and Excel read."""
        return {r.row.code: [c.count for c in r.cells] for r in self.rows if not r.row.heading}


def build(form, year, agency=None):
    """`agency`'s form table for `year` (the first agency when None): each cell keeps the items it counts."""
    if isinstance(form, str):
        form = FORMS[form]
    if agency is None:
        agency = Agency.objects.primary()
    items = items_for(form, year, agency)
    total, parts = form.columns[0], form.columns[1:]
    rows = []
    for row in form.rows:
        table_row = TableRow(row)
        if not row.heading:
            in_row = [item for item in items if row.test(item, year)]
            if form.total_is_sum and parts:
                counted = [item for item in in_row if any(column.test(item, year) for column in parts)]
            else:
                counted = [item for item in in_row if total.test(item, year)]
            table_row.cells.append(Cell(total, counted))
            for column in parts:
                table_row.cells.append(Cell(column, [item for item in in_row if column.test(item, year)]))
        rows.append(table_row)
    return Table(form, year, rows, len(items), agency)
