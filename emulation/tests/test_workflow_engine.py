"""emulation/workflow.py, one test per guarantee of the engine every workflow uses.

The table here is a small one of the test's own, on the plan model (any model with a `status` field
works): draft → submitted (anyone logged in) → approved (only "boss", only when the plan has a signer).
"""
import pytest
from django.contrib.auth.models import AnonymousUser

from campaigns.models import Plan, PlanStatus
from campaigns.tests.factories import PlanFactory
from emulation.models import Role, TimelineEntry
from emulation.workflow import (
    LOGGED_ACTIONS, Transition, TransitionError, Workflow, log_action, logged_action, timeline_of,
)

pytestmark = pytest.mark.django_db
P = PlanStatus


def _logged_in(user, obj):
    return user.is_authenticated


def _boss(user, obj):
    return user.is_authenticated and user.role == Role.DIRECTOR


def _needs_signer(plan):
    return None if plan.signer_name else "Chưa có người ký."


ENGINE = Workflow([
    Transition((P.DRAFT, P.RETURNED), "submit", P.SUBMITTED, "Submit", _logged_in),
    Transition((P.SUBMITTED,), "return", P.RETURNED, "Return", _boss, reason_required=True),
    Transition((P.SUBMITTED,), "approve", P.APPROVED, "Approve", _boss, condition=_needs_signer),
    Transition((P.APPROVED,), "stamp", P.ISSUED, "Stamp", _boss, button=False),
])


@pytest.fixture
def plan():
    return PlanFactory(signer_name="Nguyễn Đức Trung")


def test_perform_changes_the_status_and_writes_one_timeline_row(plan, office_user):
    entry = ENGINE.perform(plan, "submit", actor=office_user, reason="  ghi chú  ", data={"k": 1})
    assert Plan.objects.get(pk=plan.pk).status == P.SUBMITTED
    assert plan.status == P.SUBMITTED
    assert list(timeline_of(plan)) == [entry]
    assert (entry.action, entry.from_status, entry.to_status, entry.actor, entry.reason, entry.data) == (
        "submit", P.DRAFT, P.SUBMITTED, office_user, "ghi chú", {"k": 1})


def test_an_action_that_does_not_apply_to_the_status_is_refused_and_writes_nothing(plan, director_user):
    with pytest.raises(TransitionError, match="Không thể thực hiện thao tác này: trạng thái hiện tại là “Dự thảo”."):
        ENGINE.perform(plan, "approve", actor=director_user)
    assert Plan.objects.get(pk=plan.pk).status == P.DRAFT
    assert not TimelineEntry.objects.exists()


def test_a_person_the_table_does_not_allow_is_refused(plan, office_user):
    ENGINE.perform(plan, "submit", actor=office_user)
    with pytest.raises(TransitionError, match="Bạn không có quyền thực hiện thao tác này."):
        ENGINE.perform(plan, "approve", actor=office_user)
    assert Plan.objects.get(pk=plan.pk).status == P.SUBMITTED


def test_a_required_reason_must_not_be_blank(plan, office_user, director_user):
    ENGINE.perform(plan, "submit", actor=office_user)
    with pytest.raises(TransitionError, match="Vui lòng nêu lý do."):
        ENGINE.perform(plan, "return", actor=director_user, reason="   ")
    assert Plan.objects.get(pk=plan.pk).status == P.SUBMITTED


def test_somebody_else_changing_the_status_meanwhile_refuses_the_stale_action(plan, office_user, director_user):
    ENGINE.perform(plan, "submit", actor=office_user)
    stale = Plan.objects.get(pk=plan.pk)  # a second person's page, opened while it was submitted
    ENGINE.perform(plan, "approve", actor=director_user)
    with pytest.raises(TransitionError, match="Người khác vừa thay đổi nội dung này."):
        ENGINE.perform(stale, "return", actor=director_user, reason="Sửa lại")
    assert Plan.objects.get(pk=plan.pk).status == P.APPROVED
    assert [e.action for e in timeline_of(plan)] == ["submit", "approve"]


