"""Several servers (docs/deployment.md), tested as far as one machine allows: two gunicorn instances on two
ports against one PostgreSQL serve the same session, and two task workers claiming from the same queue
never run a job twice. PostgreSQL only: the SQLite test database lives in memory, out of reach of other
processes (and SQLite is the one-server set-up anyway)."""
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from emulation.models import Role
from emulation.tests.deploy_tasks import record_run
from emulation.tests.factories import UserFactory
from urllib.parse import urlsplit, urlunsplit
import http.client
from urllib.parse import urlencode
from emulation.jobs.models import Job, JobStatus
from emulation.tests.deploy_tasks import SLOW_KIND, run_slow_job
from emulation import imports
from emulation.jobs.runner import start_job
from emulation.models import Staff
from emulation.tests.test_import import STAFF_HEADERS, staff_row, xlsx

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL"),
]
ROOT = Path(settings.BASE_DIR)


def _database_url():
    """The URL of the test database this test runs on (the processes it starts use the same one): the
    suite's DATABASE_URL with the test database's name."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


def _env(**extra):
    return {**os.environ, "DATABASE_URL": _database_url(), "DJANGO_SECRET_KEY": "deployment-test-" + "k" * 50,
            "DJANGO_ENV": "development", "TASKS_BACKEND": "database", **extra}


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port, path, cookies=None, data=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": "127.0.0.1"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = None
    if data is not None:
        body = urlencode(data)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request("POST" if data is not None else "GET", path, body=body, headers=headers)
    response = conn.getresponse()
    result = response.status, response.getheaders(), response.read().decode()
    conn.close()
    return result


def _cookies(headers, into):
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            into[key.strip()] = rest.split(";", 1)[0]
    return into


@pytest.fixture
def two_servers():
    """Two gunicorn instances (one worker each) on two ports, same database and secret key."""
    ports = [_free_port(), _free_port()]
    processes = [subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "--config", "gunicorn.conf.py", "--access-logfile", "/dev/null"],
        cwd=ROOT, env=_env(BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="1"), stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, start_new_session=True) for port in ports]
    try:
        for port, process in zip(ports, processes):
            deadline = time.monotonic() + 60
            while True:
                assert process.poll() is None, process.stderr.read().decode()[-2000:]
                try:
                    if _get(port, "/accounts/login/")[0] == 200:
                        break
                except OSError:
                    pass
                assert time.monotonic() < deadline, "gunicorn did not answer"
                time.sleep(0.2)
        yield ports
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(30)


@pytest.mark.django_db(transaction=True)
def test_two_app_servers_on_one_database_serve_the_same_session(two_servers, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # what the servers check
    UserFactory(username="vanphong.a", role=Role.OFFICE, password="thidua@2025", last_name="Văn phòng Hai Máy")
    first, second = two_servers
    cookies = {}
    status, headers, body = _get(first, "/accounts/login/")
    _cookies(headers, cookies)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    status, headers, _body = _get(first, "/accounts/login/", cookies,
                                  {"csrfmiddlewaretoken": token, "username": "vanphong.a", "password": "thidua@2025"})
    assert status == 302
    _cookies(headers, cookies)

    status, _headers, page = _get(second, "/", cookies)  # the other server knows the session

    assert status == 200
    assert "Văn phòng Hai Máy" in page
    status, headers, _page = _get(second, "/", {})  # and without the cookie it asks for a login
    assert status == 302 and dict(headers)["Location"].startswith("/accounts/login/")


@pytest.mark.django_db(transaction=True)
def test_two_task_workers_never_run_the_same_job_twice(tmp_path):
    log = tmp_path / "runs.txt"
    keys = [f"job-{i}" for i in range(16)]
    for key in keys:
        record_run.enqueue(str(log), key)
    command = [sys.executable, "manage.py", "run_worker", "--batch", "--interval", "0", "--no-startup-delay",
               "--no-reload", "-v", "0"]

    workers = [subprocess.Popen(command, cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
               for _ in range(2)]
    for worker in workers:
        _out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err.decode()[-2000:]

    runs = [line.split() for line in log.read_text().splitlines()]
    assert Counter(key for key, _pid in runs) == Counter(keys)  # every job once, none twice
    assert len({pid for _key, pid in runs}) == 2  # and both workers took a share


def _worker_env(**extra):
    """A worker as production runs it (DJANGO_ENV=production)."""
    return _env(DJANGO_ENV="production", DJANGO_ALLOWED_HOSTS="127.0.0.1", **extra)


def _run_worker(*args):
    return [sys.executable, "manage.py", "run_worker", "--no-startup-delay", "--no-reload", "-v", "0", *args]


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_job_leaves_a_job_the_next_worker_marks_failed(tmp_path):
    """Issue 24: a worker killed (SIGKILL: no clean-up of its own) while a job runs; a fresh worker notices
    the silent job and marks it failed, so that its owner reads why and may run it again."""
    job = Job.objects.create(kind=SLOW_KIND, owner=UserFactory(role=Role.OFFICE), title="Thử một việc dài")
    run_slow_job.enqueue(job.pk)
    worker = subprocess.Popen(_run_worker("--interval", "0.2"), cwd=ROOT, env=_worker_env(JOB_HEARTBEAT_SECONDS="1"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while Job.objects.get(pk=job.pk).step != "Đang xử lý":
            assert worker.poll() is None, worker.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "the worker did not start the job"
            time.sleep(0.2)
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(30)
    time.sleep(2)  # its last heartbeat is now older than the fresh worker's JOB_STALE_SECONDS

    fresh = subprocess.run(_run_worker("--batch", "--interval", "0"), cwd=ROOT, env=_worker_env(JOB_STALE_SECONDS="1"),
                           capture_output=True, timeout=120)

    assert fresh.returncode == 0, fresh.stderr.decode()[-2000:]
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.error.startswith("Tiến trình xử lý đã dừng giữa chừng")


@pytest.mark.django_db(transaction=True)
def test_a_worker_with_a_media_folder_of_its_own_runs_a_large_import(tmp_path, settings, org):
    """Issue 24: the web server keeps an uploaded file in the shared storage; a worker on another machine
    (a media folder of its own) checks it and imports it."""
    shared = tmp_path / "bucket"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                                                          "OPTIONS": {"location": str(shared)}}}
    office = UserFactory(role=Role.OFFICE)
    upload = xlsx(STAFF_HEADERS, [staff_row(f"Người Máy Thợ {n}", f"0530000{n:05d}") for n in range(3)])
    run = imports.stage_import("staff", upload.read(), upload.name, user=office)
    env = _worker_env(DJANGO_SETTINGS_MODULE="emulation.tests.deploy_settings", DEPLOY_TEST_SHARED_STORAGE=str(shared),
                      DJANGO_MEDIA_ROOT=str(tmp_path / "worker-media"))

    for action in ("preview", "confirm"):
        job = start_job("import", office, import_kind="staff", token=run.token, action=action)
        worker = subprocess.run(_run_worker("--batch", "--interval", "0"), cwd=ROOT, env=env, capture_output=True,
                                timeout=120)
        assert worker.returncode == 0, worker.stderr.decode()[-2000:]
        job.refresh_from_db()
        assert (job.status, job.error) == (JobStatus.DONE, "")

    assert Staff.objects.filter(full_name__startswith="Người Máy Thợ").count() == 3
