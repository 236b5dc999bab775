"""Imports read the lists offices already keep: title rows, wrapped headers, code-list sheets, formula
cells, .xls and Windows-1258 CSV files; columns are matched, corrected and remembered."""
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from emulation.models import ImportMapping, Staff
from emulation.tests.spreadsheets import CachedError, office_csv, office_xls, office_xlsx, to_tcvn3, to_vni, two_row_header_xlsx
import io
from openpyxl import load_workbook

TITLE = "DANH SÁCH CÁN BỘ, CÔNG CHỨC NĂM 2025"
HEADERS = ["Họ tên", "Ngày, tháng,\nnăm sinh", "Giới tính", "Chức vụ", "Tên đơn vị/tập thể\ncông tác", "Loại cán bộ", "Số CCCD"]


def person(name, number, unit="Phòng Quản lý đất đai", born="12/03/1985"):
    return [name, born, "Nam", "Chuyên viên", unit, "Công chức", number]


def preview(client, upload, kind="staff", **extra):
    return client.post(reverse("import_data", args=[kind]), {"file": upload, **extra})


def confirm(client, response, kind="staff"):
    return client.post(reverse("import_data", args=[kind]), {"confirm": "1", "token": response.context["token"]})


def mapping(report):
    return {c.header: (c.target, c.how) for c in report.columns if c.header}


@pytest.mark.django_db
def test_office_list_with_title_wrapped_headers_code_sheet_and_formulas_is_read_with_the_expected_mapping(office_client, org):
    upload = office_xlsx(
        TITLE, HEADERS, [person("Lê Văn Tám", "051000000101"), person("Trần Thị Chín", "051000000102", unit=None)],
        code_list=[["QLDD", "Phòng Quản lý đất đai"], ["MT", "Chi cục Bảo vệ môi trường"]],
        formulas={(1, 4): ("=VLOOKUP(\"MT\",DANHMUC!A:B,2,0)", "Chi cục Bảo vệ môi trường")},
    )
    response = preview(office_client, upload)
    report = response.context["report"]
    assert report.errors == []
    assert (report.header_row, report.sheet) == (3, "Danh sách")
    assert mapping(report) == {
        "STT": ("", "ignored"),
        "Họ tên": ("Họ và tên", "synonym"),
        "Ngày, tháng, năm sinh": ("Ngày sinh", "synonym"),
        "Giới tính": ("Giới tính", "name"),
        "Chức vụ": ("Chức vụ", "name"),
        "Tên đơn vị/tập thể công tác": ("Mã đơn vị", "synonym"),
        "Loại cán bộ": ("Loại cán bộ", "name"),
        "Số CCCD": ("Số định danh cá nhân", "synonym"),
    }
    assert [row for row, *_ in report.preview] == [5, 6]
    confirm(office_client, response)
    assert {p.full_name: p.unit.code for p in Staff.objects.select_related("unit")} == {"Lê Văn Tám": "QLDD", "Trần Thị Chín": "MT"}
    assert Staff.objects.get(full_name="Lê Văn Tám").date_of_birth == date(1985, 3, 12)


@pytest.mark.django_db
def test_units_are_matched_by_name_without_diacritics_abbreviation_or_code(office_client, org):
    rows = [person("Một", "051000000111", unit="phong quan ly dat dai"), person("Hai", "051000000112", unit="P. Quản lý đất đai"),
            person("Ba", "051000000113", unit="MT"), person("Bốn", "051000000114", unit="Bảo vệ môi trường")]
    report = preview(office_client, office_xlsx(TITLE, HEADERS, rows)).context["report"]
    assert report.errors == []
    assert [values[report.headers.index("Mã đơn vị")] for _, _, values, _ in report.preview] == [
        "phong quan ly dat dai", "P. Quản lý đất đai", "MT", "Bảo vệ môi trường"]
    assert report.new == 4


@pytest.mark.django_db
def test_unknown_unit_and_bad_date_are_listed_with_excel_row_and_the_files_column(office_client, org):
    rows = [person("Đúng", "051000000121"), person("Sai Đơn Vị", "051000000122", unit="Phòng Không Có"),
            person("Sai Ngày", "051000000123", born="31/02/1980")]
    response = preview(office_client, office_xlsx(TITLE, HEADERS, rows))
    errors = [(e.row, e.letter, e.column) for e in response.context["report"].errors]
    assert errors == [(6, "F", "Tên đơn vị/tập thể công tác"), (7, "C", "Ngày, tháng, năm sinh")]
    page = response.content.decode()
    assert "Không có đơn vị “Phòng Không Có”" in page
    assert "“31/02/1980”" in page
    assert "import_id_fields" not in page
    assert Staff.objects.count() == 0


