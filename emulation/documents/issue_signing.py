"""Signing a document as it is issued, with the keys its agency chose (documents.SigningKey): the signer's
(by the name printed under the signature) and then the agency's. An agency with no active key for either
issues its documents unsigned, as before."""
from django.conf import settings

from emulation.documents.digital_signatures import Pkcs11Token, Pkcs12File, sign_as_agency, sign_as_signer
from emulation.documents.models import SigningKey
from emulation.documents.remote_signing import RemoteKey, RemoteSigningClient


def key_source(key, description=""):
    """The KeySource of a SigningKey row."""
    if key.kind == SigningKey.Kind.PKCS12:
        return Pkcs12File(bytes(key.pkcs12), key.pkcs12_passphrase.encode())
    if key.kind == SigningKey.Kind.PKCS11:
        return Pkcs11Token(key.pkcs11_module, key.pkcs11_token, key.pkcs11_key, settings.SIGNING_PKCS11_PIN)
    return RemoteKey(RemoteSigningClient(settings.SIGNING_REMOTE_URL), key.remote_account, description)


def signing_keys(agency_id, signer_name):
    """(the signer's key, the agency's key) of `agency_id`, each None when it has none active."""
    if not signer_name:
        return None, None
    keys = {key.signer_name: key for key in SigningKey.objects.filter(
        agency_id=agency_id, active=True, signer_name__in=["", signer_name])}
    return keys.get(signer_name), keys.get("")


def sign_issued(data, places, *, agency_id, signer_name, agency_name, reference):
    """`data` signed by the signer then by the agency when both have keys; else `data` unchanged."""
    signer_key, agency_key = signing_keys(agency_id, signer_name)
    if signer_key is None or agency_key is None:
        return data
    signature_png = bytes(signer_key.image)
    data = sign_as_signer(data, places, key_source(signer_key, reference), signature_png)
    return sign_as_agency(data, places, key_source(agency_key, reference), signature_png=signature_png,
                          seal_png=bytes(agency_key.image), seal_mm=agency_key.seal_mm, agency_name=agency_name,
                          reference=reference)
