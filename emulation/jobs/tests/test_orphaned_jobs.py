"""A job whose worker died (killed, machine down) is noticed by its silent heartbeat, marked failed with a
message saying nothing was saved, and its owner, nobody else, may run it again (issue 24)."""
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from emulation.jobs.models import Job, JobStatus
from emulation.jobs.kinds import register
from emulation.jobs.runner import JobError, JobResult, _keep_outside, fail_orphaned_jobs, rerun_job
from emulation.models import Role
import threading
from emulation.jobs.runner import run_job

STOPPED = "Tiến trình xử lý đã dừng giữa chừng"


def finishes(job, progress):
    return JobResult(f"tệp {job.params['n']}".encode(), "tep.txt", "text/plain")


register("test-finishes", finishes, title="Thử chạy lại")


def _running(owner, *, silent_for, **params):
    """A job a worker claimed and last heard from `silent_for` ago (what a killed worker leaves)."""
    return Job.objects.create(kind="test-finishes", owner=owner, status=JobStatus.RUNNING, progress=5,
                              title="Thử chạy lại", params=params, heartbeat_at=timezone.now() - silent_for)


def test_a_running_job_whose_worker_went_silent_is_marked_failed_with_a_message(office_user, settings):
    settings.JOB_STALE_SECONDS = 120
    job = _running(office_user, silent_for=timedelta(minutes=7), n=1)

    assert fail_orphaned_jobs() == 1

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.finished_at is not None
    assert job.error.startswith(STOPPED) and "hãy chạy lại" in job.error.lower()


def test_a_running_job_with_a_recent_heartbeat_keeps_running(office_user, settings):
    settings.JOB_STALE_SECONDS = 120
    job = _running(office_user, silent_for=timedelta(seconds=30), n=1)

    assert fail_orphaned_jobs() == 0

    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING


def test_the_progress_page_notices_a_dead_worker_and_offers_to_run_again(client, office_user):
    job = _running(office_user, silent_for=timedelta(minutes=7), n=1)
    client.force_login(office_user)

    html = client.get(reverse("jobs:job_status", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()

    assert STOPPED in html and 'data-testid="job-rerun"' in html
    assert "hx-trigger" not in html  # the page stops polling a job that will never move


def test_the_owner_runs_a_failed_job_again_with_the_same_params(client, office_user, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    job = _running(office_user, silent_for=timedelta(minutes=7), n=42)
    fail_orphaned_jobs()
    client.force_login(office_user)

    response = client.post(reverse("jobs:job_rerun", args=[job.pk]), {"next": "/reports/5/?job=%d&tab=a#job" % job.pk})

    again = Job.objects.exclude(pk=job.pk).get()
    assert response.status_code == 302 and response["Location"] == f"/reports/5/?tab=a&job={again.pk}#job"
    assert (again.owner, again.params, again.status, bytes(again.result)) == (office_user, {"n": 42}, JobStatus.DONE,
                                                                               "tệp 42".encode())


def test_another_person_cannot_run_someone_elses_job_again(client, office_user, make_user):
    job = _running(office_user, silent_for=timedelta(minutes=7), n=1)
    fail_orphaned_jobs()
    other = make_user(Role.OFFICE)
    client.force_login(other)

    response = client.post(reverse("jobs:job_rerun", args=[job.pk]), {"next": "/"})

    assert response.status_code == 404
    assert Job.objects.count() == 1
    with pytest.raises(JobError, match="Chỉ người đã bắt đầu"):
        rerun_job(job, other)


def test_a_job_still_running_cannot_be_run_again(client, office_user):
    job = _running(office_user, silent_for=timedelta(seconds=5), n=1)
    client.force_login(office_user)

    response = client.post(reverse("jobs:job_rerun", args=[job.pk]), {"next": "/"}, follow=True)

    assert Job.objects.count() == 1
    assert "Chỉ người đã bắt đầu" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_long_step_without_progress_keeps_its_heartbeat(make_user, settings):
    """The heartbeat thread writes while the job's function is busy (one large PDF without progress)."""


    settings.JOB_HEARTBEAT_SECONDS = 0.05
    beats = threading.Event()

    def busy(job, progress):
        # Waits until the heartbeat thread has written once more after the claim.
        claimed_at = Job.objects.values_list("heartbeat_at", flat=True).get(pk=job.pk)
        for _ in range(200):
            if Job.objects.values_list("heartbeat_at", flat=True).get(pk=job.pk) > claimed_at:
                beats.set()
                break
            threading.Event().wait(0.02)
        return JobResult(b"x", "x.txt", "text/plain")

    register("test-busy", busy, title="Thử")
    job = Job.objects.create(kind="test-busy", owner=make_user(Role.OFFICE))

    assert run_job.call(job.pk) == "done"
    assert beats.is_set()


def test_run_again_from_the_jobs_own_page_leads_to_the_new_jobs_page(client, office_user):
    job = _running(office_user, silent_for=timedelta(minutes=7), n=3)
    client.force_login(office_user)
    page = client.get(reverse("jobs:job_status", args=[job.pk])).content.decode()
    assert f'name="next" value="{reverse("jobs:job_status", args=[job.pk])}"' in page

    response = client.post(reverse("jobs:job_rerun", args=[job.pk]), {"next": reverse("jobs:job_status", args=[job.pk])})

    again = Job.objects.exclude(pk=job.pk).get()
    assert response["Location"] == reverse("jobs:job_status", args=[again.pk])


@pytest.mark.skipif(connection.vendor != "sqlite", reason="only SQLite keeps a job's progress in a file")
def test_on_sqlite_a_job_whose_row_is_locked_but_whose_progress_file_beats_keeps_running(client, office_user, settings):
    """An import holds SQLite's write lock for minutes, so neither its progress nor its heartbeat reaches
    the job's row: the file they go to instead keeps the job alive, and the page shows its progress."""
    settings.JOB_STALE_SECONDS = 120
    job = _running(office_user, silent_for=timedelta(minutes=7), n=1)
    _keep_outside(job.pk, 42, "Đang ghi dòng 4.200/10.000")
    client.force_login(office_user)

    html = client.get(reverse("jobs:job_status", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()

    assert fail_orphaned_jobs() == 0
    assert "42% · Đang ghi dòng 4.200/10.000" in html and "hx-trigger" in html
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING
