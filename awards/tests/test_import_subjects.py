"""Each row of an import names exactly one record, a person or a unit, and the preview says which and how
(issue 25): files laid out as offices keep them, built here."""
from datetime import date

import pytest
from django.urls import reverse

from awards.models import Evaluation
from emulation.tests.spreadsheets import office_xlsx
from awards.models import AwardRecord

EVALUATIONS = "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÁN BỘ NĂM 2025"
EVALUATION_HEADERS = ["Họ và tên", "Ngày sinh", "Đơn vị", "Năm", "Xếp loại"]


def preview(client, upload, kind="evaluations"):
    return client.post(reverse("import_data", args=[kind]), {"file": upload})


def confirm(client, response, kind="evaluations"):
    return client.post(reverse("import_data", args=[kind]), {"confirm": "1", "token": response.context["token"]})


@pytest.fixture
def land_people(org, staff_in):
    return [staff_in(org.land, full_name="Lê Văn Tám", date_of_birth=date(1985, 3, 12)),
            staff_in(org.land, full_name="Trần Thị Chín", date_of_birth=date(1990, 7, 1))]


@pytest.mark.django_db
def test_an_evaluation_list_by_name_birth_and_unit_changes_the_peoples_records_never_the_units(office_client, org, land_people):
    tam, chin = land_people
    Evaluation.objects.create(unit=org.land, year=2025, level=Evaluation.Level.EXCELLENT)
    Evaluation.objects.create(staff=chin, year=2025, level=Evaluation.Level.COMPLETED)
    upload = office_xlsx(EVALUATIONS, EVALUATION_HEADERS, [
        ["Lê Văn Tám", "12/03/1985", "Phòng Quản lý đất đai", 2025, "Hoàn thành tốt nhiệm vụ"],
        ["Trần Thị Chín", "01/07/1990", "Phòng Quản lý đất đai", 2025, "Hoàn thành tốt nhiệm vụ"],
    ])
    response = preview(office_client, upload)
    report = response.context["report"]
    assert (report.errors, report.new, report.updated) == ([], 1, 1)
    assert [(note["label"], note["detail"]) for *_, note in report.preview] == [
        ("Lê Văn Tám (12/03/1985, Phòng Quản lý đất đai)", "mới: Hoàn thành tốt nhiệm vụ"),
        ("Trần Thị Chín (01/07/1990, Phòng Quản lý đất đai)", "Hoàn thành nhiệm vụ → Hoàn thành tốt nhiệm vụ"),
    ]
    confirm(office_client, response)
    assert set(Evaluation.objects.values_list("staff__full_name", "unit__code", "level")) == {
        ("Lê Văn Tám", None, Evaluation.Level.GOOD), ("Trần Thị Chín", None, Evaluation.Level.GOOD),
        (None, "QLDD", Evaluation.Level.EXCELLENT)}


def evaluation_list(*rows, headers=EVALUATION_HEADERS):
    return office_xlsx(EVALUATIONS, headers, list(rows))


@pytest.mark.django_db
def test_an_evaluation_row_naming_two_people_is_refused_with_both_and_nothing_is_written(office_client, org, staff_in):
    staff_in(org.land, full_name="Lê Văn Tám", date_of_birth=date(1985, 3, 12))
    staff_in(org.land_team, full_name="Le Van Tam", date_of_birth=date(1992, 5, 6))
    response = preview(office_client, evaluation_list(["Lê Văn Tám", None, "QLDD", 2025, "Hoàn thành nhiệm vụ"]))
    [error] = response.context["report"].errors
    assert (error.row, error.column) == (5, "Họ và tên")
    assert error.message == ("“Lê Văn Tám” có thể là Lê Văn Tám (12/03/1985, Phòng Quản lý đất đai); Le Van Tam "
                             "(06/05/1992, Tổ Đăng ký): hệ thống không đoán; hãy ghi thêm ngày sinh hoặc số định danh cá nhân.")
    assert "token" not in response.context
    assert not Evaluation.objects.exists()


@pytest.mark.django_db
def test_an_evaluation_row_that_reads_as_a_person_and_as_a_unit_is_refused_with_both(office_client, org, staff_in):
    staff_in(org.land, full_name="Tổ Đăng Ký", date_of_birth=date(1985, 3, 12))
    response = preview(office_client, evaluation_list(["Tổ Đăng ký", None, "QLDD", 2025, "Hoàn thành nhiệm vụ"]))
    [error] = response.context["report"].errors
    assert error.message.startswith("“Tổ Đăng ký” có thể là Tổ Đăng Ký (12/03/1985, Phòng Quản lý đất đai); đơn vị Tổ Đăng ký:")


@pytest.mark.django_db
def test_a_collective_row_of_a_mixed_evaluation_list_changes_the_units_own_record(office_client, org, land_people):
    Evaluation.objects.create(unit=org.land_team, year=2025, level=Evaluation.Level.GOOD)
    response = preview(office_client, evaluation_list(
        ["Tổ Đăng ký", None, "QLDD", 2025, "Hoàn thành xuất sắc nhiệm vụ"],
        ["Lê Văn Tám", "12/03/1985", "QLDD", 2025, "Hoàn thành nhiệm vụ"]))
    report = response.context["report"]
    assert [(note["label"], note["detail"]) for *_, note in report.preview] == [
        ("đơn vị Tổ Đăng ký", "Hoàn thành tốt nhiệm vụ → Hoàn thành xuất sắc nhiệm vụ"),
        ("Lê Văn Tám (12/03/1985, Phòng Quản lý đất đai)", "mới: Hoàn thành nhiệm vụ")]
    confirm(office_client, response)
    assert Evaluation.objects.get(unit=org.land_team).level == Evaluation.Level.EXCELLENT
    assert Evaluation.objects.get(staff=land_people[0]).level == Evaluation.Level.COMPLETED


HISTORY_HEADERS = ["Họ và tên", "Số CCCD", "Đơn vị", "Hình thức khen thưởng", "Năm khen thưởng"]


@pytest.mark.django_db
def test_an_award_written_without_its_small_words_is_read_as_the_catalogues_and_said(office_client, org, staff_in):

    staff_in(org.land, full_name="Lê Văn Tám", identity_number="051000000301")
    response = preview(office_client, office_xlsx("DANH SÁCH KHEN THƯỞNG", HISTORY_HEADERS, [
        ["Lê Văn Tám", "051000000301", "QLDD", "Giấy khen Giám đốc Sở", 2024]]), kind="award-history")
    report = response.context["report"]
    assert (report.errors, report.read_as) == ([], [("Giấy khen Giám đốc Sở", "Giấy khen của Giám đốc Sở")])
    assert "«Giấy khen Giám đốc Sở» được hiểu là «Giấy khen của Giám đốc Sở»" in response.content.decode()
    confirm(office_client, response, kind="award-history")
    assert AwardRecord.objects.get().award_type.code == "GK"
