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
