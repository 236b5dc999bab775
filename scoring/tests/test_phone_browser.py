"""A unit head scores their unit on a phone (390 px): from the scoring page to the submitted
self-assessment, no page wider than the screen."""
import pytest

from scoring import workflow
from scoring.models import Assessment
from scoring.tests.factories import criteria, scoring_table

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True, device_scale_factor=2, locale="vi-VN")
    context.set_default_timeout(15000)
    tab = context.new_page()
    yield tab
    context.close()


def narrow(page):
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url


def test_a_unit_head_scores_and_submits_on_a_phone(phone, org, land_head, office_user):
    table = scoring_table()
    workflow.open_table(table, actor=office_user)
    by_kind = criteria(table)
    page = phone
    page.goto("/")
    page.get_by_label("Tên đăng nhập").fill(land_head.username)
    page.get_by_label("Mật khẩu").fill("secret-pass-123")
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng nhập").tap()
    page.goto("/scoring/")
    narrow(page)
    with page.expect_navigation():
        page.get_by_test_id("own-assessments").get_by_role("link").first.tap()
    narrow(page)
    with page.expect_navigation():
        page.get_by_test_id("write").tap()
    narrow(page)
    form = page.get_by_test_id("self-assessment")
    form.locator(f"[name=value-{by_kind['manual'].pk}]").fill("36,5")
    form.locator(f"[name=evidence-{by_kind['manual'].pk}]").fill("Báo cáo tổng kết năm")
    form.locator(f"[name=value-{by_kind['target'].pk}]").fill("180")
    form.locator(f"[name=value-{by_kind['yes_no'].pk}]").select_option("1")
    form.locator(f"[name=value-{by_kind['bonus'].pk}]").fill("2")
    with page.expect_navigation():
        form.get_by_role("button", name="Lưu").tap()
    narrow(page)
    # 36,5 + 180/200 of 30 (27) + no report required (20) + 10, bonus 2: 95,5
    assert "95,5" in page.get_by_test_id("total").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi Văn phòng").tap()
    narrow(page)
    assert Assessment.objects.get(table=table, unit=org.land).status == "submitted"
    assert "Văn phòng đang thẩm định" in page.locator("[data-status]").first.inner_text()
