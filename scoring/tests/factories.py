"""A scoring table with a criterion of each kind, for the scoring tests."""
from decimal import Decimal as D

from campaigns.models import Plan, PlanStatus
from campaigns.tests.factories import ContentItemFactory, PlanFactory, TargetFactory
from scoring.models import Band, Criterion, ScoringTable, Section


def scoring_table(*, year=2025, plan=None, agency=None, **kwargs):
    """A table being prepared, made from an issued plan with one target: one criterion of each kind
    (by hand 40, target 30 with a floor of 50 %, reports 20, yes/no 10 disqualifying), a bonus (cap 5) and a
    deduction (cap 10), four bands."""
    if plan is None:
        plan = PlanFactory(status=PlanStatus.ISSUED, number=Plan.objects.count() + 1, number_year=year, year_from=year, year_to=year)
        item = ContentItemFactory(plan=plan, text="Cải cách hành chính.", order=1)
        TargetFactory(plan=plan, item=item, indicator="Hồ sơ giải quyết đúng hạn", unit_of_measure="hồ sơ",
                      target_value=D(200))
    table = ScoringTable.objects.create(plan=plan, year=year, title=f"Bảng chấm điểm thi đua năm {year}",
                                        bonus_cap=D(5), deduction_cap=D(10), signer_name="Nguyễn Văn Giám",
                                        **({"agency": agency} if agency else {}), **kwargs)
    work = Section.objects.create(table=table, title="I. Thực hiện nhiệm vụ", order=1)
    extra = Section.objects.create(table=table, title="II. Điểm thưởng, điểm trừ", order=2)
    target = plan.targets.first()
    Criterion.objects.create(table=table, section=work, text="Chất lượng tham mưu", method="manual", max_points=D(40), order=1)
    Criterion.objects.create(table=table, section=work, text="Hồ sơ giải quyết đúng hạn", method="target", target=target,
                             max_points=D(30), floor=D(50), order=2)
    Criterion.objects.create(table=table, section=work, text="Báo cáo đúng hạn", method="reports", max_points=D(20), order=3)
    Criterion.objects.create(table=table, section=work, text="Không có cán bộ bị kỷ luật", method="yes_no",
                             max_points=D(10), disqualifying=True, order=4)
    Criterion.objects.create(table=table, section=extra, text="Sáng kiến được công nhận", category="bonus",
                             max_points=D(5), order=1)
    Criterion.objects.create(table=table, section=extra, text="Chậm thực hiện nhiệm vụ được giao", category="deduction",
                             max_points=D(10), order=2)
    for name, lowest in (("Xuất sắc", 90), ("Tốt", 80), ("Khá", 65), ("Trung bình", 0)):
        Band.objects.create(table=table, name=name, min_points=D(lowest))
    return table


def criteria(table):
    """The table's criteria by their text's first word(s): manual, target, reports, yes_no, bonus, deduction."""
    by_method = {}
    for criterion in table.criteria.all():
        key = criterion.category if criterion.category != "regular" else criterion.method
        by_method[key] = criterion
    return by_method
