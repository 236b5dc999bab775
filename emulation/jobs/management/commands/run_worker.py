"""`manage.py run_worker`: the background worker (`make worker`, `make run`), django-tasks-db's `db_worker`
with what it lacks for a worker that must not stop:

- a database error (the server restarting, a dropped connection, a full disk) is logged and the worker
  waits WORKER_RETRY_SECONDS and goes on, instead of exiting and leaving the queue unattended;
- jobs whose worker died (emulation.jobs.runner.fail_orphaned_jobs) are marked failed when it starts and
  then every JOB_STALE_SECONDS / 2, so that their owners read why and may run them again.

It takes db_worker's options (`--batch`, `--interval`, `--max-tasks`, …).
"""
import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django_tasks_db.management.commands import db_worker

from emulation.jobs.runner import fail_orphaned_jobs

logger = logging.getLogger("emulation.jobs.worker")


def sweep_orphans():
    """fail_orphaned_jobs, logged; a database error is logged and left for the next sweep."""
    try:
        marked = fail_orphaned_jobs()
    except DatabaseError:
        logger.warning("Could not look for jobs whose worker died", exc_info=True)
        return 0
    if marked:
        logger.warning("%d job(s) whose worker died were marked failed", marked)
    return marked


class Sweeper(threading.Thread):
    """Sweeps orphaned jobs every JOB_STALE_SECONDS / 2 while the worker waits or runs a job."""

    def __init__(self):
        super().__init__(name="orphaned-jobs", daemon=True)
        self.stopped = threading.Event()

    def run(self):
        try:
            while not self.stopped.wait(max(1, settings.JOB_STALE_SECONDS / 2)):
                sweep_orphans()
        finally:
            connection.close()  # this thread's own connection


class ResilientWorker(db_worker.Worker):
    def run(self):
        sweep_orphans()
        while True:
            try:
                return super().run()
            except DatabaseError:
                logger.exception("Database error in the worker; trying again in %s s", settings.WORKER_RETRY_SECONDS)
            close_old_connections()
            connection.close()  # a broken connection is opened afresh on the next query
            if not self.running:
                return None
            time.sleep(settings.WORKER_RETRY_SECONDS)


class Command(db_worker.Command):
    help = "Run the background worker: it survives database errors and notices jobs whose worker died."

    def handle(self, *args, **options):
        # db_worker's handle builds its Worker by this module-level name (its options, signals and reloader
        # stay its own); the name is put back after, for a plain db_worker in the same process.
        plain, db_worker.Worker = db_worker.Worker, ResilientWorker
        sweeper = Sweeper()
        sweeper.start()
        try:
            return super().handle(*args, **options)
        finally:
            sweeper.stopped.set()
            db_worker.Worker = plain
