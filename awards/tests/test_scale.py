"""Province scale (issue 17): costs that must not grow with the size of the data."""
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.decisions import issue_decision
from awards.models import AwardRecord, Nomination
from awards.tests.factories import NominationFactory, RoundFactory
from emulation.models import TimelineEntry

pytestmark = pytest.mark.django_db


def _approved(round, people):
    nominations = [NominationFactory(round=round, staff=person) for person in people]
    Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(status=Nomination.Status.APPROVED)
    return nominations


def _issue(round, nominations, actor):
    return issue_decision(round=round, nominations=nominations, symbol="QĐ-STNMT", signed_on=date(2025, 12, 20),
                          signer_name="Nguyễn Đức Trung", signer_authority="director", summary="Tặng danh hiệu",
                          actor=actor)


def test_issuing_a_decision_costs_the_same_queries_for_one_or_three_awardees(org, staff_in, office_user):
    warm_round, one_round, three_round = RoundFactory(), RoundFactory(), RoundFactory()
    _issue(warm_round, _approved(warm_round, [staff_in(org.env)]), office_user)  # caches (content types) filled
    one = _approved(one_round, [staff_in(org.land)])
    three = _approved(three_round, [staff_in(org.land), staff_in(org.env), staff_in(org.land_team)])
    with CaptureQueriesContext(connection) as for_one:
        _issue(one_round, one, office_user)
    with CaptureQueriesContext(connection) as for_three:
        decision = _issue(three_round, three, office_user)
    assert len(for_three) == len(for_one)
    records = AwardRecord.objects.filter(decision=decision).order_by("staff__unit__path")
    assert [(r.staff.unit.code, r.holder_unit.code, r.decision_number, r.search_text != "") for r in records] == [
        ("QLDD", "QLDD", decision.reference, True), ("QLDD-1", "QLDD-1", decision.reference, True),
        ("MT", "MT", decision.reference, True),
    ]
    assert set(Nomination.objects.filter(round=three_round).values_list("status", flat=True)) == {Nomination.Status.DECIDED}
    assert TimelineEntry.objects.filter(action="decide", object_id__in=[n.pk for n in three]).count() == 3


def test_a_decision_record_keeps_the_award_order_for_the_lookup(org, staff_in, office_user):
    round = RoundFactory()
    nomination = _approved(round, [staff_in(org.land)])[0]
    _issue(round, [nomination], office_user)
    record = AwardRecord.objects.get(nomination=nomination)
    assert record.award_order == nomination.award_type.order
    nomination.award_type.order = 77
    nomination.award_type.save()
    assert AwardRecord.objects.get(pk=record.pk).award_order == 77
