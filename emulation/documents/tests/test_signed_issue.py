"""An agency with signing keys (made by make_test_signing_keys, as seed_demo does) issues its documents signed
by the signer and by itself; /verify/ finds both signatures valid and chaining to the demo's own root."""
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader

from emulation.documents import DocumentHeader, Signature, issue_document
from emulation.documents.models import SigningKey
from emulation.documents.verification import check_signatures
from emulation.models import Agency
from emulation.tests.factories import UnitFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("test_templates")]


def _issue(unit, signer="Trần Văn Ký"):
    doc = DocumentHeader(type_name="KẾ HOẠCH", summary="Thử nghiệm", number=7, symbol="KH-STNMT",
                         issue_date=datetime.date(2026, 1, 5), signature=Signature("GIÁM ĐỐC", signer),
                         recipients=["- Lưu: VT."])
    return issue_document(unit, "letter", "documents_test/letter.html", {"doc": doc, "paragraphs": range(3)},
                          number=7, symbol="KH-STNMT", issue_date=datetime.date(2026, 1, 5))


def test_an_agency_with_test_keys_issues_documents_signed_by_the_signer_and_the_agency(client, settings):
    unit = UnitFactory()
    call_command("make_test_signing_keys", "--signer", "Trần Văn Ký", stdout=io.StringIO())

    issued = _issue(unit)

    checks, readable = check_signatures(bytes(issued.pdf))
    agency = Agency.objects.get(pk=issued.agency_id)
    assert readable and [(c.signer, c.good) for c in checks] == [("Trần Văn Ký", True), (agency.name, True)]
    settings.LANGUAGE_CODE = "vi"
    page = client.post(reverse("verify_document", args=[issued.verification_code]),
                       {"file": SimpleUploadedFile("a.pdf", bytes(issued.pdf), "application/pdf")}).content.decode()
    assert page.count("Chữ ký số hợp lệ") == 2


def test_a_signer_without_a_key_issues_unsigned_as_before():
    unit = UnitFactory()
    call_command("make_test_signing_keys", stdout=io.StringIO())

    issued = _issue(unit, signer="Người Chưa Có Khóa")

    assert PdfFileReader(io.BytesIO(bytes(issued.pdf))).embedded_signatures == []


def test_making_the_test_keys_twice_makes_them_once():
    UnitFactory()
    call_command("make_test_signing_keys", "--signer", "Trần Văn Ký", stdout=io.StringIO())
    count = SigningKey.objects.count()

    call_command("make_test_signing_keys", "--signer", "Trần Văn Ký", stdout=io.StringIO())

    assert SigningKey.objects.count() == count >= 2
