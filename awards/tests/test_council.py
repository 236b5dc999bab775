"""The council online (issue 13 §1): membership with dates, sessions with an agenda, attendance and
quorum, votes per member (secret ballot without the voter), written opinions, paper ballots, results
at closing, the pages and their refusals."""
from datetime import date

import pytest
from django.db import models
from django.urls import reverse

from awards.eligibility import evaluate_nomination
from awards.models import (
    CouncilMember, CouncilSession, EligibilityOverride, Nomination, NominationVote, OpenVote, SealedTally, VoteCast,
)
from awards.tests.factories import CouncilMemberFactory, NominationFactory, RoundFactory, award
from awards.voting import (
    VotingError, cast_vote, close_session, mark_attendance, open_session, quorum_needed, record_paper, tallies,
    votes_needed,
)
from emulation.models import Notification, Role
from emulation.tests.factories import UserFactory
from emulation.models import Staff, User

pytestmark = pytest.mark.django_db
S = Nomination.Status
DAY = date(2025, 12, 5)


def _login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def council(db):
    """Nine members in force on DAY, each with a login."""
    return [CouncilMemberFactory(user=UserFactory(email=f"tv{n}@example.vn")) for n in range(9)]


def _checked(org, staff_in, code="CSTDCS", round_=None, **kwargs):
    extra = {"round": round_} if round_ else {}
    return NominationFactory(staff=staff_in(org.land, **kwargs), award_type=award(code), status=S.CHECKED, **extra)


def _session(agenda, present=()):
    return open_session(round=agenda[0].round, held_on=DAY, agenda=agenda, present=present)


# Secrecy ------------------------------------------------------------------------------------------------------

def _relations(model):
    return {field.related_model for field in model._meta.get_fields() if field.is_relation}


def _secret_counts(session, nomination):
    counted = tallies(session, [nomination.pk])[nomination.pk]
    return counted["for"], counted["against"]


def test_a_secret_ballot_keeps_sealed_totals_without_voter_and_the_record_that_a_member_voted_has_no_choice():
    """Structurally: no query can join a secret choice to its voter, since no choice is stored per vote (the
    attacks on the tables themselves: test_secret_ballot.py)."""
    assert {field.name for field in SealedTally._meta.get_fields()} == {"id", "session", "nomination", "sealed"}
    assert not {CouncilMember, User, Staff, VoteCast} & _relations(SealedTally)
    assert not any(isinstance(field, (models.DateTimeField, models.DateField, models.BooleanField))
                   for field in SealedTally._meta.get_fields())
    cast_fields = {field.name for field in VoteCast._meta.get_fields()}
    assert cast_fields == {"id", "session", "nomination", "member", "method"}
    assert not any(isinstance(field, models.BooleanField) for field in VoteCast._meta.get_fields())
    assert SealedTally not in _relations(VoteCast)


def test_a_secret_vote_stores_the_choice_without_the_voter_and_a_show_of_hands_per_member(org, staff_in, council):
    secret, open_ = _checked(org, staff_in, "CSTDCS"), None
    open_ = _checked(org, staff_in, "LDTT", round_=secret.round)
    session = _session([secret, open_], present=council)
    cast_vote(session, secret, council[0], agrees=False)
    cast_vote(session, open_, council[0], agrees=True)
    assert (list(SealedTally.objects.values_list("nomination", flat=True)), _secret_counts(session, secret)) == (
        [secret.pk], (0, 1))
    assert list(OpenVote.objects.values_list("nomination", "member", "agrees")) == [(open_.pk, council[0].pk, True)]
    assert sorted(VoteCast.objects.values_list("nomination", "member", "method")) == sorted(
        [(secret.pk, council[0].pk, "online"), (open_.pk, council[0].pk, "online")])


# Double votes ---------------------------------------------------------------------------------------------------

def test_a_member_cannot_vote_twice(org, staff_in, council):
    nomination = _checked(org, staff_in)
    session = _session([nomination], present=council)
    cast_vote(session, nomination, council[0], agrees=True)
    with pytest.raises(VotingError, match="không thể biểu quyết hai lần"):
        cast_vote(session, nomination, council[0], agrees=False)
    assert _secret_counts(session, nomination) == (1, 0)


