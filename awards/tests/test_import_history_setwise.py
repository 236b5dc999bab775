"""The award-history import set-wise (issue 17), as the staff import: people, initiatives and the awards
already recorded read once for the file, records and the initiatives they used written in bulk, the same
number of queries whatever the number of rows; all-or-nothing with one message per bad row; an Office
never names another agency's people or units, a unit head never another unit's."""
import pytest
import tablib
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import AwardRecord
from awards.resources import AwardRecordResource
from awards.tests.factories import InitiativeFactory
from awards.tests.test_history_import_words import HEADERS, _xlsx
from emulation.imports import run_import
from emulation.jobs.models import Job
from emulation.models import Agency, Role, Staff, Unit
from emulation.tests.factories import StaffFactory, UnitFactory, UserFactory
from awards.models import AwardType

pytestmark = pytest.mark.django_db


def _import(rows, user=None, dry_run=False, allowed_units=None, agency_id=None):
    dataset = tablib.Dataset(*[list(row) + [""] * (len(HEADERS) - len(row)) for row in rows], headers=HEADERS)
    resource = AwardRecordResource(allowed_units=allowed_units, agency_id=agency_id or Unit.objects.get(code="SO").agency_id)
    with CaptureQueriesContext(connection) as queries:
        report = run_import(resource, dataset, dry_run=dry_run, user=user)
    return report, len(queries)


def _people(org, count, offset=0):
    return [StaffFactory(unit=org.land, full_name=f"Người Khen {offset + n}", identity_number=f"0520000{offset + n:05d}")
            for n in range(count)]


def _rows(people, numbered=True, year=2024):
    return [["" if numbered else p.full_name, p.identity_number if numbered else "", "QLDD", "Lao động tiên tiến", year,
             "Thường xuyên", "12/QĐ-STNMT", "20/12/2024", "Giám đốc Sở"] for p in people]


@pytest.fixture
def health():
    agency = Agency.objects.create(name="SỞ Y TẾ", parent_authority="UBND TỈNH", abbreviation="SYT", place="Quảng Ngãi")
    unit = UnitFactory(code="SYT", name="Sở Y tế", kind="department", agency=agency)
    StaffFactory(unit=unit, full_name="Người Sở Khác", identity_number="052000099999")
    return agency


@pytest.mark.parametrize("numbered", [True, False])
def test_importing_1_3_or_50_awards_costs_the_same_queries(org, office_user, numbered):
    people = _people(org, 60)
    _import(_rows(people[55:56], numbered), office_user)  # caches filled
    _one, for_one = _import(_rows(people[:1], numbered), office_user)
    _three, for_three = _import(_rows(people[1:4], numbered), office_user)
    fifty, for_fifty = _import(_rows(people[4:54], numbered), office_user)
    assert (fifty.ok, fifty.new) == (True, 50), fifty.errors
    assert for_one == for_three == for_fifty
    assert AwardRecord.objects.filter(staff__in=people[4:54], year=2024, award_type__code="LDTT").count() == 50


def test_a_preview_costs_the_same_queries_and_writes_nothing(org, office_user):
    people = _people(org, 10)
    _import(_rows(people[9:]), office_user, dry_run=True)
    _one, for_one = _import(_rows(people[:1]), office_user, dry_run=True)
    three, for_three = _import(_rows(people[1:4]), office_user, dry_run=True)
    assert (three.new, for_three) == (3, for_one)
    assert not AwardRecord.objects.exists()


def test_records_are_prepared_for_the_lookup_and_keep_the_initiatives_they_used(org, office_user):
    person = _people(org, 1)[0]
    first = InitiativeFactory(authors=[person], year=2024, title="Số hóa hồ sơ", decision_number="31/QĐ-STNMT")
    report, _queries = _import([
        ["", person.identity_number, "QLDD", "Chiến sĩ thi đua cơ sở", 2024, "", "5/QĐ", "", "", "Số hóa hồ sơ"],
        ["", "", "QLDD", "Tập thể lao động tiên tiến", 2024, "", "6/QĐ"],
    ], office_user)
    assert report.ok, report.errors
    own, collective = AwardRecord.objects.order_by("pk")
    assert (own.staff, own.holder_unit, own.search_text, list(own.initiatives.all())) == (
        person, org.land, "nguoi khen 0 5/qd", [first])
    assert (collective.staff, collective.unit, collective.source, collective.award_order) == (
        None, org.land, AwardRecord.Source.IMPORTED, collective.award_type.order)


