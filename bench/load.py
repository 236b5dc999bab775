"""The load run: gunicorn in production mode on the benchmark's PostgreSQL database, and a bounded load
generator of our own (threads, one per simulated user, closed loop without pauses) on 127.0.0.1.

Each user logs in through the login form (as a person does: the login page, then the form with its
CSRF token) with a role taken in turn from `MIX`, then requests the pages of that role (the pages the
page measurements use) in a seeded random order until the time is up. A request that does not answer
200 within `TIMEOUT` seconds counts as an error. Requests per second, p50 and p95 are over every request
made in the window (logins excluded).
"""
import http.client
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings

from bench.province import PASSWORD
from bench.results import percentile
from bench.measure import page_targets

TIMEOUT = 60
# Office staff use the product most; unit heads next; then the Director, the council, a staff member.
MIX = ["vanphong", "lanhdao", "vanphong", "giamdoc", "lanhdao", "hoidong", "vanphong", "canbo", "lanhdao", "vanphong"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn_env(port, **extra):
    """The environment of a production gunicorn on 127.0.0.1:`port` with this process's database."""
    return {
        **os.environ, "DJANGO_ENV": "production", "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost", "DJANGO_SECURE_SSL_REDIRECT": "false",
        "BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": os.environ.get("GUNICORN_WORKERS", "2"), **extra,
    }


def start_gunicorn(port, env):
    """Start gunicorn (the project's gunicorn.conf.py) and wait until it answers; returns the process."""
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "--config", "gunicorn.conf.py", "--access-logfile", "/dev/null"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped: {process.stderr.read().decode()[-2000:]}")
        try:
            status, _headers, _body = request(port, "GET", "/accounts/login/")
            if status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.3)
    stop(process)
    raise RuntimeError("gunicorn did not answer within 60 s")


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def request(port, method, path, *, cookies=None, body=None, timeout=TIMEOUT):
    """One HTTP request on a new connection; returns (status, headers as a list, body bytes)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Host": "127.0.0.1"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


def _take_cookies(headers, cookies):
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            cookies[key.strip()] = rest.split(";", 1)[0]


def login(port, username, password=PASSWORD):
    """Log in through the login form; returns the cookies of the session."""
    cookies = {}
    status, headers, body = request(port, "GET", "/accounts/login/")
    _take_cookies(headers, cookies)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
    status, headers, _body = request(port, "POST", "/accounts/login/", cookies=cookies, body=form)
    _take_cookies(headers, cookies)
    if status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"login of {username} failed ({status})")
    return cookies


def generate_load(port, pages_by_user, *, users, seconds, seed=17):
    """Run `users` closed-loop clients for `seconds`; returns (latencies in ms, errors, elapsed seconds)."""
    sessions = [(MIX[i % len(MIX)], login(port, MIX[i % len(MIX)])) for i in range(users)]
    latencies, errors, lock = [], [0], threading.Lock()
    start = time.monotonic()
    deadline = start + seconds

    def client(index, username, cookies):
        rng = random.Random(seed + index)
        pages = pages_by_user[username]
        while time.monotonic() < deadline:
            path = rng.choice(pages)
            began = time.monotonic()
            try:
                status, _headers, _body = request(port, "GET", path, cookies=cookies)
                failed = status != 200
            except OSError:
                failed = True
            with lock:
                latencies.append((time.monotonic() - began) * 1000)
                errors[0] += failed

    threads = [threading.Thread(target=client, args=(i, u, c)) for i, (u, c) in enumerate(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0], time.monotonic() - start


def run_load(scale, *, users=20, seconds=60, log=print):
    """Collect the static files, start gunicorn (two workers) on this database, run the load; returns
    the measurement."""
    pages_by_user = {}
    for _name, username, url in page_targets():
        if username is None:
            continue
        pages_by_user.setdefault(username, []).append(url)
    port = free_port()
    env = gunicorn_env(port)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=settings.BASE_DIR,
                   env=env, check=True)
    process = start_gunicorn(port, env)
    try:
        latencies, errors, elapsed = generate_load(port, pages_by_user, users=users, seconds=seconds)
    finally:
        stop(process)
    result = {"name": f"load: {users} users of mixed roles, {seconds} s, gunicorn {env['GUNICORN_WORKERS']} workers",
              "kind": "load", "rps": round(len(latencies) / elapsed, 1), "median_ms": round(percentile(latencies, 0.5), 1),
              "p95_ms": round(percentile(latencies, 0.95), 1), "errors": errors}
    log(f"load: {len(latencies)} requests, {result['rps']} per second, p50 {result['median_ms']} ms, "
        f"p95 {result['p95_ms']} ms, {errors} errors")
    return result