def test_changes_are_saved_in_the_same_update_as_the_status(plan, office_user):
    ENGINE.perform(plan, "submit", actor=office_user, changes={"number": 7})
    assert Plan.objects.values_list("status", "number").get(pk=plan.pk) == (P.SUBMITTED, 7)


def test_perform_many_saves_changes_and_writes_one_row_each_in_a_bounded_number_of_queries(
        office_user, django_assert_num_queries):
    """`perform` is `perform_many` of one object: the same update with the changes, the same rows."""
    plans = [PlanFactory(signer_name="A"), PlanFactory(signer_name="B"), PlanFactory(signer_name="C")]
    with django_assert_num_queries(4):  # savepoint, one update, one insert of the three entries, release
        entries = ENGINE.perform_many(plans, "submit", actor=office_user, changes={"number": 9}, data=lambda p: {"s": p.signer_name})
    assert [e.data for e in entries] == [{"s": "A"}, {"s": "B"}, {"s": "C"}]
    assert set(Plan.objects.values_list("status", "number")) == {(P.SUBMITTED, 9)}
    assert [plan.number for plan in plans] == [9, 9, 9]
    assert TimelineEntry.objects.filter(action="submit").count() == 3


def test_a_legal_condition_refuses_the_transition_with_its_reason_and_hides_it(office_user, director_user):
    plan = PlanFactory(signer_name="")
    ENGINE.perform(plan, "submit", actor=office_user)
    assert [t.action for t in ENGINE.available(plan, director_user)] == ["return"]
    with pytest.raises(TransitionError, match="Chưa có người ký."):
        ENGINE.perform(plan, "approve", actor=director_user)
    assert Plan.objects.get(pk=plan.pk).status == P.SUBMITTED


def test_available_lists_what_the_user_may_do_now_in_table_order(plan, office_user, director_user):
    ENGINE.perform(plan, "submit", actor=office_user)
    assert [t.action for t in ENGINE.available(plan, director_user)] == ["return", "approve"]
    assert ENGINE.available(plan, office_user) == []


def test_buttons_leave_out_form_only_actions_and_carry_their_url(plan, office_user, director_user):
    ENGINE.perform(plan, "submit", actor=office_user)
    ENGINE.perform(plan, "approve", actor=director_user)
    assert [t.action for t in ENGINE.available(plan, director_user)] == ["stamp"]
    assert ENGINE.buttons(plan, director_user, "/x/") == []
    assert ENGINE.button_actions == {"submit", "return", "approve"}
    plan.status = P.SUBMITTED
    assert [(b.action, b.url) for b in ENGINE.buttons(plan, director_user, lambda a: f"/{a}/")] == [
        ("return", "/return/"), ("approve", "/approve/")]


def test_an_anonymous_actor_is_refused_and_never_recorded(plan):
    with pytest.raises(TransitionError, match="Bạn không có quyền thực hiện thao tác này."):
        ENGINE.perform(plan, "submit", actor=AnonymousUser())
    assert not TimelineEntry.objects.exists()


def test_timeline_labels_actions_and_statuses_in_vietnamese(plan, office_user):
    ENGINE.perform(plan, "submit", actor=office_user)
    entry = ENGINE.timeline(plan)[0]
    assert (str(entry.from_label), str(entry.to_label)) == ("Dự thảo", str(P.SUBMITTED.label))


def test_log_action_writes_a_row_that_keeps_the_status_and_refuses_unregistered_actions(plan, office_user, monkeypatch):
    # The test's own action leaves the registry as it was (the audit page lists every registered action).
    monkeypatch.setattr("emulation.workflow.LOGGED_ACTIONS", dict(LOGGED_ACTIONS))
    with pytest.raises(ValueError, match="unregistered timeline action: poke"):
        log_action(plan, "poke", actor=office_user)
    action = logged_action("engine_test_note", "Note added")
    log_action(plan, action, actor=office_user, reason=" vì sao ", data={"n": 1})
    entry = ENGINE.timeline(plan)[0]
    assert (entry.action, entry.from_status, entry.to_status, entry.reason, str(entry.label)) == (
        "engine_test_note", P.DRAFT, P.DRAFT, "vì sao", "Note added")
