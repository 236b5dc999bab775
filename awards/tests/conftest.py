"""Fixtures shared by the awards tests."""
import pytest

from awards.models import Nomination
from awards.tests.factories import NominationFactory, award


@pytest.fixture
def money_awardees(org, staff_in):
    """Two approved nominations of one round: a Chiến sĩ thi đua cơ sở (1,0 × 2.340.000 đ) and a Tập thể lao
    động tiên tiến (0,8 × 2.340.000 = 1.872.000 → 1.880.000 đ)."""
    person = NominationFactory(staff=staff_in(org.land, full_name="Trần Thị Bích"), status=Nomination.Status.APPROVED)
    unit = NominationFactory(round=person.round, staff=None, nominee_unit=org.land, unit=org.land,
                             award_type=award("TTLDTT"), status=Nomination.Status.APPROVED)
    return person, unit
