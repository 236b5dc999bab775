"""SQLite back end that refuses to open a database file that does not exist.

SQLite creates a missing file on connection, so a deleted or misplaced database would be silently
replaced by an empty one at the first request (and the people who use it would see an empty
application, or a 500 on a missing table). Only commands that are meant to create the database
(`migrate`, `restore`) allow it, with `allow_create()`. In-memory databases (the tests) are unaffected.
"""
import threading
from contextlib import contextmanager
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteDatabaseWrapper

_state = threading.local()


@contextmanager
def allow_create():
    """Within this block a missing SQLite database file may be created."""
    previous = getattr(_state, "allowed", False)
    _state.allowed = True
    try:
        yield
    finally:
        _state.allowed = previous


def is_file_database(name):
    name = str(name)
    return bool(name) and name != ":memory:" and not name.startswith("file:") and "mode=memory" not in name


class MissingDatabase(ImproperlyConfigured):
    pass


class DatabaseWrapper(SQLiteDatabaseWrapper):
    def get_new_connection(self, conn_params):
        name = conn_params.get("database", "")
        if is_file_database(name) and not Path(name).exists() and not getattr(_state, "allowed", False):
            raise MissingDatabase(
                f"The SQLite database {name} does not exist. Create it with `make migrate` "
                "(manage.py migrate) or restore a backup (`make restore FILE=…`); it is not created empty "
                "by a request."
            )
        return super().get_new_connection(conn_params)
