"""Starting and running jobs: one registry of kinds, one task that runs any of them.

`start_job` writes the Job row and enqueues the task; the worker (`manage.py db_worker`) runs
`run_job`, which claims the job with a conditional update (a job runs once even if enqueued twice),
calls the registered function with a `progress` callback, and stores the file or the error.
"""
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from emulation.jobs.models import Job, JobStatus

logger = logging.getLogger(__name__)


class JobError(Exception):
    """A job that cannot finish for a reason the person should read (translated message)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class JobResult:
    data: bytes
    filename: str
    content_type: str = "application/pdf"


@dataclass(frozen=True)
class JobKind:
    func: Callable
    title: str
    #: The page that follows the job reloads when it finishes (the job changed what the page shows).
    reload_page: bool = False
    #: For a job whose result is a change, not a file: result_url(job) is the page showing it (the finished
    #: job links there instead of offering its file).
    result_url: Callable | None = None


_kinds: dict[str, JobKind] = {}


def register(kind, func, *, title, reload_page=False, result_url=None):
    """Register `func(job, progress) -> JobResult` under `kind` (idempotent). `reload_page`: when the
    polled progress sees the job finished, the whole page reloads (e.g. issuing changed its status).
    `result_url(job)`: the page that shows what the job did (linked instead of its file)."""
    _kinds[kind] = JobKind(func, title, reload_page, result_url)


def result_url(job):
    """The page showing what a finished job did, or "" (its file is then offered for download)."""
    kind = _kinds.get(job.kind)
    return kind.result_url(job) if kind and kind.result_url else ""


def reloads_page(kind):
    return kind in _kinds and _kinds[kind].reload_page


def start_job(kind, owner, *, title="", **params):
    """Create a job of `kind` for `owner` with JSON `params` and queue it; returns the Job."""
    if kind not in _kinds:
        raise KeyError(kind)
    # Files made on request are kept JOB_KEEP_DAYS; the owner's older finished jobs go now.
    Job.objects.filter(owner=owner, status__in=[JobStatus.DONE, JobStatus.FAILED],
                       created_at__lt=timezone.now() - timedelta(days=settings.JOB_KEEP_DAYS)).delete()
    job = Job.objects.create(kind=kind, owner=owner, params=params, title=title or str(_kinds[kind].title))
    result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def _progress(job):
    def report(percent, step=""):
        percent = max(0, min(100, int(percent)))
        Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(progress=percent, step=str(step)[:300])
        job.progress, job.step = percent, str(step)[:300]

    return report


@task()
def run_job(job_id):
    """Run job `job_id` once: claim it, call its kind's function, keep its file or its error."""
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, progress=1, step=_("Started"))
    if not claimed:
        return "skipped"
    job = Job.objects.get(pk=job_id)
    kind = _kinds.get(job.kind)
    try:
        if kind is None:
            raise JobError(_("This kind of job is not known any more."))
        result = kind.func(job, _progress(job))
    except JobError as error:
        _finish(job, JobStatus.FAILED, error=error.message)
        return "failed"
    except Exception:  # the person sees a plain message; the details go to the server log
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _finish(job, JobStatus.FAILED, error=_("An unexpected error stopped the job. Try again; if it fails "
                                               "again, tell the administrator (the details are in the server log)."))
        return "failed"
    _finish(job, JobStatus.DONE, result=result)
    return "done"


def _finish(job, status, *, error="", result=None):
    values = {"status": status, "finished_at": timezone.now(), "error": error}
    if result is not None:
        values.update(result=result.data, filename=result.filename, content_type=result.content_type,
                      progress=100, step=_("Finished"))
    Job.objects.filter(pk=job.pk).update(**values)
