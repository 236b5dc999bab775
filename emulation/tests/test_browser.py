"""The organisation pages driven in a real Chromium, as a person would use them."""
import re

import pytest
from playwright.sync_api import expect
from emulation.models import Staff
from emulation.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_sees_vietnamese_login_page(page):
    page.goto("/")
    assert re.search(r"/accounts/login/", page.url)
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("button", name="Đăng nhập").is_visible()


def test_office_finds_staff_without_accents(demo_data, page, login, nav):
    login("vanphong", "thidua@2025")
    nav("Tổ chức", "Cán bộ")
    page.get_by_label("Tìm kiếm").fill("nguyen duc trung")
    page.get_by_role("button", name="Lọc").click()
    page.get_by_role("link", name="Nguyễn Đức Trung").click()
    expect(page.get_by_role("heading", name="Nguyễn Đức Trung")).to_be_visible()  # waits for the staff page
    expect(page.get_by_text("Lịch sử thay đổi")).to_be_visible()


def test_each_demo_login_sees_its_own_navigation(demo_data, page, login):
    expected = {
        "vanphong": {"Đơn vị", "Cán bộ"},
        "lanhdao.qldd": {"Đơn vị", "Cán bộ"},
        "canbo": set(),
    }
    for username, wanted in expected.items():
        login(username, "thidua@2025")
        links = {text.strip() for text in page.locator("#mainnav .navbar-nav.me-auto a").all_text_contents()}
        assert wanted <= links
        if not wanted:
            assert not {"Đơn vị", "Cán bộ"} & links


def test_unit_head_gets_not_found_for_other_unit_staff(demo_data, page, login):
    other = Staff.objects.filter(unit__code="VPDK").first()
    login("lanhdao.qldd", "thidua@2025")
    response = page.goto(f"/staff/{other.pk}/")
    assert response.status == 404


def test_staff_form_shows_the_unit_pickers_required_message_and_the_date_format(page, login, make_user, org):
    """Issue 26 item 8: the unit picker's "required" message is visible (not only a red outline), and an
    impossible date is told the format dd/mm/yyyy."""
    make_user(Role.OFFICE, username="vanphong")
    login("vanphong")
    page.goto("/staff/new/")
    page.get_by_label("Họ và tên").fill("Nguyễn Văn A")
    page.get_by_label("Ngày sinh").fill("31/02/2025")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.locator("#id_unit_error").wait_for()
    assert page.locator("#id_unit_error").is_visible()
    assert page.locator("#id_unit_error").inner_text() == "Trường này là bắt buộc."
    assert page.locator("#id_date_of_birth_error").is_visible()
    assert "dd/mm/yyyy" in page.locator("#id_date_of_birth_error").inner_text()
