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
