"""Hole 2 of issue 9: the generic nomination endpoint offers only what its buttons offer.

A vote, a decision and the province's answer each need their own form (vote counts, a decision with an
award record, the province's decision number); the generic `act/` endpoint must refuse them.
"""
import pytest
from django.urls import reverse

from awards.models import AwardRecord, Nomination
from awards.tests.factories import NominationFactory

pytestmark = pytest.mark.django_db
S = Nomination.Status


@pytest.mark.parametrize("action, status", [
    ("record_vote", S.CHECKED), ("decide", S.APPROVED), ("province_award", S.FORWARDED),
    ("province_refuse", S.FORWARDED),
])
def test_generic_nomination_endpoint_refuses_form_only_actions(office_client, org, staff_in, action, status):
    nomination = NominationFactory(staff=staff_in(org.land), status=status)
    response = office_client.post(
        reverse("awards:nomination_act", args=[nomination.pk]), {"action": action, "reason": "x"}, follow=True,
    )
    assert Nomination.objects.get(pk=nomination.pk).status == status
    assert not AwardRecord.objects.exists()
    assert [str(m) for m in response.context["messages"]] == ["Thao tác này chỉ thực hiện được qua biểu mẫu riêng của nó."]


def test_generic_nomination_endpoint_still_performs_button_actions(office_client, org, staff_in):
    nomination = NominationFactory(staff=staff_in(org.land), status=S.SUBMITTED)
    office_client.post(reverse("awards:nomination_act", args=[nomination.pk]), {"action": "pass"})
    assert Nomination.objects.get(pk=nomination.pk).status == S.CHECKED
