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

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL"),
]
ROOT = Path(settings.BASE_DIR)


def _database_url():
    """The URL of the test database this test runs on (the processes it starts use the same one): the
    suite's DATABASE_URL with the test database's name."""
    from urllib.parse import urlsplit, urlunsplit

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
    import http.client
    from urllib.parse import urlencode

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
