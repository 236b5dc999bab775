"""Warnings before likely mistakes (issue 26 item 5): shown with what is wrong, and nothing changes until
the user confirms “Tôi đã kiểm tra, vẫn tiếp tục”."""
from datetime import date

import pytest
from django.urls import reverse

from campaigns.models import PlanStatus, ReportingPeriod
from campaigns.tests.factories import ContentItemFactory, GoalFactory, PlanFactory, RecipientFactory

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


FILL_IN_SIGNER = "Hãy ghi người ký kế hoạch trước khi trình."


# Plans -------------------------------------------------------------------------------------------------


def _approved_plan(**parts):
    plan = PlanFactory(status=PlanStatus.APPROVED)
    ContentItemFactory(plan=plan)
    if parts.get("goal"):
        GoalFactory(plan=plan)
    if parts.get("recipient"):
        RecipientFactory(plan=plan)
    return plan


def test_plan_issued_without_goals_and_recipients_warns_and_stays_approved(office_client):
    plan = _approved_plan()
    page = office_client.get(reverse("campaigns:plan_detail", args=[plan.pk])).content.decode()
    assert "Phần “Mục đích, yêu cầu” đang để trống." in page
    assert "Phần “Nơi nhận” đang để trống." in page
    assert 'name="confirm_warnings"' in page
    response = office_client.post(reverse("campaigns:plan_action", args=[plan.pk, "issue"]), {"confirmed": "on"},
                                  follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Phần “Mục đích, yêu cầu” đang để trống. Phần “Nơi nhận” đang để trống. Xin kiểm tra lại kế hoạch; nếu vẫn "
        "muốn ban hành, đánh dấu “Tôi đã kiểm tra, vẫn tiếp tục” rồi bấm nút một lần nữa."]
    plan.refresh_from_db()
    assert (plan.status, plan.number) == (PlanStatus.APPROVED, None)
    office_client.post(reverse("campaigns:plan_action", args=[plan.pk, "issue"]), {"confirm_warnings": "on", "confirmed": "on"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED and plan.number


def test_plan_with_goals_and_recipients_issues_without_a_warning(office_client):
    plan = _approved_plan(goal=True, recipient=True)
    page = office_client.get(reverse("campaigns:plan_detail", args=[plan.pk])).content.decode()
    assert 'name="confirm_warnings"' not in page
    office_client.post(reverse("campaigns:plan_action", args=[plan.pk, "issue"]), {"confirmed": "on"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED


def test_plan_without_signer_asks_for_it_at_the_submit_step(office_client):
    plan = PlanFactory(signer_name="")
    ContentItemFactory(plan=plan)
    page = office_client.get(reverse("campaigns:plan_detail", args=[plan.pk])).content.decode()
    assert 'data-testid="signer-form"' in page
    assert 'name="signer_name"' in page and "required" in page.split('name="signer_name"')[1].split(">")[0]
    assert "Trước khi trình Giám đốc, hãy điền người ký kế hoạch." in page
    assert f'action="{reverse("campaigns:plan_action", args=[plan.pk, "submit"])}"' not in page


def test_plan_submitted_without_signer_is_refused_and_nothing_changes(office_client):
    plan = PlanFactory(signer_name="")
    ContentItemFactory(plan=plan)
    response = office_client.post(reverse("campaigns:plan_submit_with_signer", args=[plan.pk]),
                                  {"signer_authority": "deputy", "signer_name": "", "revision": plan.revision},
                                  follow=True)
    assert [str(m) for m in response.context["messages"]] == [FILL_IN_SIGNER]
    plan.refresh_from_db()
    assert (plan.status, plan.signer_name) == (PlanStatus.DRAFT, "")


def test_plan_submitted_with_the_signer_filled_in_there(office_client):
    plan = PlanFactory(signer_name="")
    ContentItemFactory(plan=plan)
    data = {"signer_authority": "deputy", "signer_name": "Trần Văn Ký", "revision": plan.revision}
    url = reverse("campaigns:plan_submit_with_signer", args=[plan.pk])
    assert 'id="confirmed-submit"' in office_client.get(reverse("campaigns:plan_detail", args=[plan.pk])).content.decode()
    office_client.post(url, data)  # not confirmed (campaigns/tests/test_confirm.py): nothing changes
    plan.refresh_from_db()
    assert (plan.status, plan.signer_name) == (PlanStatus.DRAFT, "")
    office_client.post(url, {**data, "confirmed": "on"})
    plan.refresh_from_db()
    assert (plan.status, plan.signer_name, plan.signer_authority) == (PlanStatus.SUBMITTED, "Trần Văn Ký", "deputy")


def test_plan_signer_step_leaves_the_signer_unsaved_when_the_submit_is_refused(office_client):
    plan = PlanFactory(signer_name="")  # no content item: the submit is refused
    office_client.post(reverse("campaigns:plan_submit_with_signer", args=[plan.pk]),
                       {"signer_authority": "deputy", "signer_name": "Trần Văn Ký", "revision": plan.revision})
    plan.refresh_from_db()
    assert (plan.status, plan.signer_name) == (PlanStatus.DRAFT, "")


def test_plan_signer_step_refused_to_a_unit_head(land_head_client):
    plan = PlanFactory(signer_name="")
    ContentItemFactory(plan=plan)
    response = land_head_client.post(reverse("campaigns:plan_submit_with_signer", args=[plan.pk]),
                                     {"signer_name": "X", "signer_authority": "director", "revision": plan.revision})
    assert response.status_code in (403, 404)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