def test_a_vote_racing_another_of_the_same_member_is_refused_by_the_claim_and_leaves_no_ballot(org, staff_in, council):
    """The other request has claimed the vote (its VoteCast is in) but not yet added its choice: the second
    finds the claim taken at the database's unique constraint and writes nothing."""
    nomination = _checked(org, staff_in)
    session = _session([nomination], present=council)
    VoteCast.objects.create(session=session, nomination=nomination, member=council[0], method="online")
    with pytest.raises(VotingError, match="không thể biểu quyết hai lần"):
        cast_vote(session, nomination, council[0], agrees=True)
    assert (SealedTally.objects.count(), VoteCast.objects.count()) == (0, 1)


def test_a_member_who_voted_on_paper_cannot_vote_online_and_the_reverse(org, staff_in, council, office_user):
    nomination = _checked(org, staff_in)
    session = _session([nomination], present=council[:6])
    record_paper(session, nomination, members=council[:2], votes_for=2, votes_against=0, reason="Mất kết nối mạng",
                 actor=office_user)
    with pytest.raises(VotingError, match="không thể biểu quyết hai lần"):
        cast_vote(session, nomination, council[0], agrees=True)
    cast_vote(session, nomination, council[2], agrees=True)
    with pytest.raises(VotingError, match="đã biểu quyết"):
        record_paper(session, nomination, members=council[2:4], votes_for=1, votes_against=1, reason="x", actor=office_user)
    assert VoteCast.objects.count() == 3


def test_the_second_click_of_a_member_is_refused_with_a_message(client, org, staff_in, council):
    nomination = _checked(org, staff_in)
    session = _session([nomination], present=council)
    url = reverse("awards:session_cast", args=[session.pk, nomination.pk])
    _login(client, council[0].user).post(url, {"choice": "yes", "confirmed": "on"})
    response = client.post(url, {"choice": "no", "confirmed": "on"}, follow=True)
    assert "không thể biểu quyết hai lần" in response.content.decode()
    assert _secret_counts(session, nomination) == (1, 0)


# Quorum and thresholds ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("total, threshold, needed", [
    (9, 80, 8), (10, 80, 8), (11, 80, 9),  # ≥ 80 % of all members (CSTĐCS)
    (9, 90, 9), (10, 90, 9), (11, 90, 10),  # ≥ 90 % (CSTĐ tỉnh)
    (9, 50, 5), (10, 50, 6), (11, 50, 6),  # more than half: with 10, half (5) is not a majority
])
def test_votes_needed_with_nine_ten_and_eleven_members(total, threshold, needed):
    assert votes_needed(total, threshold) == needed


@pytest.mark.parametrize("total, quorum", [(9, 6), (10, 7), (11, 8)])
def test_quorum_is_two_thirds_of_nine_ten_and_eleven_members(total, quorum):
    assert quorum_needed(total, award("CSTDCS")) == quorum


def _vote_and_close(session, nomination, members, agreeing, actor):
    for index, member in enumerate(members):
        cast_vote(session, nomination, member, agrees=index < agreeing)
    close_session(session, actor)
    return NominationVote.objects.get(nomination=nomination)


@pytest.mark.parametrize("agreeing, passed", [(5, False), (6, True)])
def test_with_ten_members_half_is_not_a_majority(org, staff_in, office_user, agreeing, passed):
    members = [CouncilMemberFactory() for _ in range(10)]
    nomination = _checked(org, staff_in, "LDTT")
    session = _session([nomination], present=members)
    vote = _vote_and_close(session, nomination, members, agreeing, office_user)
    assert (vote.votes_for, vote.votes_against, vote.needed, vote.passed) == (agreeing, 10 - agreeing, 6, passed)
    assert Nomination.objects.get(pk=nomination.pk).status == S.VOTED


