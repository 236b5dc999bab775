import pytest

from campaigns.models import Plan, PlanStatus
from campaigns.tests.factories import ContentItemFactory, PlanFactory, TargetFactory

pytestmark = pytest.mark.django_db


def test_numbered_items_follow_order_with_sub_points():
    plan = PlanFactory()
    second = ContentItemFactory(plan=plan, order=20, text="B")
    first = ContentItemFactory(plan=plan, order=10, text="A")
    ContentItemFactory(plan=plan, parent=second, order=2, text="B-ii")
    ContentItemFactory(plan=plan, parent=second, order=1, text="B-i")

    items = plan.numbered_items()

    assert [(i.number, i.text) for i in items] == [("1", "A"), ("2", "B")]
    assert [(p.number, p.text) for p in items[1].points] == [("2.1", "B-i"), ("2.2", "B-ii")]
    assert items[0].pk == first.pk


def test_number_symbol_has_leading_zero_below_ten():
    plan = PlanFactory(number=5, symbol="KH-STNMT", number_year=2026)

    assert plan.number_symbol == "05/KH-STNMT"


def test_plan_without_number_has_empty_number_symbol():
    assert PlanFactory().number_symbol == ""


def test_target_applies_to_chosen_units(org):
    target = TargetFactory()
    target.units.set([org.land])

    assert list(target.units.all()) == [org.land]


def test_only_issued_plans_are_visible_to_a_unit_head(land_head):
    PlanFactory(status=PlanStatus.DRAFT)
    issued = PlanFactory(status=PlanStatus.ISSUED)

    assert list(Plan.objects.visible_to(land_head)) == [issued]
