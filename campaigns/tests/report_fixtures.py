"""Fixtures for unit-report tests (imported by name into each test module, beside the plan's tests)."""
from datetime import date

import pytest

from campaigns.models import PlanStatus, ReportingPeriod
from campaigns.reporting import start_report
from campaigns.tests.factories import ContentItemFactory, PlanFactory, TargetFactory


@pytest.fixture
def issued_plan(org):
    """An issued plan with two content items, the first with one sub-point and a target for every unit."""
    plan = PlanFactory(status=PlanStatus.ISSUED, number=45, number_year=2025, year_from=2025, year_to=2025)
    first = ContentItemFactory(plan=plan, text="Cải cách hành chính, giải quyết hồ sơ đúng hạn.", order=1)
    ContentItemFactory(plan=plan, parent=first, text="Số hóa hồ sơ đất đai.", order=1)
    ContentItemFactory(plan=plan, text="Phong trào thi đua bảo vệ môi trường.", order=2)
    TargetFactory(plan=plan, item=first, indicator="Tỷ lệ hồ sơ đúng hạn", unit_of_measure="%", target_value=100)
    return plan


@pytest.fixture
def period(issued_plan, org):
    """Quý I/2025, due Tuesday 08/04/2025: the day after the Hùng Kings' holiday (Monday 07/04)."""
    period = ReportingPeriod.objects.create(
        plan=issued_plan, kind="quarter", name="Quý I năm 2025", start=date(2025, 1, 1), end=date(2025, 3, 31),
        due=date(2025, 4, 8),
    )
    period.units.set([org.land, org.env])
    return period


@pytest.fixture
def land_report(period, org, land_head):
    return start_report(period, org.land, actor=land_head)
