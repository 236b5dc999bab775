"""The archive of issued documents: render once, keep the exact bytes and their checksum."""
import hashlib

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from emulation.documents.models import IssuedDocument
from emulation.documents.rendering import render_pdf


class DocumentAlreadyIssued(Exception):
    """The subject already has an archived document of that kind; issued documents are never redone."""


def issued_document(subject, kind):
    """The archived document of `kind` for `subject`, or None."""
    return IssuedDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk, kind=kind
    ).first()


def issue_document(subject, kind, template_name, context, *, number, symbol, issue_date, title="", actor=None,
                   signer_name="", units=()):
    """Render `template_name` to PDF once and archive the bytes for `subject` (any model instance).

    `signer_name` and `units` (the units the document is addressed to or about) serve the archive's search
    and its scope. Returns the IssuedDocument. Raises DocumentAlreadyIssued if `subject` already has one of `kind`.
    Runs in a transaction: call it inside the transaction that changes the subject's status, so that
    a failure leaves neither the status nor the archive changed.
    """
    content_type = ContentType.objects.get_for_model(subject)
    with transaction.atomic():
        if IssuedDocument.objects.filter(content_type=content_type, object_id=subject.pk, kind=kind).exists():
            raise DocumentAlreadyIssued(f"{kind} {subject.pk}")
        data = render_pdf(template_name, context)
        document = IssuedDocument.objects.create(
            content_type=content_type,
            object_id=subject.pk,
            kind=kind,
            number=number,
            symbol=symbol,
            issue_date=issue_date,
            title=title,
            pdf=data,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            created_by=actor if actor is not None and actor.is_authenticated else None,
            signer_name=signer_name,
        )
        if units:
            document.units.set(units)
        return document
