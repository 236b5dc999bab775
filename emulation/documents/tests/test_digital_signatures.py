"""Issued PDFs signed twice as Decree 30 lays out (the signer's, then the agency's), PAdES, still PDF/A."""
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from asn1crypto import x509 as asn1_x509

from emulation.documents import DocumentHeader, Signature
from emulation.documents import digital_signatures as ds
from emulation.documents import test_authority as ca
from emulation.documents.archive import PDF_VARIANT
from emulation.documents.rendering import render_laid_out

LETTER = "documents_test/letter.html"
PASSPHRASE = b"thu-nghiem"


@pytest.fixture(scope="module")
def authority():
    root = ca.make_root()
    signer = ca.issue(root, "Trần Văn Ký", "Sở Nông nghiệp và Môi trường")
    agency = ca.issue(root, "Sở Nông nghiệp và Môi trường", "Sở Nông nghiệp và Môi trường")
    return root, ds.Pkcs12File(ca.pkcs12_bytes(signer, root, PASSPHRASE), PASSPHRASE), \
        ds.Pkcs12File(ca.pkcs12_bytes(agency, root, PASSPHRASE), PASSPHRASE)


def laid_out(paragraphs=3):
    doc = DocumentHeader(type_name="KẾ HOẠCH", summary="Thử nghiệm chữ ký số", number=5, symbol="KH-STNMT",
                         issue_date=datetime.date(2026, 1, 5), signature=Signature("GIÁM ĐỐC", "Trần Văn Ký"),
                         recipients=["- Lưu: VT."])
    document = render_laid_out(LETTER, {"doc": doc, "paragraphs": range(paragraphs)})
    return document.write_pdf(pdf_variant=PDF_VARIANT), ds.places_of(document)


def signed_twice(authority, paragraphs=3):
    _, signer, agency = authority
    data, places = laid_out(paragraphs)
    signature_png, seal_png = ca.sample_signature_png(), ca.sample_seal_png()
    data = ds.sign_as_signer(data, places, signer, signature_png)
    return ds.sign_as_agency(data, places, agency, signature_png=signature_png, seal_png=seal_png, seal_mm=36,
                             agency_name="Sở Nông nghiệp và Môi trường", reference="05/KH-STNMT",
                             moment=datetime.datetime(2026, 1, 5, 2, 30, tzinfo=datetime.UTC))


def statuses(data, root):
    reader = PdfFileReader(io.BytesIO(data))
    context = ValidationContext(trust_roots=[asn1_x509.Certificate.load(root.certificate_der)])
    return [ds.run_async(async_validate_pdf_signature(sig, context)) for sig in reader.embedded_signatures]


