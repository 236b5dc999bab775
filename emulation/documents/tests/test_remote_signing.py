"""Remote signing (ký số từ xa) against a small fake provider: the product sends only the hash, waits while
the signer confirms on their phone, and embeds the signature that comes back."""
import io

import pytest
from asn1crypto import x509 as asn1_x509
from django.utils import translation
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from emulation.documents import digital_signatures as ds
from emulation.documents import test_authority as ca
from emulation.documents.remote_signing import RemoteKey, RemoteSigningClient
from emulation.documents.tests.fake_remote_signer import FakeProvider
from emulation.documents.tests.test_digital_signatures import laid_out

pytestmark = pytest.mark.usefixtures("test_templates")


@pytest.fixture(scope="module")
def people():
    root = ca.make_root()
    return root, {"0905000111": ca.issue(root, "Trần Văn Ký", "Sở Nông nghiệp và Môi trường")}


def test_a_remote_signature_confirmed_on_the_phone_is_embedded_valid_and_trusted(people):
    root, accounts = people
    seen = []
    data, places = laid_out()
    with FakeProvider(root, accounts) as provider:
        key = RemoteKey(RemoteSigningClient(provider.url), "0905000111", "05/KH-STNMT", poll_seconds=0.01,
                        progress=lambda state, waited: seen.append(state))
        signed = ds.sign_as_signer(data, places, key, ca.sample_signature_png())
        sent = list(provider.requests.values())

    embedded = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    context = ValidationContext(trust_roots=[asn1_x509.Certificate.load(root.certificate_der)])
    status = ds.run_async(async_validate_pdf_signature(embedded[0], context))
    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    assert [(r["algorithm"], len(r["digest"]), r["description"]) for r in sent] == [("sha256", 44, "05/KH-STNMT")]
    assert seen == ["signed"]


def test_a_signature_refused_on_the_phone_signs_nothing(people):
    root, accounts = people
    data, places = laid_out()
    with FakeProvider(root, accounts, answer="refuse") as provider:
        key = RemoteKey(RemoteSigningClient(provider.url), "0905000111", poll_seconds=0.01)
        with translation.override("vi"), pytest.raises(ds.SigningError, match="không xác nhận trên điện thoại"):
            ds.sign_as_signer(data, places, key, ca.sample_signature_png())


def test_a_signer_who_does_not_answer_in_time_signs_nothing(people):
    root, accounts = people
    data, places = laid_out()
    with FakeProvider(root, accounts, answer="wait") as provider:
        key = RemoteKey(RemoteSigningClient(provider.url), "0905000111", poll_seconds=0.01, wait_seconds=0.05)
        with translation.override("vi"), pytest.raises(ds.SigningError, match="trong thời gian chờ"):
            ds.sign_as_signer(data, places, key, ca.sample_signature_png())
        assert provider.polls >= 2
