"""In a browser on a phone-wide screen: the skip link comes first and takes the focus to the content, the
focus ring shows in the blue navbar, and the guide is reached from the bar (issue 26 item 10)."""
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_keyboard_reaches_the_skip_link_first_then_a_visible_ring_in_the_navbar(demo_data, page, login):
    page.set_viewport_size({"width": 390, "height": 844})
    login("giamdoc", "thidua@2025")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Tab")
    brand = page.locator(".navbar-brand")
    expect(brand).to_be_focused()
    assert brand.evaluate("e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineColor") == \
        "solid rgb(255, 255, 255)"
    page.screenshot(path="/tmp/guide-focus.png")

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()


def test_director_opens_the_guide_from_the_bar_and_follows_a_step(demo_data, page, login):
    page.set_viewport_size({"width": 390, "height": 844})
    login("giamdoc", "thidua@2025")
    page.locator(".navbar-toggler").click()
    page.locator("#mainnav").get_by_role("link", name="Hướng dẫn sử dụng").click()

    expect(page.get_by_role("heading", name="Hướng dẫn sử dụng")).to_be_visible()
    page.screenshot(path="/tmp/guide-page.png", full_page=True)
    page.get_by_role("link", name="Theo dõi tiến độ").click()
    expect(page.get_by_role("heading", name="Bảng điều hành")).to_be_visible()
    page.screenshot(path="/tmp/dashboard-phone.png", full_page=True)