@pytest.mark.django_db
def test_unknown_column_is_shown_not_read_and_can_be_matched_by_hand_then_is_remembered(office_client, office_user, org):
    headers = ["Họ và tên", "Ngày sinh", "Phòng ban", "Loại cán bộ", "Số CCCD"]
    rows = [["Lê Văn Tám", "12/03/1985", "QLDD", "Công chức", "051000000131"]]
    response = preview(office_client, office_xlsx(TITLE, headers, rows))
    report = response.context["report"]
    assert mapping(report)["Phòng ban"] == ("", "unknown")
    assert [(e.row, e.message) for e in report.errors] == [(5, "Phải ghi mã đơn vị.")]
    chosen = {f"col-{c.index}": c.target for c in report.columns}
    chosen["col-3"] = "Mã đơn vị"
    again = office_client.post(reverse("import_data", args=["staff"]), {"recheck": "1", "token": response.context["run_token"], **chosen})
    assert again.context["report"].errors == []
    assert mapping(again.context["report"])["Phòng ban"] == ("Mã đơn vị", "chosen")
    assert ImportMapping.objects.get(user=office_user, kind="staff").columns["phong ban"] == "Mã đơn vị"
    confirm(office_client, again)
    assert Staff.objects.get().unit == org.land
    # The next file with the same header is read the same way without asking.
    following = preview(office_client, office_xlsx(TITLE, headers, [["Trần Chín", "01/01/1990", "MT", "Công chức", "051000000132"]]))
    assert mapping(following.context["report"])["Phòng ban"] == ("Mã đơn vị", "remembered")
    assert following.context["report"].errors == []


@pytest.mark.django_db
def test_a_missing_required_column_is_named_in_vietnamese_never_the_libraries_message(office_client, org):
    response = preview(office_client, office_xlsx("DANH SÁCH ĐƠN VỊ", ["Tên đơn vị", "Loại đơn vị"], [["Phòng Mới", "Phòng"]]),
                       kind="units")
    page = response.content.decode()
    assert [e.column for e in response.context["report"].errors] == ["Mã đơn vị"]
    assert "Tệp không có cột “Mã đơn vị”" in page
    assert "import_id_fields" not in page and "The following fields" not in page


@pytest.mark.django_db
def test_xls_file_in_office_layout_is_imported(office_client, org):
    response = preview(office_client, office_xls(TITLE, HEADERS, [person("Lê Văn Xls", "051000000141")]))
    report = response.context["report"]
    assert (report.errors, report.header_row, report.new) == ([], 3, 1)
    confirm(office_client, response)
    assert Staff.objects.get().full_name == "Lê Văn Xls"


@pytest.mark.django_db
def test_windows_1258_csv_with_semicolons_is_read(office_client, org):
    response = preview(office_client, office_csv(HEADERS, [person("Nguyễn Đức Trung", "051000000151")]))
    report = response.context["report"]
    assert report.errors == []
    confirm(office_client, response)
    assert Staff.objects.get().full_name == "Nguyễn Đức Trung"
    assert Staff.objects.get().unit == org.land


@pytest.mark.django_db
def test_csv_whose_letters_look_garbled_asks_which_code_page(office_client, org):
    garbled = "Nguyễn Đức Trung".encode("utf-8").decode("cp1252", errors="replace")  # saved through the wrong code page
    upload = office_csv(HEADERS, [person(garbled, "051000000161")], encoding="utf-8")
    response = preview(office_client, upload)
    assert "report" not in response.context
    assert "được lưu bằng bảng mã nào" in response.content.decode()
    assert Staff.objects.count() == 0


@pytest.mark.django_db
def test_utf8_csv_chosen_explicitly_is_read_without_question(office_client, org):
    upload = office_csv(HEADERS, [person("Lê Thị Hoa", "051000000171")], encoding="utf-8")
    response = preview(office_client, upload, encoding="utf-8")
    assert response.context["report"].errors == []


