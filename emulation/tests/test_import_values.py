"""Issue 25 §4: a unit written in a way nothing matches (another system's abbreviation) is chosen once
with a search field, remembered for the agency, and only a unit the person may import into can be chosen."""
import pytest
from django.urls import reverse

from emulation.models import ImportValueMapping, Staff
from emulation.tests.spreadsheets import office_xlsx
import json
from emulation.imports import ImportReport, report_from_data, report_to_data
from emulation.value_mappings import Mapped, Unmatched

pytestmark = pytest.mark.django_db

HEADERS = ["Họ tên", "Ngày sinh", "Đơn vị", "Loại cán bộ", "Số CCCD"]


def _file(rows):
    return office_xlsx("DANH SÁCH CÁN BỘ", HEADERS, rows)


def _preview(client, upload):
    return client.post(reverse("import_data", args=["staff"]), {"file": upload})


def _recheck(client, response, values):
    chosen = {f"col-{c.index}": c.target for c in response.context["report"].columns}
    return client.post(reverse("import_data", args=["staff"]), {
        "recheck": "1", "token": response.context["run_token"], **chosen, **{f"val-{i}": v for i, v in values.items()}})


def test_an_unknown_unit_is_chosen_with_a_search_field_never_a_select_of_every_unit(land_head_client, org):
    response = _preview(land_head_client, _file([["Lê Văn Tám", "12/03/1985", "TĐK-01", "Công chức", "051000000501"]]))
    report = response.context["report"]
    assert [(u.column, u.value, u.count, u.kind, u.options) for u in report.unknown_values] == [
        ("Mã đơn vị", "TĐK-01", 1, "unit", [])]
    page = response.content.decode()
    assert 'name="val-0__search"' in page and reverse("pick", args=["unit"]) in page
    assert "Chi cục Bảo vệ môi trường" not in page  # no option lists the units


def test_a_unit_outside_the_persons_scope_cannot_be_chosen_and_nothing_is_kept(land_head_client, org):
    response = _preview(land_head_client, _file([["Lê Văn Tám", "12/03/1985", "TĐK-01", "Công chức", "051000000501"]]))
    refused = _recheck(land_head_client, response, {0: str(org.env.pk)})
    assert refused.context["report"].errors[0].message == (
        "Bạn không được chọn đơn vị này cho “TĐK-01”: hãy chọn một trong các đơn vị bạn quản lý.")
    assert "token" not in refused.context
    assert ImportValueMapping.objects.count() == 0
    assert Staff.objects.count() == 0


def test_a_unit_chosen_in_scope_is_remembered_for_the_agency_and_read_on_the_next_file(land_head_client, land_head, org):
    response = _preview(land_head_client, _file([["Lê Văn Tám", "12/03/1985", "TĐK-01", "Công chức", "051000000501"]]))
    again = _recheck(land_head_client, response, {0: str(org.land_team.pk)})
    assert again.context["report"].errors == []
    assert list(ImportValueMapping.objects.values_list("agency_id", "kind", "value", "target")) == [
        (land_head.agency_id, "staff", "tdk 01", "QLDD-1")]
    land_head_client.post(reverse("import_data", args=["staff"]), {"confirm": "1", "token": again.context["token"]})
    assert Staff.objects.get().unit == org.land_team
    following = _preview(land_head_client, _file([["Trần Chín", "01/01/1990", "TĐK-01", "Công chức", "051000000502"]]))
    assert following.context["report"].errors == []
    assert [(m.value, m.label) for m in following.context["report"].mapped_values] == [("TĐK-01", "Tổ Đăng ký")]


def test_a_background_check_keeps_the_unknown_and_remembered_values_in_its_report():

    report = ImportReport(unknown_values=[Unmatched("Danh hiệu, hình thức", "A1", 2, "award", [("LDTT", "Lao động tiên tiến")])],
                          mapped_values=[Mapped("Mã đơn vị", "TĐK-01", "Tổ Đăng ký", 3)])
    again = report_from_data(json.loads(json.dumps(report_to_data(report))))
    assert again.unknown_values == [Unmatched("Danh hiệu, hình thức", "A1", 2, "award", [["LDTT", "Lao động tiên tiến"]])]
    assert again.mapped_values == report.mapped_values
