"""Several people at once, for the concurrency tests (with the `file_database` fixture of conftest.py)."""
import threading
from contextlib import contextmanager

from django.db import connections
from django.test import Client

#: The longest a group of threads may take before the test fails rather than hang.
TIMEOUT_SECONDS = 60


def at_once(*calls):
    """Run each call in its own thread, all released at the same instant; returns their results in order
    (an exception raised by a call is its result). Each thread closes its database connections."""
    start = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            start.wait()
            results[index] = call()
        except BaseException as error:  # noqa: BLE001 - reported to the test as the call's result
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, call), daemon=True) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish"
    return results


def logged_in(user):
    """A test client of its own (one browser) logged in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def failures(results):
    """The results that are an error the person would see as one: an exception (a 500) or a status ≥ 400."""
    return [result for result in results
            if isinstance(result, BaseException) or getattr(result, "status_code", 200) >= 400]


@contextmanager
def write_lock_held(model, pk):
    """Another connection holds the write lock on row `pk` of `model` until the block ends: on SQLite the
    whole database's (BEGIN IMMEDIATE), on PostgreSQL the row's (SELECT … FOR UPDATE)."""
    other = connections.create_connection("default")
    cursor = other.cursor()
    try:
        if other.vendor == "sqlite":
            cursor.execute("BEGIN IMMEDIATE")
        else:
            cursor.execute("BEGIN")
            cursor.execute(f"SELECT 1 FROM {model._meta.db_table} WHERE {model._meta.pk.column} = %s FOR UPDATE", [pk])
        yield
    finally:
        cursor.execute("ROLLBACK")
        other.close()


@contextmanager
def impatient(seconds=0.2):
    """This thread's connection waits at most `seconds` for a lock (SQLite's busy timeout, PostgreSQL's
    lock_timeout) until the block ends, so that a test sees the answer to a lock never freed."""
    connection = connections["default"]
    if connection.vendor == "sqlite":
        connection.close()
        options = connection.settings_dict["OPTIONS"]
        connection.settings_dict["OPTIONS"] = {**options, "timeout": seconds}
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict["OPTIONS"] = options
    else:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = %s", [f"{int(seconds * 1000)}ms"])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET lock_timeout")
