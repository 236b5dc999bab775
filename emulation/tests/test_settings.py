import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    # The browser fixture sets DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never has it.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, capture_output=True, text=True, env={**inherited, "DATABASE_URL": "sqlite:///:memory:", **env},
    )


def test_production_refuses_missing_secret_key():
    result = run_manage("check", DJANGO_ENV="production", DJANGO_SECRET_KEY="", DJANGO_ALLOWED_HOSTS="thidua.example")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


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
