"""Signing with a key on a PKCS#11 token (a USB token or an HSM in an agency; SoftHSM2 here): the key never
leaves the token, the signature is as valid as one made from a file."""
import io
import os
import shutil
import subprocess

import pkcs11
import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pkcs11.util.x509 import decode_x509_certificate
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from emulation.documents import digital_signatures as ds
from emulation.documents import test_authority as ca
from emulation.documents.tests.test_digital_signatures import laid_out

MODULE = "/usr/lib/softhsm/libsofthsm2.so"
PIN = "123456"
pytestmark = pytest.mark.skipif(not (os.path.exists(MODULE) and shutil.which("softhsm2-util")),
                                reason="SoftHSM2 is not installed (scripts/system-packages.sh installs it)")


@pytest.fixture(scope="module")
def token(tmp_path_factory):
    """A SoftHSM2 token of its own (SOFTHSM2_CONF in a temporary folder) holding a signer's key, imported
    from a PKCS#8 file, and the certificate the test CA issued for it."""
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", "thidua", "--pin", PIN, "--so-pin", "654321"],
                   check=True, capture_output=True)
    root = ca.make_root()
    holder = ca.issue(root, "Trần Văn Ký", "Sở Nông nghiệp và Môi trường")
    key_file = folder / "key.pem"
    key_file.write_bytes(holder.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                  serialization.NoEncryption()))
    subprocess.run(["softhsm2-util", "--import", str(key_file), "--token", "thidua", "--label", "ky-so", "--id", "01",
                    "--pin", PIN], check=True, capture_output=True)
    key_file.unlink()
    with pkcs11.lib(MODULE).get_token(token_label="thidua").open(user_pin=PIN, rw=True) as session:
        attributes = decode_x509_certificate(holder.certificate_der)
        attributes.update({pkcs11.Attribute.TOKEN: True, pkcs11.Attribute.LABEL: "ky-so", pkcs11.Attribute.ID: b"\x01"})
        session.create_object(attributes)
    yield root, ds.Pkcs11Token(MODULE, "thidua", "ky-so", PIN)
    if previous is None:
        os.environ.pop("SOFTHSM2_CONF")
    else:
        os.environ["SOFTHSM2_CONF"] = previous


@pytest.mark.usefixtures("test_templates")
def test_a_key_on_a_pkcs11_token_signs_a_valid_trusted_signature(token):
    root, source = token
    data, places = laid_out()

    signed = ds.sign_as_signer(data, places, source, ca.sample_signature_png())

    embedded = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    context = ValidationContext(trust_roots=[asn1_x509.Certificate.load(root.certificate_der)])
    status = ds.run_async(async_validate_pdf_signature(embedded[0], context))
    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    assert status.signing_cert.subject.native["common_name"] == "Trần Văn Ký"


@pytest.mark.usefixtures("test_templates")
def test_a_wrong_pin_signs_nothing(token):
    _, source = token
    data, places = laid_out()

    with pytest.raises(ds.SigningError, match="PIN"):
        ds.sign_as_signer(data, places, ds.Pkcs11Token(MODULE, "thidua", "ky-so", "000000"), ca.sample_signature_png())
