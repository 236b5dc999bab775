"""Demo data of scoring (issue 29): the 2025 scoring table of the seed plan, the Department's two blocks, the
self-assessments of three units through the real workflow (Phòng Quản lý đất đai: a score changed by the
Office with its reason, and the unit's answer; Chi cục Bảo vệ môi trường: disqualified by a điểm liệt; its
Phòng Kiểm soát ô nhiễm, scored by the Chi cục's head, who heads the units under it too), the Director's
approval and the issued ranking with its notice. Only the demo logins act: no login is added.

The seed plan has no measurable targets (chỉ tiêu), so the demo's table has the other kinds of criteria (by
hand, from the reports, yes/no, bonus and deduction); a criterion scored from a target is in the tests.
Idempotent: nothing happens when the seed plan already has a 2025 table.
"""
from datetime import date
from decimal import Decimal as D

from campaigns.models import Plan, PlanStatus
from campaigns.seed_plan import SIGNER_NAME
from emulation.models import Unit, User
from scoring import ranking, workflow
from scoring.models import Band, Block, Criterion, ScoringTable, Section

YEAR = 2025
SECTIONS = [
    ("I. Thực hiện nhiệm vụ chuyên môn", [
        ("Chất lượng tham mưu, thực hiện nhiệm vụ được giao", "manual", 30, False),
        ("Cải cách hành chính, chuyển đổi số", "manual", 20, False),
        ("Báo cáo đúng hạn, đầy đủ theo kế hoạch", "reports", 20, False),
    ]),
    ("II. Công tác thi đua, khen thưởng và xây dựng đơn vị", [
        ("Triển khai phong trào thi đua, nhân rộng điển hình tiên tiến", "manual", 20, False),
        ("Không có cán bộ, công chức bị xử lý kỷ luật từ khiển trách trở lên", "yes_no", 10, True),
    ]),
]
EXTRA = [("Sáng kiến được Hội đồng sáng kiến công nhận", "bonus", 5), ("Chậm, sai sót trong thực hiện nhiệm vụ", "deduction", 10)]
BANDS = [("Hoàn thành xuất sắc", 90), ("Hoàn thành tốt", 80), ("Hoàn thành", 65), ("Chưa hoàn thành", 0)]
BLOCKS = [
    ("Khối các phòng chuyên môn", ["VP", "TTRA", "KHTC", "QLDD", "TNN", "DDBD"], "VP", "QLDD"),
    ("Khối các chi cục, trung tâm", ["MT", "BHD", "VPDK", "PTQD", "QTMT", "CNTT"], "VPDK", "MT"),
]
# unit code, its head's login, values by criterion text's kind: (manual 1, manual 2, manual 3, yes/no, bonus, deduction)
SELF = [
    ("QLDD", "lanhdao.qldd", (28, 18, 19, 1, 3, 0)),
    ("MT", "lanhdao.mt", (27, 17, 18, 0, 0, 2)),
    ("MT-KSON", "lanhdao.mt", (26, 19, 18, 1, 0, 1)),
]


def _table(plan, office):
    table = ScoringTable.objects.create(
        agency=plan.issuer, plan=plan, year=YEAR, title=f"Bảng tiêu chí chấm điểm thi đua năm {YEAR}", bonus_cap=D(5),
        deduction_cap=D(10), signer_name=SIGNER_NAME, created_by=office)
    for order, (title, criteria) in enumerate(SECTIONS, start=1):
        section = Section.objects.create(table=table, title=title, order=order)
        for index, (text, method, points, disqualifying) in enumerate(criteria, start=1):
            Criterion.objects.create(table=table, section=section, text=text, method=method, max_points=D(points),
                                     disqualifying=disqualifying, order=index, floor=D(50) if method == "reports" else D(0))
    section = Section.objects.create(table=table, title="III. Điểm thưởng, điểm trừ", order=3)
    for index, (text, category, points) in enumerate(EXTRA, start=1):
        Criterion.objects.create(table=table, section=section, text=text, category=category, max_points=D(points), order=index)
    for name, lowest in BANDS:
        Band.objects.create(table=table, name=name, min_points=D(lowest))
    return table


def _blocks(agency):
    units = {u.code: u for u in Unit.objects.filter(agency=agency)}
    for name, codes, head, deputy in BLOCKS:
        block, created = Block.objects.get_or_create(agency=agency, year=YEAR, name=name,
                                                     defaults={"head": units[head], "deputy": units[deputy]})
        if created:
            block.members.set([units[c] for c in codes])


def seed():
    plan = Plan.objects.filter(status=PlanStatus.ISSUED, year_from=2021, year_to=2025).order_by("pk").first()
    if plan is None:
        return "no seed plan"
    if ScoringTable.objects.filter(plan=plan, year=YEAR).exists():
        return "scoring table already present"
    office, director = User.objects.get(username="vanphong"), User.objects.get(username="giamdoc")
    _blocks(plan.issuer)
    table = _table(plan, office)
    workflow.open_table(table, actor=office)
    criteria = list(table.criteria.exclude(method="reports").order_by("section__order", "order"))
    for code, login, values in SELF:
        assessment = table.assessments.get(unit__code=code)
        head = User.objects.get(username=login)
        workflow.save_self_assessment(
            assessment, {c.pk: (D(v), "Báo cáo tổng kết năm 2025 của đơn vị; biên bản kiểm tra của Văn phòng Sở.")
                         for c, v in zip(criteria, values)}, actor=head, version=assessment.version)
        workflow.act(assessment, "submit", actor=head)
        if code == "QLDD":
            workflow.change_score(assessment, criteria[1].pk, D(15), actor=office,
                                  reason="Chưa hoàn thành chỉ tiêu số hóa hồ sơ địa chính quý IV; minh chứng chưa đầy đủ.")
            workflow.answer(assessment, "Đơn vị đã bổ sung biên bản nghiệm thu số hóa; đề nghị Văn phòng xem xét lại.",
                            actor=head)
        workflow.act(assessment, "to_director", actor=office)
        workflow.act(assessment, "approve", actor=director)
    ranking.issue_result(table, actor=office, issue_date=date(YEAR + 1, 1, 12))
    return f"scoring table {table.number:02d}/{table.symbol} issued with {table.assessments.count()} self-assessments"
