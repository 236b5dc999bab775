"""Issue 25 §4: the award in two columns (danh hiệu thi đua / hình thức khen thưởng, one empty on each row),
evaluation abbreviations understood by default, and another system's codes mapped once per agency and
remembered, so the next file of the same kind goes straight through. Files are built here, in the
layouts offices send."""
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from awards.models import AwardRecord, Evaluation
from emulation.models import Agency, ImportValueMapping, Role
from emulation.tests.factories import UnitFactory
from emulation.tests.spreadsheets import office_xlsx
from awards.models import Nomination
from awards.tests.factories import RoundFactory

pytestmark = pytest.mark.django_db

TITLE = "DANH SÁCH KHEN THƯỞNG NĂM 2024"
TWO_COLUMNS = ["Họ và tên", "Số CCCD", "Đơn vị", "Danh hiệu thi đua", "Hình thức khen thưởng", "Năm"]


def _preview(client, upload, kind="award-history"):
    return client.post(reverse("import_data", args=[kind]), {"file": upload})


def _confirm(client, response, kind="award-history"):
    return client.post(reverse("import_data", args=[kind]), {"confirm": "1", "token": response.context["token"]})


def test_the_award_in_two_columns_reads_the_filled_one_on_each_row(office_client, org, staff_in):
    staff_in(org.land, full_name="Lê Văn Tám", identity_number="051000000201")
    staff_in(org.land, full_name="Trần Thị Chín", identity_number="051000000202")
    upload = office_xlsx(TITLE, TWO_COLUMNS, [
        ["Lê Văn Tám", "051000000201", "QLDD", "Lao động tiên tiến", None, 2024],
        ["Trần Thị Chín", "051000000202", "QLDD", None, "Giấy khen của Giám đốc Sở", 2024],
    ])
    response = _preview(office_client, upload)
    report = response.context["report"]
    assert report.errors == []
    assert {c.header: c.target for c in report.columns if c.header in ("Danh hiệu thi đua", "Hình thức khen thưởng")} == {
        "Danh hiệu thi đua": "Danh hiệu, hình thức", "Hình thức khen thưởng": "Danh hiệu, hình thức"}
    _confirm(office_client, response)
    assert sorted(AwardRecord.objects.values_list("staff__full_name", "award_type__code")) == [
        ("Lê Văn Tám", "LDTT"), ("Trần Thị Chín", "GK")]


def test_the_award_in_two_columns_both_filled_differently_is_refused_and_nothing_is_written(office_client, org, staff_in):
    staff_in(org.land, full_name="Lê Văn Tám", identity_number="051000000201")
    staff_in(org.land, full_name="Trần Thị Chín", identity_number="051000000202")
    upload = office_xlsx(TITLE, TWO_COLUMNS, [
        ["Lê Văn Tám", "051000000201", "QLDD", "Lao động tiên tiến", None, 2024],
        ["Trần Thị Chín", "051000000202", "QLDD", "Lao động tiên tiến", "Giấy khen của Giám đốc Sở", 2024],
    ])
    response = _preview(office_client, upload)
    report = response.context["report"]
    assert [(e.row, e.letter, e.column) for e in report.errors] == [(6, "E", "Danh hiệu thi đua")]
    assert report.errors[0].message == (
        "Dòng này ghi hai giá trị khác nhau cho “Danh hiệu, hình thức”: “Lao động tiên tiến” (cột E); “Giấy khen "
        "của Giám đốc Sở” (cột F). Mỗi dòng chỉ ghi một giá trị: tách thành hai dòng.")
    assert "token" not in response.context
    assert AwardRecord.objects.count() == 0


def test_the_award_in_two_columns_both_filled_with_the_same_value_is_read_once(office_client, org, staff_in):
    staff_in(org.land, full_name="Lê Văn Tám", identity_number="051000000201")
    upload = office_xlsx(TITLE, TWO_COLUMNS, [
        ["Lê Văn Tám", "051000000201", "QLDD", "Lao động tiên tiến", "lao dong tien tien", 2024]])
    response = _preview(office_client, upload)
    assert response.context["report"].errors == []
    _confirm(office_client, response)
    assert list(AwardRecord.objects.values_list("award_type__code", flat=True)) == ["LDTT"]


