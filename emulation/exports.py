"""Spreadsheet downloads: one response shape and one formula-injection guard for every export."""
from django.http import HttpResponse
from django.utils import timezone

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
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

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
    return xlsx_response(filename_stem, content=dataset.export("xlsx"))
