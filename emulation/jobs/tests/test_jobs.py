"""Background jobs: queued, run by the worker, progress on the page, failures shown as a message."""
import pytest
from django.core.management import call_command
from django.urls import reverse

from emulation.jobs.models import Job, JobStatus
from emulation.jobs.kinds import register
from emulation.jobs.runner import JobError, JobResult, start_job
from emulation.models import Role
from datetime import timedelta
from django.utils import timezone
from django.contrib.messages.storage.fallback import FallbackStorage
from emulation.jobs.views import start_and_follow
from emulation.workflow import TransitionError

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
seen = {}


def halfway(job, progress):
    progress(50, "Đang dàn trang")
    seen["progress"] = Job.objects.values_list("progress", "step", "status").get(pk=job.pk)
    return JobResult(b"%PDF-1.7 test", "tep.pdf")


def refuses(job, progress):
    raise JobError("Báo cáo không còn nữa.")


def crashes(job, progress):
    raise ZeroDivisionError("boom")


register("test-halfway", halfway, title="Thử")
register("test-refuses", refuses, title="Thử")
register("test-crashes", crashes, title="Thử")


@pytest.fixture
def immediate(settings):
    settings.TASKS = IMMEDIATE


def test_progress_is_written_while_the_job_runs_and_the_file_kept(immediate, office_user):
    job = start_job("test-halfway", office_user, report=1)

    job.refresh_from_db()
    assert seen["progress"] == (50, "Đang dàn trang", JobStatus.RUNNING)
    assert (job.status, job.progress, bytes(job.result), job.filename) == (JobStatus.DONE, 100, b"%PDF-1.7 test", "tep.pdf")


def test_polled_fragment_shows_the_progress_and_keeps_polling(client, office_user):
    job = Job.objects.create(kind="test-halfway", owner=office_user, status=JobStatus.RUNNING, progress=40,
                             step="Đang dàn trang", title="PDF")
    client.force_login(office_user)

    response = client.get(reverse("jobs:job_status", args=[job.pk]), headers={"HX-Request": "true"})

    html = response.content.decode()
    assert 'value="40"' in html and "Đang dàn trang" in html and 'hx-trigger="every 2s"' in html


def test_a_refused_job_shows_its_message_and_stops_polling(immediate, client, office_user):
    job = start_job("test-refuses", office_user)
    client.force_login(office_user)

    html = client.get(reverse("jobs:job_status", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()

    assert "Báo cáo không còn nữa." in html and 'role="alert"' in html
    assert "hx-trigger" not in html


def test_an_unexpected_error_is_a_plain_message_not_a_traceback(immediate, office_user):
    job = start_job("test-crashes", office_user)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "boom" not in job.error and job.error


def test_another_person_cannot_see_or_download_a_job(immediate, client, office_user, make_user):
    job = start_job("test-halfway", office_user)
    client.force_login(make_user(Role.OFFICE))

    assert client.get(reverse("jobs:job_status", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:job_download", args=[job.pk])).status_code == 404


def test_owner_downloads_the_finished_file(immediate, client, office_user):
    job = start_job("test-halfway", office_user)
    client.force_login(office_user)

    response = client.get(reverse("jobs:job_download", args=[job.pk]))

    assert response.content == b"%PDF-1.7 test"
    assert 'filename="tep.pdf"' in response["Content-Disposition"]


@pytest.mark.django_db(transaction=True)
def test_queued_job_waits_for_the_worker_which_runs_it_once(org, make_user):
    office = make_user(Role.OFFICE)
    job = start_job("test-halfway", office)
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED

    call_command("run_worker", batch=True, interval=0, startup_delay=False, verbosity=0)
    call_command("run_worker", batch=True, interval=0, startup_delay=False, verbosity=0)  # nothing left to run

    job.refresh_from_db()
    assert (job.status, bytes(job.result)) == (JobStatus.DONE, b"%PDF-1.7 test")


def test_finished_files_older_than_a_week_go_when_the_owner_starts_another_job(immediate, office_user):

    old = start_job("test-halfway", office_user)
    recent = start_job("test-halfway", office_user)
    Job.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))

    start_job("test-halfway", office_user)

    assert not Job.objects.filter(pk=old.pk).exists()
    assert Job.objects.filter(pk=recent.pk).exists()


# One way to start a job from a view and follow it (issue 17) ------------------------------------------

def _request(rf, user):
    request = rf.post("/")
    request.user, request.session = user, {}
    request._messages = FallbackStorage(request)
    return request


def test_start_and_follow_queues_the_job_and_sends_to_its_page_with_the_message(immediate, rf, office_user):
    request = _request(rf, office_user)
    response = start_and_follow(request, lambda: start_job("test-halfway", office_user), "/trang/?round=3",
                                message="Đang làm trong nền.")
    job = Job.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/trang/?round=3&job={job.pk}#job")
    assert [str(m) for m in request._messages] == ["Đang làm trong nền."]


def test_start_and_follow_says_a_refusal_and_starts_nothing(immediate, rf, office_user):
    def refused():
        raise TransitionError("Bạn không có quyền làm việc này.")

    request = _request(rf, office_user)
    response = start_and_follow(request, refused, "/trang/", message="Đang làm trong nền.")
    assert (response["Location"], [str(m) for m in request._messages]) == ("/trang/", ["Bạn không có quyền làm việc này."])
    assert not Job.objects.exists()
