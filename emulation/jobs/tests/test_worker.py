"""The worker (`manage.py run_worker`) survives a database error and notices jobs whose worker died
(issue 24). Run on SQLite and PostgreSQL."""
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResultQuerySet

from emulation.jobs.models import Job, JobStatus
from emulation.jobs.kinds import register
from emulation.jobs.runner import JobResult, start_job
from emulation.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


def quick(job, progress):
    return JobResult(b"xong", "xong.txt", "text/plain")


register("test-quick", quick, title="Thử")


def _worker():
    call_command("run_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0)


def test_the_worker_goes_on_after_a_database_error(make_user, settings, monkeypatch, caplog):
    settings.WORKER_RETRY_SECONDS = 0
    job = start_job("test-quick", make_user(Role.OFFICE))
    real_ready, failures = DBTaskResultQuerySet.ready, []

    def ready_once_broken(queryset):
        if not failures:
            failures.append(1)
            raise OperationalError("server closed the connection unexpectedly")
        return real_ready(queryset)

    monkeypatch.setattr(DBTaskResultQuerySet, "ready", ready_once_broken)

    _worker()  # the plain db_worker exits with this error

    job.refresh_from_db()
    assert failures == [1] and job.status == JobStatus.DONE
    assert "Database error in the worker" in caplog.text


def test_the_worker_marks_jobs_whose_worker_died_when_it_starts(make_user, settings):
    settings.JOB_STALE_SECONDS = 120
    dead = Job.objects.create(kind="test-quick", owner=make_user(Role.OFFICE), status=JobStatus.RUNNING,
                              heartbeat_at=timezone.now() - timedelta(minutes=10))

    _worker()

    dead.refresh_from_db()
    assert dead.status == JobStatus.FAILED and dead.error.startswith("Tiến trình xử lý đã dừng giữa chừng")
