"""Issue 25 §4: the award in two columns (danh hiệu thi đua / hình thức khen thưởng, one empty on each row),
evaluation abbreviations understood by default, and another system's codes mapped once per agency and
remembered, so the next file of the same kind goes straight through. Files are built here, in the
layouts offices send."""
import pytest
from django.urls import reverse

from awards.models import AwardRecord
from emulation.tests.spreadsheets import office_xlsx

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
