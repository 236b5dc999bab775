"""The staff import at province scale (issue 17): set-wise checks, bulk writes with their history rows,
the same number of queries whatever the number of rows."""
import re
import threading

import pytest
import tablib
from django.conf import settings
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from emulation.imports import run_import
from emulation.jobs import runner
from emulation.models import Role, Staff
from emulation.resources import SpreadsheetSafeResource, StaffResource
from emulation.tests.factories import StaffFactory, UserFactory
from emulation.tests.test_import import STAFF_HEADERS, staff_row
from emulation.permissions import managed_units
from emulation.models import Agency

pytestmark = pytest.mark.django_db


def _dataset(rows):
    return tablib.Dataset(*rows, headers=STAFF_HEADERS)


def _import(rows, user, dry_run=False, allowed_units=None):
    with CaptureQueriesContext(connection) as queries:
        report = run_import(StaffResource(allowed_units=allowed_units), _dataset(rows), dry_run=dry_run, user=user)
    return report, len(queries)


def _rows(count, offset=0, numbered=True):
    return [staff_row(f"Người Nhập {offset + n}", f"0510000{offset + n:05d}" if numbered else "",
                      born=f"{1 + n % 28:02d}/03/1985") for n in range(count)]


@pytest.mark.parametrize("numbered", [True, False])
def test_importing_one_or_three_people_costs_the_same_queries(org, office_user, numbered):
    StaffFactory(unit=org.land, full_name="Người Có Sẵn")
    _import(_rows(1, 900, numbered), office_user)  # caches (content types, the unit index) filled
    one, for_one = _import(_rows(1, 100, numbered), office_user)
    three, for_three = _import(_rows(3, 200, numbered), office_user)
    assert (one.new, three.new, one.ok, three.ok) == (1, 3, True, True)
    assert for_three == for_one
    assert Staff.objects.filter(full_name__startswith="Người Nhập 20").count() == 3


def test_a_preview_costs_the_same_queries_and_writes_nothing(org, office_user):
    _import(_rows(1, 900), office_user, dry_run=True)
    _one, for_one = _import(_rows(1, 100), office_user, dry_run=True)
    three, for_three = _import(_rows(3, 200), office_user, dry_run=True)
    assert (three.new, for_three) == (3, for_one)
    assert not Staff.objects.filter(full_name__startswith="Người Nhập").exists()


def test_imported_and_updated_people_get_history_rows_naming_the_importer(org, office_user):
    _import([staff_row("Lê Văn Tám", "051000000101")], office_user)
    report, _queries = _import([staff_row("Lê Văn Tám Mới", "051000000101")], office_user)
    person = Staff.objects.get(identity_number="051000000101")
    assert (report.updated, person.full_name, person.search_text, person.revision) == (1, "Lê Văn Tám Mới", "le van tam moi", 1)
    history = list(person.history.order_by("history_date").values_list("history_type", "full_name", "history_user"))
    assert history == [("+", "Lê Văn Tám", office_user.pk), ("~", "Lê Văn Tám Mới", office_user.pk)]


def test_a_row_without_number_matches_the_same_person_read_once_for_the_file(org, office_user):
    known = StaffFactory(unit=org.land, full_name="Phạm Thị Hoa", date_of_birth="1985-03-12", identity_number=None)
    report, _queries = _import([staff_row("Pham Thi Hoa", "", born="12/03/1985")], office_user)
    assert (report.updated, report.new, report.likely_duplicates) == (1, 0, [2])
    assert Staff.objects.filter(date_of_birth="1985-03-12").get() == known


def test_one_bad_row_of_many_leaves_nothing_written(org, office_user):
    rows = _rows(3) + [staff_row("Sai Đơn Vị", "051000999999", unit="KHONGCO")]
    report, _queries = _import(rows, office_user)
    assert [(e.row, e.message) for e in report.errors] == [(5, "Không có đơn vị “KHONGCO” (theo mã hoặc theo tên).")]
    assert not Staff.objects.filter(full_name__startswith="Người Nhập").exists()


def test_a_unit_head_row_for_someone_outside_their_units_is_refused_in_bulk_mode_too(org, make_user):
    outsider = StaffFactory(unit=org.env, identity_number="051000000777")
    head = make_user(Role.UNIT_HEAD, unit=org.land)

    report, _queries = _import([staff_row("Đổi Tên", "051000000777")], head, allowed_units=managed_units(head))
    assert [e.row for e in report.errors] == [2]
    assert Staff.objects.get(pk=outsider.pk).full_name == outsider.full_name


# Large files: checked and imported by a background job, the report paged -----------------------------

from django.urls import reverse  # noqa: E402

from emulation.jobs.models import Job  # noqa: E402
from emulation.tests.test_import import xlsx  # noqa: E402


@pytest.fixture
def background(settings):
    """Any file is "large"; jobs run at once, inside the request (no worker in a test)."""
    settings.IMPORT_BACKGROUND_BYTES = 100
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _upload(client, rows):
    return client.post(reverse("import_data", args=["staff"]), {"file": xlsx(STAFF_HEADERS, rows)})


