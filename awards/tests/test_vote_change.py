"""A member changes a show-of-hands vote until the session closes (issue 26 item 6); a secret ballot stays
as cast (docs/security.md, "Changing a secret vote before the close"). On SQLite and PostgreSQL."""
import pytest
from django.urls import reverse

from awards.models import CouncilSession, Nomination, OpenVote, VoteCast
from awards.tests.factories import CouncilMemberFactory
from awards.tests.test_council import _checked, _login, _secret_counts, _session
from awards.voting import VotingError, cast_vote, change_open_vote, close_session
from emulation.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(db):
    """Nine members in force on the session's day, each with a login."""
    return [CouncilMemberFactory(user=UserFactory()) for _n in range(9)]


def test_a_member_changes_a_show_of_hands_vote_before_the_close_and_it_is_counted_once(
        client, org, staff_in, council, office_user):
    nomination = _checked(org, staff_in, "LDTT")
    session = _session([nomination], present=council)
    url = reverse("awards:session_cast", args=[session.pk, nomination.pk])
    _login(client, council[0].user).post(url, {"choice": "yes", "confirmed": "on"})
    ballot = client.get(reverse("awards:session_ballot", args=[session.pk])).content.decode()
    assert 'data-testid="change-vote"' in ballot

    confirm = client.post(url, {"choice": "no", "change": "1"}).content.decode()
    assert "Bạn có thể đổi phiếu này cho đến khi phiên họp kết thúc." in confirm and 'name="change" value="1"' in confirm
    response = client.post(url, {"choice": "no", "change": "1", "confirmed": "on"}, follow=True)

    assert "Đã đổi phiếu của bạn" in response.content.decode()
    assert list(OpenVote.objects.values_list("member", "agrees")) == [(council[0].pk, False)]
    assert VoteCast.objects.count() == 1
    for member in council[1:7]:
        cast_vote(session, nomination, member, agrees=True)
    close_session(session, office_user)
    vote = Nomination.objects.get(pk=nomination.pk).agency_vote
    assert (vote.votes_for, vote.votes_against) == (6, 1)


def test_a_show_of_hands_vote_cannot_be_changed_after_the_close(org, staff_in, council, office_user):
    nomination = _checked(org, staff_in, "LDTT")
    session = _session([nomination], present=council)
    for member in council:
        cast_vote(session, nomination, member, agrees=True)
    close_session(session, office_user)
    with pytest.raises(VotingError, match="Phiên họp đã kết thúc"):
        change_open_vote(CouncilSession.objects.get(pk=session.pk), nomination, council[0], agrees=False)
    assert not OpenVote.objects.filter(agrees=False).exists()


def test_a_secret_ballot_cannot_be_changed_and_its_sealed_totals_stay(client, org, staff_in, council):
    nomination = _checked(org, staff_in, "CSTDCS")
    session = _session([nomination], present=council)
    cast_vote(session, nomination, council[0], agrees=True)
    with pytest.raises(VotingError, match="Phiếu kín không đổi được"):
        change_open_vote(session, nomination, council[0], agrees=False)
    url = reverse("awards:session_cast", args=[session.pk, nomination.pk])
    response = _login(client, council[0].user).post(url, {"choice": "no", "change": "1", "confirmed": "on"}, follow=True)
    assert "Phiếu kín không đổi được" in response.content.decode()
    assert 'data-testid="change-vote"' not in client.get(reverse("awards:session_ballot", args=[session.pk])).content.decode()
    assert _secret_counts(session, nomination) == (1, 0)


def test_a_member_who_has_not_voted_has_nothing_to_change(org, staff_in, council):
    nomination = _checked(org, staff_in, "LDTT")
    session = _session([nomination], present=council)
    with pytest.raises(VotingError, match="chưa biểu quyết"):
        change_open_vote(session, nomination, council[0], agrees=False)
    assert not OpenVote.objects.exists()
