"""Public verification of issued documents: does the archive hold a document with this code, number, date
and checksum, and is an uploaded PDF exactly one that was issued? Never shows a document's content."""
import hashlib

from django.conf import settings

from emulation.documents.archive import find_by_checksum, normalise_code
from emulation.documents.models import IssuedDocument

#: Decree 30 (Appendix III) abbreviations of document types, for telling a reader what was issued
#: without showing its summary line.
TYPE_NAMES = {
    "QĐ": "Quyết định", "KH": "Kế hoạch", "BB": "Biên bản", "TTr": "Tờ trình", "BC": "Báo cáo",
    "TB": "Thông báo", "CV": "Công văn", "GKh": "Giấy khen", "TL": "Trích lục",
}


def type_name(document):
    return TYPE_NAMES.get(document.symbol.split("-")[0], "")


def by_code(code):
    """The issued document with this verification code (typed or scanned), or None."""
    code = normalise_code(code)
    return IssuedDocument.objects.filter(verification_code=code).first() if code else None


def matches(document, *, reference="", issue_date=None, sha256=""):
    """Whether what a reader typed agrees with `document` (number/symbol, date, checksum; blank = not asked)."""
    return all([
        not reference or "".join(reference.split()).upper() == document.number_symbol.upper(),
        issue_date is None or issue_date == document.issue_date,
        not sha256 or sha256.strip().lower() == document.sha256,
    ])


def check_upload(upload, expected=None):
    """Read an uploaded PDF (at most settings.DOCUMENT_VERIFY_MAX_BYTES; the caller has checked the size)
    and return (genuine, archived document or None). With `expected`, the upload must be its exact bytes."""
    data = b"".join(upload.chunks())
    if expected is not None:
        return hashlib.sha256(data).hexdigest() == expected.sha256 and len(data) == expected.size, expected
    found = find_by_checksum(data)
    return found is not None, found


def max_upload_bytes():
    return getattr(settings, "DOCUMENT_VERIFY_MAX_BYTES", 20 * 1024 * 1024)