@pytest.mark.parametrize("size, agreeing, passed", [(9, 8, True), (9, 7, False), (10, 8, True), (11, 8, False), (11, 9, True)])
def test_secret_ballot_threshold_is_a_share_of_all_members(org, staff_in, office_user, size, agreeing, passed):
    members = [CouncilMemberFactory() for _ in range(size)]
    nomination = _checked(org, staff_in, "CSTDCS")
    session = _session([nomination], present=members)
    vote = _vote_and_close(session, nomination, members, agreeing, office_user)
    assert (vote.secret_ballot, vote.passed) == (True, passed)


@pytest.mark.parametrize("size, present, allowed", [(9, 5, False), (9, 6, True), (10, 6, False), (10, 7, True), (11, 7, False), (11, 8, True)])
def test_closing_without_quorum_is_refused(org, staff_in, office_user, size, present, allowed):
    members = [CouncilMemberFactory() for _ in range(size)]
    nomination = _checked(org, staff_in, "LDTT")
    session = _session([nomination], present=members[:present])
    cast_vote(session, nomination, members[0], agrees=True)
    if allowed:
        close_session(session, office_user)
    else:
        with pytest.raises(VotingError, match=rf"Không đủ số thành viên dự họp: {present}/{size} có mặt"):
            close_session(session, office_user)
    assert CouncilSession.objects.get(pk=session.pk).is_closed is allowed
    assert Nomination.objects.get(pk=nomination.pk).status == (S.VOTED if allowed else S.CHECKED)


def test_the_membership_in_force_on_the_session_date_is_the_denominator(org, staff_in, office_user):
    current = [CouncilMemberFactory() for _ in range(9)]
    CouncilMemberFactory(valid_from=date(2020, 1, 1), valid_to=date(2025, 6, 30))  # left before
    late = CouncilMemberFactory(valid_from=date(2026, 1, 1))  # joins after
    nomination = _checked(org, staff_in)
    session = _session([nomination], present=current)
    assert session.total_members == 9
    with pytest.raises(VotingError, match="không là thành viên Hội đồng vào ngày họp"):
        mark_attendance(session, late)
    vote = _vote_and_close(session, nomination, current, 8, office_user)
    assert (vote.needed, vote.passed) == (8, True)


def test_a_written_opinion_counts_and_only_an_absent_member_gives_one(org, staff_in, office_user, council):
    nomination = _checked(org, staff_in)
    session = _session([nomination], present=council[:7])
    with pytest.raises(VotingError, match="có mặt"):
        cast_vote(session, nomination, council[0], agrees=True, method="written")
    for member in council[:7]:
        cast_vote(session, nomination, member, agrees=True)
    cast_vote(session, nomination, council[7], agrees=True, method="written")  # 8 of 9: passes with the opinion
    with pytest.raises(VotingError, match="vắng mặt"):
        mark_attendance(session, council[7])
    close_session(session, office_user)
    vote = NominationVote.objects.get(nomination=nomination)
    assert (vote.votes_for, vote.passed, list(session.written.all())) == (8, True, [council[7]])


def test_a_member_votes_only_once_present_and_only_on_the_agenda(org, staff_in, council):
    nomination = _checked(org, staff_in)
    elsewhere = _checked(org, staff_in, round_=nomination.round)
    session = _session([nomination])
    with pytest.raises(VotingError, match="Hãy điểm danh"):
        cast_vote(session, nomination, council[0], agrees=True)
    mark_attendance(session, council[0])
    with pytest.raises(VotingError, match="không thuộc nội dung xét"):
        cast_vote(session, elsewhere, council[0], agrees=True)
    cast_vote(session, nomination, council[0], agrees=True)
    assert VoteCast.objects.count() == 1


def test_no_vote_after_the_close_and_everyone_is_notified(org, staff_in, office_user, council, mailoutbox,
                                                          mail_queue):
    nomination = _checked(org, staff_in)
    with mail_queue():
        session = _session([nomination], present=council)
        for member in council[:8]:
            cast_vote(session, nomination, member, agrees=True)
        close_session(session, office_user)
    with pytest.raises(VotingError, match="Phiên họp đã kết thúc"):
        cast_vote(CouncilSession.objects.get(pk=session.pk), nomination, council[8], agrees=True)
    texts = list(Notification.objects.filter(recipient=council[8].user).order_by("pk").values_list("text", flat=True))
    assert len(texts) == 2 and "đã mở" in texts[0] and "đã kết thúc" in texts[1]
    assert Notification.objects.filter(recipient=office_user).count() == 2
    assert sum(1 for mail in mailoutbox if mail.to == ["tv8@example.vn"]) == 2


