"""The secret ballot against someone who reads the database or a backup (issue 24 §6, docs/security.md "The
secret ballot"): the attacks are run on the tables themselves, with raw SQL, on SQLite and on PostgreSQL —
pairing by physical order (SQLite's rowid, PostgreSQL's ctid), by transaction id (xmin), by ids, by reading
between two votes, and on PostgreSQL by reading every row version left in the pages."""
import os
from datetime import date

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings

from awards import ballot_box
from awards.catalogue_data import load
from awards.models import AwardType, CouncilSession, Nomination, NominationVote, Rule, RuleSet, SealedTally, VoteCast
from awards.tests.factories import CouncilMemberFactory, NominationFactory, award
from awards.voting import VotingError, cast_vote, close_session, open_session, tallies

S = Nomination.Status
DAY = date(2025, 12, 5)
# Six members, three for and three against, in an order no pattern of rows could hide behind.
CHOICES = [True, False, False, True, False, True]
ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith("postgres")
# Each vote commits its own transaction, as in production: the transaction ids and the physical order are
# those a real session leaves.
transactional = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _catalogue(request):
    """A transactional test before this one flushed migration 0002's catalogue: put it back. (Not
    serialized_rollback: after another transactional test's flush, the content types come back with other
    ids, and reloading the serialized ones fails on their unique names.)"""
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("transactional_db")
        load(AwardType, RuleSet, Rule)


def _secret_session(org, staff_in, members=None):
    nomination = NominationFactory(staff=staff_in(org.land), award_type=award("CSTDCS"), status=S.CHECKED)
    members = members or [CouncilMemberFactory() for _ in CHOICES]
    session = open_session(round=nomination.round, held_on=DAY, agenda=[nomination], present=members)
    return session, nomination, members


def _rows(table):
    """Every live row of `table` as an attacker reads it: the physical position first (SQLite's rowid,
    PostgreSQL's ctid) and, on PostgreSQL, the id of the transaction that wrote it (xmin)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f'SELECT ctid::text, xmin::text, * FROM "{table}" ORDER BY ctid')
        else:
            cursor.execute(f'SELECT rowid, NULL, * FROM "{table}" ORDER BY rowid')
        return [tuple(bytes(value) if isinstance(value, memoryview) else value for value in row)
                for row in cursor.fetchall()]


def _dump():
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    return {table: _rows(table) for table in tables}


def _new_rows(before, after):
    """Per table, the rows (with their positions) written between the two dumps."""
    grown = {table: [row for row in rows if row not in set(before.get(table, []))] for table, rows in after.items()}
    return {table: rows for table, rows in grown.items() if rows}


def _vote(session, nomination, members):
    for member, agrees in zip(members, CHOICES):
        cast_vote(session, nomination, member, agrees=agrees)


@transactional
def test_no_table_keeps_a_row_per_secret_vote_to_pair_with_its_voter(org, staff_in):
    """The classic attack: sort the table of who voted and any table of choices by physical order (or
    id) and zip them. Only who voted grows by a row per vote; the choices live in one sealed row."""
    session, nomination, members = _secret_session(org, staff_in)
    before = _dump()
    _vote(session, nomination, members)
    grown = _new_rows(before, _dump())
    assert {table: len(rows) for table, rows in grown.items()} == {
        VoteCast._meta.db_table: len(CHOICES), SealedTally._meta.db_table: 1}
    # The one row that depends on the choices holds its ids and a sealed blob, nothing readable.
    (tally,) = grown[SealedTally._meta.db_table]
    stored = SealedTally.objects.get()
    assert sorted(tally[2:], key=repr) == sorted([stored.pk, session.pk, nomination.pk, bytes(stored.sealed)], key=repr)


@transactional
def test_reading_the_tables_between_two_votes_shows_only_a_new_sealed_blob(org, staff_in):
    """An attacker who reads the database after every vote (or takes a backup during the session) sees the
    new member in who voted and a tally that changed: the change is a new blob of the same length, whether
    the member agreed or not, and the blob does not open without the application's key."""
    session, nomination, members = _secret_session(org, staff_in)
    blobs = []
    for member, agrees in zip(members, CHOICES):
        cast_vote(session, nomination, member, agrees=agrees)
        (row,) = _rows(SealedTally._meta.db_table)
        blobs.append(next(value for value in row if isinstance(value, bytes)))
    assert len(set(blobs)) == len(CHOICES) and {len(blob) for blob in blobs} == {ballot_box.SEALED_SIZE}
    with override_settings(SECRET_KEY="a-key-the-attacker-guessed-" + "x" * 40, SECRET_KEY_FALLBACKS=[]):
        for blob in blobs:
            with pytest.raises(ballot_box.Unreadable, match=f"nomination {nomination.pk} in session {session.pk}"):
                ballot_box.unseal(blob, session_id=session.pk, nomination_id=nomination.pk)
    # The application, with its key, reads the running totals: three for, three against.
    assert tallies(session, [nomination.pk])[nomination.pk] == {"cast": 6, "for": 3, "against": 3, "written": 0}


