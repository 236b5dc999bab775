"""Warnings before likely mistakes (issue 26 item 5): shown with what is wrong, and nothing changes until
the user confirms “Tôi đã kiểm tra, vẫn tiếp tục”."""
from datetime import date

import pytest
from django.urls import reverse

from campaigns.models import ReportingPeriod

pytestmark = pytest.mark.django_db


def _period_data(plan, org, **extra):
    return {"plan": plan.pk, "kind": "quarter", "name": "Quý I năm 2026", "start": "01/01/2026",
            "end": "31/03/2026", "due": "08/04/2026", "units": [org.land.pk], **extra}


@pytest.fixture
def today_2026_12(monkeypatch):
    monkeypatch.setattr("emulation.calendar.today", lambda: date(2026, 12, 7))


def test_period_with_a_past_due_date_warns_and_saves_nothing_until_confirmed(office_client, issued_plan, org,
                                                                             today_2026_12):
    response = office_client.post(reverse("campaigns:period_create"), _period_data(issued_plan, org))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Hạn nộp 08/04/2026 đã qua" in page
    assert "Tôi đã kiểm tra, vẫn tiếp tục" in page
    assert 'type="checkbox" name="confirm_warnings"' in page
    assert ReportingPeriod.objects.count() == 0
    response = office_client.post(reverse("campaigns:period_create"),
                                  _period_data(issued_plan, org, confirm_warnings="on"))
    assert response.status_code == 302
    assert ReportingPeriod.objects.get().due == date(2026, 4, 8)


def test_period_with_a_future_due_date_saves_without_a_warning(office_client, issued_plan, org, today_2026_12):
    response = office_client.post(reverse("campaigns:period_create"), _period_data(
        issued_plan, org, name="Quý I năm 2027", start="01/01/2027", end="31/03/2027", due="08/04/2027"))
    assert response.status_code == 302
    assert ReportingPeriod.objects.count() == 1


def test_period_form_hides_the_confirm_box_when_nothing_is_wrong(office_client):
    page = office_client.get(reverse("campaigns:period_create")).content.decode()
    assert 'type="hidden" name="confirm_warnings"' in page
    assert "Tôi đã kiểm tra" not in page
