"""A certificate authority of our own, for tests and the demo only: a root, and certificates it issues to
an agency (its seal) and to the people who sign for it, as PKCS#12 files.

Nothing here is trusted by anyone else: the demo configures this root as its only trust root, and a real
deployment configures the roots of the licensed Vietnamese CAs instead (settings.SIGNING_TRUST_ROOTS). No
key made here is ever stored in the repository; `manage.py make_test_signing_keys` makes them afresh.
"""
import datetime
import io
import math
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from PIL import Image, ImageDraw, ImageFont

FONT = Path(__file__).parent / "static" / "documents" / "fonts" / "LiberationSerif-Bold.ttf"
KEY_SIZE = 2048
ROOT_YEARS = 10
HOLDER_YEARS = 3


@dataclass(frozen=True)
class KeyPair:
    certificate: x509.Certificate
    key: rsa.RSAPrivateKey

    @property
    def certificate_der(self):
        return self.certificate.public_bytes(serialization.Encoding.DER)

    @property
    def certificate_pem(self):
        return self.certificate.public_bytes(serialization.Encoding.PEM)


def _name(common_name, organisation=""):
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organisation:
        attributes.insert(1, x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    return x509.Name(attributes)


def make_root(common_name="Thi đua - CA thử nghiệm (không dùng thật)", *, now=None):
    """A self-signed root that may issue end certificates (and nothing below them)."""
    now = now or datetime.datetime.now(datetime.UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    name = _name(common_name)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=365 * ROOT_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return KeyPair(certificate, key)


def issue(root, common_name, organisation="", *, key=None, now=None):
    """A signing certificate for `common_name` (a person, or the agency for its seal), issued by `root`.
    `key`: the holder's own key (e.g. one made inside a token); a new RSA key otherwise."""
    now = now or datetime.datetime.now(datetime.UTC)
    key = key or rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    public_key = key.public_key() if hasattr(key, "public_key") else key
    certificate = (
        x509.CertificateBuilder().subject_name(_name(common_name, organisation))
        .issuer_name(root.certificate.subject).public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=365 * HOLDER_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root.key.public_key()), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .sign(root.key, hashes.SHA256())
    )
    return KeyPair(certificate, key)


def pkcs12_bytes(holder, root, passphrase):
    """The holder's key and certificate with the root's certificate, as a PKCS#12 file protected by
    `passphrase` (bytes)."""
    return pkcs12.serialize_key_and_certificates(
        holder.certificate.subject.rfc4514_string().encode()[:64], holder.key, holder.certificate,
        [root.certificate], serialization.BestAvailableEncryption(passphrase))


def sample_signature_png(width=600, height=240):
    """A handwritten-looking signature for the demo: a blue stroke on a transparent background (PNG)."""
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    points = [(int(width * (0.08 + 0.84 * t / 40)), int(height * (0.55 + 0.3 * math.sin(t * 0.9) * (1 - t / 60))))
              for t in range(41)]
    draw.line(points, fill=(20, 40, 160, 255), width=max(4, height // 40), joint="curve")
    draw.line([(int(width * 0.2), int(height * 0.8)), (int(width * 0.85), int(height * 0.7))],
              fill=(20, 40, 160, 255), width=max(3, height // 60))
    return _png(image)


def sample_seal_png(size=480):
    """A round seal for the demo: red rings and a star on a transparent background (PNG). Marked as a
    specimen: it is nobody's seal."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    red = (200, 20, 30, 235)
    draw.ellipse((4, 4, size - 4, size - 4), outline=red, width=size // 40)
    draw.ellipse((size * 0.12, size * 0.12, size * 0.88, size * 0.88), outline=red, width=size // 90)
    c, r = size / 2, size * 0.16
    star = [(c + (r if i % 2 == 0 else r * 0.4) * math.sin(i * math.pi / 5),
             c - (r if i % 2 == 0 else r * 0.4) * math.cos(i * math.pi / 5)) for i in range(10)]
    draw.polygon(star, fill=red)
    font = ImageFont.truetype(str(FONT), size // 10)
    draw.text((c, size * 0.72), "MẪU", fill=red, anchor="mm", font=font)
    return _png(image)


def _png(image):
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
