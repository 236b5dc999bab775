"""On the demo data: the Office downloads biểu 0601.N of the demo year and the dossier package of the
forwarded round, finds the issued six-month report (its PDF from the archive) and the draft annual report;
a unit head downloads their accepted report as an official PDF."""
import io
import zipfile

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from emulation.documents.tests.pdftools import pdf_text
from reports.statistics.forms import FORMS
from reports.statistics.tables import build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_downloads_form_0601_the_dossier_package_and_the_demo_summary_reports(demo_data, page, login, nav):
    assert {slug: build(slug, 2025).values()["01"][0] > 0 for slug in FORMS} == dict.fromkeys(FORMS, True)  # none empty
    login("vanphong", "thidua@2025")
    nav("Khen thưởng", "Biểu mẫu thống kê")
    page.get_by_label("Năm").fill("2025")
    page.get_by_role("button", name="Xem").click()
    page.get_by_role("link", name="Biểu số 0601.N/BNV-TĐKT").click()
    expect(page.get_by_text("SỐ PHONG TRÀO THI ĐUA", exact=True)).to_be_visible()
    page.locator('[data-cell="11-1"]').click()
    expect(page.locator("#drill-down")).to_contain_text("chuyển đổi số")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải về").click()
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

    # The demo's summary reports of the seed plan: the six-month review issued, the annual one a draft.
    nav("Phong trào thi đua", "Báo cáo sơ kết, tổng kết")
    rows = page.locator("[data-testid='summary-row']")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Sơ kết phong trào thi đua 6 tháng đầu năm 2025")).to_contain_text("Đã ban hành")
    expect(rows.filter(has_text="Tổng kết phong trào thi đua năm 2025")).to_contain_text("Dự thảo")
    page.get_by_role("link", name="Sơ kết phong trào thi đua 6 tháng đầu năm 2025").click()
    with page.expect_download() as download:
        page.locator("[data-testid='issued-pdf-download']").click()
    with open(download.value.path(), "rb") as handle:
        text = " ".join(pdf_text(handle.read()).split())
    assert "Số: 01/BC-STNMT" in text and "DỰ THẢO" not in text

    # A unit head files their own accepted report as an official PDF.
    login("lanhdao.qldd", "thidua@2025")
    nav("Phong trào thi đua", "Báo cáo đơn vị đã tiếp nhận (PDF)")
    link = page.locator("[data-testid='unit-report-row']").first.get_by_role("link", name="PDF")
    response = page.request.get(link.get_attribute("href"))  # shown inline by the browser: read it as it does
    text = " ".join(pdf_text(response.body()).split())
    assert response.headers["content-type"] == "application/pdf"
    assert "PHÒNG QUẢN LÝ ĐẤT ĐAI" in text and "BÁO CÁO" in text
