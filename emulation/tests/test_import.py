import io
import unicodedata
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from emulation.models import Role, Staff, Unit
from openpyxl import load_workbook
import tablib
from awards.resources import AwardRecordResource, EvaluationResource
from emulation.imports import run_import
from emulation.resources import UnitResource

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
    staff_in(org.land)
    response = office_client.get(reverse("export_data", args=["staff"]), {"template": "1"})
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert rows == [tuple(STAFF_HEADERS)]


@pytest.mark.django_db
def test_export_escapes_a_name_that_looks_like_a_formula(office_client, org, staff_in):
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


# A write is scoped twice: the person a row matches, not only the unit it moves them into (issue 9).

def _preview(client, kind, upload):
    return client.post(reverse("import_data", args=[kind]), {"file": upload})


def _confirm(client, kind, preview):
    return client.post(reverse("import_data", args=[kind]), {"confirm": "1", "token": preview.context["token"]}, follow=True)


@pytest.mark.django_db
def test_unit_head_import_cannot_take_over_a_person_of_another_unit(land_head_client, org, staff_in):
    outsider = staff_in(org.env, full_name="Người Chi Cục", identity_number="051000000777")
    upload = xlsx(STAFF_HEADERS, [["Tên Mới", "Nam", "", "QLDD", "", "Công chức", "051000000777", "", "", "", "Không"]])
    preview = _preview(land_head_client, "staff", upload)
    assert (preview.context["report"].errors, preview.context["report"].new) == ([], 1)  # as an unknown number
    response = _confirm(land_head_client, "staff", preview)
    report = response.context["report"]
    assert [(e.row, e.column) for e in report.errors] == [(2, "Số định danh cá nhân")]
    assert "không dùng được" in report.errors[0].message
    assert "Người Chi Cục" not in response.content.decode() and "Chi cục" not in report.errors[0].message
    outsider.refresh_from_db()
    assert (outsider.full_name, outsider.unit, outsider.active) == ("Người Chi Cục", org.env, True)


@pytest.mark.django_db
def test_unit_head_import_still_updates_their_own_people(land_head_client, org, staff_in):
    mine = staff_in(org.land_team, full_name="Tên Cũ", identity_number="051000000778")
    upload = xlsx(STAFF_HEADERS, [staff_row("Tên Mới", "051000000778", unit="QLDD-1")])
    preview = _preview(land_head_client, "staff", upload)
    assert preview.context["report"].updated == 1
    _confirm(land_head_client, "staff", preview)
    assert Staff.objects.get(pk=mine.pk).full_name == "Tên Mới"


@pytest.mark.django_db
def test_award_history_and_evaluation_rows_name_only_people_the_importer_manages(org, staff_in):

    staff_in(org.env, identity_number="051000000779")
    land_scope = Unit.objects.filter(path__startswith=org.land.path)
    headers = [f.column_name for f in AwardRecordResource().get_import_fields()]
    values = {"Số định danh cá nhân": "051000000779", "Mã đơn vị": "QLDD", "Danh hiệu, hình thức": "Lao động tiên tiến",
              "Năm": 2024, "Loại hình": "Thường xuyên", "Số quyết định": "1/QĐ"}
    history = tablib.Dataset([values.get(header, "") for header in headers], headers=headers)
    report = run_import(AwardRecordResource(allowed_units=land_scope), history, dry_run=True)
    assert [e.message for e in report.errors][0] == "Không có ai thuộc các đơn vị bạn quản lý có số định danh 051000000779."
    evaluations = tablib.Dataset(["051000000779", "", 2024, "Hoàn thành xuất sắc nhiệm vụ"],
                                 headers=["Số định danh cá nhân", "Mã đơn vị", "Năm", "Mức độ hoàn thành nhiệm vụ"])
    report = run_import(EvaluationResource(allowed_units=land_scope), evaluations, dry_run=True)
    assert [e.message for e in report.errors] == ["Không có ai thuộc các đơn vị bạn quản lý có số định danh 051000000779."]


@pytest.mark.django_db
def test_unit_rows_may_change_only_units_the_importer_manages(org):

    rows = tablib.Dataset(["MT", "Đổi tên", "", "Phòng", "SO", 0, "Có"],
                          headers=["Mã đơn vị", "Tên đơn vị", "Tên viết tắt", "Loại đơn vị", "Mã đơn vị cấp trên", "Thứ tự", "Đang hoạt động"])
    report = run_import(UnitResource(allowed_units=Unit.objects.filter(path__startswith=org.land.path)), rows, dry_run=False)
    assert [(e.row, e.column) for e in report.errors] == [(2, "Mã đơn vị")]  # the preview reads it as a new unit
    assert Unit.objects.get(code="MT").name == "Chi cục Bảo vệ môi trường"


# An import is applied once (issue 9).

@pytest.mark.django_db
def test_a_preview_confirmed_twice_is_imported_once(office_client, org):
    preview = _preview(office_client, "staff", xlsx(STAFF_HEADERS, [staff_row("Không Số", "")]))
    _confirm(office_client, "staff", preview)
    response = _confirm(office_client, "staff", preview)
    assert "đã được nhập" in response.content.decode()
    assert Staff.objects.filter(full_name="Không Số").count() == 1


@pytest.mark.django_db
def test_the_same_file_uploaded_again_by_another_clerk_is_not_imported_again(client, office_user, make_user, org):
    data = xlsx(STAFF_HEADERS, [staff_row("Không Số", ""), staff_row("Có Số", "051000000780")]).read()
    client.force_login(office_user)
    _confirm(client, "staff", _preview(client, "staff", SimpleUploadedFile("ds.xlsx", data)))
    client.force_login(make_user(Role.OFFICE))
    preview = _preview(client, "staff", SimpleUploadedFile("ds-ban-sao.xlsx", data))
    assert preview.context["report"].already_imported is not None
    assert "không thể nhập lại" in preview.content.decode()
    response = _confirm(client, "staff", preview)
    assert "đã được nhập lúc" in response.content.decode()
    assert Staff.objects.count() == 2


@pytest.mark.django_db
def test_a_person_without_identity_number_is_matched_on_name_birth_and_unit(office_client, org, staff_in):
    known = staff_in(org.land, full_name="Lê Văn Tám", date_of_birth=date(1985, 3, 12), identity_number=None)
    preview = _preview(office_client, "staff", xlsx(STAFF_HEADERS, [staff_row("Lê văn Tám", ""), staff_row("Người Mới", "")]))
    report = preview.context["report"]
    assert (report.new, report.likely_duplicates) == (1, [2])
    assert "cùng họ tên, ngày sinh và đơn vị" in preview.content.decode()
    _confirm(office_client, "staff", preview)
    assert Staff.objects.filter(full_name__iexact="Lê Văn Tám").count() == 1
    assert Staff.objects.get(pk=known.pk).full_name == "Lê văn Tám"
