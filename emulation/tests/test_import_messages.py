"""Import messages that say what happened (issue 25, items 12 and 13): the number of errors above their list,
the file's own column names, one neutral message for what exists outside the importer's scope."""

import pytest
from django.urls import reverse

from emulation.models import Agency, Role, Staff
from emulation.resources import OUTSIDE_SCOPE_PERSON
from emulation.tests.factories import StaffFactory, UnitFactory
from emulation.tests.spreadsheets import office_xlsx
from emulation.tests.test_import import STAFF_HEADERS, staff_row, xlsx
from emulation.imports import ImportFileError, confirm_import, preview_import
from emulation.resources import StaffResource
from emulation.tests.concurrency import at_once
from datetime import date

pytestmark = pytest.mark.django_db


@pytest.fixture
def background(settings):
    """Any file is "large"; jobs run at once, inside the request (no worker in a test)."""
    settings.IMPORT_BACKGROUND_BYTES = 100
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_a_background_check_with_errors_counts_them_above_their_list(background, office_client, org):
    rows = [staff_row(f"Người {n}", f"05100000090{n}", born="31/02/1985") for n in range(3)]
    response = office_client.post(reverse("import_data", args=["staff"]), {"file": xlsx(STAFF_HEADERS, rows)})
    page = office_client.get(response["Location"]).content.decode()
    assert "Chưa nhập tệp: có 3 lỗi." in page
    assert "có 0 lỗi" not in page


def test_a_check_with_errors_in_the_request_counts_them_above_their_list(office_client, org):
    rows = [staff_row(f"Người {n}", f"05100000090{n}", born="31/02/1985") for n in range(2)]
    page = office_client.post(reverse("import_data", args=["staff"]), {"file": xlsx(STAFF_HEADERS, rows)})
    assert "Chưa nhập tệp: có 2 lỗi." in page.content.decode()


@pytest.fixture
def health():
    agency = Agency.objects.create(name="SỞ Y TẾ", parent_authority="UBND TỈNH", abbreviation="SYT", place="Quảng Ngãi")
    unit = UnitFactory(code="SYT", name="Sở Y tế", kind="department", agency=agency)
    StaffFactory(unit=unit, full_name="Người Sở Khác", identity_number="052000099999")
    return agency


def test_a_unit_heads_preview_shows_an_outsiders_identity_number_exactly_as_an_unknown_one(
        client, make_user, org, health, caplog):
    """Issue 25 §13: the preview is free and leaves no trace, so it must not tell whether a number is held
    by someone of another unit or agency: all three rows read as new people, alike. Only the confirmation,
    which would create the person of an unknown number under the importer's name, refuses the held ones, with
    the neutral message, nothing written, and a warning in the log naming the importer."""
    StaffFactory(unit=org.env, full_name="Người Chi Cục", identity_number="052000088888")
    head = make_user(Role.UNIT_HEAD, unit=org.land)
    client.force_login(head)
    upload = office_xlsx("DANH SÁCH", ["Họ và tên", "Mã đơn vị", "Loại cán bộ", "Số CCCD"], [
        ["Một", "QLDD", "Công chức", "052000011111"], ["Hai", "QLDD", "Công chức", "052000099999"],
        ["Ba", "QLDD", "Công chức", "052000088888"]])
    page = client.post(reverse("import_data", args=["staff"]), {"file": upload})
    report = page.context["report"]
    assert (report.errors, report.new, report.updated) == ([], 3, 0)
    shown = [repr(row[1:]).replace(name, "…").replace(number, "…") for row, name, number in zip(
        report.preview, ["Một", "Hai", "Ba"], ["052000011111", "052000099999", "052000088888"])]
    assert shown[0] == shown[1] == shown[2]

    confirmed = client.post(reverse("import_data", args=["staff"]), {"confirm": "1", "token": page.context["token"]})
    assert [(e.row, e.column, e.message) for e in confirmed.context["report"].errors] == [
        (6, "Số CCCD", str(OUTSIDE_SCOPE_PERSON)), (7, "Số CCCD", str(OUTSIDE_SCOPE_PERSON))]
    assert not Staff.objects.filter(full_name__in=["Một", "Hai", "Ba"]).exists()
    assert [r.getMessage() for r in caplog.records if r.name == "emulation.resources"] == [
        f"Import by {head.username} (id {head.pk}) refused: row 6 gives an identity number held outside the units "
        f"they manage", f"Import by {head.username} (id {head.pk}) refused: row 7 gives an identity number held "
        f"outside the units they manage"]


