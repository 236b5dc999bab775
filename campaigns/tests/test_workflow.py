import datetime

import pytest

from campaigns import workflow
from campaigns.models import Plan, PlanStatus
from campaigns.tests.factories import ContentItemFactory, PlanFactory
from emulation.documents import issued_document
from emulation.models import Delegation, Role
from emulation.workflow import TransitionError
from emulation.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = PlanFactory()
    ContentItemFactory(plan=plan)
    return plan


def test_office_submits_a_draft(plan, office_user):
    workflow.submit_plan(plan, office_user)

    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.SUBMITTED


def test_submit_is_refused_without_content_items(office_user):
    plan = PlanFactory()

    with pytest.raises(TransitionError, match=r"Hãy thêm ít nhất một nội dung thi đua trước khi trình\."):
        workflow.submit_plan(plan, office_user)


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.UNIT_HEAD, Role.STAFF, Role.COUNCIL])
def test_only_the_office_submits(plan, make_user, org, role):
    with pytest.raises(TransitionError, match=r"Bạn không có quyền thực hiện thao tác này\."):
        workflow.submit_plan(plan, make_user(role, unit=org.land))

    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT


def test_director_approves(plan, office_user, director_user):
    workflow.submit_plan(plan, office_user)

    workflow.approve_plan(plan, director_user)

    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.APPROVED


def test_deputy_director_approves_with_a_delegation_in_force(plan, office_user, director_user, make_user):
    deputy = make_user(Role.DEPUTY_DIRECTOR)
    Delegation.objects.create(deputy=deputy, granted_by=director_user,
                              valid_from=datetime.date.today() - datetime.timedelta(days=1))
    workflow.submit_plan(plan, office_user)

    workflow.approve_plan(plan, deputy)

    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.APPROVED


def test_deputy_director_without_a_delegation_cannot_approve_or_return(plan, office_user, director_user, make_user):
    deputy = make_user(Role.DEPUTY_DIRECTOR)
    Delegation.objects.create(deputy=deputy, granted_by=director_user, valid_from=datetime.date(2020, 1, 1),
                              valid_to=datetime.date(2020, 12, 31))  # expired
    workflow.submit_plan(plan, office_user)

    with pytest.raises(TransitionError, match="Bạn không có quyền thực hiện thao tác này."):
        workflow.approve_plan(plan, deputy)
    with pytest.raises(TransitionError, match="Bạn không có quyền thực hiện thao tác này."):
        workflow.return_plan(plan, deputy, "Sửa lại")

    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.SUBMITTED


def test_office_cannot_approve(plan, office_user):
    workflow.submit_plan(plan, office_user)

    with pytest.raises(TransitionError, match=r"Bạn không có quyền thực hiện thao tác này\."):
        workflow.approve_plan(plan, office_user)


def test_return_requires_a_reason(plan, office_user, director_user):
    workflow.submit_plan(plan, office_user)

    with pytest.raises(TransitionError, match="lý do"):
        workflow.return_plan(plan, director_user, "  ")
    entry = workflow.return_plan(plan, director_user, "Bổ sung chỉ tiêu")

    assert (Plan.objects.get(pk=plan.pk).status, entry.reason) == (PlanStatus.RETURNED, "Bổ sung chỉ tiêu")


def test_returned_plan_is_submitted_again(plan, office_user, director_user):
    workflow.submit_plan(plan, office_user)
    workflow.return_plan(plan, director_user, "Sửa lại")

    workflow.submit_plan(plan, office_user)

    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.SUBMITTED


def test_issue_assigns_the_next_number_and_archives_the_pdf(plan, office_user, director_user):
    workflow.submit_plan(plan, office_user)
    workflow.approve_plan(plan, director_user)

    document = workflow.issue_plan(plan, office_user, issue_date=datetime.date(2026, 1, 5))

    plan.refresh_from_db()
    assert (plan.status, plan.number_symbol, plan.issue_date) == (PlanStatus.ISSUED, "01/KH-STNMT",
                                                                 datetime.date(2026, 1, 5))
    assert issued_document(plan, "plan") == document


def test_director_cannot_issue(plan, office_user, director_user):
    workflow.submit_plan(plan, office_user)
    workflow.approve_plan(plan, director_user)

    with pytest.raises(TransitionError, match=r"Bạn không có quyền thực hiện thao tác này\."):
        workflow.issue_plan(plan, director_user)
    plan.refresh_from_db()
    assert (plan.status, plan.number) == (PlanStatus.APPROVED, None)


def test_a_refused_issue_gives_the_number_back(plan, office_user, director_user):
    workflow.submit_plan(plan, office_user)
    workflow.approve_plan(plan, director_user)
    with pytest.raises(TransitionError, match=r"Bạn không có quyền thực hiện thao tác này\."):
        workflow.issue_plan(plan, director_user)

    workflow.issue_plan(plan, office_user, issue_date=datetime.date(2026, 3, 1))

    assert Plan.objects.get(pk=plan.pk).number == 1


def test_timeline_records_every_transition(plan, office_user, director_user):
    workflow.submit_plan(plan, office_user)
    workflow.return_plan(plan, director_user, "Sửa lại")
    workflow.submit_plan(plan, office_user)
    workflow.approve_plan(plan, director_user)
    workflow.issue_plan(plan, office_user)

    actions = [entry.action for entry in workflow.PLAN_WORKFLOW.timeline(plan)]
    assert actions == ["submit", "return", "submit", "approve", "issue"]


def test_close_only_after_the_period(office_user):
    finished = PlanFactory(status=PlanStatus.ISSUED, year_from=2021, year_to=2025)
    running = PlanFactory(status=PlanStatus.ISSUED, year_from=2026, year_to=2099)

    workflow.close_plan(finished, office_user)
    with pytest.raises(TransitionError, match=r"Bạn không có quyền thực hiện thao tác này\."):
        workflow.close_plan(running, office_user)

    assert Plan.objects.get(pk=finished.pk).status == PlanStatus.CLOSED


def test_the_office_hears_when_the_director_returns_or_approves_a_plan(plan, office_user, director_user, mailoutbox,
                                                                       mail_queue):
    office_user.email = "vanphong@example.vn"
    office_user.save()
    with mail_queue():
        workflow.submit_plan(plan, office_user)
        workflow.return_plan(plan, director_user, "Sửa lại mục tiêu")
        workflow.submit_plan(plan, office_user)
        workflow.approve_plan(plan, director_user)
    texts = list(Notification.objects.filter(recipient=office_user).order_by("pk").values_list("text", flat=True))
    assert texts == [f"Giám đốc đã trả lại kế hoạch “{plan}” để chỉnh sửa. Lý do: Sửa lại mục tiêu",
                     f"Giám đốc đã phê duyệt kế hoạch “{plan}”."]
    assert not Notification.objects.filter(recipient=director_user, text__startswith="Giám đốc đã").exists()
    assert f"Giám đốc đã phê duyệt kế hoạch “{plan}”." in [mail.body.split("\n")[0] for mail in mailoutbox]
