"""The demo's signing keys, issued by its own test CA (test_authority): used by `make_test_signing_keys`
and the demo data. The CA's key stays in settings.SIGNING_TEST_CA_DIR (never in the repository)."""
import secrets

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from django.conf import settings

from emulation.documents import test_authority
from emulation.documents.models import SigningKey
from emulation.enums import Role
from emulation.models import Agency, User

SIGNING_ROLES = (Role.DIRECTOR, Role.DEPUTY_DIRECTOR)


def root_path():
    return settings.SIGNING_TEST_CA_DIR / "root.pem"


def test_root():
    """The demo's root (made once, then read back from SIGNING_TEST_CA_DIR)."""
    folder = settings.SIGNING_TEST_CA_DIR
    key_path = folder / "root-key.pem"
    if root_path().is_file() and key_path.is_file():
        certificate = x509.load_pem_x509_certificate(root_path().read_bytes())
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        return test_authority.KeyPair(certificate, key)
    root = test_authority.make_root()
    folder.mkdir(parents=True, exist_ok=True)
    key_path.touch(mode=0o600)
    key_path.write_bytes(root.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                serialization.NoEncryption()))
    root_path().write_bytes(root.certificate_pem)
    return root


def _make(root, agency, signer_name):
    holder = test_authority.issue(root, signer_name or agency.name, agency.name)
    passphrase = secrets.token_urlsafe(16)
    SigningKey.objects.create(
        agency=agency, signer_name=signer_name, kind=SigningKey.Kind.PKCS12, certificate=holder.certificate_der,
        pkcs12=test_authority.pkcs12_bytes(holder, root, passphrase.encode()), pkcs12_passphrase=passphrase,
        image=test_authority.sample_signature_png() if signer_name else test_authority.sample_seal_png(),
    )


def make_demo_keys(extra_signers=(), agencies=None):
    """Keys for every agency (or those of `agencies`) and its signers that have none yet; returns how many
    were made."""
    root = test_root()
    trusted = root.certificate_der
    made = 0
    for agency in Agency.objects.all() if agencies is None else agencies:
        names = {""} | set(extra_signers) | {
            user.get_full_name() for user in User.objects.filter(agency=agency, role__in=SIGNING_ROLES)}
        existing = {key.signer_name: key for key in SigningKey.objects.filter(agency=agency, active=True)}
        for name in sorted(names):
            key = existing.get(name)
            if key is not None and _issued_by(key, trusted):
                continue
            if key is not None:  # issued by a test CA that is gone (var/ was cleared): retire it
                SigningKey.objects.filter(pk=key.pk).update(active=False)
            _make(root, agency, name)
            made += 1
    return made


def _issued_by(key, root_der):
    """Whether `key`'s certificate was issued by the root whose certificate is `root_der`."""
    certificate = x509.load_der_x509_certificate(bytes(key.certificate))
    try:
        certificate.verify_directly_issued_by(x509.load_der_x509_certificate(root_der))
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True