def _recheck(client, response, values, kind="award-history"):
    report = response.context["report"]
    chosen = {f"col-{c.index}": c.target for c in report.columns}
    return client.post(reverse("import_data", args=[kind]), {
        "recheck": "1", "token": response.context["run_token"], **chosen, **{f"val-{i}": v for i, v in values.items()}})


def test_evaluation_abbreviations_are_understood_without_asking(office_client, org, staff_in):
    for number in ("051000000301", "051000000302", "051000000303", "051000000304"):
        staff_in(org.land, identity_number=number)
    upload = office_xlsx("KẾT QUẢ ĐÁNH GIÁ NĂM 2024", ["Số CCCD", "Năm", "Xếp loại"], [
        ["051000000301", 2024, "HTXSNV"], ["051000000302", 2024, "HTTNV"], ["051000000303", 2024, "htnv"],
        ["051000000304", 2024, "KHTNV"]])
    response = _preview(office_client, upload, kind="evaluations")
    assert (response.context["report"].errors, response.context["report"].unknown_values) == ([], [])
    _confirm(office_client, response, kind="evaluations")
    assert sorted(Evaluation.objects.values_list("staff__identity_number", "level")) == [
        ("051000000301", Evaluation.Level.EXCELLENT), ("051000000302", Evaluation.Level.GOOD),
        ("051000000303", Evaluation.Level.COMPLETED), ("051000000304", Evaluation.Level.NOT_COMPLETED)]


CODED = ["Số CCCD", "Đơn vị", "Danh hiệu thi đua", "Năm"]


def _coded_file(rows):
    return office_xlsx(TITLE, CODED, rows)


def test_another_systems_award_code_is_chosen_once_and_the_next_file_goes_straight_through(office_client, office_user, org, staff_in):
    for number in ("051000000401", "051000000402", "051000000403"):
        staff_in(org.land, identity_number=number)
    response = _preview(office_client, _coded_file([
        ["051000000401", "QLDD", "A1", 2024], ["051000000402", "QLDD", "a1", 2024]]))
    report = response.context["report"]
    assert [(u.column, u.value, u.count, u.kind) for u in report.unknown_values] == [("Danh hiệu, hình thức", "A1", 2, "award")]
    assert "LDTT" in dict(report.unknown_values[0].options)
    assert "token" not in response.context
    assert "Giá trị chưa nhận ra" in response.content.decode()
    again = _recheck(office_client, response, {0: "LDTT"})
    assert (again.context["report"].errors, again.context["report"].unknown_values) == ([], [])
    assert list(ImportValueMapping.objects.values_list("agency_id", "kind", "column", "value", "target")) == [
        (office_user.agency_id, "award-history", "Danh hiệu, hình thức", "a1", "LDTT")]
    _confirm(office_client, again)
    assert sorted(AwardRecord.objects.values_list("staff__identity_number", "award_type__code")) == [
        ("051000000401", "LDTT"), ("051000000402", "LDTT")]
    # The second file of the same kind: read without asking, and the preview says how.
    following = _preview(office_client, _coded_file([["051000000403", "QLDD", "A1", 2025]]))
    report = following.context["report"]
    assert (report.errors, report.unknown_values) == ([], [])
    assert [(m.value, m.label, m.count) for m in report.mapped_values] == [("A1", "Lao động tiên tiến", 1)]
    assert "A1 → Lao động tiên tiến (đã nhớ" in following.content.decode()
    _confirm(office_client, following)
    assert AwardRecord.objects.get(staff__identity_number="051000000403").award_type.code == "LDTT"


