"""Exports of any size: a few thousand rows at most in the request, more in the background.

Each list that can be exported registers itself once (`register_export`): who may export it, the rows
as the page shows them to that person (scoped by `visible_to`, filtered by the page's own query string)
and the django-import-export resource that writes its columns. A view calls `large_export(request,
name)` first: when the rows exceed `settings.EXPORT_BACKGROUND_ROWS`, it starts an "export" job
(emulation.jobs) and sends the person to the job's page, where the file is offered when ready (to them
alone); otherwise it returns None and the view answers as before, in the request.

The job reads the rows again as the person who asked (their scope at run time, not a list of ids taken
from the request), through a server-side iterator in chunks, and writes them with openpyxl's write-only
workbook into a temporary file: memory stays flat whatever the number of rows.
"""
import tempfile
from dataclasses import dataclass
from typing import Callable

from django.conf import settings
from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.exports import XLSX_TYPE, _cell_value, sheet_title
from emulation.jobs.runner import JobError, JobResult, start_job
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

CHUNK = 2000


@dataclass(frozen=True)
class ExportSpec:
    rows: Callable  # rows(user, params: QueryDict) -> the queryset as the page shows it to `user`
    resource: Callable  # resource() -> a django-import-export resource
    allowed: Callable  # allowed(user) -> may export
    filename: str  # the file name's stem
    title: Callable  # title() -> the list's title (lazy translation)


EXPORTS: dict[str, ExportSpec] = {}


def register_export(name, *, rows, resource, allowed, filename, title):
    """Register the export `name` (idempotent); see the module docstring."""
    EXPORTS[name] = ExportSpec(rows, resource, allowed, filename, title)


def large_export(request, name):
    """When the rows of export `name` for this request exceed EXPORT_BACKGROUND_ROWS, start the job
    and return the redirect to its page; otherwise None (the caller answers in the request). The caller
    has checked the permission."""
    spec = EXPORTS[name]
    if request.GET.get("template"):
        return None
    if spec.rows(request.user, request.GET).count() <= settings.EXPORT_BACKGROUND_ROWS:
        return None
    job = start_job("export", request.user, title=_("Excel file: %(title)s") % {"title": spec.title()},
                    export=name, query={key: request.GET.getlist(key) for key in request.GET})
    messages.info(request, _("The list is long: the file is being made in the background. It will be offered "
                             "for download on this page when it is ready."))
    return redirect("jobs:job_status", pk=job.pk)


def _params(query):
    params = QueryDict(mutable=True)
    for key, values in (query or {}).items():
        params.setlist(key, values)
    return params


def write_export(spec, user, params, progress=lambda percent, step="": None):
    """The .xlsx bytes of export `spec` for `user` (rows read in chunks, written in write-only mode).
    `?layout=office` gives the office layout's title rows and STT column (as `office_workbook`)."""
    queryset = spec.rows(user, params)
    total = queryset.count()
    resource = spec.resource()
    fields = resource.get_export_fields()
    headers = resource.get_export_headers()
    office = params.get("layout") == "office"
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title("Danh sách" if office else spec.title()))
    for index in range(len(headers) + (1 if office else 0)):
        sheet.column_dimensions[_letter(index)].width = 6 if office and index == 0 else 22
    bold = Font(bold=True)

    def header_row(values):
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            cell.font = bold
            cells.append(cell)
        return cells

    if office:
        sheet.append(header_row([str(spec.title()).upper()]))
        sheet.append([_("As of %(date)s") % {"date": timezone.localdate().strftime("%d/%m/%Y")}])
        sheet.append(header_row(["STT", *headers]))
    else:
        sheet.append(header_row(headers))
    for number, obj in enumerate(queryset.iterator(chunk_size=CHUNK), start=1):
        values = [_cell_value(resource.export_field(field, obj)) for field in fields]
        sheet.append([number, *values] if office else values)
        if number % CHUNK == 0:
            progress(min(95, 5 + 90 * number // max(total, 1)),
                     _("%(done)s of %(total)s rows") % {"done": number, "total": total})
    with tempfile.TemporaryFile() as handle:
        book.save(handle)
        handle.seek(0)
        return handle.read()


def _letter(index):
    return get_column_letter(index + 1)


def run_export(job, progress):
    """The "export" job: the file of `job.params["export"]` for the job's owner, with the page's query."""
    spec = EXPORTS.get(job.params.get("export"))
    if spec is None or not spec.allowed(job.owner):
        raise JobError(_("You may no longer export this list."))
    data = write_export(spec, job.owner, _params(job.params.get("query")), progress)
    return JobResult(data, f"{spec.filename}-{timezone.localdate():%Y%m%d}.xlsx", XLSX_TYPE)
