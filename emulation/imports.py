"""Reading an uploaded spreadsheet safely and running an import as all-or-nothing with a report.

Before parsing: a size cap, a cap on what an .xlsx archive unpacks to, and a row cap while reading,
so a crafted file cannot exhaust the server. The import itself always runs in a transaction that is
rolled back when any row fails (django-import-export: use_transactions + rollback_on_validation_errors).
"""
import csv
import datetime
import hashlib
import json
import io
import itertools
import re
import threading
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import tablib
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import DatabaseError, connection, connections, transaction
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from emulation.columns import (
    IGNORE, ColumnMatch, header_score, key, match_columns, match_header, resource_columns, synonyms_for,
)
from emulation.legacy_text import Undecided, decide, other_readings
from emulation import value_mappings
from emulation.concurrency import is_database_busy
from emulation.import_errors import ImportFileError
from emulation.models import ImportRun
from emulation.resources import spreadsheet_row
from emulation.text import fold, nfc
import xlrd
from emulation.models import ImportMapping
from emulation import permissions
from emulation.jobs.runner import JobError, JobResult


class EncodingQuestion(ImportFileError):
    """A CSV file whose text looks mis-decoded: the person is asked which code page it was saved in."""


class SheetQuestion(ImportFileError):
    """The first sheet has no header row but others have one (`sheets`): the person chooses which to read;
    another sheet is never read without asking (a DANHMUC code list was once read as the data)."""

    def __init__(self, message, sheets):
        super().__init__(message)
        self.sheets = sheets


ENCODINGS = {"utf-8": "utf-8-sig", "cp1258": "cp1258"}
HEADER_SCAN_ROWS = 30  # the header row is looked for among the first rows of each sheet


