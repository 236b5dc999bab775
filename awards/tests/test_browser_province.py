"""The province level in a real Chromium: the province's specialist returns a forwarded dossier with a
reason, the agency's Office forwards it again, the specialist accepts it, the provincial council passes it,
the Chủ tịch decides it and the agency's Office opens the decision from its dossier and its list."""
import re

import pytest
from playwright.sync_api import expect

from awards.catalogue_data import load
from awards.models import AwardRecord, AwardType, Forwarding, Rule, RuleSet
from awards.tests.test_province import forwarded, province_votes, world  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue(transactional_db):
    load(AwardType, RuleSet, Rule)


def test_a_forwarded_dossier_is_returned_forwarded_again_accepted_and_decided_in_the_browser(
        catalogue, world, page, login):  # noqa: F811
    nomination = forwarded(world, name="Đặng Đình Khoa")
    dossier = nomination.forwarding

    login("chuyenvien.btd")
    page.goto("/awards/province/")
    page.get_by_role("link", name="Đặng Đình Khoa").click()
    return_form = page.locator("form", has=page.locator('[data-action="return"]'))
    return_form.get_by_placeholder("Lý do (bắt buộc)").fill("Thiếu xác nhận của Thủ trưởng đơn vị")
    return_form.get_by_role("button", name="Trả lại cơ quan").click()
    expect(page.get_by_text("Tỉnh trả lại cơ quan").first).to_be_visible()

    login(world.office.username)
    page.goto(f"/awards/nominations/{nomination.pk}/")
    expect(page.get_by_test_id("forwarding-state")).to_contain_text("Thiếu xác nhận của Thủ trưởng đơn vị")
    page.get_by_role("button", name="Trình tỉnh lại").click()
    expect(page.get_by_test_id("forwarding-state")).to_contain_text("Tỉnh đã nhận")

    login("chuyenvien.btd")
    page.goto(f"/awards/province/{dossier.pk}/")
    page.get_by_role("button", name="Thẩm định đạt").click()
    expect(page.get_by_text("Thẩm định đạt: trình Hội đồng tỉnh").first).to_be_visible()
    province_votes(world)  # the provincial council's session: every member votes for it, the Office closes it
    page.goto(f"/awards/province/{dossier.pk}/")
    expect(page.get_by_test_id("province-council-result")).to_contain_text("đạt")

    login("chutich")
    page.goto("/awards/province/decisions/new/")
    page.get_by_label(re.compile("Đặng Đình Khoa")).check()
    page.get_by_role("button", name=re.compile("Ban hành")).click()
    expect(page.get_by_text("01/QĐ-UBND").first).to_be_visible()
    dossier.refresh_from_db()
    assert dossier.status == Forwarding.Status.DECIDED
    assert AwardRecord.objects.get(nomination=nomination).decision_number == "01/QĐ-UBND"

    login(world.office.username)
    page.goto(f"/awards/nominations/{nomination.pk}/")
    expect(page.get_by_test_id("province-decision")).to_contain_text("01/QĐ-UBND")
    page.goto("/awards/forwarded/")
    expect(page.get_by_test_id("agency-forwarded-row")).to_contain_text("01/QĐ-UBND")