def test_an_agencys_value_mappings_are_never_used_by_another_agency(office_client, org, staff_in, make_user):
    health = Agency.objects.create(name="SỞ Y TẾ", parent_authority="UBND TỈNH", abbreviation="SYT", place="Quảng Ngãi")
    UnitFactory(code="BV", name="Bệnh viện tỉnh", agency=health)
    other = Client()
    other.force_login(make_user(Role.OFFICE, agency=health))
    elsewhere = _preview(other, _coded_file([["051000000999", "BV", "A1", 2024]]))
    _recheck(other, elsewhere, {0: "LDTT"})
    assert list(ImportValueMapping.objects.values_list("agency_id", "value")) == [(health.pk, "a1")]
    staff_in(org.land, identity_number="051000000401")
    response = _preview(office_client, _coded_file([["051000000401", "QLDD", "A1", 2024]]))
    report = response.context["report"]
    assert [u.value for u in report.unknown_values] == ["A1"]
    assert report.mapped_values == []
    assert [e.message for e in report.errors] == ["Không có danh hiệu, hình thức “A1” trong danh mục."]


def test_a_value_cannot_be_mapped_to_an_award_that_does_not_exist(office_client, org, staff_in):
    staff_in(org.land, identity_number="051000000401")
    response = _preview(office_client, _coded_file([["051000000401", "QLDD", "A1", 2024]]))
    refused = _recheck(office_client, response, {0: "KHONG_CO"})
    assert "“KHONG_CO” không phải là một giá trị của “Danh hiệu, hình thức”." in refused.content.decode()
    assert ImportValueMapping.objects.count() == 0


def test_a_nominations_list_with_the_award_in_two_columns_and_a_code_chosen_once_goes_through_next_time(
        land_head_client, org, staff_in):

    staff_in(org.land, full_name="Lê Văn Tám", date_of_birth=date(1985, 3, 12))
    staff_in(org.land, full_name="Trần Thị Hoa", date_of_birth=date(1990, 7, 1))
    round_ = RoundFactory()
    url = reverse("import_data", args=["nominations"]) + f"?round={round_.pk}"
    headers = ["Họ và tên", "Ngày sinh", "Đơn vị", "Danh hiệu thi đua", "Hình thức khen thưởng"]
    upload = office_xlsx("DANH SÁCH ĐỀ NGHỊ", headers, [
        ["Lê Văn Tám", "12/03/1985", "QLDD", "DH01", None], ["Trần Thị Hoa", "01/07/1990", "QLDD", None, "Giấy khen của Giám đốc Sở"]])
    response = land_head_client.post(url, {"file": upload})
    assert [(u.value, u.count) for u in response.context["report"].unknown_values] == [("DH01", 1)]
    chosen = {f"col-{c.index}": c.target for c in response.context["report"].columns}
    again = land_head_client.post(url, {"recheck": "1", "token": response.context["run_token"], **chosen, "val-0": "LDTT"})
    assert again.context["report"].errors == []
    land_head_client.post(url, {"confirm": "1", "token": again.context["token"]})
    assert sorted(Nomination.objects.values_list("staff__full_name", "award_type__code")) == [
        ("Lê Văn Tám", "LDTT"), ("Trần Thị Hoa", "GK")]
    # Another round's list with the same code: read as chosen, without asking.
    later = RoundFactory()
    following = land_head_client.post(reverse("import_data", args=["nominations"]) + f"?round={later.pk}", {
        "file": office_xlsx("DANH SÁCH ĐỀ NGHỊ", headers, [["Lê Văn Tám", "12/03/1985", "QLDD", "DH01", None]])})
    report = following.context["report"]
    assert (report.unknown_values, [(m.value, m.label) for m in report.mapped_values]) == (
        [], [("DH01", "Lao động tiên tiến")])


def test_a_confirmation_reads_the_values_as_its_preview_showed_them(office_client, office_user, org, staff_in):
    staff_in(org.land, identity_number="051000000401")
    ImportValueMapping.objects.create(agency_id=office_user.agency_id, kind="award-history", column="Danh hiệu, hình thức",
                                      value="a1", target="LDTT")
    response = _preview(office_client, _coded_file([["051000000401", "QLDD", "A1", 2024]]))
    assert response.context["report"].errors == []
    ImportValueMapping.objects.update(target="GK")  # someone of the agency changes it in between
    _confirm(office_client, response)
    assert list(AwardRecord.objects.values_list("award_type__code", flat=True)) == ["LDTT"]
