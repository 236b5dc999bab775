"""A task for the deployment test of two workers (emulation/tests/test_deployment.py): it appends its key
and the worker's process id to a file, so that the test sees which worker ran what, and how often."""
import os
import time

from django_tasks import task


@task()
def record_run(path, key, seconds=0.3):
    time.sleep(seconds)  # long enough that both workers are busy at once
    with open(path, "a", encoding="utf-8") as out:  # one short append per run: atomic on a local disk
        out.write(f"{key} {os.getpid()}\n")


# A worker killed in the middle of a job (test_a_worker_killed_mid_job_…): a job kind that works long
# enough to be killed, and the task that runs it (the worker imports this module with the task, and so
# knows the kind; runner.run_job itself would not).
from emulation.jobs.kinds import register  # noqa: E402
from emulation.jobs.runner import JobResult, run_job  # noqa: E402

SLOW_KIND = "deploy-slow"


def works_long(job, progress):
    progress(5, "Đang xử lý")
    time.sleep(600)  # the test kills the worker long before
    return JobResult(b"", "khong-bao-gio.txt", "text/plain")


register(SLOW_KIND, works_long, title="Thử một việc dài")


@task()
def run_slow_job(job_id):
    return run_job.call(job_id)
