"""The giao ước thi đua of a block: kept with one signature row per member, printed in the Decree 30 layout
with the members' heads' signature blocks side by side (two per row), in PDF and Word from one template."""
from django.db import transaction

from emulation.documents import DocumentHeader, render_docx, render_pdf
from scoring.models import Agreement, AgreementSignature

TEMPLATE = "scoring/agreement_document.html"


def agreement_of(block):
    """The block's agreement, made (with a signature row per member) when it has none; new members get
    their row. Returns it."""
    with transaction.atomic():
        agreement, _created = Agreement.objects.get_or_create(block=block, defaults={"commitments": ""})
        have = set(agreement.signatures.values_list("unit_id", flat=True))
        AgreementSignature.objects.bulk_create(
            AgreementSignature(agreement=agreement, unit=unit) for unit in block.members.all() if unit.pk not in have)
    return agreement


def agreement_context(agreement):
    block = agreement.block
    signatures = list(agreement.signatures.select_related("unit"))
    doc = DocumentHeader(type_name="GIAO ƯỚC THI ĐUA", summary=f"{block.name} năm {block.year}", issuer=block.agency,
                         issue_date=agreement.signed_on, year=block.year, draft=agreement.signed_on is None)
    rows = [signatures[i:i + 2] for i in range(0, len(signatures), 2)]
    # "group", not "block": inside {% block %} tags Django's own `block` variable hides a context variable of that name.
    return {"doc": doc, "agreement": agreement, "group": block, "rows": rows,
            "commitments": [line.strip() for line in agreement.commitments.splitlines() if line.strip()]}


def agreement_pdf(agreement):
    return render_pdf(TEMPLATE, agreement_context(agreement))


def agreement_docx(agreement):
    return render_docx(TEMPLATE, agreement_context(agreement))
