"""The Director clears a batch of approvals on a phone: a 390×844 touch window, no page wider than it."""
import pytest

from awards.models import Nomination
from awards.tests.factories import NominationFactory, RoundFactory, council_passed
import importlib
from django.apps import apps
from awards.models import AwardType

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue(transactional_db):
    """The award catalogue of migration 0002 (a browser test before this one may have emptied the tables)."""


    if not AwardType.objects.exists():
        importlib.import_module("awards.migrations.0002_load_catalogue").load(apps, None)


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True, device_scale_factor=2, locale="vi-VN")
    context.set_default_timeout(15000)
    tab = context.new_page()
    yield tab
    context.close()


def fits(page):
    """The page does not scroll sideways, and every visible button and checkbox is at least 44 px."""
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url
    small = page.evaluate("""() => [...document.querySelectorAll('main .btn, main input[type=checkbox]')]
        .filter(e => e.offsetParent !== null)
        .map(e => e.getBoundingClientRect())
        .filter(r => r.height < 44 || r.width < 44).length""")
    assert small == 0, page.url


def test_director_approves_a_batch_on_a_phone(catalogue, phone, director_user, office_user, org, staff_in):
    page = phone
    round_ = RoundFactory()
    voted = [council_passed(NominationFactory(round=round_, staff=staff_in(org.land)), office_user) for _ in range(3)]
    page.goto("/")
    fits(page)
    page.get_by_label("Tên đăng nhập").fill(director_user.username)
    page.get_by_label("Mật khẩu").fill("secret-pass-123")
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng nhập").tap()
    fits(page)
    with page.expect_navigation():
        page.get_by_text("Đề nghị chờ duyệt").tap()
    fits(page)
    for nomination in voted[:2]:
        page.get_by_label(f"Chọn {nomination.nominee_name}").tap()
    with page.expect_navigation():
        page.get_by_role("button", name="Thực hiện cho các đề nghị đã chọn").tap()
    listed = page.locator("[data-testid='bulk-list']").inner_text()
    fits(page)
    assert [voted[0].nominee_name in listed, voted[1].nominee_name in listed, voted[2].nominee_name in listed] == [
        True, True, False]
    assert set(Nomination.objects.values_list("status", flat=True)) == {Nomination.Status.VOTED}
    with page.expect_navigation():
        page.get_by_role("button", name="Xác nhận").tap()
    page.get_by_text("Đã xử lý 2 đề nghị.").wait_for()
    fits(page)
    statuses = dict(Nomination.objects.values_list("pk", "status"))
    assert [statuses[n.pk] for n in voted] == [Nomination.Status.APPROVED, Nomination.Status.APPROVED,
                                               Nomination.Status.VOTED]
    with page.expect_navigation():
        page.get_by_role("link", name=voted[2].nominee_name).tap()
    fits(page)