@pytest.mark.django_db
def test_a_file_without_any_header_row_says_which_columns_are_expected(office_client, org):
    upload = office_xlsx("Bảng lương", ["Lương", "Phụ cấp"], [[1, 2]])
    response = preview(office_client, upload)
    assert "Không có dòng nào trong tệp ghi tên cột" in response.content.decode()


@pytest.mark.django_db
def test_section_rows_and_numbering_row_are_skipped(office_client, org):
    upload = office_xlsx(TITLE, HEADERS, [person("Một", "051000000181"), person("Hai", "051000000182")],
                         sections={0: "I. Phòng Quản lý đất đai", 1: "II. Chi cục"})
    report = preview(office_client, upload).context["report"]
    assert (report.errors, [row for row, *_ in report.preview]) == ([], [6, 8])


@pytest.mark.django_db
def test_staff_office_layout_export_has_title_headers_stt_and_imports_back_unchanged(office_client, org, staff_in):

    staff_in(org.land, full_name="Lê Văn Tám", identity_number="051000000191")
    staff_in(org.env, full_name="=Hai Cộng", identity_number="051000000192")
    exported = office_client.get(reverse("export_data", args=["staff"]) + "?layout=office")
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert sheet["A1"].value == "DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC"
    assert sheet["A2"].value.startswith("Tính đến ngày ")
    assert [c.value for c in sheet[3]][:3] == ["STT", "Họ và tên", "Giới tính"]
    assert [(r[0], r[1]) for r in sheet.iter_rows(min_row=4, values_only=True)] == [(1, "Lê Văn Tám"), (2, "'=Hai Cộng")]
    response = preview(office_client, SimpleUploadedFile("ds-can-bo.xlsx", exported.content))
    report = response.context["report"]
    assert (report.errors, report.header_row, report.new, report.unchanged) == ([], 3, 0, 2)
    confirm(office_client, response)
    assert sorted(Staff.objects.values_list("full_name", flat=True)) == ["=Hai Cộng", "Lê Văn Tám"]


@pytest.mark.django_db
def test_staff_export_is_refused_to_a_staff_member(client, make_user, org):
    client.force_login(make_user(unit=org.land))
    assert client.get(reverse("export_data", args=["staff"]) + "?layout=office").status_code == 403


@pytest.mark.django_db
def test_template_rows_made_only_of_formulas_with_empty_or_error_values_are_empty_rows(office_client, org):
    filled = [person(f"Người Số {n}", f"05100000020{n}") for n in range(1, 5)]
    template = [[None] * len(HEADERS) for _ in range(40)]
    formulas = {}
    for r in range(len(filled), len(filled) + len(template)):
        formulas[(r, -1)] = (f'=IF(B{r + 5}="","",ROW()-4)', "")
        for c in range(len(HEADERS)):
            formulas[(r, c)] = ("=VLOOKUP(A1,DANHMUC!A:B,2,0)", CachedError("#N/A")) if c == 4 else ('=IFERROR(1/0,"")', "")
    upload = office_xlsx(TITLE, HEADERS, filled + template, formulas=formulas, footer=False)
    response = preview(office_client, upload)
    report = response.context["report"]
    assert (report.errors, report.new, [row for row, *_ in report.preview]) == ([], 4, [5, 6, 7, 8])
    confirm(office_client, response)
    assert Staff.objects.count() == 4


@pytest.mark.django_db
def test_a_formula_that_gave_no_value_is_named_as_a_formula_not_as_an_empty_cell(office_client, org):
    # Issue 25 §12: the clerk sees a formula in the cell, "may not be empty" misled them.
    upload = office_xlsx(TITLE, HEADERS, [person("Lê Văn Tám", "051000000212", unit=None)],
                         formulas={(0, 4): ('=IFERROR(VLOOKUP("X",DANHMUC!A:B,2,0),"")', "")})
    report = preview(office_client, upload).context["report"]
    assert [(e.row, e.letter, e.message) for e in report.errors] == [(5, "F", (
        "Ô này có công thức (=IFERROR(VLOOKUP(\"X\",DANHMUC!A:B,2,0),\"\")) nhưng công thức không cho ra giá trị khi tệp "
        "được lưu: hãy ghi chính giá trị vào ô, hoặc mở tệp bằng Excel, kiểm tra công thức, lưu lại rồi tải lên."))]
    assert Staff.objects.count() == 0


