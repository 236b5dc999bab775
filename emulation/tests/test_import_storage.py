"""A large import is staged by one machine and run by a worker on another (issue 24): the pending file goes
through the configured storage (FILE_STORAGE), never the local disk alone; and a confirmation whose worker
died leaves its preview confirmable again. Run on SQLite and PostgreSQL."""
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from emulation.jobs.models import Job, JobStatus
from emulation.jobs.runner import fail_orphaned_jobs, run_job
from emulation.models import ImportRun, Staff
from emulation.tests.test_import import STAFF_HEADERS, staff_row, xlsx

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("import_data", args=["staff"])


@pytest.fixture
def shared_storage(settings, tmp_path):
    """Uploads in a storage whose files are on no local disk (as an S3 bucket), large files in jobs queued
    for a worker (run here by run_job.call, as `manage.py run_worker` does)."""
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    settings.IMPORT_BACKGROUND_BYTES = 100
    settings.MEDIA_ROOT = tmp_path / "web-media"
    return settings


def _rows(count):
    return [staff_row(f"Người Máy Khác {n}", f"0520000{n:05d}") for n in range(count)]


def _worker_runs(job_pk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "worker-media"  # the worker's machine has a media folder of its own
    assert run_job.call(job_pk) == "done"
    return Job.objects.get(pk=job_pk)


def test_a_worker_on_another_machine_checks_and_imports_a_large_file(shared_storage, office_client, org, tmp_path):
    response = office_client.post(IMPORT_URL, {"file": xlsx(STAFF_HEADERS, _rows(3))})
    assert not (Path(shared_storage.MEDIA_ROOT) / "imports").exists()  # nothing on the web server's disk
    preview = _worker_runs(Job.objects.get().pk, shared_storage, tmp_path)
    assert preview.status == JobStatus.DONE
    page = office_client.get(response["Location"])
    assert page.context["report"].new == 3

    confirmed = office_client.post(IMPORT_URL, {"confirm": "1", "token": page.context["token"]})
    _worker_runs(Job.objects.exclude(pk=preview.pk).get().pk, shared_storage, tmp_path)

    assert office_client.get(confirmed["Location"]).context["imported"] is True
    assert Staff.objects.filter(full_name__startswith="Người Máy Khác").count() == 3
    assert default_storage.listdir("imports") == ([], [])  # the imported file is removed from the storage


def test_a_confirmation_whose_worker_died_can_be_run_again_and_imports_once(shared_storage, office_client, org,
                                                                            office_user, tmp_path):
    response = office_client.post(IMPORT_URL, {"file": xlsx(STAFF_HEADERS, _rows(2))})
    preview = _worker_runs(Job.objects.get().pk, shared_storage, tmp_path)
    token = office_client.get(response["Location"]).context["token"]
    office_client.post(IMPORT_URL, {"confirm": "1", "token": token})
    dead = Job.objects.exclude(pk=preview.pk).get()
    # What a worker killed in the middle of the import leaves: the job running and silent, no row written
    # and nothing claimed (the claim and the rows are one transaction, rolled back with the process).
    Job.objects.filter(pk=dead.pk).update(status=JobStatus.RUNNING, heartbeat_at=timezone.now() - timedelta(hours=1))

    assert fail_orphaned_jobs() == 1
    assert ImportRun.objects.get(token=token).applied_at is None

    office_client.post(reverse("jobs:job_rerun", args=[dead.pk]), {"next": IMPORT_URL})
    again = Job.objects.exclude(pk__in=[preview.pk, dead.pk]).get()
    assert _worker_runs(again.pk, shared_storage, tmp_path).status == JobStatus.DONE
    assert Staff.objects.filter(full_name__startswith="Người Máy Khác").count() == 2
    assert ImportRun.objects.get(token=token).applied_at is not None