@transactional
def test_the_transaction_ids_pair_each_voter_with_nothing_readable(org, staff_in):
    """PostgreSQL stamps every row with the id of the transaction that wrote it (xmin); SQLite has none
    (its column reads NULL). The rows sharing a voter's transaction id are at most the tally's current
    version, whose readable columns are the same for a member for and a member against."""
    session, nomination, members = _secret_session(org, staff_in)
    before = _dump()
    _vote(session, nomination, members)
    grown = _new_rows(before, _dump())
    voters = {row[1]: row for row in grown[VoteCast._meta.db_table]}
    shared = {table: [row for row in rows if row[1] is not None and row[1] in voters]
              for table, rows in grown.items() if table != VoteCast._meta.db_table}
    shared = {table: rows for table, rows in shared.items() if rows}
    if connection.vendor == "postgresql":
        assert list(shared) == [SealedTally._meta.db_table] and len(shared[SealedTally._meta.db_table]) == 1
    else:
        assert shared == {}


@transactional
@pytest.mark.postgresql
@pytest.mark.skipif(not ON_POSTGRESQL, reason="needs PostgreSQL")
def test_every_row_version_left_in_postgresqls_pages_is_sealed(org, staff_in):
    """The strongest reader: raw page access (pageinspect, a copy of the data files, a base backup) sees
    the dead versions of the tally too, each stamped with the transaction of the member who wrote it — so
    each version pairs with a voter. Every version is a sealed blob of the same length whose other columns
    never change: without the application's key the pairing yields nothing (docs/security.md states what
    someone holding the key as well could do)."""
    session, nomination, members = _secret_session(org, staff_in)
    _vote(session, nomination, members)
    table = SealedTally._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        cursor.execute("SELECT pg_relation_size(%s) / current_setting('block_size')::int", [table])
        blocks = cursor.fetchone()[0]
        versions = []
        for block in range(blocks):
            cursor.execute("SELECT t_xmin::text, t_attrs FROM heap_page_item_attrs(get_raw_page(%s, %s), %s::regclass) "
                           "WHERE t_attrs IS NOT NULL ORDER BY lp", [table, block, table])
            versions += [(xmin, [bytes(attr) for attr in attrs]) for xmin, attrs in cursor.fetchall()]
        cursor.execute("SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 "
                       "AND NOT attisdropped ORDER BY attnum", [table])
        column = [row[0] for row in cursor.fetchall()].index("sealed")
        cursor.execute(f'SELECT xmin::text FROM "{VoteCast._meta.db_table}"')
        voters = {row[0] for row in cursor.fetchall()}
    assert len(versions) == len(CHOICES) and {xmin for xmin, _attrs in versions} == voters  # each pairs with a voter
    sealed = [attrs[column] for _xmin, attrs in versions]
    assert len(set(sealed)) == len(CHOICES) and len({len(blob) for blob in sealed}) == 1
    others = {tuple(attr for index, attr in enumerate(attrs) if index != column) for _xmin, attrs in versions}
    assert len(others) == 1  # the id, the session, the nomination: the same in every version


@transactional
def test_after_the_close_only_the_totals_remain(org, staff_in, office_user):
    session, nomination, members = _secret_session(org, staff_in)
    _vote(session, nomination, members)
    close_session(CouncilSession.objects.get(pk=session.pk), office_user)
    assert _rows(SealedTally._meta.db_table) == []
    vote = NominationVote.objects.get(nomination=nomination)
    assert (vote.votes_for, vote.votes_against, vote.abstentions, vote.secret_ballot) == (3, 3, 0, True)
    # Who voted stays (a member who voted cannot vote again, and the minutes count who did not): no choice in it.
    assert sorted(VoteCast.objects.values_list("member", flat=True)) == sorted(member.pk for member in members)


