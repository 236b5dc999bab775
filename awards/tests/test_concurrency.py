"""Council members voting at the same moment (issue 24 §2), on SQLite as deployed and on PostgreSQL."""
from datetime import date

import pytest
from django.urls import reverse

from awards.catalogue_data import load
from awards.models import AwardType, Nomination, Rule, RuleSet, VoteCast
from awards.tests.factories import CouncilMemberFactory, NominationFactory, award
from awards.voting import open_session, tallies
from emulation.tests.concurrency import at_once, failures, logged_in
from emulation.tests.factories import UserFactory

DAY = date(2025, 12, 5)
RECORDED = "Đã ghi nhận biểu quyết của bạn"
TWICE = "không thể biểu quyết hai lần"


@pytest.fixture
def ten_members_in_session(file_database, org, staff_in):
    load(AwardType, RuleSet, Rule)  # a transactional test before this one flushed migration 0002's catalogue
    members = [CouncilMemberFactory(user=UserFactory(email=f"tv{n}@example.vn")) for n in range(10)]
    nomination = NominationFactory(staff=staff_in(org.land), award_type=award("CSTDCS"), status=Nomination.Status.CHECKED)
    session = open_session(round=nomination.round, held_on=DAY, agenda=[nomination], present=members)
    return session, nomination, members


def test_ten_members_voting_at_once_each_from_two_tabs_are_counted_once_each_without_an_error(ten_members_in_session):
    session, nomination, members = ten_members_in_session
    url = reverse("awards:session_cast", args=[session.pk, nomination.pk])
    tabs = [logged_in(member.user) for member in members for _tab in range(2)]

    pages = at_once(*[lambda tab=tab: tab.post(url, {"choice": "yes", "confirmed": "on"}, follow=True) for tab in tabs])

    assert failures(pages) == []
    said = [(RECORDED in page.content.decode(), TWICE in page.content.decode()) for page in pages]
    for member in range(len(members)):  # of a member's two tabs, one vote recorded and one refused kindly
        assert sorted(said[2 * member:2 * member + 2]) == [(False, True), (True, False)]
    assert sorted(VoteCast.objects.values_list("member", flat=True)) == sorted(member.pk for member in members)
    # Each secret vote added to the sealed totals exactly once (awards.ballot_box).
    assert tallies(session, [nomination.pk])[nomination.pk]["for"] == len(members)
