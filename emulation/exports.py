"""Spreadsheet downloads: one response shape and one formula-injection guard for every export."""
from django.http import HttpResponse
from django.utils import timezone
from openpyxl.styles import Alignment, Border, Font, Side

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_text(value):
    """Text for a spreadsheet cell: a leading = + - @ tab or CR is prefixed with ' so that a name typed
    by a user is never run as a formula. Numbers and dates are not passed through here: they stay typed."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def unescape_text(value):
    """The inverse of `safe_text` for a cell read back from a file this application exported."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def xlsx_response(filename_stem, *, content=None, workbook=None):
    """An attachment named `<stem>-<yyyymmdd>.xlsx` from bytes (`content`) or an openpyxl `workbook`."""
    response = HttpResponse(content or b"", content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename_stem}-{timezone.localdate():%Y%m%d}.xlsx"'
    if workbook is not None:
        workbook.save(response)
    return response


def office_workbook(title, dataset, *, subtitle=""):
    """A list in the layout offices keep and send each other: the title in bold capitals over the width of
    the table on row 1, a subtitle (or nothing) on row 2, the column names on row 3 — bold, wrapped,
    framed — with an STT column first, then one numbered row per record. The imports read it back as it
    is (they find the header row themselves and ignore STT). `dataset`: a tablib Dataset whose text cells
    are already guarded (`safe_text`)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    width = len(dataset.headers or []) + 1
    thin = Side(style="thin")
    frame = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.append([title.upper()])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append([subtitle] if subtitle else [])
    if subtitle:
        sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
        sheet["A2"].alignment = Alignment(horizontal="center")
        sheet["A2"].font = Font(italic=True)
    sheet.append(["STT", *dataset.headers])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = frame
    for number, row in enumerate(dataset, start=1):
        sheet.append([number, *row])
        for cell in sheet[sheet.max_row]:
            cell.border = frame
    sheet.column_dimensions["A"].width = 6
    for index in range(2, width + 1):
        sheet.column_dimensions[sheet.cell(row=3, column=index).column_letter].width = 22
    return book


def list_response(request, filename_stem, dataset, *, title, subtitle=""):
    """The list as .xlsx: plain (headers on row 1, as the import template) or, with `?layout=office`, in
    the office layout (`office_workbook`)."""
    if request.GET.get("layout") == "office":
        return xlsx_response(filename_stem, workbook=office_workbook(title, dataset, subtitle=subtitle))
    # The sheet is named after the list (tablib would call it "Tablib Dataset"); Excel refuses []:*?/\ there.
    dataset.title = "".join(" " if c in "[]:*?/\\" else c for c in str(title))[:31] or "Sheet1"
    return xlsx_response(filename_stem, content=dataset.export("xlsx"))


# Workbooks ---------------------------------------------------------------------------------------------------
import datetime as _dt  # noqa: E402
import decimal as _decimal  # noqa: E402
import re as _re  # noqa: E402
from dataclasses import dataclass as _dataclass, field as _field  # noqa: E402

from openpyxl import Workbook  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402

DATE_FORMAT = "dd/mm/yyyy"
MIN_WIDTH, MAX_WIDTH = 8, 60


@_dataclass
class Sheet:
    """One sheet of a workbook: a Vietnamese `title`, its `headers` and `rows`. Cells keep their types:
    numbers stay numbers, dates are real dates shown dd/mm/yyyy, text is guarded by `safe_text`."""

    title: str
    headers: list
    rows: list = _field(default_factory=list)
    widths: dict = _field(default_factory=dict)  # column index (0-based) → width in characters


def sheet_title(text):
    """A valid sheet name (≤ 31 characters, none of []:*?/\\)."""
    return (_re.sub(r"[\[\]:*?/\\]", "-", str(text)).strip() or "Trang 1")[:31]


def _cell_value(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, _decimal.Decimal, _dt.date)):
        return value
    return safe_text(value)


def _display_length(value):
    if isinstance(value, _dt.date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def build_workbook(*sheets):
    """An openpyxl Workbook of `sheets`: bold header row frozen and filterable, typed cells, dates in
    dd/mm/yyyy, column widths from the content (8 to 60 characters)."""
    book = Workbook()
    book.remove(book.active)
    for spec in sheets:
        sheet = book.create_sheet(sheet_title(spec.title))
        sheet.append([str(header) for header in spec.headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        widths = [_display_length(header) for header in spec.headers]
        for row in spec.rows:
            values = [_cell_value(value) for value in row]
            sheet.append(values)
            for index, value in enumerate(values):
                if isinstance(value, _dt.date):
                    sheet.cell(row=sheet.max_row, column=index + 1).number_format = DATE_FORMAT
                if index < len(widths) and value is not None:
                    widths[index] = max(widths[index], _display_length(value))
        for index, width in enumerate(widths):
            width = spec.widths.get(index, min(MAX_WIDTH, max(MIN_WIDTH, width + 2)))
            sheet.column_dimensions[get_column_letter(index + 1)].width = width
        sheet.freeze_panes = "A2"
        if spec.headers:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(spec.headers))}{max(1, sheet.max_row)}"
    return book


def dataset_sheet(dataset, title):
    """A `Sheet` from a tablib Dataset (django-import-export's export), with a Vietnamese title."""
    return Sheet(title, list(dataset.headers or []), [list(row) for row in dataset])


def workbook_response(filename_stem, *sheets):
    """The attachment `<stem>-<yyyymmdd>.xlsx` of `sheets` (see `build_workbook`)."""
    return xlsx_response(filename_stem, workbook=build_workbook(*sheets))
