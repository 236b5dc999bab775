"""The unit import set-wise (issue 17), as the staff import: the file's lookups read once, new units
written level by level in bulk with their history rows, the same number of queries whatever the number
of rows; all-or-nothing; an Office never creates or changes another agency's units."""
import pytest
import tablib
from django.db import connection
from django.test.utils import CaptureQueriesContext

from emulation.imports import run_import
from emulation.models import Agency, Role, Unit
from emulation.resources import UnitResource
from emulation.tests.factories import UnitFactory, UserFactory
from emulation.tests.test_import import UNIT_HEADERS

# One message whether a code is another agency's or a unit's outside the importer's scope (issue 25, item 13).
NEUTRAL = ("Mã đơn vị này không dùng được ở đây: không phải mã của đơn vị bạn quản lý, hoặc đã được sử dụng. Hãy chọn "
           "mã khác hoặc liên hệ Văn phòng Sở.")

pytestmark = pytest.mark.django_db


def _import(rows, user=None, dry_run=False, agency_id=None):
    dataset = tablib.Dataset(*rows, headers=UNIT_HEADERS)
    agency_id = agency_id or Unit.objects.get(code="SO").agency_id
    with CaptureQueriesContext(connection) as queries:
        report = run_import(UnitResource(agency_id=agency_id), dataset, dry_run=dry_run, user=user)
    return report, len(queries)


def _rows(count, offset=0, parent="SO"):
    return [[f"N{offset + n}", f"Phòng Nhập {offset + n}", "", "Khác", parent, n, "Có"] for n in range(count)]


@pytest.fixture
def health():
    agency = Agency.objects.create(name="SỞ Y TẾ", parent_authority="UBND TỈNH", abbreviation="SYT", place="Quảng Ngãi")
    UnitFactory(code="SYT", name="Sở Y tế", kind="department", agency=agency)
    return agency


def test_importing_1_3_or_50_units_costs_the_same_queries(org, office_user):
    _import(_rows(1, 900), office_user)  # caches (content types) filled
    _one, for_one = _import(_rows(1, 100), office_user)
    _three, for_three = _import(_rows(3, 200), office_user)
    fifty, for_fifty = _import(_rows(50, 300), office_user)
    assert (fifty.ok, fifty.new) == (True, 50)
    assert for_one == for_three == for_fifty
    assert Unit.objects.filter(code__startswith="N3").count() == 50


def test_changing_1_or_3_units_costs_the_same_queries(org, office_user):
    _import(_rows(3, 100), office_user)
    _import([[f"N10{n}", f"Phòng Đổi {n}", "", "Khác", "SO", n, "Có"] for n in range(1)], office_user)
    one, for_one = _import([[f"N10{n}", f"Phòng Mới {n}", "", "Khác", "SO", n, "Có"] for n in range(1)], office_user)
    three, for_three = _import([[f"N10{n}", f"Phòng Mới {n}", "", "Khác", "SO", n, "Có"] for n in range(3)], office_user)
    assert (one.updated, three.updated, three.unchanged) == (1, 2, 1)
    assert for_one == for_three
    assert Unit.objects.get(code="N102").name == "Phòng Mới 2"


def test_a_preview_writes_nothing_and_costs_the_same_queries(org, office_user):
    _import(_rows(1, 900), office_user, dry_run=True)
    _one, for_one = _import(_rows(1, 100), office_user, dry_run=True)
    three, for_three = _import(_rows(3, 200), office_user, dry_run=True)
    assert (three.new, for_three) == (3, for_one)
    assert not Unit.objects.filter(code__startswith="N").exists()


def test_a_tree_made_in_one_file_gets_its_paths_agency_and_history(org, office_user):
    report, _queries = _import([
        ["TT", "Trung tâm Mới", "", "Trung tâm", "SO", 5, "Có"],
        ["TT-1", "Tổ Kỹ thuật", "", "Khác", "TT", 1, "Có"],
        ["TT-1-A", "Nhóm A", "", "Khác", "TT-1", 2, "Có"],
    ], office_user)
    assert report.ok, report.errors
    centre, team, group = (Unit.objects.get(code=c) for c in ("TT", "TT-1", "TT-1-A"))
    assert (team.parent, group.parent) == (centre, team)
    assert group.path == f"{org.department.path}0005.{centre.pk:07d}/0001.{team.pk:07d}/0002.{group.pk:07d}/"
    assert {centre.agency_id, team.agency_id, group.agency_id} == {org.department.agency_id}
    assert [u.pk for u in Unit.objects.filter(path__startswith=centre.path)] == [centre.pk, team.pk, group.pk]
    assert list(group.history.values_list("history_type", "history_user", "history_change_reason")) == [
        ("+", office_user.pk, "import")]


