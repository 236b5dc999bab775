"""Nomination workflow, council arithmetic and decisions."""
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from awards.decisions import issue_decision, record_outcome
from awards.models import AwardRecord, Nomination
from awards.tests.factories import CouncilMemberFactory, NominationFactory, RoundFactory, award, council_passed
from awards.voting import VotingError, open_session, quorum_needed, record_vote, votes_needed
from awards.eligibility import evaluate_nomination
from awards.workflow import NOMINATION_WORKFLOW, act, act_on_many
from emulation.models import Delegation, Role, Unit
from emulation.workflow import TransitionError
from django.db import IntegrityError, transaction
from emulation.models import Notification
from awards.models import Registration
from awards.workflow import act_on_registration

pytestmark = pytest.mark.django_db
S = Nomination.Status


@pytest.fixture
def nomination(org, staff_in):
    return NominationFactory(staff=staff_in(org.land))


def _to(nomination, status):
    Nomination.objects.filter(pk=nomination.pk).update(status=status)
    nomination.refresh_from_db()
    return nomination


@pytest.mark.parametrize("total, threshold, needed", [(9, 80, 8), (11, 90, 10), (10, 80, 8), (9, 50, 5), (7, 90, 7)])
def test_votes_needed_is_a_share_of_total_membership(total, threshold, needed):
    assert votes_needed(total, threshold) == needed


@pytest.mark.parametrize("total, needed", [(9, 6), (10, 7), (12, 8), (7, 5)])
def test_quorum_is_two_thirds_by_default(total, needed):
    assert quorum_needed(total, award("CSTDCS")) == needed


def test_unit_head_submits_and_office_passes(nomination, land_head, office_user):
    act(nomination, "submit", actor=land_head)
    act(nomination, "pass", actor=office_user)
    assert Nomination.objects.get(pk=nomination.pk).status == S.CHECKED


def test_office_return_needs_a_reason(nomination, land_head, office_user):
    act(nomination, "submit", actor=land_head)
    with pytest.raises(TransitionError, match=r"Vui lòng nêu lý do\."):
        act(nomination, "return", actor=office_user)
    act(nomination, "return", actor=office_user, note="Thiếu báo cáo thành tích")
    assert nomination.status == S.RETURNED


def test_other_unit_head_cannot_submit(nomination, env_head):
    with pytest.raises(TransitionError, match=r"Bạn không có quyền thực hiện thao tác này\."):
        act(nomination, "submit", actor=env_head)


def test_unit_head_cannot_approve(nomination, land_head):
    _to(nomination, S.VOTED)
    with pytest.raises(TransitionError, match=r"Bạn không có quyền thực hiện thao tác này\."):
        act(nomination, "approve", actor=land_head)


def test_director_approval_freezes_the_content(nomination, director_user, office_user):
    council_passed(nomination, office_user)
    act(nomination, "approve", actor=director_user, note="Đồng ý")
    nomination.refresh_from_db()
    assert nomination.status == S.APPROVED
    assert nomination.frozen["achievements"] == nomination.achievements
    assert nomination.editable is False


def test_director_approval_of_a_decided_nomination_is_refused(nomination, director_user):
    _to(nomination, S.DECIDED)
    with pytest.raises(TransitionError, match=r"Không thể thực hiện thao tác này: trạng thái hiện tại là “Đã có quyết định”\."):
        act(nomination, "approve", actor=director_user)


def test_higher_award_is_forwarded_not_approved(org, staff_in, director_user, office_user):
    nomination = council_passed(NominationFactory(staff=staff_in(org.land), award_type=award("CSTDT")), office_user)
    with pytest.raises(TransitionError, match=r"Bạn không có quyền thực hiện thao tác này\."):
        act(nomination, "approve", actor=director_user)
    act(nomination, "forward", actor=director_user)
    assert nomination.status == S.FORWARDED


def test_deputy_director_acts_only_when_delegated(nomination, make_user, director_user, office_user):
    deputy = make_user(Role.DEPUTY_DIRECTOR)
    council_passed(nomination, office_user)
    with pytest.raises(TransitionError, match=r"Bạn không có quyền thực hiện thao tác này\."):
        act(nomination, "approve", actor=deputy)
    today = timezone.localdate()
    Delegation.objects.create(deputy=deputy, granted_by=director_user, valid_from=today - timedelta(days=1))
    act(nomination, "approve", actor=deputy)
    assert nomination.status == S.APPROVED


