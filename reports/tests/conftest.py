"""A small data set whose summary figures are computed by hand in test_summaries.py.

Half-year 2025 of an issued plan; four units must report:
- Phòng Quản lý đất đai: accepted, on time — item 1 done, point 1.1 done, item 2 in progress;
  targets: 96 % and 3 (count).
- Chi cục Bảo vệ môi trường: submitted late — item 1 done, point 1.1 not applicable, item 2 done;
  targets: 100 % and 1.
- Tổ Đăng ký: returned, not corrected (its figures are not counted per item).
- Phòng Thanh tra: no report at all.
"""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from awards.models import AwardType, Registration
from awards.tests.factories import RecordFactory
from campaigns.models import ItemProgress, ItemStatus, PlanStatus, ReportingPeriod, ReportStatus, TargetResult, UnitReport
from campaigns.reporting import start_report
from campaigns.tests.factories import ContentItemFactory, PlanFactory, TargetFactory
from emulation.models import Role
from emulation.tests.factories import StaffFactory, UnitFactory
from reports.models import SummaryKind
from reports.workflow import create_summary
from reports import workflow

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def set_report(report, status, *, late=False, progress=(), values=()):
    UnitReport.objects.filter(pk=report.pk).update(
        status=status, late=late, submitted_at=datetime(2025, 7, 3, 9, tzinfo=LOCAL))
    for item, state in progress:
        ItemProgress.objects.filter(report=report, item=item).update(status=state, text=f"{report.unit.name} làm {state}")
    for target, value in values:
        TargetResult.objects.filter(report=report, target=target).update(value=value)


@pytest.fixture
def director_client(client, director_user):
    client.force_login(director_user)
    return client


@pytest.fixture
def data(org, office_user):
    class Data:
        plan = PlanFactory(status=PlanStatus.ISSUED, number=45, number_year=2025, year_from=2025, year_to=2025)
        first = ContentItemFactory(plan=plan, text="Cải cách hành chính.", order=1)
        point = ContentItemFactory(plan=plan, parent=first, text="Số hóa hồ sơ.", order=1)
        second = ContentItemFactory(plan=plan, text="Bảo vệ môi trường.", order=2)
        percent = TargetFactory(plan=plan, item=first, indicator="Tỷ lệ hồ sơ đúng hạn", unit_of_measure="%",
                                target_value=100)
        count = TargetFactory(plan=plan, item=second, indicator="Số sáng kiến", unit_of_measure="sáng kiến",
                              target_value=2)
        inspection = UnitFactory(code="TTRA", name="Phòng Thanh tra", parent=org.department, order=3)
        period = ReportingPeriod.objects.create(
            plan=plan, kind="half_year", name="6 tháng đầu năm 2025", start=date(2025, 1, 1), end=date(2025, 6, 30),
            due=date(2025, 7, 7))

    d = Data
    d.period.units.set([org.land, org.land_team, org.env, d.inspection])
    d.land = start_report(d.period, org.land, actor=office_user)
    d.env = start_report(d.period, org.env, actor=office_user)
    d.team = start_report(d.period, org.land_team, actor=office_user)
    set_report(d.land, ReportStatus.ACCEPTED, progress=[(d.first, ItemStatus.DONE), (d.point, ItemStatus.DONE),
                                                       (d.second, ItemStatus.IN_PROGRESS)],
               values=[(d.percent, 96), (d.count, 3)])
    set_report(d.env, ReportStatus.SUBMITTED, late=True,
               progress=[(d.first, ItemStatus.DONE), (d.point, ItemStatus.NOT_APPLICABLE), (d.second, ItemStatus.DONE)],
               values=[(d.percent, 100), (d.count, 1)])
    set_report(d.team, ReportStatus.RETURNED, values=[(d.percent, 10), (d.count, 50)])
    person = StaffFactory(unit=org.land, full_name="Võ Văn Đông")
    RecordFactory(staff=person, award_type=AwardType.objects.get(code="LDTT"), year=2025,
                  decision_date=date(2025, 3, 10))
    RecordFactory(staff=StaffFactory(unit=org.env), award_type=AwardType.objects.get(code="LDTT"), year=2025,
                  decision_date=date(2025, 8, 1))  # after the period: not counted
    Registration.objects.create(unit=org.land, year=2025, collective_title=AwardType.objects.get(code="TTLDTT"))
    return d


@pytest.fixture
def summary(data, office_user):
    return create_summary(data.period, SummaryKind.HALF_YEAR, actor=office_user)


@pytest.fixture
def deputy_user(make_user):
    return make_user(Role.DEPUTY_DIRECTOR)


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def immediate_tasks(settings):
    """Background jobs run inside the request that starts them (no worker)."""
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture
def approved(summary, office_user, director_user):
    """The summary report with a narrative, submitted and approved: ready to issue."""
    workflow.save_narrative(summary, sections={"results": "Kết quả nổi bật.", "strengths": "Ưu điểm A."},
                            item_notes={}, header={"title": summary.title}, version=summary.version, actor=office_user)
    workflow.submit(summary, office_user)
    workflow.approve(summary, director_user)
    return summary
