"""The plan's life in a real Chromium: the Office drafts and submits, the Director approves, the Office
issues, and the PDF downloads."""
import re
from pathlib import Path

import pytest

from campaigns.models import Plan
from emulation.documents.tests.pdftools import pdf_text
from emulation.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_drafts_director_approves_and_the_pdf_downloads(page, login, make_user, nav):
    make_user(Role.OFFICE, username="vp")
    make_user(Role.DIRECTOR, username="gd")

    login("vp")
    nav("Phong trào thi đua", "Kế hoạch thi đua")
    page.get_by_role("link", name="Kế hoạch mới").click()
    page.get_by_label("Trích yếu").fill("Phát động phong trào thi đua năm 2026")
    page.get_by_label("Từ năm").fill("2026")
    page.get_by_label("Đến năm").fill("2026")
    page.get_by_label("Người ký").fill("Nguyễn Đức Trung")
    page.get_by_role("button", name="Lưu").click()

    page.locator("#id_item_text").fill("Thi đua cải cách hành chính")
    page.get_by_role("button", name="Thêm nội dung thi đua").click()
    page.get_by_text("Thi đua cải cách hành chính").wait_for()
    page.locator("#id_item_text").fill("Thi đua chuyển đổi số")
    page.get_by_role("button", name="Thêm nội dung thi đua").click()
    page.get_by_text("Thi đua chuyển đổi số").wait_for()
    page.locator("textarea[id^=id_point]").first.fill("Giải quyết hồ sơ đúng hạn")
    page.get_by_role("button", name="Thêm ý nhỏ").first.click()
    page.get_by_text("1.1").wait_for()
    page.get_by_role("link", name="Xong: về trang kế hoạch").click()
    page.locator("#confirmed-submit").check()  # what cannot be undone asks first
    page.get_by_role("button", name="Trình Giám đốc").click()
    page.get_by_text("Đã trình Giám đốc").first.wait_for()
    detail = page.url

    login("gd")
    page.goto(detail)
    page.get_by_role("button", name="Phê duyệt").click()
    page.get_by_text("Đã phê duyệt").first.wait_for()

    login("vp")
    page.goto(detail)
    # Nothing was written under “Mục đích, yêu cầu” and “Nơi nhận”: issuing warns and asks to confirm.
    page.get_by_text("Phần “Nơi nhận” đang để trống.").wait_for()
    page.get_by_label("Tôi đã kiểm tra, vẫn tiếp tục").check()
    page.locator("#confirmed-issue").check()
    page.get_by_role("button", name="Ban hành (cấp số)").click()
    page.get_by_text("Đã ban hành").first.wait_for()
    shown = page.request.get(page.locator("[data-testid='plan-pdf']").get_attribute("href"))
    assert shown.headers["content-disposition"].startswith("inline")  # "Xem PDF" opens the browser's viewer
    with page.expect_download() as download_info:
        page.locator("[data-testid='plan-pdf-download']").click()
    data = Path(download_info.value.path()).read_bytes()

    text = " ".join(pdf_text(data).split())
    assert download_info.value.suggested_filename == "01-KH-STNMT.pdf"
    assert re.search(r"Số: 01/KH-STNMT .*1\. Thi đua cải cách hành chính - Giải quyết hồ sơ đúng hạn "
                     r"2\. Thi đua chuyển đổi số", text)
    assert Plan.objects.get().status == "issued"