class SheetData(tablib.Dataset):
    """The rows of the sheet that holds the import, under our column names, and where they came from:
    `columns` (how each column of the file was matched), `excel_rows` (the Excel row number of each data
    row), `header_row`, `sheet` (its name), `missing` (required columns the file lacks), `legacy` (the old
    encodings its cells were converted from), `undecided` (cells in an old encoding that could not be read:
    (Excel row, ColumnMatch, text)), `conflicts`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.columns, self.excel_rows, self.header_row, self.sheet, self.missing = [], [], 1, "", []
        self.conflicts = []  # (Excel row, [(value, ColumnMatch)…]): one of our columns filled twice differently
        self.legacy, self.undecided = set(), []
        self.source_xlsx = None  # the .xlsx file's bytes: its formulas are read again to explain an error
        self.gender_pair = None  # (Nam column, Nữ column, added gender column) of a "Ngày sinh: Nam | Nữ" layout

    def file_column(self, name):
        """The column `name` as the person sees it in Excel: its header in the file and its letter."""
        for match in self.columns:
            if match.target == name:
                return match
        return None


def read_dataset(data: bytes, filename: str, resource=None, *, remembered=None, chosen=None, encoding="auto",
                 sheet=""):
    """Parse an .xlsx, .xls or .csv file into a SheetData, refusing oversized input.

    With a `resource`, the header row is found after title and blank rows (the first row whose cells read
    as the resource's column names), the first sheet that has one is read and the others ignored (code
    lists, drop-down sources), headers written over several lines are read as one, and each column is
    matched to the resource's columns (`remembered`: {folded header: column} from earlier files of this
    person; `chosen`: {index: column} picked in this preview). The first visible sheet is read, or the
    `sheet` the person chose; when the first has no header row and others have one, SheetQuestion names
    them. Formula cells give the value Excel computed and saved. Without a resource the first row holds the headers, as written.

    Every text cell in an old Vietnamese encoding (TCVN3, VNI) is converted to Unicode, headers too
    (`legacy_text.decide`); the encodings met are in `dataset.legacy`, and the cells read that could not
    be decided in `dataset.undecided` (row, ColumnMatch, text), which the import refuses."""
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise ImportFileError(
            _("The file is larger than %(size)s MB.") % {"size": settings.IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    name = filename.lower()
    if name.endswith(".xlsx"):
        sheets = _xlsx_sheets(data)
    elif name.endswith(".xls"):
        sheets = _xls_sheets(data)
    elif name.endswith(".csv"):
        sheets = [("", _csv_rows(data, encoding))]
    else:
        raise ImportFileError(_("Please choose an Excel file (.xlsx or .xls) or a CSV file (.csv)."))
    table = synonyms_for(resource) if resource is not None else None
    first_sheet_rows, first_name, offered = None, "", []
    for sheet_name, rows in sheets:
        if sheet and sheet_name != sheet:
            continue
        rows = _unicode_rows(rows)
        head = list(itertools.islice(rows, HEADER_SCAN_ROWS))
        first = first_sheet_rows is None
        if first:
            first_sheet_rows, first_name = [values for values, _number in head], sheet_name
        found = _header_index([values for values, _number in head], table)
        if found is None:
            continue
        if first:
            dataset = _build(sheet_name, head, found, rows, resource, table, remembered, chosen)
            if name.endswith(".xlsx"):
                dataset.source_xlsx = data  # to tell a formula without a value from an empty cell (_explain_formula_blanks)
            return dataset
        offered.append(sheet_name)
    if offered:
        raise SheetQuestion(
            _("The first sheet “%(first)s” has no row with the column names this import reads, but %(sheets)s "
              "has. Choose the sheet to read under “Sheet to read” and check the file again.") % {
                "first": first_name, "sheets": ", ".join(f"“{name}”" for name in offered)},
            offered,
        )
    if not first_sheet_rows or all(_blank(row) for row in first_sheet_rows):
        raise ImportFileError(_("The file is empty."))
    expected = ", ".join(f"“{c}”" for c in resource_columns(resource)) if resource is not None else ""
    raise ImportFileError(
        _("No row of the file holds the column names this import reads (%(columns)s). Check that the list "
          "is on the first sheet and that its header row names at least two of these columns.") % {"columns": expected}
    )


class CellError(str):
    """The error a formula cell cached ("#N/A", "#REF!"): read as its text in a row with data, but a row
    whose cells hold only such errors and empty texts is a template row nobody filled (issue 25)."""


def _blank(values):
    return all(v in (None, "") or isinstance(v, CellError) or (isinstance(v, str) and not v.strip()) for v in values)


def _header_index(head, table):
    if table is None:
        return next((i for i, row in enumerate(head) if not _blank(row)), None)
    needed = min(2, len(table))
    best, best_score = None, 0
    for index, row in enumerate(head):
        score = header_score(row, table)
        if score >= needed and score > best_score:
            best, best_score = index, score
            break  # the first row that reads as a header row: data rows below may repeat names
    return best


def _unicode_rows(rows):
    """The rows with each text cell as `legacy_text.decide` reads it: converted to Unicode when it was
    typed in TCVN3 or VNI (a LegacyText, which remembers the encoding), an Undecided when it could not be
    read."""
    for values, number in rows:
        yield [_unicode(v) for v in values], number


class LegacyText(str):
    """A cell converted from an old encoding; `encoding` names it (TCVN3, VNI)."""
    encoding = ""


class Ambiguous(str):
    """A cell that reads as Vietnamese in more than one way (`readings`: {encoding: text}; `unicode`: and
    as it is): "Dòng" is a word, and TCVN3 for "Dũng"; "Vò" read on a Vietnamese Windows is TCVN3 "Vũ"
    or VNI "Vị". Converted only when the other cells of its column (or, with none that tells, of the
    sheet) were all typed in one of those encodings; otherwise kept when it is Unicode, else refused."""
    readings, unicode = {}, False


def _settle_ambiguous(dataset, rows, evidence, ambiguous):
    """Convert the Ambiguous cells whose column (or sheet) shows one old encoding and no Unicode text;
    `evidence`: {column position: {"unicode", TCVN3, VNI…}}; `ambiguous`: [(row position, column
    position, cell, Excel row, ColumnMatch)]. A cell left with no reading and not Unicode is undecided."""
    everywhere = set().union(*evidence.values()) if evidence else set()
    for row, column, cell, excel_row, match in ambiguous:
        seen = evidence.get(column) or everywhere
        encoding = next(iter(seen)) if len(seen) == 1 else None
        if encoding in cell.readings:
            converted = LegacyText(cell.readings[encoding])
            converted.encoding = encoding
            rows[row][column] = converted
            dataset.legacy.add(encoding)
        elif not cell.unicode:
            dataset.undecided.append((excel_row, match, str(cell)))


def _unicode(value):
    if not isinstance(value, str) or isinstance(value, (CellError, LegacyText, Undecided)) or value.isascii():
        return value
    text, encoding = decide(value)
    if encoding is None:
        readings = text.readings if isinstance(text, Undecided) else other_readings(text)
        if not readings:
            return text
        ambiguous = Ambiguous(text)
        ambiguous.readings, ambiguous.unicode = readings, not isinstance(text, Undecided)
        return ambiguous
    converted = LegacyText(text)
    converted.encoding = encoding
    return converted


_NUMBERING = re.compile(r"^\(?\d+\)?$")
_SECTION = re.compile(r"^([IVX]+|[A-D])[.)/]\s|^(tong cong|tong so|cong)\b", re.IGNORECASE)
_SIGNATURE = re.compile(r"^(nguoi lap|thu truong|giam doc|xac nhan|ky thay|kt\.? |tm\.? |noi nhan)")


def _skipped(values, after_header):
    """Rows of an office layout that are not data: the "(1) (2) (3)" numbering row under the headers,
    section rows ("I. Tập thể", "II. Cá nhân") and totals written in one cell."""
    filled = [v for v in values if v not in (None, "") and str(v).strip()]
    if after_header and len(filled) >= 2 and all(_NUMBERING.match(str(v).strip()) for v in filled):
        return True
    return len(filled) == 1 and bool(_SECTION.match(key_text(filled[0])))


def key_text(value):
    return fold(value) if isinstance(value, str) else str(value)


def _text(value):
    return nfc(str(value)) if value is not None and not isinstance(value, Undecided) else ""


def _two_row_headers(head, found):
    """{column: (group, name)} when the row under the header row names the columns of groups merged
    over several columns ("Khen thưởng" over "Danh hiệu" | "Hình thức"): Excel keeps a merged group's
    title in its first cell only, so a name under an empty top cell belongs to the nearest group on its
    left. None when that row is no such row (data, the numbering row)."""
    if found + 1 >= len(head):
        return None
    top, sub = list(head[found][0]), list(head[found + 1][0])
    width = max(len(top), len(sub))
    top, sub = [_text(v) for v in top + [None] * (width - len(top))], sub + [None] * (width - len(sub))
    if any(v not in (None, "") and not isinstance(v, str) for v in sub) or _skipped(sub, after_header=True):
        return None
    names = [_text(v) for v in sub]
    groups, group, spans = {}, None, False
    for column in range(width):
        if top[column]:
            group = top[column]
        if not names[column]:
            if not top[column]:
                group = None
            continue
        starts = bool(top[column]) and column + 1 < width and not top[column + 1] and bool(names[column + 1])
        if group is None or (top[column] and not starts):
            return None  # a value under a column of its own: a data row
        spans = spans or not top[column]
        groups[column] = (group, names[column])
    return groups if spans else None


def _match_grouped(dataset, groups, table, remembered, chosen):
    """A column under a group is matched by the group and its name joined ("Ngày sinh / Nam"), else by its
    name alone; "Nam" | "Nữ" under a birth date group give the birth date and the gender of the row."""
    taken = {m.target for m in dataset.columns if m.target}
    for match in dataset.columns:
        if match.index in groups and match.how == "unknown" and (chosen is None or match.index not in chosen):
            target, how = match_header(groups[match.index][1], table, remembered)
            if target and target not in taken:
                match.target, match.how = target, how
                taken.add(target)
    birth = {i: name for i, (group, name) in groups.items() if match_header(group, table)[0] == "Ngày sinh"}
    male = next((i for i, name in birth.items() if key(name) == "nam"), None)
    female = next((i for i, name in birth.items() if key(name) == "nu"), None)
    if male is None or female is None:
        return
    if chosen is not None and not (chosen.get(male) == "Ngày sinh" and not chosen.get(female)):
        return  # the person read these columns another way
    by_index = {m.index: m for m in dataset.columns}
    if "Ngày sinh" in taken - {by_index[male].target, by_index[female].target}:
        return  # the file has a birth date column of its own
    by_index[male].target, by_index[male].how = "Ngày sinh", by_index[male].how if chosen else "synonym"
    by_index[female].target, by_index[female].how = IGNORE, "ignored"
    gender = len(dataset.columns)
    read_gender = chosen.get(gender, "Giới tính") if chosen is not None else "Giới tính"
    if "Giới tính" in table and "Giới tính" not in taken and read_gender == "Giới tính":  # a file's own column wins
        dataset.columns.append(ColumnMatch(gender, _("Male / Female (from the birth date columns)"), "Giới tính",
                                           "chosen" if chosen and gender in chosen else "synonym"))
    else:
        gender = None
    dataset.gender_pair = (male, female, gender)


def _build(sheet_name, head, found, rows, resource, table, remembered, chosen):
    header_values, header_number = head[found]
    headers = [_text(v) for v in header_values]
    groups = _two_row_headers(head, found) if table is not None else None
    for column, (group, name) in (groups or {}).items():
        headers += [""] * (column + 1 - len(headers))
        headers[column] = f"{group} / {name}"
    dataset = SheetData()
    dataset.sheet, dataset.header_row = sheet_name, header_number or found + 1
    if table is None:
        dataset.columns = [ColumnMatch(i, h, h, "name") for i, h in enumerate(headers)]
    else:
        dataset.columns = match_columns(headers, table, remembered, chosen, getattr(resource, "merged_columns", ()))
    if groups:
        _match_grouped(dataset, groups, table, remembered, chosen)
        found += 1  # the data start under the second header row
    used = [m for m in dataset.columns if m.target]
    names = list(dict.fromkeys(m.target for m in used))  # a merged column once, however many file columns hold it
    sources = [[m for m in used if m.target == name] for name in names]
    if resource is not None:
        dataset.missing = [c for c in getattr(resource, "required_columns", ()) if c not in names]
        for field_name in resource._meta.import_id_fields:
            if field_name not in resource.fields:
                continue  # the primary key: never read from a file
            column = resource.fields[field_name].column_name
            if column not in names and column not in dataset.missing:
                names.append(column)  # an optional key column the file does not have: read as empty
    dataset.headers = names
    dataset.legacy = {v.encoding for v in header_values if isinstance(v, LegacyText)}
    width = len(names)
    excel_row = dataset.header_row
    evidence, ambiguous, picked_rows = {}, [], []  # what each column's text was typed in; the cells it settles
    for position, (values, number) in enumerate(itertools.chain(head[found + 1:], rows)):
        excel_row = number or excel_row + 1
        values = list(values)
        if _blank(values) or _skipped(values, after_header=position == 0):
            continue
        if dataset.gender_pair:
            values = _birth_by_gender(values, *dataset.gender_pair)
        if table is not None and _SIGNATURE.match(key_text(next(v for v in values if v not in (None, "")))):
            break  # the signature block under the list
        if len(picked_rows) >= settings.IMPORT_MAX_ROWS:
            raise ImportFileError(_("The file has more than %(rows)s rows.") % {"rows": settings.IMPORT_MAX_ROWS})
        picked = [_merged_cell(values, columns, dataset, excel_row) for columns in sources]
        for column, (columns, value) in enumerate(zip(sources, picked)):
            match = columns[0]
            if isinstance(value, Undecided):
                dataset.undecided.append((excel_row, match, str(value)))
            elif isinstance(value, LegacyText):
                dataset.legacy.add(value.encoding)
                evidence.setdefault(column, set()).add(value.encoding)
            elif isinstance(value, Ambiguous):
                ambiguous.append((len(picked_rows), column, value, excel_row, match))
            elif isinstance(value, str) and not value.isascii():
                evidence.setdefault(column, set()).add("unicode")
        picked_rows.append(picked + [None] * (width - len(picked)))
        dataset.excel_rows.append(excel_row)
    _settle_ambiguous(dataset, picked_rows, evidence, ambiguous)
    for row in picked_rows:
        dataset.append(row)
    return dataset


def _merged_cell(values, columns, dataset, excel_row):
    """The value of one of our columns on a row: the cell of its file column or, when several file columns
    hold it (`merged_columns`), the one filled in. Two filled with different values are kept in
    `dataset.conflicts` (the row is refused by run_import) and the first is read."""
    cells = [(values[m.index], m) for m in columns if m.index < len(values)]
    filled = [(v, m) for v, m in cells if v not in (None, "") and not (isinstance(v, str) and not v.strip())]
    if len(columns) == 1 or not filled:
        return cells[0][0] if len(columns) == 1 and cells else None
    if len({key(str(v)) for v, _m in filled}) > 1:
        dataset.conflicts.append((excel_row, filled))
    return filled[0][0]


def _birth_by_gender(values, male, female, gender):
    """A row of the "Ngày sinh: Nam | Nữ" layout: the date written under "Nam" or under "Nữ" is the birth
    date, and the column it is in gives the gender (in an added column when the file has none)."""
    values = values + [None] * (max(male, female) + 1 - len(values))
    filled_male, filled_female = not _blank([values[male]]), not _blank([values[female]])
    if not filled_male and filled_female:
        values[male] = values[female]
    if gender is not None:
        values += [None] * (gender + 1 - len(values))
        values[gender] = "Nam" if filled_male and not filled_female else "Nữ" if filled_female and not filled_male else None
    return values


def _xlsx_sheets(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ImportFileError(_("The file is not a valid Excel file."))
    if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
        raise ImportFileError(_("The Excel file unpacks to too much data to be read."))
    try:
        # data_only: a formula cell gives the value Excel computed when the file was saved.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise ImportFileError(_("The file is not a valid Excel file."))
    return [(sheet.title, _sheet_rows(sheet)) for sheet in workbook.worksheets if sheet.sheet_state == "visible"]


def _sheet_rows(sheet):
    # read_only sheets leave out empty rows at the top; keep the numbering Excel shows. With data_only a
    # formula cell keeps the type of its cached value: "e" for an error, which is marked as a CellError.
    for row in sheet.iter_rows():
        cells = [c for c in row if getattr(c, "row", None)]
        values = [CellError(c.value) if getattr(c, "data_type", None) == "e" and c.value is not None
                  else getattr(c, "value", None) for c in row]
        yield values, (cells[0].row if cells else None)


def _xls_sheets(data):
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception:
        raise ImportFileError(_("The file is not a valid Excel 97-2003 file (.xls)."))

    def rows(sheet):
        for r in range(min(sheet.nrows, settings.IMPORT_MAX_ROWS + HEADER_SCAN_ROWS + 1)):
            values = []
            for cell in sheet.row(r):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    values.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
                elif cell.ctype == xlrd.XL_CELL_NUMBER and float(cell.value).is_integer():
                    values.append(int(cell.value))
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    values.append(None)
                elif cell.ctype == xlrd.XL_CELL_ERROR:  # an error code, never a number
                    values.append(CellError(xlrd.error_text_from_code.get(cell.value, "#N/A")))
                else:
                    values.append(cell.value)
            yield values, r + 1

    return [(sheet.name, rows(sheet)) for sheet in book.sheets() if sheet.visibility == 0]


def _csv_rows(data, encoding="auto"):
    """The rows of a CSV file, each cell in Unicode NFC. Undefined bytes of Windows-1258 are kept
    (surrogateescape) for the reading of old encodings. Detected: a cell whose letters look garbled in
    every reading stops with the question of the code page (EncodingQuestion)."""
    if encoding in ENCODINGS:
        try:
            text = data.decode(ENCODINGS[encoding])
        except UnicodeDecodeError:
            raise ImportFileError(_("The CSV file is not in the code page you chose."))
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1258", errors="surrogateescape")
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=_separator(text)), start=1):
        cells = [_unicode(cell) for cell in row]
        if encoding not in ENCODINGS and any(isinstance(cell, Undecided) for cell in cells):
            sample = next(cell for cell in cells if isinstance(cell, Undecided))[:80]
            raise EncodingQuestion(
                _("Some letters of this CSV file look garbled when read (for example: “%(sample)s”). In which "
                  "code page was it saved? Choose “UTF-8” or “Windows-1258” under “Code page of a CSV file” and "
                  "check the file again. If the letters still look wrong, open the file in Excel and save it as "
                  "“CSV UTF-8”.") % {"sample": sample.encode("utf-8", "replace").decode()}
            )
        yield [cell if isinstance(cell, (LegacyText, Undecided, Ambiguous)) else unicodedata.normalize("NFC", cell)
               for cell in cells], number


def _separator(text):
    """The character between cells: of `,` `;` and tab, the one that splits most of the first rows into
    the same number of cells (two or more). Title rows above the table ("UBND TỈNH X, SỞ Y") are one
    cell each and count for nothing, where csv.Sniffer read their commas as the separator or gave up."""
    head = text[:16384]
    best, best_score = ",", 0
    for separator in (";", ",", "\t"):
        widths = [len(row) for row in itertools.islice(csv.reader(io.StringIO(head), delimiter=separator), 60)
                  if len(row) > 1 and any(cell.strip() for cell in row[1:])]
        if not widths:
            continue
        common = max(set(widths), key=lambda width: (widths.count(width), width))
        score = widths.count(common) * common
        if score > best_score:
            best, best_score = separator, score
    return best


@dataclass
class RowError:
    row: int | None
    column: str
    message: str
    letter: str = ""  # the column's letter in Excel


@dataclass
class ImportReport:
    errors: list = field(default_factory=list)
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    preview: list = field(default_factory=list)
    headers: list = field(default_factory=list)
    likely_duplicates: list = field(default_factory=list)  # spreadsheet rows matched on name + birth + unit
    already_imported: object = None  # the ImportRun that applied this very file before, if any
    columns: list = field(default_factory=list)  # ColumnMatch per column of the file
    targets: list = field(default_factory=list)  # the column names a file column may be matched to
    header_row: int = 1
    sheet: str = ""
    notes_title: str = ""  # the heading of the per-row notes column of the preview (e.g. eligibility)
    unknown_values: list = field(default_factory=list)  # value_mappings.Unmatched: values to choose a meaning for
    mapped_values: list = field(default_factory=list)  # value_mappings.Mapped: values read as the agency chose
    read_as: list = field(default_factory=list)  # [(value as written, record it was taken as)]: loose readings
    legacy: list = field(default_factory=list)  # the old encodings (TCVN3, VNI) the file's text was converted from

    @property
    def ok(self):
        return not self.errors

    @property
    def unknown_columns(self):
        return [c for c in self.columns if c.how == "unknown"]


def run_import(resource, dataset, *, dry_run, user=None, preview_rows=200, progress=None, span=(30, 99)):
    """Import `dataset` with `resource`; nothing is written when dry_run or when any row fails.

    Every error names the row and the column as the person sees them in Excel (the row number of the
    sheet, the header written in the file and its letter). `progress(percent, step)` (a background job's)
    is told every thousand rows how far the rows are checked or written, from span[0] to span[1] %."""
    excel_rows = getattr(dataset, "excel_rows", None) or [spreadsheet_row(n) for n in range(1, len(dataset) + 1)]
    resource.excel_rows = excel_rows
    if progress is not None:
        total, (low, high) = len(dataset), span
        step = _("Writing row %(row)s of %(rows)s") if not dry_run else _("Checking row %(row)s of %(rows)s")

        def rows_done(number):
            progress(low + (high - low) * number // max(total, 1), step % {
                "row": number_format(number, force_grouping=True), "rows": number_format(total, force_grouping=True)})

        resource.progress = rows_done

    def row_of(number):
        return excel_rows[number - 1] if number and 0 < number <= len(excel_rows) else spreadsheet_row(number)

    def where(column_name):
        match = dataset.file_column(column_name) if isinstance(dataset, SheetData) else None
        return (match.header, match.letter) if match else (column_name, "")

    report = ImportReport(
        headers=list(dataset.headers or []), columns=getattr(dataset, "columns", []),
        targets=resource_columns(resource), header_row=getattr(dataset, "header_row", 1),
        sheet=getattr(dataset, "sheet", ""), notes_title=str(getattr(resource, "notes_title", "")),
        unknown_values=getattr(dataset, "unmatched", []), mapped_values=getattr(dataset, "mapped", []),
    )
    report.legacy = sorted(getattr(dataset, "legacy", ()))
    for row, match, text in getattr(dataset, "undecided", []):
        report.errors.append(RowError(row, match.header, _(
            "“%(text)s” looks typed in an old Vietnamese encoding (TCVN3 or VNI) but cannot be read as Vietnamese. "
            "Convert the file to Unicode (for example with Unikey's converter) and upload it again.") % {"text": text[:80]},
            match.letter))
    for column in getattr(dataset, "missing", []):
        report.errors.append(RowError(None, column, _("The file has no column “%(column)s”: choose which column of the "
                                                      "file holds it in the table of columns below.") % {"column": column}))
    if report.errors:
        return report
    for excel_row, filled in getattr(dataset, "conflicts", []):
        first = filled[0][1]
        report.errors.append(RowError(excel_row, first.header, _(
            "This row gives two different values for “%(column)s”: %(values)s. Write one on each row: split it "
            "into two rows.") % {"column": first.target, "values": "; ".join(
                _("“%(value)s” (column %(letter)s)") % {"value": v, "letter": m.letter} for v, m in filled)},
            first.letter))
    result = resource.import_data(
        dataset,
        dry_run=dry_run or bool(report.errors),  # a refused row: the other rows are checked, nothing is written
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        user=user,
    )
    columns = {f.attribute: f.column_name for f in resource.get_import_fields()}
    columns.update({name: f.column_name for name, f in resource.fields.items()})  # errors keyed by field name
    for error in result.base_errors:
        # django-import-export's own file-level messages are English: never shown as they are.
        report.errors.append(RowError(None, "", _("The file could not be read as this import. Check its columns.")))
    for number, errors in result.row_errors():
        for error in errors:
            message = error.error.message if isinstance(error.error, ImportFileError) else str(error.error)
            report.errors.append(RowError(row_of(number), "", message))
    for invalid in result.invalid_rows:
        for attribute, messages in invalid.error_dict.items():
            header, letter = ("", "") if attribute == NON_FIELD_ERRORS else where(columns.get(attribute, attribute))
            for message in messages:
                report.errors.append(RowError(row_of(invalid.number), header, str(message), letter))
    report.errors.sort(key=lambda e: (e.row or 0, e.letter, e.column))
    _explain_formula_blanks(report, dataset)
    duplicates = getattr(resource, "likely_duplicates", set())
    report.likely_duplicates = sorted(row_of(number) for number in duplicates if number is not None)
    report.new = result.totals.get("new", 0)
    report.updated = result.totals.get("update", 0)
    report.unchanged = result.totals.get("skip", 0)
    notes = getattr(resource, "row_notes", {})
    report.read_as = sorted(resource.read_as().items()) if hasattr(resource, "read_as") else []
    if report.ok:
        report.preview = [
            (row, "duplicate" if row in report.likely_duplicates else row_result.import_type, list(dataset[index]),
             notes.get(index + 1))
            for index, row_result in enumerate(result.rows[:preview_rows])
            for row in [row_of(index + 1)]
        ]
    return report


def _explain_formula_blanks(report, dataset):
    """An error on a cell that is empty because its formula gave no value (a lookup that found nothing, a
    file saved by a program that does not compute formulas) says so, instead of "may not be empty": the
    clerk sees a formula in that cell. Only .xlsx files keep their formulas apart from their values; the
    rows with errors are read again here, only when there are errors."""
    data = getattr(dataset, "source_xlsx", None)
    cells = {(e.row, e.letter) for e in report.errors if e.row and e.letter}
    if data is None or not cells or not dataset.sheet:
        return
    rows = [row for row, _letter in cells]

    def read(data_only):
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)[dataset.sheet]
        return {(cell.row, cell.column_letter): cell.value
                for row in sheet.iter_rows(min_row=min(rows), max_row=max(rows)) for cell in row
                if (getattr(cell, "row", None), getattr(cell, "column_letter", None)) in cells}

    formulas = {where: value for where, value in read(False).items()
                if isinstance(value, str) and value.startswith("=")}
    if not formulas:
        return
    values = read(True)
    for error in report.errors:
        formula = formulas.get((error.row, error.letter))
        if formula and _blank([values.get((error.row, error.letter))]):
            error.message = _("This cell holds a formula (%(formula)s) that gave no value when the file was saved: "
                              "write the value itself, or open the file in Excel, check the formula, save and upload "
                              "it again.") % {"formula": formula[:80]}


# Preview → confirm --------------------------------------------------------------------------------

# The file of a pending import lives in the `default` storage (FILE_STORAGE: MEDIA_ROOT or the S3 bucket),
# never on the local disk alone: the preview may be confirmed on another app server, and a background job
# runs on whichever machine its worker is.
PENDING_FOLDER = "imports"


def _pending_name(run):
    return f"{PENDING_FOLDER}/{run.token}{Path(run.filename).suffix.lower()}"


def _keep_pending(run, data):
    _remove_stale_pending_files()
    default_storage.save(_pending_name(run), ContentFile(data))


def _remove_stale_pending_files():
    """Previews never confirmed leave their file behind; drop those older than a day."""
    cutoff = timezone.now() - datetime.timedelta(days=1)
    try:
        _folders, names = default_storage.listdir(PENDING_FOLDER)
    except FileNotFoundError:  # nothing kept yet
        return
    for name in names:
        stale = f"{PENDING_FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(stale) < cutoff:
                default_storage.delete(stale)
        except FileNotFoundError:  # another request removed it meanwhile
            pass


def _read(resource, data, filename, *, user, kind, options):
    """The file as the import reads it: its columns as remembered or chosen, and the values of its coded
    columns that the agency mapped replaced by what they mean (emulation.value_mappings). The value
    mappings used are kept in `options["values"]` (a confirmation reads the file as its preview did, even
    if someone changes a mapping in between), the values still unknown in `options["unmatched"]`."""
    remembered = ImportMapping.remembered(user, kind.split(":")[0])
    chosen = {int(i): t for i, t in options.get("chosen", {}).items()} if options.get("chosen") else None
    dataset = read_dataset(data, filename, resource, remembered=remembered, chosen=chosen,
                           encoding=options.get("encoding", "auto"), sheet=options.get("sheet", ""))
    if "values" not in options:
        options["values"] = value_mappings.remembered(resource, kind)
    dataset.mapped = value_mappings.apply(dataset, resource, options["values"])
    dataset.unmatched = value_mappings.unmatched(dataset, resource)
    options["unmatched"] = [{"column": item.column, "value": item.value} for item in dataset.unmatched]
    return dataset


def _prepare(resource, run, data):
    """Tell the resource which file it reads (a nominations import keeps it as the source)."""
    resource.source_name, resource.source_data, resource.import_run = run.filename, data, run


def preview_import(kind, resource, data, filename, *, user, encoding="auto", sheet=""):
    """Check an uploaded file without writing anything. Returns (report, run): `run` is the pending
    import, kept so that the person may correct the columns and check again; it may be confirmed only
    when the report has no error. Raises ImportFileError for unreadable files (EncodingQuestion when a
    CSV file's code page must be chosen, SheetQuestion when the sheet must be; the `sheet` chosen is kept
    for the re-check and the confirmation)."""
    options = {"encoding": encoding, **({"sheet": sheet} if sheet else {})}
    dataset = _read(resource, data, filename, user=user, kind=kind, options=options)
    if isinstance(dataset, SheetData):  # confirm reads the columns exactly as this preview showed them
        options["chosen"] = {str(m.index): m.target for m in dataset.columns}
    checksum = hashlib.sha256(data).hexdigest()
    run = ImportRun.objects.create(kind=kind, token=uuid.uuid4().hex, user=user, filename=filename[:255],
                                   sha256=checksum, options=options)
    _prepare(resource, run, data)
    report = run_import(resource, dataset, dry_run=True, user=user)
    report.already_imported = (
        ImportRun.objects.filter(kind=kind, sha256=checksum, applied_at__isnull=False).select_related("user").first()
    )
    _keep_pending(run, data)
    return report, run


def _pending(kind, token, user):
    """(run, name of its file in the default storage); ImportFileError when it expired or is not `user`'s."""
    run = ImportRun.objects.filter(kind=kind, token=token or "", user=user).first()
    name = _pending_name(run) if run else None
    if run is None or (run.applied_at is None and not default_storage.exists(name)):
        raise ImportFileError(_("This preview has expired. Please upload the file again."))
    return run, name


def _pending_data(name):
    with default_storage.open(name, "rb") as stored:
        return stored.read()


def recheck_import(kind, resource, token, chosen, *, user, values=None):
    """The preview again with the columns the person picked ({index: column name or ""}) and what they
    chose for the values that matched nothing (`values`: {position in the last check's list: target});
    the columns are remembered for this person and import kind, the values for their agency
    (emulation.value_mappings.choose, which raises ImportFileError, keeping nothing, for a target outside
    the person's scope). Returns (report, run)."""
    run, name = _pending(kind, token, user)
    if run.applied_at is not None:
        raise ImportFileError(_("This file has already been imported."))
    refused = None
    if values and any(values.values()):
        try:
            value_mappings.choose(resource, kind, run.options.get("unmatched", []), values, user=user)
        except ImportFileError as error:  # nothing kept: the preview is shown again with why
            refused = RowError(None, "", error.message)
    data = _pending_data(name)
    run.options = {key_: value for key_, value in run.options.items() if key_ != "values"}  # read them again
    run.options["chosen"] = {str(i): t for i, t in chosen.items()}
    dataset = _read(resource, data, run.filename, user=user, kind=kind, options=run.options)
    ImportMapping.remember(user, kind.split(":")[0], {key(m.header): m.target for m in dataset.columns if m.header})
    ImportRun.objects.filter(pk=run.pk).update(options=run.options)
    _prepare(resource, run, data)
    report = run_import(resource, dataset, dry_run=True, user=user)
    if refused:
        report.errors.insert(0, refused)
    report.already_imported = (
        ImportRun.objects.filter(kind=kind, sha256=run.sha256, applied_at__isnull=False).select_related("user").first()
    )
    return report, run


def _refuse_if_imported(kind, run):
    """ImportFileError saying who imported the same file (this preview or another person's) and when."""
    earlier = ImportRun.objects.filter(kind=kind, sha256=run.sha256, applied_at__isnull=False).select_related("user").first()
    if earlier:
        raise ImportFileError(_("This file was already imported on %(when)s by %(who)s; nothing was imported again.") % {
            "when": date_format(timezone.localtime(earlier.applied_at), "SHORT_DATETIME_FORMAT"),
            "who": earlier.user.get_full_name() or earlier.user.username,
        })


def confirm_import(kind, resource, token, *, user, progress=None):
    """Import the previewed file for real, at most once. Raises ImportFileError when the preview is not
    this user's, has expired, was already confirmed (by anyone, even at the same moment), or the same
    file was imported before. Returns the report; when a row fails nothing is written and the preview
    may be confirmed again after the data is corrected. `progress`: a background job's, told how far the
    rows are written.

    The claim and the import are one transaction: an import stopped half-way (a failing row, a database
    busy past its timeout) takes its claim with it, so the preview may be confirmed again. Two people
    confirming their previews of the same file at the same moment: the check and the claim are taken one
    after the other (a lock on the file's first run; SQLite locks at the start of the transaction), so the
    second is told who has it, instead of failing halfway through the rows."""
    expired = _("This preview has expired. Please upload the file again.")
    run, name = _pending(kind, token, user)
    _refuse_if_imported(kind, run)  # before reading: an imported preview's file is gone
    try:  # read before the transaction: on SQLite it holds the write lock from its start
        data = _pending_data(name)
        dataset = _read(resource, data, run.filename, user=user, kind=kind, options=run.options)
    except (OSError, ImportFileError):
        raise ImportFileError(expired)
    with transaction.atomic():
        list(ImportRun.objects.select_for_update().filter(kind=kind, sha256=run.sha256).order_by("pk")[:1])
        _refuse_if_imported(kind, run)
        if not ImportRun.objects.filter(pk=run.pk, applied_at__isnull=True).update(applied_at=timezone.now()):
            raise ImportFileError(_("This file is already being imported."))
        _prepare(resource, run, data)
        if progress:
            progress(10, _("Writing %(rows)s rows") % {"rows": number_format(len(dataset), force_grouping=True)})
        try:
            report = run_import(resource, dataset, dry_run=False, user=user, progress=progress, span=(10, 99))
        except ImportFileError:
            raise ImportFileError(expired)
        if not report.ok:
            transaction.set_rollback(True)  # nothing was written: the claim is released with it
            return report
        ImportRun.objects.filter(pk=run.pk).update(
            summary={"new": report.new, "updated": report.updated, "unchanged": report.unchanged}
        )
    default_storage.delete(name)
    return report


# Large files in the background (issue 17) ---------------------------------------------------------------
# A file larger than IMPORT_BACKGROUND_BYTES is checked and imported by an "import" job (emulation.jobs):
# the request only keeps the file (`stage_import`); the job runs the same preview or confirmation as the
# request would (`check_pending`, `confirm_import`) as the person who asked, with their scope at run time,
# and keeps the report as JSON (`report_to_data`) for the import page to show, paged.

#: The imports people may run: kind → spec; filled by `register_import` from each app's AppConfig.ready().
_IMPORTS = {}


def register_import(kind, *, title, resource, allowed, done, **options):
    """Offer the import `kind` on the import page: `title`, `resource` (an import-export resource class, or
    a function of (user, **params) giving one), `allowed(user)`, `done` (the URL name, or a function of the
    params, of the page to go back to), and optionally "params" (request → the import's parameters),
    "heading", "template_url". An import with "params" runs in the background too when it gives
    "job_params" (its parameters → JSON for the job) and "params_for_job" (owner, that JSON → its parameters,
    or None when the owner may no longer use them). Registering a kind again replaces it."""
    _IMPORTS[kind] = {"title": title, "resource": resource, "allowed": allowed, "done": done, **options}


def import_spec(kind):
    """The spec `register_import` stored for `kind`, or None."""
    return _IMPORTS.get(kind)


def stage_import(kind, data, filename, *, user, encoding="auto", sheet=""):
    """Keep an uploaded file for a background preview: the pending ImportRun and its file, nothing read
    yet. Raises ImportFileError for a file over the size cap or of another type."""
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise ImportFileError(
            _("The file is larger than %(size)s MB.") % {"size": settings.IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    if not filename.lower().endswith((".xlsx", ".xls", ".csv")):
        raise ImportFileError(_("Please choose an Excel file (.xlsx or .xls) or a CSV file (.csv)."))
    run = ImportRun.objects.create(kind=kind, token=uuid.uuid4().hex, user=user, filename=filename[:255],
                                   sha256=hashlib.sha256(data).hexdigest(),
                                   options={"encoding": encoding, **({"sheet": sheet} if sheet else {})})
    _keep_pending(run, data)
    return run


def check_pending(kind, resource, token, *, user, progress=None, preview_rows=200):
    """The preview of a staged file (as `preview_import` gives for an upload); the columns as read are
    kept so that the confirmation reads the file the same way. Returns (report, run)."""
    run, name = _pending(kind, token, user)
    if run.applied_at is not None:
        raise ImportFileError(_("This file has already been imported."))
    data = _pending_data(name)
    dataset = _read(resource, data, run.filename, user=user, kind=kind, options=run.options)
    if isinstance(dataset, SheetData) and "chosen" not in run.options:
        run.options["chosen"] = {str(m.index): m.target for m in dataset.columns}
    ImportRun.objects.filter(pk=run.pk).update(options=run.options)  # the columns and values as this check read them
    if progress:
        progress(30, _("Checking %(rows)s rows") % {"rows": len(dataset)})
    _prepare(resource, run, data)
    report = run_import(resource, dataset, dry_run=True, user=user, preview_rows=preview_rows, progress=progress)
    report.already_imported = (
        ImportRun.objects.filter(kind=kind, sha256=run.sha256, applied_at__isnull=False).select_related("user").first()
    )
    return report, run


def is_large(data_or_size):
    size = data_or_size if isinstance(data_or_size, int) else len(data_or_size)
    return size > settings.IMPORT_BACKGROUND_BYTES


def pending_size(kind, token, user):
    """The size in bytes of a pending file (0 when there is none)."""
    run = ImportRun.objects.filter(kind=kind, token=token or "", user=user).first()
    name = _pending_name(run) if run else None
    return default_storage.size(name) if name is not None and default_storage.exists(name) else 0


def _jsonable(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime("%d/%m/%Y")
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _note_data(note):
    if note is None:
        return None
    get = note.get if isinstance(note, dict) else lambda name: getattr(note, name, "")
    return {"ok": bool(get("ok")), "label": str(get("label") or ""), "detail": str(get("detail") or "")}


def report_to_data(report):
    """The report as JSON-ready data (dates written dd/mm/yyyy), for a job's result."""

    return {
        "errors": [{"row": e.row, "column": str(e.column), "message": str(e.message), "letter": e.letter}
                   for e in report.errors],
        "new": report.new, "updated": report.updated, "unchanged": report.unchanged,
        "preview": [[row, kind, [_jsonable(v) for v in values], _note_data(note)]
                    for row, kind, values, note in report.preview],
        "headers": [str(h) for h in report.headers], "likely_duplicates": list(report.likely_duplicates),
        "already_imported": report.already_imported.pk if report.already_imported else None,
        "columns": [{"index": c.index, "header": c.header, "target": c.target, "how": c.how} for c in report.columns],
        "targets": [str(t) for t in report.targets], "header_row": report.header_row, "sheet": report.sheet,
        "notes_title": report.notes_title,
        "unknown_values": value_mappings.to_data(report.unknown_values),
        "mapped_values": value_mappings.to_data(report.mapped_values),
        "read_as": [list(pair) for pair in report.read_as],
        "legacy": list(report.legacy),
    }


def report_from_data(data):
    """The ImportReport kept by `report_to_data`."""
    earlier = data.get("already_imported")
    return ImportReport(
        errors=[RowError(**error) for error in data["errors"]], new=data["new"], updated=data["updated"],
        unchanged=data["unchanged"], preview=[tuple(row) for row in data["preview"]], headers=data["headers"],
        likely_duplicates=data["likely_duplicates"],
        already_imported=ImportRun.objects.filter(pk=earlier).select_related("user").first() if earlier else None,
        columns=[ColumnMatch(**column) for column in data["columns"]], targets=data["targets"],
        header_row=data["header_row"], sheet=data["sheet"], notes_title=data["notes_title"],
        unknown_values=[value_mappings.Unmatched(**item) for item in data.get("unknown_values", [])],
        mapped_values=[value_mappings.Mapped(**item) for item in data.get("mapped_values", [])],
        read_as=[tuple(pair) for pair in data.get("read_as", [])],
        legacy=data.get("legacy", []),
    )


def resource_for(spec, user, **params):
    """The resource of an import (`spec` of `register_import`) as `user` runs it: scoped to the units
    they manage and to their agency. The one way an import's resource is built, in the request and in the
    background job alike: a resource built without the agency would match units of every agency."""
    return spec["resource"](allowed_units=permissions.managed_units(user), agency_id=permissions.agency_id_of(user),
                            **params)


def _seen_outside(progress):
    """`progress` as told from inside the import's transaction: the job's row is updated on a connection of
    its own (another thread's), so that the job's page sees it while the rows are written and not only at
    the commit. SQLite allows one writer at a time and the import holds the write lock: there the progress
    is told on the import's connection (the row moves at the commit), and the runner keeps it in the job's
    progress file too, which the job's page reads meanwhile (`runner.with_live_progress`)."""
    if connection.vendor == "sqlite":
        return progress

    def told(percent, step=""):
        def tell():
            try:
                progress(percent, step)
            finally:
                connections.close_all()  # this thread's own connection

        teller = threading.Thread(target=tell)
        teller.start()
        teller.join()

    return told


def import_job(job, progress):
    """The "import" job: the preview ("preview") or the import ("confirm") of a staged file of
    `job.params["import_kind"]`, as the job's owner; its result is the report as JSON."""
    kind, token, action = job.params.get("import_kind"), job.params.get("token"), job.params.get("action")
    spec = import_spec(kind)
    owner = job.owner
    if spec is None or ("params" in spec and "params_for_job" not in spec) or not spec["allowed"](owner):
        raise JobError(_("You may no longer import this list."))
    # The import's parameters (a round) as the owner may still use them at run time.
    params = spec["params_for_job"](owner, job.params.get("import_params") or {}) if "params" in spec else {}
    if params is None:
        raise JobError(_("You may no longer import this list."))
    resource = resource_for(spec, owner, **params)  # the owner's scope at run time
    run_kind = getattr(resource, "run_kind", kind)
    progress(5, _("Reading the file"))
    try:
        if action == "confirm":
            report = confirm_import(run_kind, resource, token, user=owner, progress=_seen_outside(progress))
        else:
            report, _run = check_pending(run_kind, resource, token, user=owner, progress=_seen_outside(progress),
                                         preview_rows=settings.IMPORT_PREVIEW_ROWS)
    except ImportFileError as error:
        raise JobError(error.message)
    except DatabaseError as error:
        if not is_database_busy(error):
            raise
        raise JobError(_("The database stayed busy with other people's work for too long, so nothing of this "
                         "file was saved. Please start again in a moment."))
    return JobResult(json.dumps(report_to_data(report)).encode(), "import-report.json", "application/json")