def test_one_bad_row_of_many_leaves_nothing_written_with_one_message_per_bad_row(org, office_user):
    people = _people(org, 4)
    AwardRecord.objects.create(staff=people[3], holder_unit=org.land, award_type=_award("LDTT"), year=2024)
    rows = _rows(people[:3]) + [
        ["", "052000077777", "QLDD", "Lao động tiên tiến", 2024],
        ["", people[0].identity_number, "QLDD", "Lao động tiên tiến", 2024],
        ["", people[3].identity_number, "QLDD", "Lao động tiên tiến", 2024],
        ["Không Ai", "", "QLDD", "Lao động tiên tiến", 2024],
    ]
    report, _queries = _import(rows, office_user)
    assert [(e.row, e.message) for e in report.errors] == [
        (5, "Không có ai thuộc các đơn vị bạn quản lý có số định danh 052000077777."),
        (6, "Khen thưởng này của năm 2024 đã có ở dòng 2 của tệp này."),
        (7, "Khen thưởng này của năm 2024 đã có."),
        (8, "Không xác định được duy nhất “Không Ai” trong đơn vị QLDD; hãy ghi số định danh."),
    ]
    assert AwardRecord.objects.count() == 1


def _award(code):
    return AwardType.objects.get(code=code)


def test_an_office_cannot_name_another_agencys_person_or_unit(org, office_user, health):
    report, _queries = _import([
        ["", "052000099999", "QLDD", "Lao động tiên tiến", 2024],
        ["Người Sở Khác", "", "SYT", "Lao động tiên tiến", 2024],
        ["", "", "SYT", "Tập thể lao động tiên tiến", 2024],
    ], office_user)
    assert [(e.row, e.message) for e in report.errors] == [
        (2, "Không có ai thuộc các đơn vị bạn quản lý có số định danh 052000099999."),
        (3, "Không có đơn vị “SYT” (theo mã hoặc theo tên)."),
        (4, "Không có đơn vị “SYT” (theo mã hoặc theo tên)."),
    ]
    assert not AwardRecord.objects.exists()


def test_a_unit_head_scope_refuses_another_units_person_and_unit(org):
    outsider = StaffFactory(unit=org.env, full_name="Người Chi Cục", identity_number="052000088888")
    scope = Unit.objects.filter(path__startswith=org.land.path)
    report, _queries = _import([
        ["", outsider.identity_number, "MT", "Lao động tiên tiến", 2024],
        ["", "", "MT", "Tập thể lao động tiên tiến", 2024],
    ], allowed_units=scope)
    assert [(e.row, e.message) for e in report.errors] == [
        (2, "Không có ai thuộc các đơn vị bạn quản lý có số định danh 052000088888."),
        (3, "Bạn không được nhập khen thưởng của đơn vị này."),
    ]
    assert not AwardRecord.objects.exists()


def test_a_large_history_file_is_checked_and_imported_in_the_background(org, office_client, settings):
    settings.IMPORT_BACKGROUND_BYTES = 100
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    people = _people(org, 3)
    url = reverse("import_data", args=["award-history"])
    response = office_client.post(url, {"file": _xlsx(_rows(people))})
    assert response["Location"] == f"{url}?job={Job.objects.get().pk}"
    page = office_client.get(response["Location"])
    assert page.context["report"].new == 3 and not AwardRecord.objects.exists()
    office_client.get(office_client.post(url, {"confirm": "1", "token": page.context["token"]})["Location"])
    assert AwardRecord.objects.filter(staff__in=people).count() == 3


def test_a_large_history_file_of_another_agencys_office_names_nobody_here(org, client, settings, health):
    settings.IMPORT_BACKGROUND_BYTES = 100
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    person = _people(org, 1)[0]
    client.force_login(UserFactory(role=Role.OFFICE, agency=health))
    response = client.post(reverse("import_data", args=["award-history"]), {"file": _xlsx(_rows([person]))})
    page = client.get(response["Location"])
    assert [(e.row, e.message) for e in page.context["report"].errors] == [
        (2, "Không có đơn vị “QLDD” (theo mã hoặc theo tên)."),
    ]
    assert not AwardRecord.objects.exists() and Staff.objects.filter(pk=person.pk).exists()
