"""The demo data (`manage.py seed_demo`) for the tests that read it, seeded once per test process.

Seeding takes a quarter of a minute (it lays out some thirty PDFs and walks 170 unit reports through their
workflow), and some fifteen test modules start from the demo: seeding each time cost minutes of every
`make test`. The `demo_data` fixture seeds it once per process and database into a snapshot, and gives each
test its own fresh copy of that snapshot: what a test changes is gone after it, as with any other test.

- SQLite (an in-memory test database): the snapshot is a second in-memory database, copied with SQLite's
  backup API (milliseconds).
- PostgreSQL: the snapshot is a database of its own, and each test gets a database made from it as a
  template (`CREATE DATABASE … TEMPLATE`, a file copy).

A test marked `django_db(transaction=True)` (a browser test, whose server threads read what it wrote) gets
the copy committed, as its own database; any other test gets it inside a transaction rolled back at its
end, as pytest-django gives an ordinary test its database."""
import itertools
import shutil
import sqlite3
import time

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import OperationalError, connections, transaction
from django.test import override_settings

_copies = itertools.count()


class _Snapshot:
    """The seeded demo of one test process: where its rows are, and its uploaded files."""

    def __init__(self, media, signing):
        self.media = media
        self.signing = signing  # the demo's test certificate authority and keys (the keys' rows name it)
        self.sqlite = None  # the snapshot's own in-memory connection (SQLite)
        self.template = None  # the snapshot's database name (PostgreSQL)


def _seed(snapshot):
    hasher = f"{MD5PasswordHasher.__module__}.{MD5PasswordHasher.__name__}"  # as the tests' own settings
    with override_settings(MEDIA_ROOT=snapshot.media, PASSWORD_HASHERS=[hasher], SIGNING_TEST_CA_DIR=snapshot.signing,
                           SIGNING_TRUST_ROOTS=[str(snapshot.signing / "root.pem")]):
        call_command("seed_demo", stdout=open("/dev/null", "w"))


def _postgres_admin(connection, sql):
    """Runs `sql` (CREATE/DROP DATABASE) from the maintenance database; retried while a closing
    connection of another thread still counts as a user of the template."""
    for attempt in range(20):
        try:
            with connection._nodb_cursor() as cursor:
                cursor.execute(sql)
            return
        except OperationalError as error:
            if "being accessed by other users" not in str(error) or attempt == 19:
                raise
            time.sleep(0.1)


def _quoted(name):
    return '"' + name.replace('"', '""') + '"'


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    snapshot = _Snapshot(tmp_path_factory.mktemp("demo-media"), tmp_path_factory.mktemp("demo-signing"))
    with django_db_blocker.unblock():
        main = connections["default"]
        if main.vendor == "sqlite":
            main.ensure_connection()
            empty = sqlite3.connect(":memory:")
            main.connection.backup(empty)
            _seed(snapshot)
            snapshot.sqlite = sqlite3.connect(":memory:")
            main.connection.backup(snapshot.sqlite)
            empty.backup(main.connection)  # the tests after find the database as it was
            empty.close()
        else:
            snapshot.template = f"{main.settings_dict['NAME']}_demo"
            main.close()
            _postgres_admin(main, f"DROP DATABASE IF EXISTS {_quoted(snapshot.template)} WITH (FORCE)")
            _postgres_admin(main, f"CREATE DATABASE {_quoted(snapshot.template)} TEMPLATE "
                                  f"{_quoted(main.settings_dict['NAME'])}")
            with _connected_to(snapshot.template):
                _seed(snapshot)
        ContentType.objects.clear_cache()
    yield snapshot
    with django_db_blocker.unblock():
        if snapshot.sqlite is not None:
            snapshot.sqlite.close()
        else:
            _postgres_admin(connections["default"], f"DROP DATABASE IF EXISTS {_quoted(snapshot.template)} WITH (FORCE)")


class _connected_to:
    """The default database is `name` (a URI of an in-memory SQLite database, or a PostgreSQL database) for
    every thread until the block ends; the connection it replaces is given back unchanged."""

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        self.settings = connections.settings["default"]
        self.connection = connections["default"]
        connections.settings["default"] = {**self.settings, "NAME": self.name}
        connections["default"] = connections.create_connection("default")
        return connections["default"]

    def __exit__(self, *exc):
        replacing = connections["default"]
        if replacing.vendor == "sqlite" and replacing.connection is not None:
            replacing.connection.close()  # Django keeps in-memory databases open; this copy is done with
            replacing.connection = None
        else:
            replacing.close()
        connections.settings["default"] = self.settings
        connections["default"] = self.connection
        return False


@pytest.fixture
def demo_data(request, db, _demo_snapshot, settings):
    """The demo, fresh for this test (see the module's docstring)."""
    transactional = not connections["default"].in_atomic_block
    shutil.copytree(_demo_snapshot.media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    settings.SIGNING_TEST_CA_DIR = _demo_snapshot.signing
    settings.SIGNING_TRUST_ROOTS = [str(_demo_snapshot.signing / "root.pem")]
    main = connections["default"]
    ContentType.objects.clear_cache()
    if main.vendor == "sqlite" and transactional:
        # The live server's threads share this very connection (in-memory SQLite): the copy goes into it;
        # the transactional test's own clean-up empties it afterwards.
        main.ensure_connection()
        _demo_snapshot.sqlite.backup(main.connection)
        yield
        ContentType.objects.clear_cache()
        return
    if main.vendor == "sqlite":
        name = f"file:demo_copy_{next(_copies)}?mode=memory&cache=shared"
    else:
        name = f"{_demo_snapshot.template}_{next(_copies)}"
        _postgres_admin(main, f"CREATE DATABASE {_quoted(name)} TEMPLATE {_quoted(_demo_snapshot.template)}")
    try:
        with _connected_to(name) as copy:
            if copy.vendor == "sqlite":
                copy.ensure_connection()
                _demo_snapshot.sqlite.backup(copy.connection)
            if transactional:
                yield
            else:
                with transaction.atomic():
                    yield
                    transaction.set_rollback(True)
    finally:
        ContentType.objects.clear_cache()
        if main.vendor != "sqlite":
            _postgres_admin(main, f"DROP DATABASE IF EXISTS {_quoted(name)} WITH (FORCE)")
