"""The archive of issued documents: render once (PDF/A), keep the exact bytes and their checksum, print a
verification code and its QR code on the last page so that anyone can check a copy."""
import hashlib
import secrets
from dataclasses import dataclass

import segno
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse

from emulation.documents.models import IssuedDocument, IssuedDocumentFile
from emulation.documents.digital_signatures import places_of
from emulation.documents.issue_signing import sign_issued
from emulation.documents.rendering import render_laid_out
from emulation.documents.symbols import number_symbol
from emulation.models import primary_agency_id

#: Crockford's base 32 without I, L, O, U: nothing to misread when typed from paper.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10
#: Issued PDFs are PDF/A-3b (ISO 19005-3): fonts embedded, colour profile, XMP metadata; fit for the legal
#: retention period and for a later signature with a CA certificate.
PDF_VARIANT = "pdf/a-3b"


class DocumentAlreadyIssued(Exception):
    """The subject already has an archived document of that kind; issued documents are never redone."""


@dataclass(frozen=True)
class Verification:
    """What the last page's footer prints: the code, the public URL that checks it, its QR code (SVG)."""

    code: str
    url: str

    @property
    def display(self):
        return f"{self.code[:5]}-{self.code[5:]}"

    @property
    def qr_svg(self):
        return segno.make(self.url, error="m").svg_inline(omitsize=True, border=0, svgclass="qr")


def new_verification():
    """A fresh, unused verification code and its public URL (settings.SITE_URL + the verify page)."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not IssuedDocument.objects.filter(verification_code=code).exists():
            break
    return Verification(code, settings.SITE_URL.rstrip("/") + reverse("verify_document", args=[code]))


def normalise_code(text):
    """What a person typed (“abcde-fghjk”, with O for 0 …) as the stored code, or ""."""
    code = "".join(str(text or "").upper().split()).replace("-", "")
    code = code.replace("O", "0").replace("I", "1").replace("L", "1")
    return code if len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code) else ""


@dataclass(frozen=True)
class RenderedDocument:
    """A PDF/A rendered for the archive before the transaction that issues it, with its verification."""

    data: bytes
    verification: Verification
    #: Where its signatures go (digital_signatures.Places), read from the same layout.
    places: object = None


def render_for_archive(template_name, context):
    """Render what `issue_document` would archive (PDF/A, a fresh verification code and QR code on the
    last page) outside any transaction, so that a long document holds no lock while it is laid out; pass
    the result to ``issue_document(..., rendered=...)`` with the same context."""
    verification = new_verification()
    doc = context.get("doc")
    if doc is not None:
        doc.verification = verification
    document = render_laid_out(template_name, context)
    return RenderedDocument(document.write_pdf(pdf_variant=PDF_VARIANT), verification, places_of(document))


def issued_document(subject, kind):
    """The archived document of `kind` for `subject`, or None (with its bytes: `.pdf` costs no query)."""
    return IssuedDocument.objects.select_related("content").filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk, kind=kind
    ).first()


def issue_document(subject, kind, template_name, context, *, number, symbol, issue_date, title="", actor=None,
                   signer_name="", units=(), rendered=None):
    """Render `template_name` to PDF/A once, with a verification code and QR code on its last page, and
    archive the exact bytes and their SHA-256 for `subject` (any model instance).

    ``context["doc"]`` (a DocumentHeader) gets the verification; the template must extend
    "documents/base.html". `signer_name` (by default the document's signer) and `units` (the units the
    document is addressed to or about) serve the archive's search and its scope. Returns the
    IssuedDocument. Raises DocumentAlreadyIssued if `subject` already has one of `kind`. Runs in a
    transaction: call it inside the transaction that changes the subject's status, so that a failure
    leaves neither the status nor the archive changed. `rendered` (from `render_for_archive`): archive
    those bytes instead of rendering here. When the agency has chosen signing keys for itself and for the
    signer (documents.SigningKey), the PDF is signed by the signer and then by the agency before it is
    archived (issue_signing.sign_issued); the archived bytes and checksum are the signed ones.
    """
    content_type = ContentType.objects.get_for_model(subject)
    with transaction.atomic():
        if IssuedDocument.objects.filter(content_type=content_type, object_id=subject.pk, kind=kind).exists():
            raise DocumentAlreadyIssued(f"{kind} {subject.pk}")
        doc = context.get("doc")
        if rendered is None:
            rendered = render_for_archive(template_name, context)
        verification, data = rendered.verification, rendered.data
        if doc is not None:
            signer_name = signer_name or doc.signer_name
        agency_id = issuing_agency_id(subject)
        if doc is not None and rendered.places is not None:
            data = sign_issued(data, rendered.places, agency_id=agency_id, signer_name=signer_name,
                               agency_name=doc.agency, reference=number_symbol(number, symbol) if number else symbol)
        document = IssuedDocument.objects.create(
            content_type=content_type,
            object_id=subject.pk,
            kind=kind,
            number=number,
            symbol=symbol,
            issue_date=issue_date,
            title=title,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            verification_code=verification.code,
            created_by=actor if actor is not None and actor.is_authenticated else None,
            signer_name=signer_name,
            agency_id=agency_id,
        )
        document.content = IssuedDocumentFile.objects.create(document=document, pdf=data)
        if units:
            document.units.set(units)
        return document


def issuing_agency_id(subject):
    """The agency that issues a document about `subject`: the subject's `issuing_agency_id` (plans, rounds,
    decisions, sessions, summaries… each say it), else its `agency_id`, else the first agency."""
    return getattr(subject, "issuing_agency_id", None) or getattr(subject, "agency_id", None) or primary_agency_id()


def find_by_checksum(data):
    """The archived document whose bytes are exactly `data`, or None."""
    return IssuedDocument.objects.filter(sha256=hashlib.sha256(data).hexdigest(), size=len(data)).first()
