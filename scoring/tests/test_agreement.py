"""The block's giao ước thi đua: kept by the Office, printed with every member's head's signature block side by
side (PDF and Word from one template); another agency reaches nothing."""
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document

from emulation.models import Agency, Role
from emulation.tests.factories import UserFactory
from scoring.agreements import agreement_of
from scoring.models import Block

pytestmark = pytest.mark.django_db


@pytest.fixture
def block(org):
    block = Block.objects.create(name="Khối các phòng chuyên môn", year=2025, head=org.land, deputy=org.env)
    block.members.set([org.land, org.env])
    return block


def test_the_office_writes_the_agreement_and_each_members_signer(client, block, office_user, org):
    agreement = agreement_of(block)
    land, env = agreement.signatures.order_by("unit__path")
    client.force_login(office_user)
    response = client.post(reverse("scoring:agreement_edit", args=[block.pk]), {
        "commitments": "Hoàn thành 100% chỉ tiêu được giao.\nKhông có cán bộ vi phạm kỷ luật.", "signed_on": "15/01/2025",
        "form-TOTAL_FORMS": 2, "form-INITIAL_FORMS": 2,
        "form-0-id": land.pk, "form-0-title": "Trưởng phòng", "form-0-name": "Võ Văn Đông",
        "form-1-id": env.pk, "form-1-title": "Chi cục trưởng", "form-1-name": "Huỳnh Thị Lệ Quyên",
    })
    assert response.status_code == 302
    docx = client.get(reverse("scoring:agreement_docx", args=[block.pk]))
    text = "\n".join(cell.text for table in Document(BytesIO(docx.content)).tables for row in table.rows for cell in row.cells)
    assert "Võ Văn Đông" in text and "Huỳnh Thị Lệ Quyên" in text and "CHI CỤC TRƯỞNG" in text
    pdf = client.get(reverse("scoring:agreement_pdf", args=[block.pk]))
    assert pdf.content.startswith(b"%PDF")


def test_another_agency_reaches_no_agreement(client, block):
    agency = Agency.objects.create(name="SỞ Y TẾ", abbreviation="SYT", place="Quảng Ngãi")
    client.force_login(UserFactory(role=Role.OFFICE, agency=agency))
    assert client.get(reverse("scoring:agreement_edit", args=[block.pk])).status_code == 404
    assert client.get(reverse("scoring:agreement_pdf", args=[block.pk])).status_code == 404
