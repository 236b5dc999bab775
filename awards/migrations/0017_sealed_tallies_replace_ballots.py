"""The secret ballot keeps no row per vote (issue 24 §6, docs/security.md): the ballots of the sessions still
open become their nominations' sealed running totals, and every ballot row is deleted — a closed session's
results are already in its votes (NominationVote) — with the table.

The sealing is a frozen copy of awards.ballot_box at this migration (no live code of the app called from a
migration): AES-256-GCM under a key derived from SECRET_KEY, a 12-byte nonce, then two unsigned 32-bit
big-endian integers (for, against) encrypted, the session and nomination ids authenticated with them.
"""
import os
import struct
from collections import Counter

import django.db.models.deletion
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import migrations, models
from django.utils.crypto import salted_hmac

COUNTS = struct.Struct(">II")


def _key(secret):
    return salted_hmac("awards.ballot_box", "secret ballot", secret=secret, algorithm="sha256").digest()


def _context(session_id, nomination_id):
    return f"{session_id}:{nomination_id}".encode()


def ballots_to_sealed_tallies(apps, schema_editor):
    Ballot, SealedTally = apps.get_model("awards", "Ballot"), apps.get_model("awards", "SealedTally")
    counted = Counter(Ballot.objects.filter(session__closed_at__isnull=True).values_list(
        "session_id", "nomination_id", "agrees"))
    keys = {(session_id, nomination_id) for session_id, nomination_id, _agrees in counted}
    tallies = []
    for session_id, nomination_id in sorted(keys):
        nonce = os.urandom(12)
        counts = COUNTS.pack(counted[session_id, nomination_id, True], counted[session_id, nomination_id, False])
        sealed = nonce + AESGCM(_key(settings.SECRET_KEY)).encrypt(nonce, counts, _context(session_id, nomination_id))
        tallies.append(SealedTally(session_id=session_id, nomination_id=nomination_id, sealed=sealed))
    SealedTally.objects.bulk_create(tallies)
    Ballot.objects.all().delete()


def sealed_tallies_to_ballots(apps, schema_editor):
    Ballot, SealedTally = apps.get_model("awards", "Ballot"), apps.get_model("awards", "SealedTally")
    ballots = []
    for tally in SealedTally.objects.all():
        blob = bytes(tally.sealed)
        for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
            try:
                counts = AESGCM(_key(secret)).decrypt(blob[:12], blob[12:], _context(tally.session_id, tally.nomination_id))
            except InvalidTag:
                continue
            votes_for, votes_against = COUNTS.unpack(counts)
            break
        else:
            raise RuntimeError(f"The sealed tally {tally.pk} opens under none of the secret keys.")
        ballots += [Ballot(session_id=tally.session_id, nomination_id=tally.nomination_id, agrees=agrees)
                    for agrees, count in ((True, votes_for), (False, votes_against)) for _ in range(count)]
    Ballot.objects.bulk_create(ballots)
    SealedTally.objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0016_merge_20261129_2306'),
    ]

    operations = [
        migrations.CreateModel(
            name='SealedTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sealed', models.BinaryField()),
                ('nomination', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='awards.nomination')),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sealed_tallies', to='awards.councilsession')),
            ],
            options={
                'verbose_name': 'sealed tally of a secret ballot',
                'verbose_name_plural': 'sealed tallies of secret ballots',
            },
        ),
        migrations.AddConstraint(
            model_name='sealedtally',
            constraint=models.UniqueConstraint(fields=('session', 'nomination'), name='one_sealed_tally_per_nomination'),
        ),
        migrations.RunPython(ballots_to_sealed_tallies, sealed_tallies_to_ballots),
        migrations.DeleteModel(
            name='Ballot',
        ),
    ]
