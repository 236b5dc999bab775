"""“Chọn tất cả các đơn vị trễ hạn” on the follow-up board, in a real Chromium (the static script, under the CSP)."""
from datetime import date

import pytest

from campaigns.models import ReportingPeriod

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_choose_every_overdue_unit_ticks_only_overdue_cells(page, login, issued_plan, org, office_user):
    late = ReportingPeriod.objects.create(plan=issued_plan, kind="quarter", name="Quý I năm 2025",
                                          start=date(2025, 1, 1), end=date(2025, 3, 31), due=date(2025, 4, 8))
    late.units.set([org.land, org.env])
    login(office_user.username)
    page.goto("/campaigns/board/?plan=&period=&state=&unit=")
    boxes = page.locator("input[name='cells'][data-state='overdue']")
    assert boxes.count() == 2
    page.get_by_label("Chọn tất cả các đơn vị trễ hạn").check()
    assert [boxes.nth(i).is_checked() for i in range(2)] == [True, True]
    page.get_by_label("Chọn tất cả các đơn vị trễ hạn").uncheck()
    assert [boxes.nth(i).is_checked() for i in range(2)] == [False, False]
