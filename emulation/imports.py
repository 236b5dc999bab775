"""Reading an uploaded spreadsheet safely and running an import as all-or-nothing with a report.

Before parsing: a size cap, a cap on what an .xlsx archive unpacks to, and a row cap while reading,
so a crafted file cannot exhaust the server. The import itself always runs in a transaction that is
rolled back when any row fails (django-import-export: use_transactions + rollback_on_validation_errors).
"""
import csv
import hashlib
import io
import time
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import tablib
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from emulation.models import ImportRun
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
    likely_duplicates: list = field(default_factory=list)  # spreadsheet rows matched on name + birth + unit
    already_imported: object = None  # the ImportRun that applied this very file before, if any

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
    duplicates = getattr(resource, "likely_duplicates", set())
    report.likely_duplicates = sorted(spreadsheet_row(number) for number in duplicates if number is not None)
    report.new = result.totals.get("new", 0)
    report.updated = result.totals.get("update", 0)
    report.unchanged = result.totals.get("skip", 0)
    if report.ok:
        report.preview = [
            (row, "duplicate" if row in report.likely_duplicates else row_result.import_type, list(dataset[index]))
            for index, row_result in enumerate(result.rows[:200])
            for row in [spreadsheet_row(index + 1)]
        ]
    return report


# Preview → confirm --------------------------------------------------------------------------------

def _pending_path(run):
    return Path(settings.MEDIA_ROOT) / "imports" / f"{run.token}{Path(run.filename).suffix.lower()}"


def _remove_stale_pending_files():
    """Previews never confirmed leave their file behind; drop those older than a day."""
    folder = Path(settings.MEDIA_ROOT) / "imports"
    cutoff = time.time() - 24 * 3600
    for stale in folder.glob("*") if folder.exists() else []:
        if stale.stat().st_mtime < cutoff:
            stale.unlink(missing_ok=True)


def preview_import(kind, resource, data, filename, *, user):
    """Check an uploaded file without writing anything. Returns (report, run): `run` is the pending
    import to confirm when the file has no error, else None. Raises ImportFileError for unreadable files."""
    dataset = read_dataset(data, filename)
    report = run_import(resource, dataset, dry_run=True, user=user)
    checksum = hashlib.sha256(data).hexdigest()
    report.already_imported = (
        ImportRun.objects.filter(kind=kind, sha256=checksum, applied_at__isnull=False).select_related("user").first()
    )
    if not report.ok:
        return report, None
    run = ImportRun.objects.create(kind=kind, token=uuid.uuid4().hex, user=user, filename=filename[:255], sha256=checksum)
    path = _pending_path(run)
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_pending_files()
    path.write_bytes(data)
    return report, run


def confirm_import(kind, resource, token, *, user):
    """Import the previewed file for real, at most once. Raises ImportFileError when the preview is not
    this user's, has expired, was already confirmed (by anyone, even at the same moment), or the same
    file was imported before. Returns the report; when a row fails nothing is written and the preview
    may be confirmed again after the data is corrected."""
    run = ImportRun.objects.filter(kind=kind, token=token or "", user=user).first()
    path = _pending_path(run) if run else None
    if run is None or (run.applied_at is None and not path.exists()):
        raise ImportFileError(_("This preview has expired. Please upload the file again."))
    earlier = ImportRun.objects.filter(kind=kind, sha256=run.sha256, applied_at__isnull=False).select_related("user").first()
    if earlier:
        raise ImportFileError(_("This file was already imported on %(when)s by %(who)s; nothing was imported again.") % {
            "when": date_format(timezone.localtime(earlier.applied_at), "SHORT_DATETIME_FORMAT"),
            "who": earlier.user.get_full_name() or earlier.user.username,
        })
    if not ImportRun.objects.filter(pk=run.pk, applied_at__isnull=True).update(applied_at=timezone.now()):
        raise ImportFileError(_("This file is already being imported."))
    try:
        report = run_import(resource, read_dataset(path.read_bytes(), path.name), dry_run=False, user=user)
    except (OSError, ImportFileError):
        report = None
    if report is None or not report.ok:
        ImportRun.objects.filter(pk=run.pk).update(applied_at=None)  # nothing was written: release the claim
        if report is None:
            raise ImportFileError(_("This preview has expired. Please upload the file again."))
        return report
    ImportRun.objects.filter(pk=run.pk).update(
        summary={"new": report.new, "updated": report.updated, "unchanged": report.unchanged}
    )
    path.unlink(missing_ok=True)
    return report
