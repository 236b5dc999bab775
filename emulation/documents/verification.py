"""Public verification of issued documents: does the archive hold a document with this code, number, date
and checksum, and is an uploaded PDF exactly one that was issued? Never shows a document's content."""
import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from emulation.documents.archive import find_by_checksum, normalise_code
from emulation.documents.digital_signatures import run_async, vietnam_time
from emulation.documents.models import IssuedDocument

logger = logging.getLogger(__name__)

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


def check_upload(data, expected=None):
    """An uploaded PDF's bytes (at most settings.DOCUMENT_VERIFY_MAX_BYTES; the caller has checked the size):
    (genuine, archived document or None). With `expected`, the upload must be its exact bytes."""
    if expected is not None:
        return hashlib.sha256(data).hexdigest() == expected.sha256 and len(data) == expected.size, expected
    found = find_by_checksum(data)
    return found is not None, found


def max_upload_bytes():
    return getattr(settings, "DOCUMENT_VERIFY_MAX_BYTES", 20 * 1024 * 1024)


@dataclass(frozen=True)
class SignatureCheck:
    """What a reader needs to know of one digital signature in a PDF: who signed (the certificate's name and
    organisation), when (Vietnam's time), whether the signed bytes are intact and the signature is valid,
    whether its certificate chains to a configured trust root, and whether anything other than further
    signatures was changed after it."""

    signer: str
    organisation: str
    signed_at: object
    intact: bool
    valid: bool
    trusted: bool
    changed_after: bool
    timestamped: bool

    @property
    def good(self):
        return self.intact and self.valid and self.trusted and not self.changed_after


def trust_roots():
    """The certificates of settings.SIGNING_TRUST_ROOTS (PEM or DER files; a missing file is skipped)."""
    roots = []
    for name in getattr(settings, "SIGNING_TRUST_ROOTS", []):
        path = Path(name)
        if not path.is_file():
            continue
        data = path.read_bytes()
        if pem.detect(data):
            roots.extend(asn1_x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True))
        else:
            roots.append(asn1_x509.Certificate.load(data))
    return roots


def _check(embedded, context):
    status = run_async(async_validate_pdf_signature(embedded, context))
    subject = status.signing_cert.subject.native
    moment = status.timestamp_validity.timestamp if status.timestamp_validity else status.signer_reported_dt
    later = status.modification_level
    return SignatureCheck(
        signer=subject.get("common_name", ""), organisation=subject.get("organization_name", ""),
        signed_at=vietnam_time(moment) if moment else None, intact=bool(status.intact), valid=bool(status.valid),
        trusted=bool(status.trusted),
        changed_after=status.coverage.name != "ENTIRE_FILE" and (
            later is None or later.value > ModificationLevel.FORM_FILLING.value or not status.docmdp_ok),
        timestamped=status.timestamp_validity is not None,
    )


def check_signatures(data):
    """(the SignatureCheck of each digital signature in the PDF `data`, in signing order; readable). A file
    that cannot be read as a PDF gives ([], False); a PDF without signatures ([], True)."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
        context = ValidationContext(trust_roots=trust_roots(), allow_fetching=False)
        return [_check(embedded, context) for embedded in signatures], True
    except Exception:  # an uploaded file is anyone's: whatever breaks the reader means "cannot be read"
        logger.info("an uploaded PDF could not be read for its signatures", exc_info=True)
        return [], False
