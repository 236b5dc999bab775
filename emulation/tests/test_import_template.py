"""Issue 25 §14: the staff template has an example and the allowed values as drop-down lists (data
validation over a hidden sheet of values), and the example never becomes a person."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from emulation.models import Staff
from emulation.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def _template(client):
    response = client.get(reverse("export_data", args=["staff"]) + "?template=1")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _lists(sheet):
    """{header of the column: the formula of the drop-down list of its cells}."""
    headers = {cell.column_letter: cell.value for cell in sheet[1]}
    found = {}
    for validation in sheet.data_validations.dataValidation:
        assert validation.type == "list"
        for cell_range in validation.sqref.ranges:
            letter = cell_range.coord.split(":")[0].rstrip("0123456789")
            found[headers[letter]] = validation.formula1
    return found


def _values(book, formula):
    sheet_name, cells = formula.lstrip("=").split("!")
    first, last = cells.replace("$", "").split(":")
    return [row[0].value for row in book[sheet_name.strip("'")][first:last]]


def test_the_staff_template_offers_the_allowed_values_as_drop_down_lists(office_client, org):
    book = _template(office_client)
    assert book.sheetnames == ["Danh sách cán bộ", "Hướng dẫn", "Danh mục"]
    assert book["Danh mục"].sheet_state == "hidden"
    sheet = book["Danh sách cán bộ"]
    assert [c.value for c in sheet[1]][:3] == ["Họ và tên", "Giới tính", "Ngày sinh"]
    assert sheet.max_row == 1  # no row to delete before filling it in
    lists = _lists(sheet)
    assert sorted(lists) == ["Giới tính", "Loại cán bộ", "Mã đơn vị", "Đang làm việc"]
    assert _values(book, lists["Giới tính"]) == ["Nam", "Nữ"]
    assert _values(book, lists["Loại cán bộ"]) == ["Công chức", "Viên chức", "Người lao động", "Hợp đồng"]
    assert _values(book, lists["Đang làm việc"]) == ["Có", "Không"]
    assert {(v.error, v.prompt) for v in sheet.data_validations.dataValidation} == {
        ("Hãy chọn một giá trị trong danh sách của ô này.", "Chọn trong danh sách.")}
    assert _values(book, lists["Mã đơn vị"]) == [
        "Sở Thử nghiệm", "Phòng Quản lý đất đai", "Tổ Đăng ký", "Chi cục Bảo vệ môi trường"]


def test_the_unit_list_of_a_unit_heads_template_holds_only_their_units(land_head_client, org):
    book = _template(land_head_client)
    assert _values(book, _lists(book["Danh sách cán bộ"])["Mã đơn vị"]) == ["Phòng Quản lý đất đai", "Tổ Đăng ký"]


def test_two_units_of_the_same_name_are_listed_by_code(office_client, org):
    UnitFactory(code="QLDD-2", name="Tổ Đăng ký", parent=org.env)
    book = _template(office_client)
    assert _values(book, _lists(book["Danh sách cán bộ"])["Mã đơn vị"]) == [
        "Sở Thử nghiệm", "Phòng Quản lý đất đai", "QLDD-1", "Chi cục Bảo vệ môi trường", "QLDD-2"]


def test_the_example_is_on_its_own_sheet_and_never_imported(office_client, org):
    book = _template(office_client)
    guide = list(book["Hướng dẫn"].iter_rows(values_only=True))
    assert guide[2] == ("Cột", "Ví dụ", "Cách ghi")
    assert guide[3] == ("Họ và tên", "Nguyễn Văn An", "Ghi đầy đủ họ và tên, có dấu.")
    assert guide[6] == ("Mã đơn vị", "Sở Thử nghiệm", "Chọn đơn vị trong danh sách của ô (hoặc ghi mã đơn vị).")
    url = reverse("import_data", args=["staff"])

    def upload(workbook):
        data = io.BytesIO()
        workbook.save(data)
        return office_client.post(url, {"file": SimpleUploadedFile("mau-can-bo.xlsx", data.getvalue())})

    # Filled in on its first sheet, the guide left in: exactly the person written in.
    book["Danh sách cán bộ"].append(["Lê Văn Tám", "Nam", "12/03/1985", "Phòng Quản lý đất đai", "Chuyên viên",
                                     "Công chức", "051000000601", "", "", "", "Có"])
    response = upload(book)
    assert response.context["report"].errors == []
    office_client.post(url, {"confirm": "1", "token": response.context["token"]})
    assert list(Staff.objects.values_list("full_name", flat=True)) == ["Lê Văn Tám"]
    # Sent back without filling it in, or with only the guide left: nobody is added.
    empty = upload(_template(office_client))
    assert empty.context["report"].new == 0
    only_guide = _template(office_client)
    only_guide.remove(only_guide["Danh sách cán bộ"])
    assert "report" not in upload(only_guide).context
    assert list(Staff.objects.values_list("full_name", flat=True)) == ["Lê Văn Tám"]


def test_the_staff_template_is_refused_to_a_staff_member(client, make_user, org):
    client.force_login(make_user(unit=org.land))
    assert client.get(reverse("export_data", args=["staff"]) + "?template=1").status_code == 403
