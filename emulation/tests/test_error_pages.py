"""Issue 9, hole 11: 403, 404 and 500 are Vietnamese pages in the app's layout with the way home,
showing nothing technical with DEBUG off; a missing SQLite file is not recreated by a request."""
import pytest
from django.core.management import get_commands
from django.test import Client

from config.sqlite.base import DatabaseWrapper, MissingDatabase, allow_create
from django.db import connection
import os
import subprocess
import sys
from pathlib import Path
from emulation.tests.passes import ONCE

TECHNICAL = ["secret-detail", "Traceback", "Exception", "DEBUG", "urls.py", "hunter2", "Request Method"]


@pytest.fixture
def error_settings(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "emulation.tests.error_urls"
    return settings


def assert_error_page(response, status, heading):
    content = response.content.decode()
    assert response.status_code == status
    assert '<html lang="vi">' in content and 'class="navbar' in content
    assert heading in content
    assert '<a class="btn btn-primary" href="/">Về trang chủ</a>' in content
    assert [word for word in TECHNICAL if word in content] == []
    assert "default-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_unknown_address_shows_the_vietnamese_404_page_without_technical_details(error_settings, office_client):
    assert_error_page(office_client.get("/no-such-page/"), 404, "Không tìm thấy trang")


@pytest.mark.django_db
def test_refused_action_shows_the_vietnamese_403_page_without_the_reason(error_settings, office_client):
    assert_error_page(office_client.get("/test-forbidden/"), 403, "Không được phép truy cập")


@pytest.mark.django_db
def test_expired_form_shows_the_vietnamese_csrf_page(error_settings, office_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(office_user)
    assert_error_page(client.post("/notifications/read/"), 403, "Biểu mẫu đã hết hạn")


def test_server_error_shows_the_vietnamese_500_page_without_touching_the_database(error_settings):
    # No django_db mark: any query made while rendering the page would raise.
    client = Client(raise_request_exception=False)
    assert_error_page(client.get("/test-broken/"), 500, "Đã có lỗi xảy ra")


def test_a_database_locked_too_long_shows_the_vietnamese_busy_page_without_touching_the_database(error_settings):
    client = Client(raise_request_exception=False)
    assert_error_page(client.get("/test-locked/"), 503, "Hệ thống đang bận")


@ONCE  # a SQLite file of its own, whatever the pass's database
def test_missing_sqlite_file_is_refused_and_not_created(tmp_path):
    path = tmp_path / "thidua.sqlite3"
    wrapper = DatabaseWrapper({**_sqlite_settings(path)}, alias="missing")
    with pytest.raises(MissingDatabase, match="does not exist. Create it with `make migrate`"):
        wrapper.get_new_connection(wrapper.get_connection_params())
    assert not path.exists()


@ONCE  # a SQLite file of its own, whatever the pass's database
def test_migrate_and_restore_may_create_the_sqlite_file(tmp_path):
    path = tmp_path / "thidua.sqlite3"
    wrapper = DatabaseWrapper({**_sqlite_settings(path)}, alias="created")
    with allow_create():
        wrapper.get_new_connection(wrapper.get_connection_params()).close()
    assert path.exists()
    assert get_commands()["migrate"] == "emulation"


def _sqlite_settings(path):
    return {**connection.settings_dict, "ENGINE": "config.sqlite", "NAME": str(path), "OPTIONS": {},
            "TEST": {}}


@ONCE  # a SQLite file of its own, whatever the pass's database
def test_migrate_creates_the_sqlite_file_of_a_fresh_clone(tmp_path):
    """`make run` on a fresh clone: migrate's system checks open the database before migrating, and the
    missing file must be allowed to come into being there too."""
    path = tmp_path / "fresh.sqlite3"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DATABASE_URL": f"sqlite:///{path}"}
    result = subprocess.run([sys.executable, "manage.py", "migrate", "--plan"], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[2], env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert path.exists()
