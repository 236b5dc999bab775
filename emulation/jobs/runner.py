"""Starting and running jobs: one registry of kinds, one task that runs any of them.

`start_job` writes the Job row and enqueues the task; the worker (`manage.py run_worker`) runs
`run_job`, which claims the job with a conditional update (a job runs once even if enqueued twice),
calls the registered function with a `progress` callback, and stores the file or the error.

A job whose worker dies (killed, machine down) stops writing its heartbeat; `fail_orphaned_jobs` marks it
failed (the worker at start and every minute or so, the progress page and the pages that wait on a job
when they read it), through the same failure path as any error, which releases what the job held
(`register(on_failure=…)`). Its owner may then run it again (`rerun_job`).

On SQLite a job also keeps its progress and heartbeat in a small file (`JOB_PROGRESS_DIR`, one per running
job): SQLite has one writer at a time, and an import holds the write lock for all its rows, so the job's
row cannot move until it commits; the file can, and the job's page reads it (`with_live_progress`).
PostgreSQL needs no file (an import's progress is written on a connection of its own,
`emulation.imports._seen_outside`), and its web servers and worker need not share a disk.
"""
import json
import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from emulation.jobs.kinds import KINDS
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


def start_job(kind, owner, *, title="", **params):
    """Create a job of `kind` for `owner` with JSON `params` and queue it; returns the Job."""
    if kind not in KINDS:
        raise KeyError(kind)
    # Files made on request are kept JOB_KEEP_DAYS; the owner's older finished jobs go now.
    Job.objects.filter(owner=owner, status__in=[JobStatus.DONE, JobStatus.FAILED],
                       created_at__lt=timezone.now() - timedelta(days=settings.JOB_KEEP_DAYS)).delete()
    job = Job.objects.create(kind=kind, owner=owner, params=params, title=title or str(KINDS[kind].title))
    result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def rerun_job(job, user):
    """Start failed `job` again for `user`, who must be its owner; returns the new Job. Raises JobError
    when it may not be run again (another person's, not failed); the kind's `rerun` may refuse too."""
    if job.owner_id != user.pk or job.status != JobStatus.FAILED:
        raise JobError(_("Only the person who started a job that failed may run it again."))
    kind = KINDS.get(job.kind)
    if kind is None:
        raise JobError(_("This kind of job is not known any more."))
    if kind.rerun:
        return kind.rerun(job, user)
    return start_job(job.kind, user, title=job.title, **job.params)


def _progress(job):
    def report(percent, step=""):
        percent = max(0, min(100, int(percent)))
        _keep_outside(job.pk, percent, str(step)[:300])
        Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
            progress=percent, step=str(step)[:300], heartbeat_at=timezone.now())
        job.progress, job.step = percent, str(step)[:300]

    return report


def _outside_file(job_id):
    return Path(settings.JOB_PROGRESS_DIR) / f"{int(job_id)}.json"