def test_a_large_file_is_checked_then_imported_by_jobs(background, office_client, org):
    response = _upload(office_client, _rows(120))
    job = Job.objects.get()
    assert response["Location"] == f"{reverse('import_data', args=['staff'])}?job={job.pk}"
    assert not Staff.objects.filter(full_name__startswith="Người Nhập").exists()
    page = office_client.get(response["Location"])
    assert (page.context["report"].new, len(page.context["report"].preview)) == (120, 100)
    second = office_client.get(f"{response['Location']}&page=2")
    assert [row[0] for row in second.context["report"].preview] == list(range(102, 122))
    confirmed = office_client.post(reverse("import_data", args=["staff"]), {"confirm": "1", "token": page.context["token"]})
    done = office_client.get(confirmed["Location"])
    assert done.context["imported"] is True
    assert Staff.objects.filter(full_name__startswith="Người Nhập").count() == 120
    assert Staff.objects.get(full_name="Người Nhập 7").history.get().history_user == job.owner


def test_a_large_file_of_a_unit_head_with_a_row_outside_their_units_writes_nothing(background, client, make_user, org):
    head = make_user(Role.UNIT_HEAD, unit=org.land)
    client.force_login(head)
    response = _upload(client, _rows(2) + [staff_row("Người Ngoài", "051000000999", unit="MT")])
    page = client.get(response["Location"])
    assert [(e.row, e.message) for e in page.context["report"].errors] == [(4, "Bạn không có quyền thêm cán bộ vào đơn vị này.")]
    assert "token" not in page.context
    assert not Staff.objects.filter(full_name__startswith="Người").exists()


def test_another_user_cannot_follow_someone_elses_import_job(background, office_client, org, client, make_user):
    response = _upload(office_client, _rows(2))
    client.force_login(make_user(Role.OFFICE))
    assert client.get(response["Location"]).status_code == 404
    job = Job.objects.get()
    assert client.get(reverse("jobs:job_download", args=[job.pk])).status_code == 404


def test_a_large_file_of_another_agencys_office_cannot_name_this_agencys_units(background, client, org):
    """The background job reads the file in the owner's agency, as the request does."""
    health = Agency.objects.create(name="SỞ Y TẾ", parent_authority="UBND TỈNH", abbreviation="SYT", place="Quảng Ngãi")
    client.force_login(UserFactory(role=Role.OFFICE, agency=health))
    response = _upload(client, [staff_row("Người Ngoài", "051000000998", unit="QLDD")])
    page = client.get(response["Location"])
    assert [(e.row, e.message) for e in page.context["report"].errors] == [
        (2, "Không có đơn vị “QLDD” (theo mã hoặc theo tên).")]
    assert not Staff.objects.filter(full_name="Người Ngoài").exists()


def test_a_large_import_in_the_background_reports_its_progress_while_checking_and_writing(
        background, office_client, org, monkeypatch):
    """Issue 25, item 11: the job's page moved from 5 % only at the end of a 216 s confirmation."""
    told = []

    def recording(job):
        report = original(job)

        def tell(percent, step=""):
            told.append((job.params["action"], percent, str(step)))
            report(percent, step)

        return tell

    original = runner._progress
    monkeypatch.setattr(runner, "_progress", recording)
    monkeypatch.setattr(SpreadsheetSafeResource, "PROGRESS_EVERY", 10)
    response = _upload(office_client, _rows(30))
    page = office_client.get(response["Location"])
    office_client.post(reverse("import_data", args=["staff"]), {"confirm": "1", "token": page.context["token"]})
    assert [(percent, step) for action, percent, step in told if action == "confirm"] == [
        (5, "Đang đọc tệp"), (10, "Đang ghi 30 dòng"), (39, "Đang ghi dòng 10/30"), (69, "Đang ghi dòng 20/30"),
        (99, "Đang ghi dòng 30/30")]
    assert [percent for action, percent, _step in told if action == "preview"] == [5, 30, 53, 76, 99]
    assert Staff.objects.filter(full_name__startswith="Người Nhập").count() == 30


def test_the_progress_of_a_confirmation_is_seen_by_others_while_the_rows_are_written(
        background, file_database, org, monkeypatch):
    """Issue 25 §11, on both databases: the import's transaction is open while its rows are written, and
    the job's page, polled from another thread (its own connection), shows each step. PostgreSQL: the
    progress is written on a connection of its own; SQLite, locked by the import: it is kept in a file."""
    office = UserFactory(role=Role.OFFICE)
    importer, watcher = Client(), Client()
    importer.force_login(office)
    watcher.force_login(office)
    seen = []

    def poll(job_pk):
        def read():
            try:
                page = watcher.get(reverse("jobs:job_status", args=[job_pk]), HTTP_HX_REQUEST="true")
                seen.extend(re.findall(r"\d+% · [^<\n]*", page.content.decode()) or [page.content.decode()])
            finally:
                connections.close_all()  # this thread's own connection

        reader = threading.Thread(target=read)
        reader.start()
        reader.join()

    def recording(job):
        report = original(job)

        def tell(percent, step=""):
            report(percent, step)
            if job.params["action"] == "confirm" and percent > 10:
                poll(job.pk)

        return tell

    original = runner._progress
    monkeypatch.setattr(runner, "_progress", recording)
    monkeypatch.setattr(SpreadsheetSafeResource, "PROGRESS_EVERY", 10)
    response = _upload(importer, _rows(20))
    page = importer.get(response["Location"])
    importer.post(reverse("import_data", args=["staff"]), {"confirm": "1", "token": page.context["token"]})
    assert seen == ["54% · Đang ghi dòng 10/20", "99% · Đang ghi dòng 20/20"]
    assert Staff.objects.filter(full_name__startswith="Người Nhập").count() == 20
    assert not list(settings.JOB_PROGRESS_DIR.glob("*"))  # the finished job's file is gone
