"""Exports of thousands of rows run in the background (emulation.large_exports): the file is the page's
rows as its owner sees them, offered to them alone."""
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.tests.factories import RecordFactory
from emulation.jobs.models import Job, JobStatus
from emulation.models import Role
from emulation.tests.factories import StaffFactory
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from awards.tests.factories import InitiativeFactory
from emulation.large_exports import EXPORTS, write_export

pytestmark = pytest.mark.django_db


@pytest.fixture
def background(settings):
    """Two rows are "large"; jobs run at once, inside the request (no worker in a test)."""
    settings.EXPORT_BACKGROUND_ROWS = 2
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _rows(data):
    book = load_workbook(BytesIO(data), read_only=True)
    return [list(row) for row in book.active.iter_rows(values_only=True)]


@pytest.fixture
def records(org):
    return [
        RecordFactory(staff=StaffFactory(unit=org.land, full_name="Nguyễn Văn An"), year=2023),
        RecordFactory(staff=StaffFactory(unit=org.land, full_name="Trần Thị Bình"), year=2024),
        RecordFactory(staff=StaffFactory(unit=org.env, full_name="Lê Văn Cường"), year=2022),
    ]


def test_a_large_lookup_export_becomes_a_job_whose_file_has_the_rows_in_the_page_order(background, office_client, records):
    response = office_client.get(reverse("awards:lookup_export"))
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:job_status", args=[job.pk])
    assert (job.kind, job.status, job.filename[:12]) == ("export", JobStatus.DONE, "khen-thuong-")
    download = office_client.get(reverse("jobs:job_download", args=[job.pk]))
    rows = _rows(download.content)
    assert rows[0][:2] == ["Họ và tên", "Số định danh cá nhân"]
    assert [(row[0], row[4]) for row in rows[1:]] == [("Trần Thị Bình", 2024), ("Nguyễn Văn An", 2023),
                                                      ("Lê Văn Cường", 2022)]


def test_the_export_job_keeps_the_page_filter_and_the_owner_scope(background, client, make_user, org, records):
    RecordFactory(staff=StaffFactory(unit=org.land_team, full_name="Phạm Văn Dũng"), year=2021)
    head = make_user(Role.UNIT_HEAD, unit=org.land)
    client.force_login(head)
    client.get(reverse("awards:lookup_export"), {"year_from": 2021})
    rows = _rows(bytes(Job.objects.get(owner=head).result))
    assert sorted(row[0] for row in rows[1:]) == ["Nguyễn Văn An", "Phạm Văn Dũng", "Trần Thị Bình"]


def test_another_user_cannot_see_or_download_an_export_job(background, office_client, records, client, make_user):
    office_client.get(reverse("awards:lookup_export"))
    job = Job.objects.get()
    client.force_login(make_user(Role.OFFICE))
    assert client.get(reverse("jobs:job_download", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:job_status", args=[job.pk])).status_code == 404


def test_a_small_export_is_still_answered_in_the_request(settings, office_client, records):
    settings.EXPORT_BACKGROUND_ROWS = 3
    response = office_client.get(reverse("awards:lookup_export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert Job.objects.count() == 0


def test_a_large_staff_export_in_the_office_layout_is_numbered(background, office_client, org):
    for name in ("Người Một", "Người Hai", "Người Ba"):
        StaffFactory(unit=org.land, full_name=name)
    office_client.get(reverse("export_data", args=["staff"]), {"layout": "office"})
    rows = _rows(bytes(Job.objects.get().result))
    assert rows[0][0] == "DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC"
    assert rows[2][:2] == ["STT", "Họ và tên"]
    assert [(row[0], row[1]) for row in rows[3:]] == [(1, "Người Ba"), (2, "Người Hai"), (3, "Người Một")]


def test_a_unit_head_refused_the_export_gets_no_job(background, client, make_user, org, records):
    client.force_login(make_user(Role.STAFF, unit=org.land))
    assert client.get(reverse("export_data", args=["staff"])).status_code == 403
    assert Job.objects.count() == 0


def test_the_award_history_export_job_costs_the_same_queries_for_1_or_3_records_with_initiatives(org, office_user):
    """The initiatives each award used are read per chunk of rows, not per row."""

    def measure():
        with CaptureQueriesContext(connection) as queries:
            data = write_export(EXPORTS["award-history"], office_user, QueryDict())
        return _rows(data), len(queries)

    for year in (2021, 2022, 2023):
        person = StaffFactory(unit=org.land, full_name=f"Người {year}")
        RecordFactory(staff=person, year=year).initiatives.set([InitiativeFactory(authors=[person], title=f"Sáng kiến {year}")])
        if year == 2021:
            one, for_one = measure()
    three, for_three = measure()
    assert for_three == for_one
    assert [row[-1] for row in three[1:]] == ["Sáng kiến 2023", "Sáng kiến 2022", "Sáng kiến 2021"]
    assert len(one) == 2