# Pages ------------------------------------------------------------------------------------------------------------

def test_a_member_marks_attendance_and_votes_from_the_ballot_page(client, org, staff_in, council):
    nomination = _checked(org, staff_in, full_name="Lê Văn Phiếu")
    session = _session([nomination])
    _login(client, council[0].user)
    page = client.get(reverse("awards:session_ballot", args=[session.pk])).content.decode()
    assert "Lê Văn Phiếu" in page and "Hãy điểm danh trước khi biểu quyết" in page
    client.post(reverse("awards:session_attend", args=[session.pk]), {"next": "ballot"})
    client.post(reverse("awards:session_cast", args=[session.pk, nomination.pk]), {"choice": "yes", "confirmed": "on"})
    page = client.get(reverse("awards:session_ballot", args=[session.pk])).content.decode()
    assert "Đã bỏ phiếu (phiếu kín)" in page
    assert list(session.present.all()) == [council[0]] and _secret_counts(session, nomination) == (1, 0)


def test_the_ballot_page_and_votes_are_refused_to_whoever_is_not_a_member(client, org, staff_in, council, make_user):
    nomination = _checked(org, staff_in)
    session = _session([nomination], present=council)
    outsider = make_user(Role.COUNCIL)  # reads the council's pages, is not a member
    _login(client, outsider)
    assert client.get(reverse("awards:session_ballot", args=[session.pk])).status_code == 403
    assert client.post(reverse("awards:session_cast", args=[session.pk, nomination.pk]), {"choice": "yes", "confirmed": "on"}).status_code == 403
    client.logout()
    response = client.get(reverse("awards:session_ballot", args=[session.pk]))
    assert response.status_code == 302 and "/login" in response["Location"]
    assert not VoteCast.objects.exists()


def test_a_member_who_is_a_unit_head_reads_the_session_and_votes(client, org, staff_in, make_user):
    head = make_user(Role.UNIT_HEAD, unit=org.env)
    members = [CouncilMemberFactory(user=head)] + [CouncilMemberFactory() for _ in range(2)]
    nomination = _checked(org, staff_in)
    session = _session([nomination], present=members)
    _login(client, head)
    assert client.get(reverse("awards:session_detail", args=[session.pk])).status_code == 200
    client.post(reverse("awards:session_cast", args=[session.pk, nomination.pk]), {"choice": "no", "confirmed": "on"})
    assert _secret_counts(session, nomination) == (0, 1)


def test_the_office_records_a_written_opinion_and_a_member_cannot(client, org, staff_in, council, office_user):
    nomination = _checked(org, staff_in, code="LDTT")
    session = _session([nomination], present=council[:6])
    url = reverse("awards:session_cast_written", args=[session.pk, council[8].pk, nomination.pk])
    assert _login(client, council[0].user).post(url, {"choice": "yes", "confirmed": "on"}).status_code == 403
    _login(client, office_user).post(url, {"choice": "no", "confirmed": "on"})
    assert list(OpenVote.objects.values_list("member", "agrees")) == [(council[8].pk, False)]
    assert VoteCast.objects.get().method == "written"
    page = client.get(reverse("awards:session_written", args=[session.pk, council[8].pk])).content.decode()
    assert "Đã biểu quyết: không đồng ý" in page


def test_the_office_marks_attendance_and_a_member_cannot_mark_another(client, council, org, staff_in, office_user):
    session = _session([_checked(org, staff_in)])
    url = reverse("awards:session_attend", args=[session.pk])
    assert _login(client, council[0].user).post(url, {"member": council[1].pk}).status_code == 403
    _login(client, office_user).post(url, {"member": council[1].pk})
    _login(client, office_user).post(url, {"member": council[2].pk})
    _login(client, office_user).post(url, {"member": council[2].pk, "present": "0"})
    assert list(session.present.all()) == [council[1]]