@pytest.mark.usefixtures("test_templates")
def test_an_issued_pdf_signed_by_signer_and_agency_has_two_valid_trusted_signatures_and_stays_pdfa(authority):
    data = signed_twice(authority)

    results = statuses(data, authority[0])
    assert [r.signing_cert.subject.native["common_name"] for r in results] == [
        "Trần Văn Ký", "Sở Nông nghiệp và Môi trường"]
    assert [(r.intact, r.valid, r.trusted) for r in results] == [(True, True, True)] * 2
    assert results[-1].coverage.name == "ENTIRE_FILE"
    root = PdfFileReader(io.BytesIO(data)).root
    metadata = root["/Metadata"].get_object().data.decode()
    assert 'pdfaid:part="3"' in metadata and 'pdfaid:conformance="B"' in metadata
    assert root["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"


@pytest.mark.usefixtures("test_templates")
def test_one_byte_changed_in_a_signed_pdf_breaks_its_signatures(authority):
    data = bytearray(signed_twice(authority))
    at = data.index(b"WeasyPrint")  # the producer's name, in the first revision that both signatures cover
    data[at] = ord("w")

    results = statuses(bytes(data), authority[0])
    assert [r.intact for r in results] == [False, False]


@pytest.mark.usefixtures("test_templates")
def test_a_signature_from_another_authority_is_valid_but_not_trusted(authority):
    data = signed_twice(authority)

    results = statuses(data, ca.make_root("Một CA khác"))
    assert [(r.intact, r.trusted) for r in results] == [(True, False)] * 2


def test_the_seal_covers_the_left_third_of_the_signers_image():
    image = (100.0, 200.0, 220.0, 260.0)

    seal = ds.seal_box(image, 36)

    assert seal[2] == pytest.approx(140.0)
    assert seal[2] - seal[0] == pytest.approx(36 * 72 / 25.4)
    assert (seal[1] + seal[3]) / 2 == pytest.approx(230.0)


def test_the_signing_time_is_iso_8601_in_vietnams_time_zone():
    assert ds.iso_time(datetime.datetime(2026, 1, 5, 2, 30, 15, 999, tzinfo=datetime.UTC)) == "2026-01-05T09:30:15+07:00"


def _upload(client, data):
    return client.post(reverse("verify_search"), {"file": SimpleUploadedFile("van-ban.pdf", data, "application/pdf")})


@pytest.fixture
def trusted_root(authority, settings, tmp_path):
    path = tmp_path / "root.pem"
    path.write_bytes(authority[0].certificate_pem)
    settings.SIGNING_TRUST_ROOTS = [str(path)]
    settings.LANGUAGE_CODE = "vi"


@pytest.mark.django_db
@pytest.mark.usefixtures("test_templates", "trusted_root")
def test_verify_page_says_in_vietnamese_who_signed_and_that_both_signatures_hold(client, authority):
    response = _upload(client, signed_twice(authority))

    text = response.content.decode()
    assert text.count("Chữ ký số hợp lệ") == 2
    assert "Trần Văn Ký" in text and "Sở Nông nghiệp và Môi trường" in text
    assert text.count("không thay đổi một byte nào") == 2
    assert text.count("mà trang này tin cậy cấp") == 2


@pytest.mark.django_db
@pytest.mark.usefixtures("test_templates", "trusted_root")
def test_verify_page_refuses_a_signed_pdf_changed_by_one_byte(client, authority):
    data = bytearray(signed_twice(authority))
    data[data.index(b"WeasyPrint")] = ord("w")

    text = _upload(client, bytes(data)).content.decode()

    assert text.count("Chữ ký số này không đáng tin cậy") == 2
    assert text.count("Nội dung đã bị thay đổi sau khi ký") == 2


@pytest.mark.django_db
@pytest.mark.usefixtures("test_templates", "trusted_root")
def test_verify_page_says_when_the_signer_is_not_from_a_trusted_authority(client, settings, tmp_path, authority):
    other = tmp_path / "other.pem"
    other.write_bytes(ca.make_root("CA khác").certificate_pem)
    settings.SIGNING_TRUST_ROOTS = [str(other)]

    text = _upload(client, signed_twice(authority)).content.decode()

    assert text.count("chưa xác nhận được người ký") == 2


@pytest.mark.django_db
@pytest.mark.usefixtures("test_templates", "trusted_root")
def test_verify_page_says_an_unsigned_pdf_has_no_signature(client):
    text = _upload(client, laid_out()[0]).content.decode()

    assert "Tệp không có chữ ký số nào" in text


@pytest.mark.django_db
@pytest.mark.usefixtures("trusted_root")
def test_verify_page_says_a_damaged_pdf_cannot_be_checked(client):
    text = _upload(client, b"%PDF-1.7\n garbage").content.decode()

    assert "Không đọc được tệp dưới dạng PDF" in text


@pytest.mark.usefixtures("test_templates")
def test_a_certificate_file_with_the_wrong_passphrase_signs_nothing(authority):
    data, places = laid_out()
    wrong = ds.Pkcs12File(authority[1].data, b"sai-mat-khau")

    with pytest.raises(ds.SigningError, match="passphrase|mật khẩu"):
        ds.sign_as_signer(data, places, wrong, ca.sample_signature_png())
