import os
import subprocess
import sys
from pathlib import Path

import pytest

from config import settings as config_settings
from emulation.tests.passes import ONCE

pytestmark = [ONCE]

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    # A fresh process with the environment a server would have (browser tests set an async flag).
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, capture_output=True, text=True, env={**base, "DATABASE_URL": "sqlite:///:memory:", **env},
    )


def test_production_refuses_missing_secret_key():
    result = run_manage("check", DJANGO_ENV="production", DJANGO_SECRET_KEY="", DJANGO_ALLOWED_HOSTS="thidua.example")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_an_invalid_trusted_proxy_stops_the_start_with_its_name():
    assert run_manage("check", TRUSTED_PROXIES="10.0.0.0/8,::1").returncode == 0
    result = run_manage("check", TRUSTED_PROXIES="10.0.0.0/8,proxy.local")
    assert result.returncode != 0
    assert "TRUSTED_PROXIES: 'proxy.local' does not appear to be an IPv4 or IPv6 network" in result.stderr


def test_production_refuses_insecure_secret_key():
    result = run_manage(
        "check", DJANGO_ENV="production", DJANGO_SECRET_KEY="django-insecure-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="thidua.example",
    )
    assert result.returncode != 0


def test_production_passes_deploy_check_without_warnings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", DJANGO_ENV="production",
        DJANGO_SECRET_KEY="k7#Qp2!vZr9@Lm4$Wx8^Tn1&Yb6*Hc3(Jd5)Fg0_Se2+Ua7=Oi9", DJANGO_ALLOWED_HOSTS="thidua.example",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_settings_defaults_are_vietnamese(settings):
    assert (settings.LANGUAGE_CODE, settings.TIME_ZONE) == ("vi", "Asia/Ho_Chi_Minh")


# A database that cannot be read stops the start-up (issue 24) ------------------------------------------
PRODUCTION_ENV = {"DJANGO_ENV": "production", "DJANGO_SECRET_KEY": "k7#Qp2!vZr9@Lm4$Wx8^Tn1&Yb6*Hc3(Jd5)Fg0_Se2+Ua7=Oi9",
                  "DJANGO_ALLOWED_HOSTS": "thidua.example"}


@pytest.mark.parametrize("url", ["postgress://thidua@db/thidua", "postgres://thidua:p@ss@db:port/thidua", "thidua"])
def test_a_database_url_that_cannot_be_read_stops_the_start_up(url):
    result = run_manage("check", DATABASE_URL=url, **PRODUCTION_ENV)

    assert result.returncode != 0
    assert "ImproperlyConfigured: DATABASE_URL cannot be read" in result.stderr


def test_production_without_a_database_url_says_it_uses_the_sqlite_file_under_var():
    # `make serve` on one server (README, "Production") runs on var/thidua.sqlite3: collectstatic and the
    # pages work, and the console says which database it is, never silently.
    result = run_manage("collectstatic", "--noinput", "--dry-run", "-v", "0", DATABASE_URL="", **PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr[-2000:]
    assert f"DATABASE_URL is not set: the database is the SQLite file {ROOT / 'var' / 'thidua.sqlite3'}" in result.stderr


def test_development_without_a_database_url_uses_the_sqlite_file_under_var():
    script = "import django; django.setup(); from django.conf import settings; print(settings.DATABASES['default']['NAME'])"
    base = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                            env={**base, "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_ENV": "development"})

    assert result.stdout.strip() == str(ROOT / "var" / "thidua.sqlite3"), result.stderr[-2000:]


def test_importing_the_settings_writes_no_secret_key_file():
    """Development's secret is made in var/secret_key when it is first used, not when the settings are
    imported (a tool, a `check`, a test process must not write into the checkout)."""
    script = (
        "import pathlib\n"
        "written = []\n"
        "real_exists = pathlib.Path.exists\n"
        "pathlib.Path.exists = lambda self: False if self.name == 'secret_key' else real_exists(self)\n"
        "pathlib.Path.write_text = lambda self, *args, **kwargs: written.append(self.name)\n"
        "import config.settings\n"
        "print(written)\n"
    )
    base = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SECRET_KEY", "DATABASE_URL")}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                            env={**base, "DJANGO_ENV": "development"})

    assert result.stdout.strip() == "[]", result.stderr[-2000:]


def test_the_development_secret_key_is_made_once_and_kept_in_var():
    key = config_settings._development_secret_key()
    assert len(key) >= 50 and key == (ROOT / "var" / "secret_key").read_text().strip()
    assert config_settings._development_secret_key() == key
