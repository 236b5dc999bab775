"""The Office downloads biểu 0601.N of the demo year and the dossier package of the forwarded round."""
import io
import zipfile

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))


def test_office_downloads_form_0601_and_the_dossier_package(demo, page, login, nav):
    login("vanphong", "thidua@2025")
    nav("Khen thưởng", "Biểu mẫu thống kê")
    page.get_by_label("Năm").fill("2025")
    page.get_by_role("button", name="Xem").click()
    page.get_by_role("link", name="Biểu số 0601.N/BNV-TĐKT").click()
    expect(page.get_by_text("SỐ PHONG TRÀO THI ĐUA", exact=True)).to_be_visible()
    page.locator('[data-cell="11-1"]').click()
    expect(page.locator("#drill-down")).to_contain_text("chuyển đổi số")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải PDF").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải Excel").click()
    with open(download.value.path(), "rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    total = next(row for row in sheet.iter_rows(values_only=True) if row[1] == "01")
    assert total[:3] == ("Tổng số", "01", 2)

    nav("Khen thưởng", "Hồ sơ trình tỉnh")
    page.get_by_role("link", name="Xét khen thưởng tổng kết năm 2025").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải bộ hồ sơ").click()
    with open(download.value.path(), "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    names = archive.namelist()
    assert names[0] == "00-MUC-LUC.txt" and "01-to-trinh-va-danh-sach.pdf" in names
    assert any(name.endswith("xac-nhan-sang-kien-cap-tinh.pdf") for name in names)
