"""A round is computed set-wise: opening a table (assessments, scores, the reports' facts) and the ranking
take the same number of queries whatever the number of units."""
from decimal import Decimal as D

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from emulation.tests.factories import UnitFactory
from scoring import ranking, workflow
from scoring.models import Assessment, Block, Score
from scoring.tests.factories import scoring_table

pytestmark = pytest.mark.django_db
#: The queries of opening a table (its workflow row, the units, bulk inserts, the reports' facts) and of its ranking.
OPEN_AND_RANK = (18, 6)


def _queries(units, office_user):
    root = UnitFactory(code="ROOT", name="Sở", kind="department")
    made = [UnitFactory(code=f"P{i}", name=f"Phòng {i}", parent=root) for i in range(units)]
    block = Block.objects.create(name="Khối", year=2025)
    block.members.set(made)
    table = scoring_table()
    ContentType.objects.get_for_model(table)  # the timeline's content type is cached once per process
    with CaptureQueriesContext(connection) as opening:
        workflow.open_table(table, actor=office_user)
    Score.objects.filter(assessment__table=table).update(value=D(1))
    Assessment.objects.filter(table=table).update(status="approved")
    with CaptureQueriesContext(connection) as computing:
        standings = ranking.compute(table)
    assert len(standings.results) == units and len(standings.blocks[0][1]) == units
    return len(opening), len(computing)


@pytest.mark.parametrize("units", [1, 3])
def test_opening_and_ranking_take_the_same_queries_with_1_and_3_units(units, office_user):
    assert _queries(units, office_user) == OPEN_AND_RANK
