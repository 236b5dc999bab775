"""A form's table as Excel (emulation.exports) and as PDF (emulation.documents), in the official layout:
the header block (Biểu số, Ban hành theo…, Đơn vị báo cáo, Đơn vị nhận báo cáo, Ngày nhận báo cáo), the title,
Thời điểm báo cáo and Đơn vị tính, the table with its column numbering (A, B, C, 1, 2 …) and row codes, and the
signature block (Người lập biểu / Thủ trưởng đơn vị)."""
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from emulation.documents import render_pdf, vietnamese_date_line
from emulation.exports import safe_text
from emulation.models import Role, User

TEMPLATE = "reports/statistics/form_document.html"


@dataclass
class Signatures:
    preparer: str
    head: str
    head_title: str
    on: date


def signatures(user, on=None):
    """The preparer (the person downloading) and the head of the Department (the Director's name)."""
    record = getattr(user, "staff_record", None)
    preparer = record.full_name if record else (user.get_full_name() or "")
    director = (User.objects.filter(role=Role.DIRECTOR, is_active=True, agency_id=user.agency_id).select_related("staff_record")
                .order_by("pk").first())
    head = ""
    if director is not None:
        head = director.staff_record.full_name if hasattr(director, "staff_record") else director.get_full_name()
    return Signatures(preparer, head, "GIÁM ĐỐC", on or date.today())


def header_lines(table):
    form = table.form
    org = {"name": table.agency.name, "place": table.agency.place}
    return {
        "left": [line for line in (f"Biểu số: {form.number}", "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023",
                                   f"Ngày nhận báo cáo: {form.receipt_date}" if form.receipt_date else "") if line],
        "right": [f"Đơn vị báo cáo: {org['name']}",
                  f"Đơn vị nhận báo cáo: Sở Nội vụ tỉnh {org['place']}"],
        "period": f"Thời điểm báo cáo: năm {table.year}" if form.receipt_date else f"Năm {table.year}",
        "count_unit": f"Đơn vị tính: {form.count_unit}" if form.count_unit else "",
    }


def document_context(table, signed):
    return {
        "table": table, "form": table.form, "lines": header_lines(table), "signed": signed,
        "date_line": vietnamese_date_line(table.agency.place, signed.on),
        "title": f"Biểu số {table.form.number} năm {table.year}",
    }


def form_pdf(table, signed):
    """The form as PDF bytes (A4; landscape for the wide forms; fonts embedded)."""
    return render_pdf(TEMPLATE, document_context(table, signed))


def place(header_rows):
    """(row, column, cell) of each header cell, as an HTML table lays out rowspans and colspans."""
    occupied, placed = set(), []
    for r, cells in enumerate(header_rows):
        c = 0
        for cell in cells:
            while (r, c) in occupied:
                c += 1
            placed.append((r, c, cell))
            occupied.update((r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            c += cell.colspan
    return placed


THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def form_workbook(table, signed):
    form = table.form
    lines = header_lines(table)
    book = Workbook()
    sheet = book.active
    sheet.title = form.slug + ".N"
    label_columns = 3 if form.has_unit_column else 2
    width = label_columns + len(form.columns)
    font = Font(name="Times New Roman", size=11)
    bold = Font(name="Times New Roman", size=11, bold=True)
    italic = Font(name="Times New Roman", size=11, italic=True)
    half = max(2, width // 2)

    def put(row, column, value, style=font, span=1, align=None):
        cell = sheet.cell(row=row, column=column, value=value)
        cell.font = style
        if align:
            cell.alignment = align
        if span > 1:
            sheet.merge_cells(start_row=row, start_column=column, end_row=row, end_column=column + span - 1)
        return cell

    r = 1
    for index in range(max(len(lines["left"]), len(lines["right"]))):
        if index < len(lines["left"]):
            put(r, 1, lines["left"][index], bold if index == 0 else font, span=half)
        if index < len(lines["right"]):
            put(r, half + 1, lines["right"][index], font, span=width - half)
        r += 1
    r += 1
    put(r, 1, form.title, Font(name="Times New Roman", size=13, bold=True), span=width, align=CENTRE)
    sheet.row_dimensions[r].height = 34
    r += 1
    put(r, 1, lines["period"], italic, span=width, align=Alignment(horizontal="center"))
    r += 1
    if lines["count_unit"]:
        put(r, 1, lines["count_unit"], italic, span=width, align=Alignment(horizontal="right"))
        r += 1
    top = r
    for hr, hc, cell in place(form.header + [form.numbering]):
        target = put(top + hr, 1 + hc, cell.text, bold, align=CENTRE)
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_cells(start_row=top + hr, start_column=1 + hc,
                              end_row=top + hr + cell.rowspan - 1, end_column=hc + cell.colspan)
        target.border = BOX
    r = top + len(form.header) + 1
    for table_row in table.rows:
        row = table_row.row
        style = bold if row.bold or row.heading else font
        put(r, 1, safe_text(row.label), style, align=Alignment(wrap_text=True, vertical="center", indent=row.indent))
        put(r, 2, row.code, style, align=CENTRE)
        if form.has_unit_column:
            put(r, 3, row.unit, font, align=CENTRE)
        for offset, cell in enumerate(table_row.cells):
            put(r, label_columns + 1 + offset, cell.count, style, align=CENTRE)
        for column in range(1, width + 1):
            sheet.cell(row=r, column=column).border = BOX
        r += 1
    # Borders on every header cell, merged ones included.
    for row in sheet.iter_rows(min_row=top, max_row=top + len(form.header), min_col=1, max_col=width):
        for cell in row:
            cell.border = BOX
    r += 1
    put(r, half + 1, lines_date(signed, table.agency.place), italic, span=width - half, align=Alignment(horizontal="center"))
    r += 1
    put(r, 1, "Người lập biểu", bold, span=half, align=Alignment(horizontal="center"))
    put(r, half + 1, "Thủ trưởng đơn vị", bold, span=width - half, align=Alignment(horizontal="center"))
    r += 1
    put(r, 1, "(Ký, họ tên)", italic, span=half, align=Alignment(horizontal="center"))
    put(r, half + 1, "(Ký, họ tên, đóng dấu)", italic, span=width - half, align=Alignment(horizontal="center"))
    r += 4
    put(r, 1, signed.preparer, bold, span=half, align=Alignment(horizontal="center"))
    put(r, half + 1, signed.head, bold, span=width - half, align=Alignment(horizontal="center"))
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 8
    if form.has_unit_column:
        sheet.column_dimensions["C"].width = 12
    for column in range(label_columns + 1, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 11
    sheet.page_setup.orientation = "landscape" if form.landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToHeight = 0
    return book


def lines_date(signed, place):
    return vietnamese_date_line(place, signed.on)