def _keep_outside(job_id, percent, step):
    """On SQLite: the job's progress into its file, replaced at once (a reader never sees half a file);
    the file's time is the job's heartbeat too. Nothing on another database."""
    if connection.vendor != "sqlite":
        return
    path = _outside_file(job_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".progress-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"progress": percent, "step": step}, out, ensure_ascii=False)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _beat_outside(job_id):
    """On SQLite: the heartbeat as the file's time (the job's row may be locked by the job's own import)."""
    if connection.vendor == "sqlite":
        try:
            os.utime(_outside_file(job_id))
        except FileNotFoundError:  # no progress told yet: the row's heartbeat is the one
            pass


def _forget_outside(job_id):
    _outside_file(job_id).unlink(missing_ok=True)


def _outside_beat_at(job_id):
    """The time of the job's progress file, or None."""
    try:
        return datetime.fromtimestamp(_outside_file(job_id).stat().st_mtime, tz=UTC)
    except FileNotFoundError:
        return None


def with_live_progress(job):
    """`job` (read from the database) with its progress as told now: on SQLite, while it runs, the progress
    and heartbeat of its file, which move while the job's own transaction keeps its row locked. Returns
    `job`, changed in memory only."""
    if job.status != JobStatus.RUNNING:
        return job
    try:
        told = json.loads(_outside_file(job.pk).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return job
    beat = _outside_beat_at(job.pk)
    job.progress, job.step = told["progress"], told["step"]
    if beat and (job.heartbeat_at is None or beat > job.heartbeat_at):
        job.heartbeat_at = beat
    return job


class _Heartbeat(threading.Thread):
    """Writes the running job's heartbeat every JOB_HEARTBEAT_SECONDS, so that a long step without
    progress (one large PDF) is not taken for a dead worker. Dies with its process, which is the point."""

    def __init__(self, job_id):
        super().__init__(name=f"job-{job_id}-heartbeat", daemon=True)
        self.job_id, self.stopped = job_id, threading.Event()

    def run(self):
        try:
            while not self.stopped.wait(settings.JOB_HEARTBEAT_SECONDS):
                _beat_outside(self.job_id)
                try:
                    Job.objects.filter(pk=self.job_id, status=JobStatus.RUNNING).update(heartbeat_at=timezone.now())
                except DatabaseError:  # a missed beat is harmless; the next one may pass
                    logger.warning("Heartbeat of job %s not written", self.job_id, exc_info=True)
        finally:
            connection.close()  # this thread's own connection

    def stop(self):
        self.stopped.set()
        self.join()


@task()
def run_job(job_id):
    """Run job `job_id` once: claim it, call its kind's function, keep its file or its error."""
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, progress=1, step=_("Started"), heartbeat_at=timezone.now())
    if not claimed:
        return "skipped"
    job = Job.objects.get(pk=job_id)
    kind = KINDS.get(job.kind)
    heartbeat = _Heartbeat(job.pk)
    heartbeat.start()
    try:
        if kind is None:
            raise JobError(_("This kind of job is not known any more."))
        result = kind.func(job, _progress(job))
    except JobError as error:
        _fail(job, error.message)
        return "failed"
    except Exception:  # the person sees a plain message; the details go to the server log
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _fail(job, _("An unexpected error stopped the job. Try again; if it fails again, tell the administrator "
                     "(the details are in the server log)."))
        return "failed"
    finally:
        heartbeat.stop()
    _done(job, result)
    return "done"


def _orphaned_message():
    return _("The processing stopped half-way (the background worker was stopped or its machine restarted). "
             "Nothing was saved; please run it again.")


def _silent_since():
    return timezone.now() - timedelta(seconds=settings.JOB_STALE_SECONDS)


def fail_orphaned_jobs(jobs=None):
    """Mark failed every running job (of `jobs`, default all) whose worker is gone: its heartbeat (or its
    start, for a job that never wrote one) is older than JOB_STALE_SECONDS. What such a job did was rolled
    back with its transaction (imports and issuing are all-or-nothing), so its owner may run it again.
    Returns how many were marked."""
    cutoff = _silent_since()
    silent = Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)
    jobs = Job.objects.all() if jobs is None else jobs
    return sum(_fail(job, _orphaned_message(), only_if_silent_since=cutoff)
               for job in jobs.filter(silent, status=JobStatus.RUNNING).defer("result")
               if (_outside_beat_at(job.pk) or cutoff) <= cutoff)  # on SQLite: its file's beat


def fail_if_orphaned(job):
    """For a job already read (a page showing it, a lock held by it): when it is running and its worker is
    gone, mark it failed as fail_orphaned_jobs does, and return True (the caller reads it again)."""
    if job is None or job.status != JobStatus.RUNNING:
        return False
    cutoff = _silent_since()
    heard_at = max(filter(None, [job.heartbeat_at or job.created_at, _outside_beat_at(job.pk)]))
    if heard_at >= cutoff:
        return False
    return bool(_fail(job, _orphaned_message(), only_if_silent_since=cutoff))


def _fail(job, error, *, only_if_silent_since=None):
    """The one failure path of a job: marks it failed with `error` (translated, for its owner) and releases
    what it held (its kind's on_failure), in one transaction. With `only_if_silent_since`, only a job still
    running whose heartbeat is older than that (a worker that came back meanwhile keeps its job).
    Returns 1 when the job was marked, else 0."""
    jobs = Job.objects.filter(pk=job.pk)
    if only_if_silent_since is not None:
        jobs = jobs.filter(Q(heartbeat_at__lt=only_if_silent_since) | Q(heartbeat_at__isnull=True),
                           status=JobStatus.RUNNING)
    kind = KINDS.get(job.kind)
    with transaction.atomic():
        if not jobs.update(status=JobStatus.FAILED, finished_at=timezone.now(), error=error):
            return 0
        if kind and kind.on_failure:
            kind.on_failure(job)
    _forget_outside(job.pk)
    return 1


def _done(job, result):
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE, finished_at=timezone.now(), error="", result=result.data, filename=result.filename,
        content_type=result.content_type, progress=100, step=_("Finished"))
    _forget_outside(job.pk)