def test_director_approves_many_at_once_and_hears_about_the_rest(org, staff_in, director_user, office_user):
    round_ = RoundFactory()
    voted = [council_passed(NominationFactory(round=round_, staff=staff_in(org.land)), office_user) for _ in range(2)]
    decided = _to(NominationFactory(round=round_, staff=staff_in(org.land)), S.DECIDED)
    done, failed = act_on_many(voted + [decided], "approve", actor=director_user)
    assert [n.pk for n in done] == [n.pk for n in voted]
    assert [n.pk for n, _ in failed] == [decided.pk]


def test_director_cannot_approve_without_a_council_vote(nomination, director_user):
    _to(nomination, S.VOTED)
    with pytest.raises(TransitionError, match="Hội đồng chưa biểu quyết"):
        act(nomination, "approve", actor=director_user)
    assert Nomination.objects.get(pk=nomination.pk).status == S.VOTED


def test_director_cannot_approve_or_forward_after_a_failed_vote(org, staff_in, nomination, director_user, office_user):
    council_passed(nomination, office_user, passed=False)
    with pytest.raises(TransitionError, match="1 phiếu đồng ý, cần 8"):
        act(nomination, "approve", actor=director_user)
    higher = council_passed(NominationFactory(staff=staff_in(org.land), award_type=award("CSTDT")), office_user, passed=False)
    with pytest.raises(TransitionError, match="không đạt"):
        act(higher, "forward", actor=director_user)
    assert [t.action for t in NOMINATION_WORKFLOW.available(nomination, director_user)] == ["reject"]
    act(nomination, "reject", actor=director_user, note="Không đạt tỷ lệ phiếu")
    assert nomination.status == S.REJECTED


def test_director_cannot_approve_while_a_condition_fails_and_is_not_set_aside(nomination, director_user, office_user):
    members = [CouncilMemberFactory() for _ in range(9)]
    session = open_session(round=nomination.round, held_on=date(2025, 12, 5), present=members)
    _to(nomination, S.CHECKED)
    record_vote(session, nomination, votes_for=9, actor=office_user)
    assert evaluate_nomination(nomination).failed
    with pytest.raises(TransitionError, match="chưa đạt và chưa được"):
        act(nomination, "approve", actor=director_user)


def test_a_dissolved_unit_cannot_be_approved_even_with_the_condition_set_aside(org, director_user, office_user):
    Unit.objects.filter(pk=org.env.pk).update(dissolved_on=date(2025, 7, 1), active=False)
    org.env.refresh_from_db()
    collective = council_passed(NominationFactory(staff=None, nominee_unit=org.env, award_type=award("TTLDTT")), office_user)
    check = evaluate_nomination(collective).check("unit_exists")
    assert (check.met, check.can_be_set_aside, check.passes) == (False, False, False)
    with pytest.raises(TransitionError, match="Đơn vị còn hoạt động"):
        act(collective, "approve", actor=director_user)


def test_council_vote_passes_with_eight_of_nine(nomination, office_user):
    members = [CouncilMemberFactory() for _ in range(9)]
    session = open_session(round=nomination.round, held_on=date(2025, 12, 5), present=members[:7], written=members[7:])
    _to(nomination, S.CHECKED)
    vote = record_vote(session, nomination, votes_for=8, votes_against=1, actor=office_user)
    assert (vote.needed, vote.passed, vote.secret_ballot) == (8, True, True)
    assert Nomination.objects.get(pk=nomination.pk).status == S.VOTED


def test_council_vote_fails_with_seven_of_nine(nomination, office_user):
    members = [CouncilMemberFactory() for _ in range(9)]
    session = open_session(round=nomination.round, held_on=date(2025, 12, 5), present=members)
    _to(nomination, S.CHECKED)
    assert record_vote(session, nomination, votes_for=7, votes_against=2, actor=office_user).passed is False


