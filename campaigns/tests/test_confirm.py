"""What cannot be undone asks first: accepting a unit report, submitting a plan to the Director, issuing it.
Without the ticked "confirmed" box nothing changes and the page asks to confirm; with it the action happens."""
import pytest
from django.urls import reverse

from campaigns import workflow
from campaigns.models import PlanStatus, ReportStatus, UnitReport
from campaigns.tests.factories import ContentItemFactory, PlanFactory
from campaigns.tests.test_warnings import _approved_plan
from emulation.workflow import TransitionError

pytestmark = pytest.mark.django_db

ASKED = ("Tiếp nhận báo cáo này? Sau khi tiếp nhận, đơn vị không sửa được báo cáo nữa. Chưa có gì thay đổi: hãy "
         "đánh dấu ô “Tôi xác nhận” rồi bấm lại nút.")


def test_accepting_a_report_without_confirmation_changes_nothing_and_asks(office_client, land_report, land_head):
    workflow.submit_report(land_report, actor=land_head)
    url = reverse("campaigns:report_transition", args=[land_report.pk, "accept"])

    response = office_client.post(url, follow=True)

    assert [str(m) for m in response.context["messages"]] == [ASKED]
    assert UnitReport.objects.get(pk=land_report.pk).status == ReportStatus.SUBMITTED


def test_accepting_a_report_with_confirmation_accepts_it(office_client, land_report, land_head):
    workflow.submit_report(land_report, actor=land_head)
    page = office_client.get(reverse("campaigns:report_detail", args=[land_report.pk])).content.decode()
    assert 'data-testid="confirm-accept"' in page and 'name="confirmed"' in page and "Tôi xác nhận" in page

    office_client.post(reverse("campaigns:report_transition", args=[land_report.pk, "accept"]), {"confirmed": "on"})

    assert UnitReport.objects.get(pk=land_report.pk).status == ReportStatus.ACCEPTED


def test_submitting_a_plan_to_the_director_needs_confirmation(office_client):
    plan = PlanFactory()
    ContentItemFactory(plan=plan)
    url = reverse("campaigns:plan_action", args=[plan.pk, "submit"])
    assert "Trình Giám đốc? Trong khi Giám đốc xem xét" in office_client.get(
        reverse("campaigns:plan_detail", args=[plan.pk])).content.decode()

    office_client.post(url)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT

    office_client.post(url, {"confirmed": "on"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_issuing_a_plan_needs_confirmation(office_client):
    plan = _approved_plan(goal=True, recipient=True)
    url = reverse("campaigns:plan_action", args=[plan.pk, "issue"])

    office_client.post(url)
    plan.refresh_from_db()
    assert (plan.status, plan.number) == (PlanStatus.APPROVED, None)

    office_client.post(url, {"confirmed": "on"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED and plan.number


# Undo: the unit head withdraws a submitted report until the Office opens it ----------------------------------

WITHDRAWN = "Đã rút lại báo cáo: bạn có thể sửa rồi gửi lại."


def test_unit_head_withdraws_a_report_the_office_has_not_opened(land_head_client, land_report, land_head):
    workflow.submit_report(land_report, actor=land_head)
    page = land_head_client.get(reverse("campaigns:report_detail", args=[land_report.pk])).content.decode()
    assert 'data-action="withdraw"' in page and "Rút lại" in page

    response = land_head_client.post(reverse("campaigns:report_transition", args=[land_report.pk, "withdraw"]),
                                     follow=True)

    assert [str(m) for m in response.context["messages"]] == [WITHDRAWN]
    assert UnitReport.objects.get(pk=land_report.pk).status == ReportStatus.DRAFT


def test_unit_head_cannot_withdraw_once_the_office_opened_the_report(office_client, land_report, land_head, client):
    workflow.submit_report(land_report, actor=land_head)
    office_client.get(reverse("campaigns:report_detail", args=[land_report.pk]))
    assert UnitReport.objects.get(pk=land_report.pk).opened_at is not None
    client.force_login(land_head)
    page = client.get(reverse("campaigns:report_detail", args=[land_report.pk])).content.decode()
    assert 'data-action="withdraw"' not in page

    response = client.post(reverse("campaigns:report_transition", args=[land_report.pk, "withdraw"]), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Văn phòng đã mở xem báo cáo này nên không rút lại được nữa. Nếu cần sửa, hãy đề nghị Văn phòng trả lại "
        "báo cáo."]
    assert UnitReport.objects.get(pk=land_report.pk).status == ReportStatus.SUBMITTED


def test_a_resubmission_can_be_withdrawn_again_until_the_office_opens_it(office_user, land_report, land_head):
    workflow.submit_report(land_report, actor=land_head)
    workflow.mark_opened(land_report, office_user)
    workflow.return_report(land_report, actor=office_user, reason="Thiếu minh chứng")
    workflow.submit_report(land_report, actor=land_head)

    workflow.act_on_report(land_report, "withdraw", actor=land_head)

    assert UnitReport.objects.get(pk=land_report.pk).status == ReportStatus.RETURNED


def test_only_the_units_head_may_withdraw_its_report(env_head, office_user, land_report, land_head):
    workflow.submit_report(land_report, actor=land_head)

    for other in (env_head, office_user):
        with pytest.raises(TransitionError, match="Bạn không có quyền thực hiện thao tác này"):
            workflow.act_on_report(land_report, "withdraw", actor=other)

    assert UnitReport.objects.get(pk=land_report.pk).status == ReportStatus.SUBMITTED