# The seal ----------------------------------------------------------------------------------------------------

def test_a_sealed_tally_opens_only_for_its_own_session_and_nomination():
    blob = ballot_box.seal(4, 2, session_id=7, nomination_id=9)
    assert ballot_box.unseal(blob, session_id=7, nomination_id=9) == (4, 2)
    with pytest.raises(ballot_box.Unreadable, match="nomination 10 in session 7"):  # copied onto another row
        ballot_box.unseal(blob, session_id=7, nomination_id=10)
    assert ballot_box.seal(4, 2, session_id=7, nomination_id=9) != blob  # a fresh nonce every time


def test_a_sealed_tally_still_opens_after_the_secret_key_is_rotated_with_the_old_one_as_fallback():
    with override_settings(SECRET_KEY="old-" + "k" * 50):
        blob = ballot_box.seal(1, 0, session_id=1, nomination_id=1)
    with override_settings(SECRET_KEY="new-" + "k" * 50, SECRET_KEY_FALLBACKS=["old-" + "k" * 50]):
        assert ballot_box.unseal(blob, session_id=1, nomination_id=1) == (1, 0)
    with override_settings(SECRET_KEY="new-" + "k" * 50, SECRET_KEY_FALLBACKS=[]):
        with pytest.raises(ballot_box.Unreadable, match="nomination 1 in session 1"):
            ballot_box.unseal(blob, session_id=1, nomination_id=1)


@pytest.mark.django_db
def test_closing_after_the_key_changed_without_the_old_one_is_refused_in_vietnamese_and_keeps_the_ballots(
        org, staff_in, office_user):
    session, nomination, members = _secret_session(org, staff_in)
    _vote(session, nomination, members)
    with override_settings(SECRET_KEY="n" * 60, SECRET_KEY_FALLBACKS=[]):
        with pytest.raises(VotingError, match="khóa bí mật của hệ thống đã bị thay đổi"):
            close_session(CouncilSession.objects.get(pk=session.pk), office_user)
    assert (CouncilSession.objects.get(pk=session.pk).is_closed, SealedTally.objects.count()) == (False, 1)
    with override_settings(SECRET_KEY="n" * 60, SECRET_KEY_FALLBACKS=[settings.SECRET_KEY]):
        close_session(CouncilSession.objects.get(pk=session.pk), office_user)
    vote = NominationVote.objects.get(nomination=nomination)
    assert (vote.votes_for, vote.votes_against, SealedTally.objects.count()) == (3, 3, 0)


# The upgrade ---------------------------------------------------------------------------------------------------

BALLOTS = [("awards", "0016_merge_20261129_2306")]
SEALED = [("awards", "0017_sealed_tallies_replace_ballots")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@transactional
def test_the_upgrade_seals_the_ballots_of_open_sessions_and_deletes_every_ballot(org, staff_in, office_user):
    """Before: a row per ballot. The migration turns an open session's ballots into its sealed totals
    (which the live code opens and closes with) and deletes every ballot, a closed session's too; undone,
    it gives the open session its ballots back."""
    session, nomination, members = _secret_session(org, staff_in)
    _vote(session, nomination, members)
    closed, closed_nomination, closed_members = _secret_session(org, staff_in, members)
    for member in closed_members:
        cast_vote(closed, closed_nomination, member, agrees=True)
    close_session(closed, office_user)
    try:
        apps = _migrate(BALLOTS)
        ballot = apps.get_model("awards", "Ballot")
        assert sorted(ballot.objects.values_list("session", "agrees")) == sorted((session.pk, agrees) for agrees in CHOICES)
        ballot.objects.bulk_create([ballot(session_id=closed.pk, nomination_id=closed_nomination.pk, agrees=True)
                                    for _ in closed_members])  # as the closed session left them

        _migrate(SEALED)
        assert "awards_ballot" not in connection.introspection.table_names()
        assert list(SealedTally.objects.values_list("session", "nomination")) == [(session.pk, nomination.pk)]
        assert tallies(session, [nomination.pk])[nomination.pk] == {"cast": 6, "written": 0, "for": 3, "against": 3}
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    close_session(CouncilSession.objects.get(pk=session.pk), office_user)
    vote = NominationVote.objects.get(nomination=nomination)
    assert (vote.votes_for, vote.votes_against, SealedTally.objects.exists()) == (3, 3, False)
