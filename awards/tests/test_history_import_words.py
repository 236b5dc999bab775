"""Issue 13 §2: the award-history import reads “Đột xuất”, refuses the ambiguous “Theo đợt”, names the
initiatives an award used, says every error in Vietnamese, and its empty templates download."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from awards.models import AwardKind, AwardRecord
from awards.tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

HEADERS = ["Họ và tên", "Số định danh cá nhân", "Mã đơn vị", "Danh hiệu, hình thức", "Năm", "Loại hình",
           "Số quyết định", "Ngày quyết định", "Cơ quan ban hành", "Sáng kiến sử dụng"]


def _xlsx(rows):
    book = Workbook()
    book.active.append(HEADERS)
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile("lich-su.xlsx", data.getvalue())


def _import(client, rows):
    url = reverse("import_data", args=["award-history"])
    preview = client.post(url, {"file": _xlsx(rows)})
    if preview.context.get("token"):
        client.post(url, {"confirm": "1", "token": preview.context["token"]})
    return preview


def test_dot_xuat_is_stored_as_ad_hoc_and_chuyen_de_as_thematic(office_client, org, staff_in):
    staff_in(org.land, identity_number="051000000999")
    _import(office_client, [
        ["", "051000000999", "QLDD", "Bằng khen của Chủ tịch UBND tỉnh", 2024, "Đột xuất", "", "", "", ""],
        ["", "051000000999", "QLDD", "Giấy khen của Giám đốc Sở", 2024, "Chuyên đề", "", "", "", ""],
    ])
    assert sorted(AwardRecord.objects.values_list("award_type__code", "kind")) == [
        ("BK_TINH", AwardKind.AD_HOC), ("GK", AwardKind.THEMATIC)]


def test_theo_dot_is_refused_as_ambiguous(office_client, org, staff_in):
    staff_in(org.land, identity_number="051000000999")
    preview = _import(office_client, [
        ["", "051000000999", "QLDD", "Giấy khen của Giám đốc Sở", 2024, "Theo đợt", "", "", "", ""],
    ])
    assert AwardRecord.objects.count() == 0
    assert [e.message for e in preview.context["report"].errors] == [
        "“Theo đợt” có thể là khen thưởng đột xuất hoặc theo chuyên đề: ghi “Đột xuất” hoặc “Chuyên đề”."]


def test_an_error_row_says_nothing_about_a_database_constraint(office_client, org, staff_in):
    preview = _import(office_client, [
        ["", "051000000111", "QLDD", "Danh hiệu lạ", 2022, "", "", "", "", ""],
    ])
    messages = [e.message for e in preview.context["report"].errors]
    assert messages and not any("onstraint" in m or "award_record_one_subject" in m for m in messages)
    assert AwardRecord.objects.count() == 0


def test_the_initiatives_an_award_used_are_imported(office_client, org, staff_in):
    person = staff_in(org.land, identity_number="051000000999")
    first = InitiativeFactory(authors=[person], year=2024, title="Số hóa hồ sơ", decision_number="31/QĐ-STNMT")
    second = InitiativeFactory(authors=[person], year=2024, title="Bản đồ số")
    _import(office_client, [
        ["", "051000000999", "QLDD", "Chiến sĩ thi đua cơ sở", 2024, "", "", "", "", "Số hóa hồ sơ; bản đồ số"],
    ])
    assert set(AwardRecord.objects.get().initiatives.all()) == {first, second}


def test_an_initiative_not_of_the_person_is_refused(office_client, org, staff_in):
    staff_in(org.land, identity_number="051000000999")
    InitiativeFactory(year=2024, title="Của người khác")
    preview = _import(office_client, [
        ["", "051000000999", "QLDD", "Chiến sĩ thi đua cơ sở", 2024, "", "", "", "", "Của người khác"],
    ])
    assert AwardRecord.objects.count() == 0
    assert [e.message for e in preview.context["report"].errors] == [
        "Người này không có sáng kiến “Của người khác”."]


@pytest.mark.parametrize("kind", ["award-history", "evaluations"])
def test_the_empty_template_of_each_awards_import_downloads_with_its_columns(office_client, kind):
    page = office_client.get(reverse("import_data", args=[kind]))
    url = page.context["template_url"]
    response = office_client.get(url)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)).active
    headers = [cell.value for cell in sheet[1]]
    assert ("Danh hiệu, hình thức" in headers) if kind == "award-history" else ("Mức độ hoàn thành nhiệm vụ" in headers)
    assert sheet.max_row == 1


def test_the_empty_templates_are_refused_to_a_unit_head(land_head_client):
    assert land_head_client.get(reverse("awards:import_template", args=["award-history"])).status_code == 403
    assert land_head_client.get(reverse("awards:import_template", args=["unknown"])).status_code == 404
