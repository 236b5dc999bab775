"""In a real Chromium, without logging in: the address printed under the QR code opens the verification
page, which confirms a genuine copy and refuses a modified one."""
import datetime

import pytest
from playwright.sync_api import expect

from emulation.documents import DocumentHeader, Signature, SignAuthority, issue_document
from emulation.tests.factories import UnitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anyone_checks_a_copy_on_the_verification_page(test_templates, page, tmp_path):
    header = DocumentHeader(type_name="KẾ HOẠCH", summary="Bí mật", number=5, symbol="KH-STNMT",
                            issue_date=datetime.date(2026, 1, 5), signature=Signature.of(SignAuthority.DIRECTOR, "A"))
    issued = issue_document(UnitFactory(), "letter", "documents_test/letter.html", {"doc": header}, number=5,
                            symbol="KH-STNMT", issue_date=datetime.date(2026, 1, 5))
    genuine, modified = tmp_path / "ban-chinh.pdf", tmp_path / "ban-sua.pdf"
    genuine.write_bytes(bytes(issued.pdf))
    modified.write_bytes(bytes(issued.pdf).replace(b"/Producer", b"/Producex", 1) + b"\n%sua")

    page.goto(f"/verify/{issued.verification_code}/")
    expect(page.get_by_test_id("verify-result")).to_contain_text("Văn bản này đã được ban hành")
    expect(page.get_by_test_id("verify-result")).to_contain_text("05/KH-STNMT")
    expect(page.locator("body")).not_to_contain_text("Bí mật")

    page.get_by_label("Tệp PDF cần kiểm tra").set_input_files(str(genuine))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.get_by_test_id("upload-result")).to_contain_text("trùng khớp hoàn toàn")

    page.get_by_label("Tệp PDF cần kiểm tra").set_input_files(str(modified))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.get_by_test_id("upload-result")).to_contain_text("không phải là văn bản đã ban hành")
