import io
import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from emulation.models import Staff, Unit

STAFF_HEADERS = ["Họ và tên", "Giới tính", "Ngày sinh", "Mã đơn vị", "Chức vụ", "Loại cán bộ",
                 "Số định danh cá nhân", "Thư điện tử", "Điện thoại", "Ngày bắt đầu công tác", "Đang làm việc"]


def xlsx(headers, rows, name="file.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def staff_row(name, number, unit="QLDD", born="12/03/1985"):
    return [name, "Nam", born, unit, "Chuyên viên", "Công chức", number, "", "", "", "Có"]


@pytest.mark.django_db
def test_staff_import_preview_writes_nothing(office_client, org):
    upload = xlsx(STAFF_HEADERS, [staff_row("Lê Văn Tám", "051000000101"), staff_row("Trần Thị Chín", "051000000102")])
    response = office_client.post(reverse("import_data", args=["staff"]), {"file": upload})
    assert response.status_code == 200
    report = response.context["report"]
    assert (report.ok, report.new) == (True, 2)
    assert Staff.objects.count() == 0


@pytest.mark.django_db
def test_staff_import_confirm_writes_rows(office_client, org):
    upload = xlsx(STAFF_HEADERS, [staff_row("Lê Văn Tám", "051000000101"), staff_row("Trần Thị Chín", "051000000102")])
    preview = office_client.post(reverse("import_data", args=["staff"]), {"file": upload})
    response = office_client.post(reverse("import_data", args=["staff"]), {"confirm": "1", "token": preview.context["token"]})
    assert response.status_code == 302
    assert sorted(Staff.objects.values_list("full_name", flat=True)) == ["Lê Văn Tám", "Trần Thị Chín"]
    assert Staff.objects.get(full_name="Lê Văn Tám").date_of_birth.isoformat() == "1985-03-12"


@pytest.mark.django_db
def test_staff_import_with_bad_rows_is_refused_whole_with_one_message_per_bad_row(office_client, org):
    upload = xlsx(STAFF_HEADERS, [
        staff_row("Người Tốt", "051000000201"),
        staff_row("Ngày Sai", "051000000202", born="31/02/1990"),
        staff_row("Trùng Số", "051000000201"),
        staff_row("Sai Đơn Vị", "051000000204", unit="KHONGCO"),
    ])
    response = office_client.post(reverse("import_data", args=["staff"]), {"file": upload})
    errors = [(e.row, e.column) for e in response.context["report"].errors]
    assert errors == [(3, "Ngày sinh"), (4, "Số định danh cá nhân"), (5, "Mã đơn vị")]
    messages = [e.message for e in response.context["report"].errors]
    assert "31/02/1990" in messages[0]
    assert "dòng 2" in messages[1].lower() or "row 2" in messages[1].lower()
    assert "KHONGCO" in messages[2]
    assert Staff.objects.count() == 0
    assert "token" not in response.context


@pytest.mark.django_db
def test_staff_import_row_with_existing_identity_number_updates_that_person(office_client, org, staff_in):
    staff_in(org.land, identity_number="051000000301", full_name="Đã Có")
    upload = xlsx(STAFF_HEADERS, [staff_row("Cập Nhật Tên", "051000000301")])
    preview = office_client.post(reverse("import_data", args=["staff"]), {"file": upload})
    assert (preview.context["report"].updated, preview.context["report"].new) == (1, 0)


@pytest.mark.django_db
def test_staff_import_stores_decomposed_names_composed(office_client, org):
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết")
    upload = xlsx(STAFF_HEADERS, [staff_row(decomposed, "051000000401")])
    preview = office_client.post(reverse("import_data", args=["staff"]), {"file": upload})
    office_client.post(reverse("import_data", args=["staff"]), {"confirm": "1", "token": preview.context["token"]})
    stored = Staff.objects.get().full_name
    assert stored == unicodedata.normalize("NFC", "Nguyễn Thị Ánh Tuyết")


@pytest.mark.django_db
def test_staff_import_error_messages_are_in_vietnamese(office_client, org):
    upload = xlsx(STAFF_HEADERS, [staff_row("Ngày Sai", "051000000501", born="hôm qua")])
    response = office_client.post(reverse("import_data", args=["staff"]), {"file": upload})
    assert "không phải là ngày" in response.context["report"].errors[0].message


@pytest.mark.django_db
def test_unit_head_import_refuses_staff_of_other_units(land_head_client, org):
    upload = xlsx(STAFF_HEADERS, [staff_row("Người Lạ", "051000000601", unit="MT")])
    response = land_head_client.post(reverse("import_data", args=["staff"]), {"file": upload})
    assert [(e.row, e.column) for e in response.context["report"].errors] == [(2, "Mã đơn vị")]


@pytest.mark.django_db
def test_import_refuses_other_file_types(office_client, org):
    upload = SimpleUploadedFile("danh-sach.pdf", b"%PDF-1.4")
    response = office_client.post(reverse("import_data", args=["staff"]), {"file": upload})
    assert response.context["form"].errors["file"]


@pytest.mark.django_db
def test_import_refuses_oversized_file(office_client, org, settings):
    settings.IMPORT_MAX_BYTES = 100
    upload = xlsx(STAFF_HEADERS, [staff_row("Ai Đó", "051000000701")])
    response = office_client.post(reverse("import_data", args=["staff"]), {"file": upload})
    assert response.context["form"].errors["file"]
    assert Staff.objects.count() == 0


@pytest.mark.django_db
def test_import_stops_at_row_cap(office_client, org, settings):
    settings.IMPORT_MAX_ROWS = 2
    upload = xlsx(STAFF_HEADERS, [staff_row(f"Người {i}", f"05100000080{i}") for i in range(3)])
    response = office_client.post(reverse("import_data", args=["staff"]), {"file": upload})
    assert response.context["form"].errors["file"]


@pytest.mark.django_db
def test_confirm_with_unknown_token_imports_nothing(office_client, org):
    response = office_client.post(reverse("import_data", args=["staff"]), {"confirm": "1", "token": "forged"})
    assert response.status_code == 302
    assert Staff.objects.count() == 0


UNIT_HEADERS = ["Mã đơn vị", "Tên đơn vị", "Tên viết tắt", "Loại đơn vị", "Mã đơn vị cấp trên", "Thứ tự", "Đang hoạt động"]


@pytest.mark.django_db
def test_unit_import_creates_tree_in_file_order(office_client, org):
    upload = xlsx(UNIT_HEADERS, [
        ["TTMOI", "Trung tâm Mới", "TT Mới", "Trung tâm", "SO", 5, "Có"],
        ["TTMOI-1", "Tổ Kỹ thuật", "", "Khác", "TTMOI", 1, "Có"],
    ])
    preview = office_client.post(reverse("import_data", args=["units"]), {"file": upload})
    assert preview.context["report"].ok, preview.context["report"].errors
    office_client.post(reverse("import_data", args=["units"]), {"confirm": "1", "token": preview.context["token"]})
    child = Unit.objects.get(code="TTMOI-1")
    assert child.parent.code == "TTMOI"
    assert child.path.startswith(org.department.path)


@pytest.mark.django_db
def test_unit_import_refuses_unknown_kind(office_client, org):
    upload = xlsx(UNIT_HEADERS, [["X1", "Đơn vị X", "", "Không rõ", "SO", 1, "Có"]])
    response = office_client.post(reverse("import_data", args=["units"]), {"file": upload})
    assert [(e.row, e.column) for e in response.context["report"].errors] == [(2, "Loại đơn vị")]


@pytest.mark.django_db
def test_export_then_import_round_trip_changes_nothing(office_client, org, staff_in):
    staff_in(org.land, identity_number="051000000901", full_name="Vòng Tròn")
    exported = office_client.get(reverse("export_data", args=["staff"]))
    upload = SimpleUploadedFile("can-bo.xlsx", exported.content)
    response = office_client.post(reverse("import_data", args=["staff"]), {"file": upload})
    report = response.context["report"]
    assert (report.ok, report.new, report.updated, report.unchanged) == (True, 0, 0, 1)


@pytest.mark.django_db
def test_empty_template_has_the_import_headers_and_no_rows(office_client, org, staff_in):
    from openpyxl import load_workbook

    staff_in(org.land)
    response = office_client.get(reverse("export_data", args=["staff"]), {"template": "1"})
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert rows == [tuple(STAFF_HEADERS)]


@pytest.mark.django_db
def test_export_escapes_a_name_that_looks_like_a_formula(office_client, org, staff_in):
    from openpyxl import load_workbook

    staff_in(org.land, full_name="=HYPERLINK(\"http://x\")")
    response = office_client.get(reverse("export_data", args=["staff"]))
    names = [row[0] for row in load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert names == ["'=HYPERLINK(\"http://x\")"]


@pytest.mark.django_db
def test_escaped_name_comes_back_unchanged_when_the_export_is_imported(office_client, org, staff_in):
    person = staff_in(org.land, identity_number="051000000902", full_name="-Tên lạ")
    exported = office_client.get(reverse("export_data", args=["staff"]))
    preview = office_client.post(reverse("import_data", args=["staff"]), {"file": SimpleUploadedFile("x.xlsx", exported.content)})
    assert preview.context["report"].unchanged == 1
    person.refresh_from_db()
    assert person.full_name == "-Tên lạ"