NOBODY = "Không có ai thuộc các đơn vị bạn quản lý có số định danh {}."


@pytest.mark.parametrize("kind, headers, row", [
    ("evaluations", ["Số CCCD", "Năm", "Xếp loại"], ["{}", 2025, "Hoàn thành nhiệm vụ"]),
    ("award-history", ["Số CCCD", "Đơn vị", "Hình thức khen thưởng", "Năm khen thưởng"], ["{}", "QLDD", "LĐTT", 2024]),
])
def test_an_unknown_and_another_agencys_identity_number_read_alike_under_the_files_column(
        office_client, org, health, kind, headers, row):
    rows = [[cell.format(number) if cell == "{}" else cell for cell in row] for number in ("052000099999", "052000077777")]
    report = office_client.post(reverse("import_data", args=[kind]),
                                {"file": office_xlsx("DANH SÁCH", headers, rows)}).context["report"]
    assert [(e.row, e.column, e.letter, e.message) for e in report.errors] == [
        (5, "Số CCCD", "B", NOBODY.format("052000099999")), (6, "Số CCCD", "B", NOBODY.format("052000077777"))]


def test_two_clerks_confirming_the_same_file_at_once_import_it_once_and_the_second_is_told_who_did(
        file_database, org, make_user):
    data = xlsx(STAFF_HEADERS, [staff_row(f"Người {n}", f"05100000080{n}") for n in range(5)]).read()
    clerks = [make_user(Role.OFFICE, first_name=name) for name in ("An", "Bình")]
    tokens = [preview_import("staff", StaffResource(), data, "ds.xlsx", user=clerk)[1].token for clerk in clerks]

    def confirm(index):
        try:
            return confirm_import("staff", StaffResource(), tokens[index], user=clerks[index]).ok
        except ImportFileError as error:
            return error.message

    outcomes = at_once(lambda: confirm(0), lambda: confirm(1))
    assert outcomes.count(True) == 1
    [message] = [value for value in outcomes if value is not True]
    assert message.startswith("Tệp này đã được nhập lúc") and message.endswith("; không nhập lại lần nữa.")
    assert Staff.objects.filter(full_name__startswith="Người ").count() == 5


def test_the_staff_preview_says_for_each_row_whom_it_changes_and_how(office_client, org):
    StaffFactory(unit=org.land, full_name="Lê Văn Tám", date_of_birth=date(1985, 3, 12), identity_number="051000000501",
                 position="Chuyên viên", category="civil_servant", gender="male")
    upload = office_xlsx("DANH SÁCH", ["Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Đơn vị", "Loại cán bộ", "Số CCCD"], [
        ["Lê Văn Tám", "12/03/1985", "Nam", "Phó Trưởng phòng", "Chi cục Bảo vệ môi trường", "Công chức", "051000000501"],
        ["Trần Thị Chín", "01/07/1990", "Nữ", "Chuyên viên", "QLDD", "Công chức", "051000000502"]])
    response = office_client.post(reverse("import_data", args=["staff"]), {"file": upload})
    report = response.context["report"]
    assert [(note["label"], note["detail"]) for *_, note in report.preview] == [
        ("Lê Văn Tám (12/03/1985, MT)", "Mã đơn vị: QLDD → MT; Chức vụ: Chuyên viên → Phó Trưởng phòng"),
        ("Trần Thị Chín (01/07/1990, QLDD)", "thêm mới")]
    assert "Thay đổi sẽ ghi" in response.content.decode()


def test_a_staff_row_without_a_number_that_matches_two_people_is_refused_and_nobody_is_added(office_client, org):

    for number in ("051000000601", "051000000602"):
        StaffFactory(unit=org.land, full_name="Lê Văn Tám", date_of_birth=date(1985, 3, 12), identity_number=number)
    upload = office_xlsx("DANH SÁCH", ["Họ và tên", "Ngày sinh", "Đơn vị", "Loại cán bộ", "Số CCCD"], [
        ["Lê Văn Tám", "12/03/1985", "QLDD", "Công chức", None]])
    response = office_client.post(reverse("import_data", args=["staff"]), {"file": upload})
    assert [(e.row, e.column, e.message) for e in response.context["report"].errors] == [
        (5, "Họ và tên", "Có 2 người tên “Lê Văn Tám”, sinh ngày 12/03/1985, công tác tại Phòng Quản lý đất đai: hãy ghi "
                         "số định danh cá nhân của người mà dòng này muốn nói.")]
    assert "token" not in response.context
    assert Staff.objects.count() == 2
