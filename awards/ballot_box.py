"""The sealed ballot box: the running totals of a secret ballot, unreadable without the application's key.

While a session is open the only thing stored about the choices of a secret ballot is, per nomination, one
`SealedTally` row whose blob is the pair (for, against) encrypted with AES-256-GCM under a key derived from
`SECRET_KEY`, which lives in the environment (or var/secret_key), never in the database nor in `make
backup`'s archives. Each vote replaces the blob by a fresh one (a new random nonce): the versions a reader
of the database, its pages, its log or a backup can pair with a voter — by order, id or transaction id —
are all random bytes of one length. The session id and the nomination id are authenticated with it, so a
blob copied onto another row does not open. Closing the session opens the blobs once, writes the totals
and deletes them (awards.voting.close_vote). The threat model: docs/security.md, "The secret ballot".

The format, which the migration sealed_tallies_replace_ballots also writes (it seals the ballots of the
sessions open at the upgrade): a 12-byte nonce, then the ciphertext and tag of two unsigned 32-bit
big-endian integers.
"""
import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.utils.crypto import salted_hmac

KEY_PURPOSE = "awards.ballot_box"
NONCE_SIZE = 12
_COUNTS = struct.Struct(">II")
SEALED_SIZE = NONCE_SIZE + _COUNTS.size + 16  # nonce, ciphertext, GCM tag: the same for every count


class Unreadable(Exception):
    """The blob opens under none of the application's keys (SECRET_KEY, SECRET_KEY_FALLBACKS)."""


def _key(secret):
    return salted_hmac(KEY_PURPOSE, "secret ballot", secret=secret, algorithm="sha256").digest()


def _context(session_id, nomination_id):
    return f"{session_id}:{nomination_id}".encode()


def seal(votes_for, votes_against, *, session_id, nomination_id):
    """The blob of the totals (for, against) of `nomination_id`'s secret ballot in `session_id`."""
    nonce = os.urandom(NONCE_SIZE)
    return nonce + AESGCM(_key(settings.SECRET_KEY)).encrypt(
        nonce, _COUNTS.pack(votes_for, votes_against), _context(session_id, nomination_id))


def unseal(blob, *, session_id, nomination_id):
    """(for, against) from a blob sealed for this session and nomination, under the current key or one of
    the fallbacks (a key rotated while a session was open); Unreadable otherwise."""
    blob = bytes(blob)
    for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
        try:
            counts = AESGCM(_key(secret)).decrypt(blob[:NONCE_SIZE], blob[NONCE_SIZE:],
                                                  _context(session_id, nomination_id))
        except InvalidTag:
            continue
        return _COUNTS.unpack(counts)
    raise Unreadable(f"the sealed tally of nomination {nomination_id} in session {session_id}")