def test_moving_a_unit_by_import_moves_its_subtree(org, office_user):
    report, _queries = _import([["QLDD", "Phòng Quản lý đất đai", "", "Khác", "MT", 1, "Có"]], office_user)
    assert report.updated == 1, report.errors
    org.land_team.refresh_from_db()
    assert org.land_team.path.startswith(Unit.objects.get(code="MT").path)


def test_one_bad_row_of_many_leaves_nothing_written_with_one_message_per_bad_row(org, office_user):
    rows = _rows(3) + [["N9", "Phòng Sai", "", "Không rõ", "SO", 1, "Có"], ["N0", "Lặp mã", "", "Khác", "SO", 1, "Có"]]
    report, _queries = _import(rows, office_user)
    assert [(e.row, e.column, e.message) for e in report.errors] == [
        (5, "Loại đơn vị", "“Không rõ” không thuộc các giá trị: " + ", ".join(str(k.label) for k in Unit.Kind) + "."),
        (6, "Mã đơn vị", "Mã đơn vị N0 đã có ở dòng 2 của tệp này."),
    ]
    assert not Unit.objects.filter(code__startswith="N").exists()


def test_an_office_cannot_change_or_take_the_code_of_another_agencys_unit(org, office_user, health):
    report, _queries = _import([["SYT", "Đổi tên", "", "Khác", "SO", 1, "Có"]], office_user)
    assert [(e.row, e.message) for e in report.errors] == [(2, NEUTRAL)]
    assert Unit.objects.get(code="SYT").name == "Sở Y tế"


def test_an_offices_preview_shows_another_agencys_unit_code_exactly_as_an_unknown_one(org, office_user, health):
    """Issue 25 §13: the free preview does not tell which codes another agency uses; the confirmation
    refuses the taken one (the test above), nothing written."""
    report, _queries = _import([["SYT", "Phòng A", "", "Khác", "SO", 1, "Có"],
                                ["CHUACO", "Phòng A", "", "Khác", "SO", 1, "Có"]], office_user, dry_run=True)
    assert (report.errors, report.new, report.updated) == ([], 2, 0)
    first, second = (repr(row[1:]).replace(code, "…") for row, code in zip(report.preview, ["SYT", "CHUACO"]))
    assert first == second
    assert Unit.objects.get(code="SYT").name == "Sở Y tế"


def test_an_office_cannot_add_a_unit_under_another_agencys_unit(org, office_user, health):
    report, _queries = _import([["MOI", "Phòng Mới", "", "Khác", "SYT", 1, "Có"]], office_user)
    assert [(e.row, e.message) for e in report.errors] == [(2, "Không có đơn vị “SYT” (theo mã hoặc theo tên).")]
    assert not Unit.objects.filter(code="MOI").exists()


def test_another_agencys_office_imports_into_its_own_tree(org, health):
    office = UserFactory(role=Role.OFFICE, agency=health)
    report, _queries = _import([["SYT-1", "Phòng Nghiệp vụ Y", "", "Khác", "SYT", 1, "Có"]], office, agency_id=health.pk)
    assert report.ok, report.errors
    assert Unit.objects.get(code="SYT-1").agency_id == health.pk


def test_a_unit_head_may_not_change_a_unit_outside_their_subtree(org):
    rows = tablib.Dataset(["MT", "Đổi tên", "", "Khác", "SO", 0, "Có"], ["QLDD-2", "Tổ Mới", "", "Khác", "MT", 1, "Có"],
                          headers=UNIT_HEADERS)
    scope = Unit.objects.filter(path__startswith=org.land.path)
    report = run_import(UnitResource(allowed_units=scope, agency_id=org.land.agency_id), rows, dry_run=False)
    assert [(e.row, e.message) for e in report.errors] == [
        (2, NEUTRAL), (3, "Bạn không được thêm đơn vị trực thuộc đơn vị này.")]
    assert not Unit.objects.filter(code="QLDD-2").exists()