def test_a_second_vote_recorded_at_the_same_time_is_refused_kindly(nomination, office_user):
    members = [CouncilMemberFactory() for _ in range(9)]
    session = open_session(round=nomination.round, held_on=date(2025, 12, 5), present=members)
    _to(nomination, S.CHECKED)
    seen_by_the_other_clerk = Nomination.objects.get(pk=nomination.pk)
    record_vote(session, nomination, votes_for=8, votes_against=1, actor=office_user)
    with pytest.raises(TransitionError, match="Người khác vừa thay đổi"):
        record_vote(session, seen_by_the_other_clerk, votes_for=2, votes_against=7, actor=office_user)
    assert Nomination.objects.get(pk=nomination.pk).agency_vote.votes_for == 8


def test_council_vote_without_quorum_is_refused(nomination, office_user):
    members = [CouncilMemberFactory() for _ in range(9)]
    session = open_session(round=nomination.round, held_on=date(2025, 12, 5), present=members[:5])
    _to(nomination, S.CHECKED)
    with pytest.raises(VotingError, match=r"Không đủ số thành viên dự họp: 5/9 có mặt, cần 6\."):
        record_vote(session, nomination, votes_for=5, actor=office_user)


def test_more_votes_than_voters_is_refused(nomination, office_user):
    members = [CouncilMemberFactory() for _ in range(3)]
    session = open_session(round=nomination.round, held_on=date(2025, 12, 5), present=members)
    _to(nomination, S.CHECKED)
    with pytest.raises(VotingError, match=r"Số phiếu \(4\) nhiều hơn số thành viên biểu quyết \(3\)\."):
        record_vote(session, nomination, votes_for=3, votes_against=1, actor=office_user)


def test_minutes_numbers_run_per_year(nomination):
    members = [CouncilMemberFactory()]
    first = open_session(round=nomination.round, held_on=date(2025, 6, 5), present=members)
    second = open_session(round=nomination.round, held_on=date(2025, 12, 5), present=members)
    next_year = open_session(round=nomination.round, held_on=date(2026, 1, 5), present=members)
    assert (first.minutes_number, second.minutes_number, next_year.minutes_number) == (1, 2, 1)


def test_decision_creates_history(nomination, office_user):
    _to(nomination, S.APPROVED)
    decision = issue_decision(
        round=nomination.round, nominations=[nomination], symbol="QĐ-STNMT", signed_on=date(2025, 12, 20),
        signer_name="Nguyễn Đức Trung", signer_authority="acting", summary="Tặng danh hiệu", actor=office_user,
    )
    record = AwardRecord.objects.get(nomination=nomination)
    assert (record.staff, record.award_type.code, record.year, record.decision_number, record.source) == (
        nomination.staff, "CSTDCS", 2025, "01/QĐ-STNMT", AwardRecord.Source.HERE,
    )
    assert record.decision == decision
    assert Nomination.objects.get(pk=nomination.pk).status == S.DECIDED


def test_decision_with_an_unapproved_nomination_writes_nothing(nomination, org, staff_in, office_user):
    _to(nomination, S.APPROVED)
    other = NominationFactory(round=nomination.round, staff=staff_in(org.land))
    with pytest.raises(TransitionError, match=r"không phải là đề nghị đã được duyệt của đợt này\."):
        issue_decision(round=nomination.round, nominations=[nomination, other], symbol="QĐ-STNMT",
                       signed_on=date(2025, 12, 20), signer_name="A", signer_authority="director", summary="x", actor=office_user)
    assert AwardRecord.objects.count() == 0
    assert Nomination.objects.get(pk=nomination.pk).status == S.APPROVED


def test_province_outcome_creates_history(org, staff_in, office_user):
    nomination = _to(NominationFactory(staff=staff_in(org.land), award_type=award("CSTDT")), S.FORWARDED)
    record_outcome(nomination, awarded=True, actor=office_user, decision_number="250/QĐ-UBND", decision_date=date(2026, 1, 10))
    record = AwardRecord.objects.get(nomination=nomination)
    assert (record.source, record.decision_number, record.issuing_authority) == (
        AwardRecord.Source.PROVINCE, "250/QĐ-UBND", "Chủ tịch UBND tỉnh",
    )


def test_duplicate_nomination_is_refused_by_the_database(nomination):
    with pytest.raises(IntegrityError, match="(?i)unique"), transaction.atomic():
        NominationFactory(round=nomination.round, staff=nomination.staff)


