"""The registry of job kinds: what each kind runs and how its finished job is shown. Below the Job model
(whose `result_url` reads it) and the runner (which runs the registered function); each app registers its
kinds in its AppConfig.ready()."""
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class JobKind:
    func: Callable
    title: str
    #: The page that follows the job reloads when it finishes (the job changed what the page shows).
    reload_page: bool = False
    #: For a job whose result is a change, not a file: result_url(job) is the page showing it (the finished
    #: job links there instead of offering its file).
    result_url: Callable | None = None
    #: on_failure(job): releases what a failed job held (a claim, a lock), whether it failed with an error
    #: or lost its worker; called in the failure's transaction.
    on_failure: Callable | None = None
    #: rerun(job, user): starts the job again with the kind's own checks (default: the same params).
    rerun: Callable | None = None


#: kind name → JobKind, filled by `register`.
KINDS: dict[str, JobKind] = {}


def register(kind, func, *, title, reload_page=False, result_url=None, on_failure=None, rerun=None):
    """Register `func(job, progress) -> JobResult` under `kind` (idempotent). `reload_page`: when the
    polled progress sees the job finished, the whole page reloads (e.g. issuing changed its status).
    `result_url(job)`: the page that shows what the job did (linked instead of its file).
    `on_failure(job)`: releases what the job held when it fails. `rerun(job, user)`: starts it again,
    returning the new Job (default: `start_job` with the same params)."""
    KINDS[kind] = JobKind(func, title, reload_page, result_url, on_failure, rerun)


def result_url(job):
    """The page showing what a finished job did, or "" (its file is then offered for download)."""
    kind = KINDS.get(job.kind)
    return kind.result_url(job) if kind and kind.result_url else ""


def reloads_page(kind):
    return kind in KINDS and KINDS[kind].reload_page
