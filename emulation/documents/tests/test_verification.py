"""Issued documents are PDF/A with a verification code and QR code on the last page; the public page
verifies a genuine copy and refuses a modified one, without showing the document's content."""
import datetime
import hashlib
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from emulation.documents import issue_document
from emulation.documents.tests.pdftools import pdf_text
from emulation.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
LETTER = "documents_test/letter.html"


@pytest.fixture
def issued(test_templates, header):
    header.summary = "Nội dung mật không được hiện ra"
    return issue_document(UnitFactory(), "letter", LETTER, {"doc": header, "paragraphs": range(40)}, number=5,
                          symbol="KH-STNMT", issue_date=datetime.date(2026, 1, 5), title="Nội dung mật không được hiện ra")


def _qr_payload(pdf):
    """The text of the QR code on the last page, decoded from the page image if zbarimg is installed."""
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "d.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "200", "-l", "99", str(Path(folder, "d.pdf")), str(Path(folder, "p"))], check=True)
        last = sorted(Path(folder).glob("p-*.png"))[-1]
        try:
            result = subprocess.run(["zbarimg", "-q", "--raw", str(last)], capture_output=True, text=True)
        except FileNotFoundError:
            return None
        return result.stdout.strip()


def test_issued_pdf_is_pdf_a_3b(issued):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(bytes(issued.pdf))
        file.flush()
        metadata = subprocess.run(["pdfinfo", "-meta", file.name], capture_output=True, text=True, check=True).stdout
    assert 'pdfaid:part="3"' in metadata and 'pdfaid:conformance="B"' in metadata


def test_verification_code_and_address_are_on_the_last_page_only(issued):
    pages = pdf_text(bytes(issued.pdf)).split("\f")[:-1]
    url = f"http://testserver/verify/{issued.verification_code}/".replace("testserver", "127.0.0.1:8000")

    assert len(pages) >= 2
    assert [("Mã xác thực" in page) for page in pages] == [False] * (len(pages) - 1) + [True]
    assert f"Mã xác thực: {issued.code_display}" in " ".join(pages[-1].split())
    assert url in " ".join(pages[-1].split())


def test_qr_code_opens_the_verification_page(issued):
    payload = _qr_payload(bytes(issued.pdf))
    if payload is None:
        pytest.skip("zbarimg is not installed")
    assert payload.endswith(f"/verify/{issued.verification_code}/")


def test_code_page_says_issued_with_number_date_checksum_but_not_the_content(client, issued):
    response = client.get(reverse("verify_document", args=[issued.verification_code]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Văn bản này đã được ban hành" in html
    assert all(text in html for text in ["05/KH-STNMT", "05/01/2026", issued.sha256, "Kế hoạch"])
    assert "Nội dung mật" not in html


def test_code_is_read_as_printed_with_dash_and_lower_case(client, issued):
    response = client.get(reverse("verify_search"), {"code": issued.code_display.lower()})
    assert response.status_code == 302 and response.url == reverse("verify_document", args=[issued.verification_code])


def test_unknown_code_is_not_found(client, issued):
    response = client.get(reverse("verify_document", args=["0000000000"]))
    assert response.status_code == 404 and "Không có văn bản nào" in response.content.decode()


def test_genuine_copy_uploaded_on_the_code_page_is_confirmed(client, issued):
    upload = SimpleUploadedFile("ban-sao.pdf", bytes(issued.pdf), content_type="application/pdf")
    response = client.post(reverse("verify_document", args=[issued.verification_code]), {"file": upload})
    assert response.context["upload_result"]["genuine"] is True
    assert "trùng khớp" in response.content.decode()


def test_modified_copy_is_refused(client, issued):
    data = bytearray(bytes(issued.pdf))
    data[len(data) // 2] ^= 1  # one byte changed, same size
    upload = SimpleUploadedFile("ban-sao.pdf", bytes(data), content_type="application/pdf")

    response = client.post(reverse("verify_document", args=[issued.verification_code]), {"file": upload})

    assert response.context["upload_result"]["genuine"] is False
    assert "không phải là văn bản đã ban hành" in response.content.decode()


def test_upload_without_code_is_looked_up_in_the_whole_archive(client, issued):
    upload = SimpleUploadedFile("x.pdf", bytes(issued.pdf), content_type="application/pdf")
    response = client.post(reverse("verify_search"), {"file": upload})
    assert response.context["upload_result"]["document"] == issued


def test_number_date_and_checksum_together_say_issued(client, issued):
    asked = {"reference": "05/KH-STNMT", "issue_date": "05/01/2026", "sha256": issued.sha256}
    assert client.get(reverse("verify_search"), asked).context["document"] == issued
    wrong = client.get(reverse("verify_search"), {**asked, "issue_date": "06/01/2026"})
    assert wrong.context["document"] is None and "Không có văn bản nào" in wrong.content.decode()


def test_upload_larger_than_the_cap_is_refused_before_reading(client, issued, settings):
    settings.DOCUMENT_VERIFY_MAX_BYTES = 1000
    upload = SimpleUploadedFile("x.pdf", bytes(issued.pdf), content_type="application/pdf")
    response = client.post(reverse("verify_search"), {"file": upload})
    assert response.context["upload_result"] is None and response.context["upload_form"].errors["file"]


def test_upload_that_is_not_a_pdf_is_refused(client, issued):
    upload = SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(reverse("verify_search"), {"file": upload})
    assert "Đây không phải là tệp PDF." in response.content.decode()


def test_archived_bytes_match_their_checksum(issued):
    assert hashlib.sha256(bytes(issued.pdf)).hexdigest() == issued.sha256


def test_verification_footer_sits_inside_the_text_area_of_the_last_page(issued):
    """Decree 30 keeps a 20 mm bottom margin: the code and its QR code stay above it (issue 27 item 6)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "d.pdf")
        path.write_bytes(bytes(issued.pdf))
        html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    last_page = html.split("<page ")[-1]
    page_height = float(last_page.split('height="')[1].split('"')[0])
    bottoms = [float(line.split('yMax="')[1].split('"')[0]) for line in last_page.splitlines() if 'yMax="' in line]
    margin_pt = 20 * 72 / 25.4

    assert "xác" in last_page and max(bottoms) <= page_height - margin_pt
