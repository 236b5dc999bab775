"""Fixtures shared by every app's tests: test-friendly settings, an organisation, a login per role."""
import sqlite3

import pytest
from django.db import connections
from django.core.cache import cache
import os
from playwright.sync_api import sync_playwright

# Fixtures of one app that other apps' tests use too (an issued plan, its period, a unit's report; the demo).
pytest_plugins = ["campaigns.tests.report_fixtures", "emulation.tests.demo_snapshot"]

from emulation.models import Role
from emulation.tests.factories import StaffFactory, UnitFactory, UserFactory


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    # The demo's test CA (make_test_signing_keys, seed_demo) is made per test, never in var/.
    settings.SIGNING_TEST_CA_DIR = tmp_path / "signing"
    settings.SIGNING_TRUST_ROOTS = [str(tmp_path / "signing" / "root.pem")]
    # The dashboards cache their figures by period or province key, and a rolled-back test's keys come
    # back in the next test: each test starts with an empty cache.
    cache.clear()
    settings.JOB_PROGRESS_DIR = tmp_path / "job-progress"


@pytest.fixture
def mail_queue(settings, django_capture_on_commit_callbacks):
    """E-mail leaves after the transaction commits, through the task queue (emulation.mail), and a test's
    transaction never commits: `with mail_queue():` runs the commit hooks at its end, on the immediate
    task backend, so that mail.outbox holds what was sent."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def file_database(transactional_db, tmp_path):
    """The default database as a server and its worker share it: several threads, each with its own
    connection, see each other's committed writes. PostgreSQL's test database already is one. SQLite's is
    in memory, so the migrated database is copied to a file under tmp_path and opened with the deployment's
    connection settings until the test ends; the in-memory one stays as it was for the tests after.
    Threads close their own connections (`emulation.tests.concurrency.at_once`)."""
    memory = connections["default"]
    if memory.vendor != "sqlite":
        yield
        return
    memory.ensure_connection()
    path = tmp_path / "concurrency.sqlite3"
    copy = sqlite3.connect(path)
    memory.connection.backup(copy)
    copy.close()
    in_memory_settings = connections.settings["default"]
    connections.settings["default"] = {**in_memory_settings, "NAME": str(path)}
    connections["default"] = connections.create_connection("default")
    try:
        yield
    finally:
        connections["default"].close()
        connections.settings["default"] = in_memory_settings
        connections["default"] = memory


@pytest.fixture
def org(db):
    """A Department with two divisions; the first has a sub-unit."""

    class Org:
        department = UnitFactory(code="SO", name="Sở Thử nghiệm", kind="department")
        land = UnitFactory(code="QLDD", name="Phòng Quản lý đất đai", parent=department, order=1)
        land_team = UnitFactory(code="QLDD-1", name="Tổ Đăng ký", parent=land)
        env = UnitFactory(code="MT", name="Chi cục Bảo vệ môi trường", parent=department, kind="sub_department", order=2)

    return Org


def _login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def make_user(db):
    def make(role=Role.STAFF, unit=None, **kwargs):
        return UserFactory(role=role, unit=unit, **kwargs)

    return make


@pytest.fixture
def office_user(make_user):
    return make_user(Role.OFFICE)


@pytest.fixture
def director_user(make_user):
    return make_user(Role.DIRECTOR)


@pytest.fixture
def land_head(make_user, org):
    return make_user(Role.UNIT_HEAD, unit=org.land)


@pytest.fixture
def env_head(make_user, org):
    return make_user(Role.UNIT_HEAD, unit=org.env)


@pytest.fixture
def office_client(client, office_user):
    return _login(client, office_user)


@pytest.fixture
def land_head_client(client, land_head):
    return _login(client, land_head)


@pytest.fixture
def staff_in(org):
    def make(unit, **kwargs):
        return StaffFactory(unit=unit, **kwargs)

    return make


# Browser tests -----------------------------------------------------------------------------------
# Playwright for Python drives Debian's Chromium (Playwright's own browser download cannot work here).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
    # itself (arranging data, checking results) are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-US", accept_downloads=True)
    context.set_default_timeout(15000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def login(page):
    """Log in through the login page as a person would; returns the page on the home page."""

    def log_in(username, password="secret-pass-123"):
        page.context.clear_cookies()
        page.goto("/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url("**/")
        return page

    return log_in


@pytest.fixture
def nav(page):
    """Go somewhere through the navigation bar as a person would: open the section, click the entry."""

    def go(section, entry=None):
        bar = page.locator("#mainnav")
        if entry is None:
            bar.get_by_role("link", name=section, exact=True).click()
            return page
        bar.get_by_role("button", name=section, exact=True).click()
        bar.get_by_role("link", name=entry, exact=True).click()
        return page

    return go
