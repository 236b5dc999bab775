"""Reading an uploaded spreadsheet safely and running an import as all-or-nothing with a report.

Before parsing: a size cap, a cap on what an .xlsx archive unpacks to, and a row cap while reading,
so a crafted file cannot exhaust the server. The import itself always runs in a transaction that is
rolled back when any row fails (django-import-export: use_transactions + rollback_on_validation_errors).
"""
import csv
import io
import zipfile
from dataclasses import dataclass, field

import tablib
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from emulation.resources import spreadsheet_row


class ImportFileError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def read_dataset(data: bytes, filename: str) -> tablib.Dataset:
    """Parse an .xlsx or .csv file into a Dataset (first row = headers), refusing oversized input."""
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise ImportFileError(
            _("The file is larger than %(size)s MB.") % {"size": settings.IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    name = filename.lower()
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(data)
    elif name.endswith(".csv"):
        rows = _csv_rows(data)
    else:
        raise ImportFileError(_("Please choose an Excel file (.xlsx) or a CSV file (.csv)."))
    dataset = tablib.Dataset()
    headers = None
    for values in rows:
        if headers is None:
            headers = [str(v).strip() if v is not None else "" for v in values]
            dataset.headers = headers
            continue
        if all(v in (None, "") for v in values):
            continue
        if len(dataset) >= settings.IMPORT_MAX_ROWS:
            raise ImportFileError(_("The file has more than %(rows)s rows.") % {"rows": settings.IMPORT_MAX_ROWS})
        values = list(values)[: len(headers)]
        values += [None] * (len(headers) - len(values))
        dataset.append(values)
    if headers is None:
        raise ImportFileError(_("The file is empty."))
    return dataset


def _xlsx_rows(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ImportFileError(_("The file is not a valid Excel file."))
    if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
        raise ImportFileError(_("The Excel file unpacks to too much data to be read."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise ImportFileError(_("The file is not a valid Excel file."))
    try:
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    finally:
        workbook.close()


def _csv_rows(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(_("The CSV file must be saved in UTF-8."))
    yield from csv.reader(io.StringIO(text))


@dataclass
class RowError:
    row: int | None
    column: str
    message: str


@dataclass
class ImportReport:
    errors: list = field(default_factory=list)
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    preview: list = field(default_factory=list)
    headers: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


def run_import(resource, dataset, *, dry_run, user=None):
    """Import `dataset` with `resource`; nothing is written when dry_run or when any row fails."""
    result = resource.import_data(
        dataset,
        dry_run=dry_run,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        user=user,
    )
    columns = {f.attribute: f.column_name for f in resource.get_import_fields()}
    report = ImportReport(headers=list(dataset.headers or []))
    for error in result.base_errors:
        report.errors.append(RowError(None, "", str(error.error)))
    for number, errors in result.row_errors():
        for error in errors:
            report.errors.append(RowError(spreadsheet_row(number), "", str(error.error)))
    for invalid in result.invalid_rows:
        for attribute, messages in invalid.error_dict.items():
            column = "" if attribute == NON_FIELD_ERRORS else columns.get(attribute, attribute)
            for message in messages:
                report.errors.append(RowError(spreadsheet_row(invalid.number), column, str(message)))
    report.errors.sort(key=lambda e: (e.row or 0, e.column))
    report.new = result.totals.get("new", 0)
    report.updated = result.totals.get("update", 0)
    report.unchanged = result.totals.get("skip", 0)
    if report.ok:
        report.preview = [
            (spreadsheet_row(index + 1), row_result.import_type, list(dataset[index]))
            for index, row_result in enumerate(result.rows[:200])
        ]
    return report