@pytest.mark.django_db
def test_a_filled_row_whose_lookup_cached_an_error_is_still_read_and_refused(office_client, org):
    upload = office_xlsx(TITLE, HEADERS, [person("Lê Văn Tám", "051000000211", unit=None)],
                         formulas={(0, 4): ("=VLOOKUP(\"X\",DANHMUC!A:B,2,0)", CachedError("#N/A"))})
    report = preview(office_client, upload).context["report"]
    assert [(e.row, e.letter) for e in report.errors] == [(5, "F")]
    assert Staff.objects.count() == 0


@pytest.mark.django_db
def test_windows_1258_csv_with_semicolons_and_a_title_with_a_comma_finds_the_separator(office_client, org):
    titles = ["UBND TỈNH QUẢNG NGÃI, SỞ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM, Độc lập - Tự do - Hạnh phúc", TITLE]
    upload = office_csv(["Họ tên", "Ngày sinh", "Mã đơn vị", "Loại cán bộ"],
                        [["Nguyễn Đức Trung", "12/03/1985", "QLDD", "Công chức"]], title=titles)
    response = preview(office_client, upload)
    report = response.context["report"]
    assert (report.errors, report.header_row, report.new) == ([], 5, 1)
    confirm(office_client, response)
    assert list(Staff.objects.values_list("full_name", flat=True)) == ["Nguyễn Đức Trung"]


LEGACY_NAMES = ["Nguyễn Văn Tùng", "Trần Thị Ước", "Đào Duy Từ", "Vũ", "Dũng"]  # TCVN3 "Vò", "Dòng" are words too


def legacy_people(convert):
    return [[convert(name), "12/03/1985", convert("Nữ"), convert("Chuyên viên"), convert("Phòng Quản lý đất đai"),
             convert("Công chức"), f"05100000030{n}"] for n, name in enumerate(LEGACY_NAMES)]