def test_the_live_quorum_fragment(client, council, org, staff_in, office_user):
    session = _session([_checked(org, staff_in)], present=council[:5])
    page = _login(client, office_user).get(reverse("awards:session_quorum", args=[session.pk])).content.decode()
    assert "5/9 thành viên có mặt, cần 6" in page and "chưa đủ điều kiện họp" in page
    mark_attendance(session, council[5])
    page = client.get(reverse("awards:session_quorum", args=[session.pk])).content.decode()
    assert "6/9 thành viên có mặt, cần 6" in page and "đủ điều kiện họp" in page


def test_results_show_the_share_of_all_members_after_the_close(client, org, staff_in, council, office_user):
    nomination = _checked(org, staff_in)
    session = _session([nomination], present=council)
    for index, member in enumerate(council):
        cast_vote(session, nomination, member, agrees=index < 8)
    page = _login(client, office_user).get(reverse("awards:session_detail", args=[session.pk])).content.decode()
    assert "9/9" in page and "kiểm phiếu khi kết thúc biểu quyết" in page
    close_session(session, office_user)
    page = client.get(reverse("awards:session_detail", args=[session.pk])).content.decode()
    assert "88,9 %" in page and "từ 80 % tổng số thành viên trở lên" in page and ">đạt<" in page


def test_the_director_sees_the_result_next_to_the_approval_buttons(client, org, staff_in, council, office_user, director_user):
    nomination = _checked(org, staff_in, code="LDTT")
    session = _session([nomination], present=council)
    _vote_and_close(session, nomination, council, 5, office_user)
    for check in evaluate_nomination(nomination).failed:
        EligibilityOverride.objects.create(nomination=nomination, rule_key=check.key, rule_text=check.requirement[:300],
                                           reason="Hội đồng đã xem xét", by=office_user)
    page = _login(client, director_user).get(reverse("awards:nomination_detail", args=[nomination.pk])).content.decode()
    result = page[page.index('data-testid="council-result"'):]
    assert "5/9 thành viên đồng ý (55,6 %), cần 5 (quá nửa tổng số thành viên)" in result
    assert result.index("đạt") < result.index("Phê duyệt") < result.index("Không duyệt")


@pytest.mark.parametrize("rows", [1, 3])
def test_session_page_queries_do_not_grow_with_the_agenda(office_client, org, staff_in, council, rows, django_assert_num_queries):
    round_ = RoundFactory()
    agenda = [_checked(org, staff_in, round_=round_, full_name=f"Người số {n}") for n in range(rows)]
    session = _session(agenda, present=council)
    for nomination in agenda:
        cast_vote(session, nomination, council[0], agrees=True)
    with django_assert_num_queries(14):  # 13 (who voted, not the choices) and the close job the Office may be waiting for
        response = office_client.get(reverse("awards:session_detail", args=[session.pk]))
    assert [n.pk for n in response.context["rows"]] == [n.pk for n in agenda]
    assert all(f"Người số {n}" in response.content.decode() for n in range(rows))


@pytest.mark.parametrize("rows", [1, 3])
def test_ballot_page_queries_do_not_grow_with_the_agenda(client, org, staff_in, council, rows, django_assert_num_queries):
    round_ = RoundFactory()
    agenda = [_checked(org, staff_in, round_=round_, full_name=f"Người số {n}") for n in range(rows)]
    session = _session(agenda, present=council)
    cast_vote(session, agenda[0], council[0], agrees=True)
    _login(client, council[0].user)
    with django_assert_num_queries(10):
        response = client.get(reverse("awards:session_ballot", args=[session.pk]))
    assert [n.pk for n in response.context["rows"]] == [n.pk for n in agenda]
    assert response.content.decode().count('data-testid="voted"') == 1


