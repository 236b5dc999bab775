"""The agency's signing keys as its Office keeps them (issue 27 item 4): what a key file or image must be to
be accepted, what a certificate says, and the changes, each with a timeline row on the key.

The PKCS#12 bytes and passphrase are only ever written here; nothing here returns them, and the timeline
data never holds them."""
import base64
import io
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError

from emulation.agency_setup import Need
from emulation.documents.models import SigningKey
from emulation.workflow import log_action, logged_action

KEY_ADDED = logged_action("signing_key_added", gettext_lazy("Signing key added"))
KEY_CHANGED = logged_action("signing_key_changed", gettext_lazy("Signing key changed"))
KEY_DEACTIVATED = logged_action("signing_key_deactivated", gettext_lazy("Signing key taken out of use"))

#: Fields whose values the timeline may name (never the PKCS#12 file or its passphrase).
LOGGED_FIELDS = ("signer_name", "kind", "pkcs11_module", "pkcs11_token", "pkcs11_key", "remote_account", "seal_mm")


class KeyFileError(ValueError):
    """A key file, certificate or image that cannot be used; the message is for the person."""


@dataclass(frozen=True)
class CertificateFacts:
    subject: str
    issuer: str
    valid_from: object
    valid_until: object


def certificate_facts(der):
    """What the certificate `der` says (None when there is none or it cannot be read)."""
    if not der:
        return None
    try:
        certificate = x509.load_der_x509_certificate(bytes(der))
    except ValueError:
        return None
    return CertificateFacts(certificate.subject.rfc4514_string(), certificate.issuer.rfc4514_string(),
                            certificate.not_valid_before_utc, certificate.not_valid_after_utc)


def pkcs12_certificate(data, passphrase):
    """The DER certificate inside the PKCS#12 file `data` opened with `passphrase` (str); KeyFileError when
    the file is not PKCS#12, the passphrase is wrong, or it holds no key and certificate."""
    try:
        key, certificate, _chain = pkcs12.load_key_and_certificates(data, passphrase.encode() or None)
    except (ValueError, TypeError) as error:
        raise KeyFileError(_("The certificate file could not be opened: check that it is a .p12 (or .pfx) file and "
                             "that the passphrase is the one given with it.")) from error
    if key is None or certificate is None:
        raise KeyFileError(_("The certificate file holds no signing key with its certificate: ask the "
                             "certification authority for the right file."))
    return certificate.public_bytes(serialization.Encoding.DER)


def certificate_der(data):
    """A certificate file (DER or PEM) as DER; KeyFileError when it is not a certificate."""
    for load in (x509.load_der_x509_certificate, x509.load_pem_x509_certificate):
        try:
            return load(data).public_bytes(serialization.Encoding.DER)
        except ValueError:
            continue
    raise KeyFileError(_("This is not a certificate file (.cer, .crt or .pem): ask the certification authority "
                         "for the certificate of this key."))


def checked_png(data):
    """`data` if it is a PNG with a transparent background; KeyFileError otherwise."""
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise KeyFileError(_("The image must be a PNG file: save the scan as PNG and choose it again.")) from error
    if image.format != "PNG":
        raise KeyFileError(_("The image must be a PNG file: save the scan as PNG and choose it again."))
    if not _has_transparency(image):
        raise KeyFileError(_("The image must have a transparent background (so the text below shows through): "
                             "remove the white background, save it as PNG and choose it again."))
    return data


def _has_transparency(image):
    if image.mode in ("RGBA", "LA", "PA"):
        return image.getchannel("A").getextrema()[0] < 255
    return "transparency" in image.info


def image_data_uri(png):
    """The PNG as a data: address for an <img> (the page's policy allows data: images)."""
    return "data:image/png;base64," + base64.b64encode(bytes(png)).decode() if png else ""


def save_key(agency_id, values, *, actor, key=None):
    """Create a key for `agency_id` (key None) or change `key`, from `values` (field → value, already checked;
    the PKCS#12 fields only when a new file was given). A key in use for a signer who has another in use takes
    that one out of use. One timeline row on the key per save, naming the changed fields (never the secrets).
    Returns the key."""
    with transaction.atomic():
        if key is None:
            key = SigningKey(agency_id=agency_id)
            changed = dict(values)
        else:
            changed = {name: value for name, value in values.items() if getattr(key, name) != value}
            if not changed:
                return key
        if key.active:  # a key out of use that is corrected stays out of use and replaces nothing
            replaced = SigningKey.objects.filter(agency_id=agency_id, active=True,
                                                 signer_name=values.get("signer_name", key.signer_name)).exclude(pk=key.pk)
            for old in replaced.select_for_update():
                _deactivate(old, actor)
        adding = key.pk is None
        for name, value in changed.items():
            setattr(key, name, value)
        key.save()
        data = {name: changed[name] for name in LOGGED_FIELDS if name in changed}
        for secret in ("pkcs12", "certificate", "image"):
            if secret in changed:
                data[secret] = True  # that a new one was given, never its bytes
        log_action(key, KEY_ADDED if adding else KEY_CHANGED, actor=actor, data=data)
    return key


def deactivate_key(key, *, actor):
    """Take `key` out of use (documents are issued without it from now), with its timeline row; a key already
    out of use is left as it is. Returns whether it changed."""
    with transaction.atomic():
        return _deactivate(key, actor)


def _deactivate(key, actor):
    if not SigningKey.objects.filter(pk=key.pk, active=True).update(active=False):
        return False
    key.active = False
    log_action(key, KEY_DEACTIVATED, actor=actor)
    return True


def signing_needs(user, agency):
    """The agency set-up's need of signing keys (order 650: after the letterhead, before the plan): the agency's
    own key (its seal) and at least one signer's, in use. One query."""
    names = list(SigningKey.objects.filter(agency=agency, active=True).values_list("signer_name", flat=True))
    signers = sum(1 for name in names if name)
    return [Need(_("Digital signatures of the agency and its signers"), "" in names and signers > 0,
                 (_("The agency's key and %(count)d signers' keys") if "" in names
                  else _("No agency key yet; %(count)d signers' keys")) % {"count": signers},
                 reverse("signing_key_list"), _("Add the agency's key and the signers' keys"))]