def test_the_office_and_the_unit_heads_hear_of_a_nomination_changing_state(nomination, land_head, env_head, director_user,
                                                                           office_user, django_capture_on_commit_callbacks):
    council_passed(nomination, office_user)
    with django_capture_on_commit_callbacks(execute=True):
        act(nomination, "reject", actor=director_user, note="Chưa đủ thành tích")
    name = f"{nomination.nominee_name} ({nomination.award_type})"
    assert list(Notification.objects.filter(recipient=office_user).values_list("text", flat=True)) == [
        f"Giám đốc đã quyết định về đề nghị khen thưởng {name}: {nomination.get_status_display()}. Lý do: Chưa đủ thành tích"]
    assert list(Notification.objects.filter(recipient=land_head).values_list("text", flat=True)) == [
        f"Đề nghị khen thưởng {name} chuyển sang trạng thái: {nomination.get_status_display()}. Lý do: Chưa đủ thành tích"]
    assert not Notification.objects.filter(recipient__in=[env_head, director_user]).exists()


def test_a_unit_head_hears_of_their_nomination_passed_but_not_of_their_own_submission(nomination, land_head, office_user,
                                                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        act(nomination, "submit", actor=land_head)
        act(nomination, "pass", actor=office_user)
    texts = list(Notification.objects.filter(recipient=land_head).values_list("text", flat=True))
    assert texts == [f"Đề nghị khen thưởng {nomination.nominee_name} ({nomination.award_type}) chuyển sang trạng thái: "
                     f"{nomination.get_status_display()}."]
    assert not Notification.objects.filter(recipient=office_user).exists()  # not a Director's decision


def test_the_unit_heads_hear_when_their_registration_is_returned(org, land_head, office_user, django_capture_on_commit_callbacks):
    registration = Registration.objects.create(unit=org.land, year=2026)
    with django_capture_on_commit_callbacks(execute=True):
        act_on_registration(registration, "submit", actor=land_head)
        act_on_registration(registration, "return", actor=office_user, reason="Thiếu danh sách cá nhân")
    assert list(Notification.objects.filter(recipient=land_head).values_list("text", flat=True)) == [
        f"Đăng ký thi đua năm {registration.year} của {org.land} chuyển sang trạng thái: {registration.get_status_display()}. "
        "Lý do: Thiếu danh sách cá nhân"]


@pytest.mark.parametrize("count", [1, 3])
def test_a_set_wise_transition_tells_each_person_once_in_queries_that_do_not_grow(
        count, org, staff_in, land_head, office_user, director_user, django_capture_on_commit_callbacks,
        django_assert_num_queries):
    """A decision of 500 awards must not send each unit head 500 notifications and e-mails, nor cost a few
    queries per award: the hook hears the whole set at once."""
    nominations = [NominationFactory(staff=staff_in(org.land)) for _ in range(count)]
    for nomination in nominations:
        council_passed(nomination, office_user)
    with django_capture_on_commit_callbacks() as callbacks:
        NOMINATION_WORKFLOW.perform_many(nominations, "reject", actor=director_user, reason="Chưa đủ thành tích")
    with django_assert_num_queries(9):
        for callback in callbacks:
            callback()
    for person in (land_head, office_user):
        texts = list(Notification.objects.filter(recipient=person).values_list("text", flat=True))
        assert len(texts) == 1
        assert texts[0].endswith("Lý do: Chưa đủ thành tích" if count == 1 else "Và 2 thay đổi khác tương tự.")


def test_the_directors_bulk_approval_tells_each_person_once_with_one_email(org, staff_in, land_head, office_user,
                                                                           director_user, mail_queue):
    """Two nominations approved together: the Office and the unit head each get one notification naming the
    first and counting the other, and one e-mail (the engine's grouping), not one per nomination."""
    land_head.email, office_user.email = "head@example.vn", "office@example.vn"
    land_head.save(), office_user.save()
    voted = [council_passed(NominationFactory(staff=staff_in(org.land)), office_user) for _ in range(2)]
    with mail_queue():
        done, failed = act_on_many(voted, "approve", actor=director_user)
    assert (len(done), failed) == (2, [])
    for person in (land_head, office_user):
        texts = list(Notification.objects.filter(recipient=person).values_list("text", flat=True))
        assert len(texts) == 1
        assert texts[0].endswith("Và 1 thay đổi khác tương tự.")
    assert sorted(message.to[0] for message in mail.outbox) == ["head@example.vn", "office@example.vn"]
