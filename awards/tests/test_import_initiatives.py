"""Initiatives and research topics (sáng kiến, đề tài) from an office's list (issue 25, item 9)."""
from datetime import date

import pytest
import tablib
from django.urls import reverse

from awards.models import Initiative
from awards.resources import InitiativeResource
from awards.tests.factories import InitiativeFactory
from emulation.imports import run_import
from emulation.models import Agency, Role
from emulation.permissions import agency_id_of, managed_units
from emulation.tests.factories import UnitFactory, UserFactory
from emulation.tests.spreadsheets import office_xlsx
from openpyxl import load_workbook
import io

TITLE = "DANH SÁCH SÁNG KIẾN, ĐỀ TÀI KHOA HỌC ĐƯỢC CÔNG NHẬN NĂM 2025"
HEADERS = ["Tên sáng kiến/đề tài", "Loại", "Tác giả,\nđồng tác giả", "Cấp công nhận", "Năm",
           "Số quyết định", "Ngày quyết định", "Phạm vi áp dụng"]
URL = reverse("import_data", args=["initiatives"])


@pytest.fixture
def authors(org, staff_in):
    return {
        "tam": staff_in(org.land, full_name="Lê Văn Tám", date_of_birth=date(1985, 3, 12), identity_number="051085000012"),
        "hoa": staff_in(org.land_team, full_name="Trần Thị Hoa", date_of_birth=date(1990, 7, 1)),
        "hoa2": staff_in(org.env, full_name="Trần Thị Hoa", date_of_birth=date(1992, 2, 2)),
        "moi": staff_in(org.env, full_name="Phạm Văn Môi", date_of_birth=date(1979, 1, 2)),
    }


ROWS = [
    ["Số hoá hồ sơ địa chính", "Sáng kiến", "Lê Văn Tám; Trần Thị Hoa (01/07/1990)", "Cơ sở", 2025, "12/QĐ-STN",
     "15/03/2025", "Phòng Quản lý đất đai"],
    ["Quan trắc nước thải tự động", "Đề tài khoa học", "Phạm Văn Môi, 051085000012", "Cấp tỉnh", 2025, "45/QĐ-UBND",
     "20/06/2025", "Toàn tỉnh"],
]


def _upload(client, rows, name="sang-kien-2025.xlsx"):
    return client.post(URL, {"file": office_xlsx(TITLE, HEADERS, rows, name=name)})


def _as_saved():
    return sorted((i.kind, i.title, i.level, i.year, i.decision_number, i.decision_date, i.applied_in, i.unit.code,
                   sorted(p.full_name for p in i.authors.all())) for i in Initiative.objects.all())


@pytest.mark.django_db
def test_the_office_imports_initiatives_and_research_topics_from_its_list_with_a_preview(office_client, org, authors):
    response = _upload(office_client, ROWS)
    report = response.context["report"]
    assert (report.errors, report.new) == ([], 2)
    assert not Initiative.objects.exists()  # the preview writes nothing
    confirmed = office_client.post(URL, {"confirm": "1", "token": response.context["token"]})
    assert confirmed.status_code == 302
    assert _as_saved() == [
        ("initiative", "Số hoá hồ sơ địa chính", Initiative.Level.BASE, 2025, "12/QĐ-STN", date(2025, 3, 15),
         "Phòng Quản lý đất đai", "QLDD", ["Lê Văn Tám", "Trần Thị Hoa"]),
        ("research", "Quan trắc nước thải tự động", Initiative.Level.PROVINCE, 2025, "45/QĐ-UBND", date(2025, 6, 20),
         "Toàn tỉnh", "MT", ["Lê Văn Tám", "Phạm Văn Môi"]),
    ]


@pytest.mark.django_db
def test_importing_the_same_list_again_changes_nothing(office_client, org, authors):
    first = _upload(office_client, ROWS)
    office_client.post(URL, {"confirm": "1", "token": first.context["token"]})
    saved, ids = _as_saved(), sorted(Initiative.objects.values_list("pk", flat=True))
    again = _upload(office_client, ROWS, name="sang-kien-2025-gui-lai.xlsx")  # the list saved again: other bytes
    assert (again.context["report"].new, again.context["report"].updated, again.context["report"].unchanged) == (0, 0, 2)
    office_client.post(URL, {"confirm": "1", "token": again.context["token"]})
    assert (_as_saved(), sorted(Initiative.objects.values_list("pk", flat=True))) == (saved, ids)