@pytest.mark.django_db
@pytest.mark.parametrize("convert,encoding", [(to_tcvn3, "TCVN3"), (to_vni, "VNI")])
@pytest.mark.parametrize("make", ["xlsx", "xls"])
def test_names_in_an_old_encoding_under_unicode_headers_are_imported_as_unicode(office_client, org, convert, encoding, make):
    build = office_xlsx if make == "xlsx" else office_xls
    response = preview(office_client, build(TITLE, HEADERS, legacy_people(convert), name=f"danh-sach.{make}"))
    report = response.context["report"]
    assert (report.errors, report.legacy) == ([], [encoding])
    assert [values[report.headers.index("Họ và tên")] for _, _, values, _ in report.preview] == LEGACY_NAMES
    assert f"Tệp dùng bảng mã cũ ({encoding}) — đã chuyển sang Unicode" in response.content.decode()
    confirm(office_client, response)
    assert sorted(Staff.objects.values_list("full_name", "position")) == sorted((n, "Chuyên viên") for n in LEGACY_NAMES)
    assert set(Staff.objects.values_list("unit", flat=True)) == {org.land.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("convert,encoding", [(to_tcvn3, "TCVN3"), (to_vni, "VNI")])
def test_a_csv_written_entirely_in_an_old_encoding_headers_too_is_imported_as_unicode(office_client, org, convert, encoding):
    upload = office_csv([convert(h) for h in HEADERS], legacy_people(convert), encoding="latin-1",
                        title=convert("DANH SÁCH CÁN BỘ, CÔNG CHỨC"))
    response = preview(office_client, upload)
    report = response.context["report"]
    assert (report.errors, report.legacy, report.header_row) == ([], [encoding], 3)
    assert mapping(report)["Họ tên"] == ("Họ và tên", "synonym")
    confirm(office_client, response)
    assert sorted(Staff.objects.values_list("full_name", flat=True)) == sorted(LEGACY_NAMES)


@pytest.mark.django_db
def test_a_cell_that_looks_legacy_but_reads_as_no_vietnamese_is_refused_with_its_row_and_column(office_client, org):
    garbled = "Nguyễn Văn Tùng".encode().decode("cp1252")  # UTF-8 read as Windows-1252: "Nguyá»…n…"
    rows = [person("Lê Văn Tám", "051000000311"), person(garbled, "051000000312")]
    response = preview(office_client, office_xlsx(TITLE, HEADERS, rows))
    report = response.context["report"]
    assert [(e.row, e.letter, e.column) for e in report.errors] == [(6, "B", "Họ tên")]
    assert "có vẻ được gõ bằng bảng mã cũ" in response.content.decode()
    assert "token" not in response.context
    assert Staff.objects.count() == 0


@pytest.mark.django_db
def test_two_row_headers_with_a_birth_date_group_over_male_and_female_give_birth_date_and_gender(office_client, org):
    top = ["STT", "Họ và tên", "Ngày, tháng, năm sinh", None, "Đơn vị", "Loại cán bộ", "Số CCCD"]
    sub = [None, None, "Nam", "Nữ", None, None, None]
    rows = [[1, "Lê Văn Tám", "12/03/1985", None, "QLDD", "Công chức", "051000000401"],
            [2, "Trần Thị Chín", None, "01/02/1990", "MT", "Công chức", "051000000402"]]
    response = preview(office_client, two_row_header_xlsx(TITLE, top, sub, rows))
    report = response.context["report"]
    assert report.errors == []
    assert mapping(report)["Ngày, tháng, năm sinh / Nam"] == ("Ngày sinh", "synonym")
    assert mapping(report)["Ngày, tháng, năm sinh / Nữ"] == ("", "ignored")
    assert [row for row, *_ in report.preview] == [5, 6]
    confirm(office_client, response)
    people = {p.full_name: (p.date_of_birth, p.get_gender_display()) for p in Staff.objects.all()}
    assert people == {"Lê Văn Tám": (date(1985, 3, 12), "Nam"), "Trần Thị Chín": (date(1990, 2, 1), "Nữ")}


@pytest.mark.django_db
def test_two_row_headers_columns_under_a_merged_group_are_matched_by_their_own_names(office_client, org):
    top = ["STT", "Họ tên", "Ngày sinh", "Nơi công tác", None, "Loại cán bộ", "Số CCCD"]
    sub = [None, None, None, "Tên đơn vị", "Chức vụ", None, None]
    rows = [[1, "Lê Văn Tám", "12/03/1985", "Phòng Quản lý đất đai", "Chuyên viên", "Công chức", "051000000411"]]
    response = preview(office_client, two_row_header_xlsx(TITLE, top, sub, rows))
    report = response.context["report"]
    assert report.errors == []
    assert mapping(report)["Nơi công tác / Tên đơn vị"] == ("Mã đơn vị", "synonym")
    assert mapping(report)["Nơi công tác / Chức vụ"] == ("Chức vụ", "name")
    confirm(office_client, response)
    assert list(Staff.objects.values_list("full_name", "position", "unit")) == [("Lê Văn Tám", "Chuyên viên", org.land.pk)]


@pytest.mark.django_db
def test_when_the_first_sheet_has_no_header_row_the_sheets_that_have_one_are_offered_never_read_silently(office_client, office_user, org):
    def upload():
        return office_xlsx(TITLE, HEADERS, [person("Lê Văn Tám", "051000000501")], code_list_first=True,
                           code_list=[["QLDD", "Phòng Quản lý đất đai"], ["MT", "Chi cục Bảo vệ môi trường"]])

    asked = preview(office_client, upload())
    assert "report" not in asked.context
    page = asked.content.decode()
    assert "Trang tính đầu tiên “DANHMUC” không có dòng nào ghi tên cột" in page
    assert '<option value="Danh sách">Danh sách</option>' in page
    assert Staff.objects.count() == 0
    chosen = preview(office_client, upload(), sheet="Danh sách")
    report = chosen.context["report"]
    assert (report.errors, report.sheet, report.new) == ([], "Danh sách", 1)
    confirm(office_client, chosen)  # the confirmation reads the chosen sheet again
    assert list(Staff.objects.values_list("full_name", flat=True)) == ["Lê Văn Tám"]


@pytest.mark.django_db
def test_unicode_names_that_are_also_old_encoding_words_stay_as_written(office_client, org):
    # "Lê Văn Dòng" read as TCVN3 is "Lờ Vón Dũng", also Vietnamese: the rest of the file is Unicode.
    rows = [person("Lê Văn Dòng", "051000000601"), person("Vò", "051000000602"), person("Nguyễn Thị Hoa", "051000000603")]
    response = preview(office_client, office_xlsx(TITLE, HEADERS, rows))
    report = response.context["report"]
    assert (report.errors, report.legacy) == ([], [])
    confirm(office_client, response)
    assert sorted(Staff.objects.values_list("full_name", flat=True)) == ["Lê Văn Dòng", "Nguyễn Thị Hoa", "Vò"]
