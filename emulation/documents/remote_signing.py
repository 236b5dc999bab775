"""Remote signing (ký số từ xa): the signer's key stays with a licensed provider; the product sends the
hash of what is to be signed, the provider asks the signer to confirm on their phone, and the product waits,
reporting progress, then embeds the signature it returns.

What an adapter for a real provider needs (docs/documents.md says more): the provider's API address and the
agency's client credentials (from settings, never the database); the signer's account there (their user id
or phone number, kept with their certificate choice); a call that returns the account's certificate and
chain; a call that accepts a SHA-256 hash (base64) with a short description the phone shows and returns a
request id; and a call that tells whether the request is waiting, signed (with the raw signature: PKCS#1
v1.5 for RSA keys) or refused/expired. `RemoteSigningClient` speaks that shape in plain JSON over HTTPS; a
provider whose API differs gets its own client with the same three methods.
"""
import asyncio
import base64
import contextlib
import hashlib
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Callable

from asn1crypto import x509 as asn1_x509
from django.utils.translation import gettext as _
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from emulation.documents.digital_signatures import SigningError

WAITING, SIGNED, REFUSED, EXPIRED = "pending", "signed", "refused", "expired"


class RemoteSigningClient:
    """A provider's remote-signing API (JSON over HTTPS): certificate, request a signature of a hash, read
    a request's state."""

    def __init__(self, base_url, *, timeout=10, headers=None):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.headers = headers or {}

    def _call(self, method, path, body=None):
        request = urllib.request.Request(
            self.base_url + path, method=method, data=json.dumps(body).encode() if body is not None else None,
            headers={"Content-Type": "application/json", "Accept": "application/json", **self.headers})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - the configured provider
                return json.loads(response.read())
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            raise SigningError(_("The remote signing service did not answer: try again in a moment.")) from error

    def certificates(self, account):
        """The account's certificate and its chain (DER bytes each)."""
        answer = self._call("GET", f"/accounts/{account}/certificate")
        return base64.b64decode(answer["certificate"]), [base64.b64decode(c) for c in answer.get("chain", [])]

    def request_signature(self, account, digest, algorithm, description):
        """Asks the provider to have `account` sign `digest`; returns the request's id."""
        return self._call("POST", "/requests", {
            "account": account, "digest": base64.b64encode(digest).decode(), "algorithm": algorithm,
            "description": description})["id"]

    def state(self, request_id):
        """(WAITING | SIGNED | REFUSED | EXPIRED, the raw signature when SIGNED)."""
        answer = self._call("GET", f"/requests/{request_id}")
        signature = answer.get("signature")
        return answer["status"], base64.b64decode(signature) if signature else None


class RemoteSigner(signers.Signer):
    """A pyHanko Signer whose raw signature comes from the provider once the signer confirms."""

    def __init__(self, key, certificate, chain):
        super().__init__(signing_cert=certificate, cert_registry=SimpleCertificateStore.from_certs(chain))
        self.key = key

    async def async_sign_raw(self, data, digest_algorithm, dry_run=False):
        if dry_run:  # pyHanko sizes the signature's room first: as long as the key's modulus
            return bytes(self.signing_cert.public_key.byte_size)
        digest = hashlib.new(digest_algorithm, data).digest()
        request_id = self.key.client.request_signature(self.key.account, digest, digest_algorithm,
                                                       self.key.description)
        started = time.monotonic()
        while True:
            status, signature = self.key.client.state(request_id)
            waited = time.monotonic() - started
            if self.key.progress is not None:
                self.key.progress(status, waited)
            if status == SIGNED and signature:
                return signature
            if status in (REFUSED, EXPIRED):
                raise SigningError(_("The signer did not confirm the signature on their phone: nothing was signed."))
            if waited >= self.key.wait_seconds:
                raise SigningError(_("The signer has not confirmed on their phone in time: nothing was signed; "
                                     "sign again when they are ready."))
            await asyncio.sleep(self.key.poll_seconds)


@dataclass(frozen=True)
class RemoteKey:
    """A KeySource kept by a remote-signing provider: `account` is the signer's there; `description` what
    their phone shows (the document's number and summary); `progress(state, seconds)` is told at each poll."""

    client: RemoteSigningClient
    account: str
    description: str = ""
    wait_seconds: float = 180
    poll_seconds: float = 2
    progress: Callable | None = None

    def open(self):
        certificate, chain = self.client.certificates(self.account)
        return contextlib.nullcontext(RemoteSigner(self, asn1_x509.Certificate.load(certificate),
                                    [asn1_x509.Certificate.load(der) for der in chain]))

