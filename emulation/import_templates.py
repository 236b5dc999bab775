"""The empty files a clerk fills in for an import (issue 25 §14), so that nobody has to guess how a cell
is written: the staff template has its column names on the first sheet, drop-down lists of the allowed
values on the cells of the coded columns (Excel data validation over a hidden sheet "Danh mục": gender,
staff kind, yes/no, and the units the person may import into), and an example on its own sheet
"Hướng dẫn", written one column a line: that sheet never reads as a list, so a clerk who leaves it in
(or deletes the first sheet) never imports the example as a person."""
import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from emulation import permissions
from emulation.columns import key, resource_columns
from emulation.exports import DATE_FORMAT
from emulation.models import Staff, Unit
from emulation.resources import StaffResource

ROWS_WITH_LISTS = 2000  # the rows of the list whose cells get the drop-down lists
UNITS_LISTED = 3000  # more units than this: the unit cell is typed (a list that long helps nobody)
# The sheets' names are part of the file's layout, as the column names are: the same in every language.
LIST_SHEET, GUIDE_SHEET, LISTS_SHEET = "Danh sách cán bộ", "Hướng dẫn", "Danh mục"

# The example person and how each column is written (in the resource's column order).
EXAMPLE = {
    "Họ và tên": ("Nguyễn Văn An", gettext_noop("Write the full name, with diacritics.")),
    "Giới tính": ("Nam", gettext_noop("Choose from the list in the cell.")),
    "Ngày sinh": (datetime.date(1990, 5, 15), gettext_noop("Write dd/mm/yyyy.")),
    "Mã đơn vị": (None, gettext_noop("Choose the unit from the list in the cell (or write its code).")),
    "Chức vụ": ("Chuyên viên", gettext_noop("As in the appointment decision; may be left empty.")),
    "Loại cán bộ": ("Công chức", gettext_noop("Choose from the list in the cell.")),
    "Số định danh cá nhân": ("001090012345", gettext_noop("The 12 digits of the citizen identity card; a person already recorded with it is updated.")),
    "Thư điện tử": ("an.nv@example.gov.vn", gettext_noop("May be left empty.")),
    "Điện thoại": ("0912345678", gettext_noop("May be left empty.")),
    "Ngày bắt đầu công tác": (datetime.date(2015, 9, 1), gettext_noop("Write dd/mm/yyyy; may be left empty.")),
    "Đang làm việc": ("Có", gettext_noop("Choose “Có” or “Không”; empty means “Có”.")),
}


def template_units(user):
    """The units the person may import staff into, in the tree's order."""
    managed = permissions.managed_units(user)
    units = managed if managed is not None else Unit.objects.filter(agency_id=permissions.agency_id_of(user), active=True)
    return list(units.order_by("path").only("code", "name")[:UNITS_LISTED + 1])


def unit_entries(units):
    """How each unit is written in the list: its name, or its code when another unit has the same name
    (the import would refuse a name meaning two units)."""
    names = {}
    for unit in units:
        names.setdefault(key(unit.name), []).append(unit)
    return [unit.name if len(names[key(unit.name)]) == 1 else unit.code for unit in units]


def staff_template(user):
    """The staff template workbook for `user` (see the module docstring)."""
    columns = resource_columns(StaffResource())
    units = template_units(user)
    lists = {
        "Giới tính": [str(label) for label in Staff.Gender.labels],
        "Loại cán bộ": [str(label) for label in Staff.Category.labels],
        "Đang làm việc": ["Có", "Không"],
    }
    if units and len(units) <= UNITS_LISTED:
        lists["Mã đơn vị"] = unit_entries(units)

    book = Workbook()
    sheet = book.active
    sheet.title = LIST_SHEET
    sheet.append(columns)
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.alignment = Font(bold=True), Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = max(14, len(column) + 4)
        if column in ("Ngày sinh", "Ngày bắt đầu công tác"):  # the column's style: no empty cells written
            sheet.column_dimensions[get_column_letter(index)].number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"

    guide = book.create_sheet(GUIDE_SHEET)
    guide.append([_("How to fill in the list of staff")])
    guide["A1"].font = Font(bold=True)
    guide.append([_("Write one person a row on the first sheet, under the column names. This sheet only shows an "
                    "example: it is never imported, and may be left in the file.")])
    guide.append([_("Column"), _("Example"), _("How to write it")])
    for cell in guide[3]:
        cell.font = Font(bold=True)
    for column in columns:
        example, how = EXAMPLE.get(column, ("", gettext_noop("")))
        if column == "Mã đơn vị":
            example = lists["Mã đơn vị"][0] if "Mã đơn vị" in lists else ""
        guide.append([column, example, _(how) if how else ""])
        if isinstance(example, datetime.date):
            guide.cell(row=guide.max_row, column=2).number_format = DATE_FORMAT
    for letter, width in (("A", 26), ("B", 28), ("C", 70)):
        guide.column_dimensions[letter].width = width

    values = book.create_sheet(LISTS_SHEET)
    values.sheet_state = "hidden"  # the import reads visible sheets only
    for position, (column, entries) in enumerate(lists.items(), start=1):
        letter = get_column_letter(position)
        values.cell(row=1, column=position, value=column)
        for row, entry in enumerate(entries, start=2):
            values.cell(row=row, column=position, value=entry)
        target = get_column_letter(columns.index(column) + 1)
        validation = DataValidation(
            type="list", formula1=f"={quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(entries) + 1}",
            allow_blank=True, showErrorMessage=True, errorStyle="warning",
            errorTitle=_("Not in the list"), error=_("Choose a value from the list of this cell."),
            showInputMessage=True, promptTitle=column, prompt=_("Choose from the list."))
        validation.add(f"{target}2:{target}{ROWS_WITH_LISTS + 1}")
        sheet.add_data_validation(validation)
    return book