@pytest.mark.django_db
def test_a_changed_row_updates_the_initiative_of_the_same_title_and_year(office_client, org, authors):
    known = InitiativeFactory(title="Số hoá hồ sơ địa chính", year=2025, unit=org.land, authors=[authors["tam"]])
    response = _upload(office_client, ROWS[:1])
    assert (response.context["report"].new, response.context["report"].updated) == (0, 1)
    assert office_client.post(URL, {"confirm": "1", "token": response.context["token"]}).status_code == 302
    known.refresh_from_db()
    assert (known.decision_number, sorted(p.full_name for p in known.authors.all())) == (
        "12/QĐ-STN", ["Lê Văn Tám", "Trần Thị Hoa"])


@pytest.mark.django_db
def test_an_author_named_twice_or_not_at_all_refuses_the_whole_file(office_client, org, authors):
    response = _upload(office_client, [
        ROWS[0],
        ["Sáng kiến hai", "", "Trần Thị Hoa", "toàn quốc", 2025, "", "", ""],
        ["Sáng kiến ba", "", "Nguyễn Không Có", "Cấp Sở", 2025, "", "", ""],
        ["Sáng kiến bốn", "", "Lê Văn Tám", "cấp huyện", 2025, "", "", ""],
    ])
    errors = [(e.row, e.column, e.message) for e in response.context["report"].errors]
    assert errors == [
        (6, "Tác giả, đồng tác giả", "Có nhiều người thuộc các đơn vị bạn quản lý tên “Trần Thị Hoa”: hệ thống không "
                                     "đoán; hãy ghi ngày sinh trong ngoặc, như “Trần Thị Hoa (dd/mm/yyyy)”, hoặc số "
                                     "định danh."),
        (7, "Tác giả, đồng tác giả", "Không có ai tên “Nguyễn Không Có” làm việc tại các đơn vị bạn quản lý."),
        (8, "Cấp công nhận", "“cấp huyện” không thuộc các giá trị: Cấp Sở, Cấp tỉnh, Cấp Nhà nước."),
    ]
    assert "token" not in response.context
    assert not Initiative.objects.exists()


@pytest.mark.django_db
def test_an_author_of_another_unit_reads_as_not_found_for_an_importer_of_one_unit(org, authors, make_user):
    head = make_user(Role.UNIT_HEAD, unit=org.land)
    resource = InitiativeResource(allowed_units=managed_units(head), agency_id=agency_id_of(head))
    dataset = tablib.Dataset(*[row[:5] for row in ROWS], headers=[
        "Tên sáng kiến, đề tài", "Loại", "Tác giả", "Cấp công nhận", "Năm"])
    report = run_import(resource, dataset, dry_run=False, user=head)
    assert [(e.row, e.message) for e in report.errors] == [
        (3, "Không có ai tên “Phạm Văn Môi” làm việc tại các đơn vị bạn quản lý.")]
    assert not Initiative.objects.exists()


@pytest.mark.django_db
def test_another_agencys_office_cannot_name_this_agencys_people(client, org, authors):
    health = Agency.objects.create(name="SỞ Y TẾ", parent_authority="UBND TỈNH", abbreviation="SYT", place="Quảng Ngãi")
    UnitFactory(code="YT", name="Phòng Y tế", agency=health)
    client.force_login(UserFactory(role=Role.OFFICE, agency=health))
    response = _upload(client, [["Sáng kiến lạ", "", "051085000012", "Cơ sở", 2025, "", "", ""]])
    assert [(e.row, e.message) for e in response.context["report"].errors] == [
        (5, "Không có ai thuộc các đơn vị bạn quản lý có số định danh 051085000012.")]
    assert not Initiative.objects.exists()


@pytest.mark.django_db
def test_only_the_office_may_import_initiatives(land_head_client):
    assert land_head_client.get(URL).status_code == 403


@pytest.mark.django_db
def test_the_office_downloads_the_empty_template_and_reads_it_back(office_client):

    template = office_client.get(reverse("awards:import_template", args=["initiatives"]))
    assert template.status_code == 200
    rows = [[v for v in row if v] for row in load_workbook(io.BytesIO(template.content)).active.iter_rows(values_only=True)]
    assert next(row for row in rows if "Tác giả" in row) == ["Tên sáng kiến, đề tài", "Loại", "Tác giả", "Cấp công nhận", "Năm", "Số quyết định công nhận",
                            "Ngày quyết định", "Phạm vi áp dụng"]


@pytest.mark.django_db
def test_a_unit_head_cannot_download_the_template(land_head_client):
    assert land_head_client.get(reverse("awards:import_template", args=["initiatives"])).status_code == 403