def test_a_province_agenda_is_shown_a_page_at_a_time(office_client, org, staff_in, council):
    round_ = RoundFactory()
    agenda = [_checked(org, staff_in, round_=round_) for _ in range(27)]
    session = _session(agenda)
    first = office_client.get(reverse("awards:session_detail", args=[session.pk]))
    second = office_client.get(reverse("awards:session_detail", args=[session.pk]), {"page": 2})
    assert (len(first.context["rows"]), len(second.context["rows"])) == (25, 2)


# Membership ---------------------------------------------------------------------------------------------------------

def test_the_office_adds_a_member_with_role_dates_and_login(office_client):
    user = UserFactory(username="tv.moi")
    response = office_client.post(reverse("awards:member_create"), {
        "full_name": "Nguyễn Văn Mới", "title": "Trưởng phòng", "position": "standing", "valid_from": "01/01/2026",
        "valid_to": "", "order": 3, "username": "tv.moi",
    })
    member = CouncilMember.objects.get()
    assert response.status_code == 302
    assert (member.position, member.valid_from, member.valid_to, member.user) == ("standing", date(2026, 1, 1), None, user)
    page = office_client.get(reverse("awards:member_list")).content.decode()
    assert "Nguyễn Văn Mới" in page and "Ủy viên thường trực" in page and "01/01/2026" in page


def test_a_member_ending_before_starting_or_an_unknown_login_is_refused(office_client):
    response = office_client.post(reverse("awards:member_create"), {
        "full_name": "A", "position": "member", "valid_from": "01/01/2026", "valid_to": "01/01/2025", "order": 0,
        "username": "khong.co",
    })
    assert response.status_code == 200 and not CouncilMember.objects.exists()
    page = response.content.decode()
    assert "Ngày kết thúc trước ngày bắt đầu" in page and "Không có tài khoản đang hoạt động" in page


@pytest.mark.parametrize("role", [Role.COUNCIL, Role.DIRECTOR, Role.UNIT_HEAD])
def test_only_the_office_manages_the_membership(client, make_user, org, role):
    member = CouncilMemberFactory(full_name="Giữ Nguyên")
    _login(client, make_user(role, unit=org.land if role == Role.UNIT_HEAD else None))
    assert client.post(reverse("awards:member_create"), {"full_name": "X"}).status_code == 403
    assert client.post(reverse("awards:member_edit", args=[member.pk]), {"full_name": "Y"}).status_code == 403
    assert CouncilMember.objects.get().full_name == "Giữ Nguyên"


@pytest.mark.parametrize("rows", [1, 3])
def test_member_list_queries_do_not_grow_with_rows(office_client, rows, django_assert_num_queries):
    members = [CouncilMemberFactory(full_name=f"Thành viên số {n}", user=UserFactory()) for n in range(rows)]
    with django_assert_num_queries(4):
        response = office_client.get(reverse("awards:member_list"))
    assert [m.pk for m in response.context["page"]] == [m.pk for m in members]


def test_a_member_sees_the_session_to_vote_on_the_home_page(client, org, staff_in, council):
    nomination = _checked(org, staff_in)
    session = _session([nomination], present=council)
    page = _login(client, council[0].user).get(reverse("home")).content.decode()
    assert "Biểu quyết tại phiên họp Hội đồng ngày 05/12/2025" in page
    assert reverse("awards:session_ballot", args=[session.pk]) in page


def test_a_vote_is_shown_and_only_recorded_once_confirmed(client, org, staff_in, council):
    nomination = _checked(org, staff_in)
    session = _session([nomination], present=council)
    url = reverse("awards:session_cast", args=[session.pk, nomination.pk])

    page = _login(client, council[0].user).post(url, {"choice": "no", "page": "1"}).content.decode()

    assert not VoteCast.objects.exists()
    assert 'data-testid="chosen">Không đồng ý<' in page
    assert 'name="confirmed" value="on"' in page and 'name="choice" value="no"' in page
    assert "Phiếu đã ghi nhận thì không sửa được." in page
    client.post(url, {"choice": "no", "confirmed": "on"})
    assert VoteCast.objects.get().member == council[0]
    assert _secret_counts(session, nomination) == (0, 1)
