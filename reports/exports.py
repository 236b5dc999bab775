"""Every table of a summary report as an Excel workbook: one sheet each, Vietnamese sheet names, typed
numbers (text cells pass the core formula-injection guard)."""
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from emulation.exports import safe_text
from reports.tables import summary_tables


def summary_workbook(report):
    book = Workbook()
    book.remove(book.active)
    for table in summary_tables(report.figures):
        sheet = book.create_sheet(table.sheet[:31])
        sheet.append([safe_text(table.caption)])
        sheet["A1"].font = Font(bold=True, size=12)
        sheet.append([safe_text(header) for header in table.headers])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            sheet.append([value if value is None or isinstance(value, (int, float)) else safe_text(value)
                          for value in row])
        sheet.freeze_panes = "A3"
        for index, header in enumerate(table.headers):
            letter = sheet.cell(row=2, column=index + 1).column_letter
            sheet.column_dimensions[letter].width = 12 if index in table.numeric else 40
    return book
