"""Demo data of the province level's figures (issue 16): Sở Y tế's council, its 2025 plan with unit reports
and a few awards, so that its figures are not empty; then the province's own summaries, visible to the
standing body's `chuyenvien.btd` and the Chủ tịch `chutich`: the six-month summary of 2025 issued and the
annual summary of 2025 as a draft.

Everything goes through the real workflows at the dates it would have happened. Idempotent: Sở Y tế's
council exists once (matched by its agency), the plan once (by its title), an award once (by its decision
number and holder), a province summary once (by its kind and year). Runs after emulation (which creates
Sở Y tế and the province, `emulation.demo_agencies`), campaigns and awards.
"""
from datetime import date

from awards.models import AwardKind, AwardRecord, AwardType, CouncilMember
from campaigns import demo_reports
from campaigns.editing import add_part
from campaigns.models import ContentItem, PeriodKind, Plan, PlanKind, Recipient, ReportingPeriod
from campaigns.workflow import approve_plan, issue_plan, submit_plan
from emulation import calendar
from emulation.documents.demo_keys import make_demo_keys
from emulation.models import Agency, Staff, Unit, User
from reports import workflow
from reports.models import SummaryKind, SummaryReport

HEALTH = "SYT"
PLAN_TITLE = "Phát động phong trào thi đua “Ngành Y tế chung sức vì sức khỏe nhân dân” năm 2025"
ITEMS = [
    ("Nâng cao chất lượng khám bệnh, chữa bệnh và sự hài lòng của người bệnh",
     ["Triển khai bệnh án điện tử tại các cơ sở khám bệnh, chữa bệnh"]),
    ("Chủ động phòng, chống dịch bệnh; bảo đảm an toàn vệ sinh thực phẩm", []),
    ("Đẩy mạnh cải cách hành chính và chuyển đổi số trong ngành Y tế", []),
]
# The fate of each unit's report (campaigns.demo_reports), in the units' order.
FATES = {
    PeriodKind.HALF_YEAR: ["accepted", "accepted", "late", "accepted", "returned", "accepted", "not_started",
                           "accepted", "late", "accepted", "accepted", "not_started"],
    PeriodKind.YEAR: ["accepted", "late", "accepted", "submitted", "accepted", "not_started", "accepted",
                      "accepted", "accepted", "late", "accepted", "accepted"],
}
# (award code, decision, date, source, unit code, a person (True) or the unit itself)
AWARDS = [
    ("LDTT", "125/QĐ-SYT", date(2025, 1, 15), AwardRecord.Source.HERE, "SYT-CDC", True),
    ("LDTT", "125/QĐ-SYT", date(2025, 1, 15), AwardRecord.Source.HERE, "SYT-NVY", True),
    ("GK", "410/QĐ-SYT", date(2025, 5, 19), AwardRecord.Source.HERE, "SYT-ATTP", True),
    ("GK_TT", "410/QĐ-SYT", date(2025, 5, 19), AwardRecord.Source.HERE, "SYT-KN", False),
    ("BK_TINH", "1105/QĐ-UBND", date(2025, 6, 12), AwardRecord.Source.PROVINCE, "SYT-CDC", True),
    ("BK_TINH_TT", "2230/QĐ-UBND", date(2025, 12, 24), AwardRecord.Source.PROVINCE, "SYT-DS", False),
]
NARRATIVE = {
    "results": "Các sở, ban, ngành đã triển khai kế hoạch thi đua gắn với nhiệm vụ chính trị của từng cơ quan; "
               "chế độ báo cáo định kỳ được thực hiện qua hệ thống, số liệu tổng hợp kịp thời.",
    "commendation": "Công tác khen thưởng bảo đảm đúng đối tượng, tiêu chuẩn, quy trình; hồ sơ đề nghị khen thưởng "
                    "cấp tỉnh được gửi và thẩm định trên hệ thống.",
    "strengths": "Phong trào thi đua được phát động rộng khắp; tỷ lệ cơ quan gửi báo cáo đúng hạn tăng.",
    "shortcomings": "Một số cơ quan, đơn vị còn gửi báo cáo chậm hoặc chưa gửi báo cáo.",
    "causes": "Một số đơn vị chưa phân công cán bộ theo dõi công tác thi đua, khen thưởng.",
    "lessons": "Thường xuyên đôn đốc, kiểm tra chế độ báo cáo; công khai kết quả trên hệ thống.",
    "tasks_ahead": "Chuẩn bị tổng kết năm 2025; hướng dẫn các cơ quan đăng ký thi đua năm 2026.",
    "proposals": "Đề nghị Ban Thi đua - Khen thưởng Trung ương tiếp tục hướng dẫn nghiệp vụ khen thưởng trên hệ thống.",
}


def _health_council(agency, units):
    """A council like the first agency's (awards.demo): the Director chairs, a deputy without a login,
    the Office's specialist as secretary, a unit head with a login, two heads of units without one."""
    if CouncilMember.objects.filter(agency=agency).exists():
        return 0
    logins = {user.username: user for user in User.objects.filter(username__in=["giamdoc.syt", "vanphong.syt",
                                                                                 "lanhdao.nvy"])}
    people = {username: Staff.objects.filter(user=user).first() for username, user in logins.items()}

    def head_of(code):
        return Staff.objects.filter(unit=units[code], user__isnull=True).order_by("pk").first()

    rows = [
        (people["giamdoc.syt"].full_name, "Giám đốc Sở Y tế", CouncilMember.Position.CHAIR, logins["giamdoc.syt"]),
        ("Nguyễn Thị Thanh Hương", "Phó Giám đốc Sở Y tế", CouncilMember.Position.VICE_CHAIR, None),
        (people["vanphong.syt"].full_name, "Chuyên viên Văn phòng Sở", CouncilMember.Position.SECRETARY,
         logins["vanphong.syt"]),
        (people["lanhdao.nvy"].full_name, "Trưởng phòng Nghiệp vụ Y", CouncilMember.Position.MEMBER,
         logins["lanhdao.nvy"]),
    ]
    for code in ("SYT-TCCB", "SYT-CD"):
        head = head_of(code)
        rows.append((head.full_name, f"{head.position} {units[code].short_name}", CouncilMember.Position.MEMBER, None))
    for order, (name, title, position, user) in enumerate(rows):
        CouncilMember.objects.create(full_name=name, title=title, position=position, order=order, agency=agency,
                                     valid_from=date(2024, 1, 1), user=user)
    return len(rows)


def _health_plan(agency, units):
    if Plan.objects.filter(title=PLAN_TITLE, issuer=agency).exists():
        return None
    office, director = User.objects.get(username="vanphong.syt"), User.objects.get(username="giamdoc.syt")
    plan = Plan(kind=PlanKind.ANNUAL, title=PLAN_TITLE, year_from=2025, year_to=2025, created_by=office,
                signer_name=Staff.objects.get(user=director).full_name,
                opening="Căn cứ tình hình thực tiễn, Sở Y tế xây dựng Kế hoạch như sau:",
                closing="Trong quá trình thực hiện, nếu có vướng mắc, đề nghị phản ánh về Văn phòng Sở Y tế./.")
    plan.take_header_from(agency)
    plan.save()
    for text, points in ITEMS:
        item = add_part(ContentItem(plan=plan, text=text))
        for point in points:
            add_part(ContentItem(plan=plan, parent=item, text=point))
    add_part(Recipient(plan=plan, text="Các phòng, đơn vị thuộc Sở Y tế"))
    with demo_reports._clock(demo_reports._local(date(2025, 1, 6), 9)):
        submit_plan(plan, office)
        approve_plan(plan, director)
    issue_plan(plan, office, issue_date=date(2025, 1, 8))
    reporting = [unit for code, unit in units.items() if unit.parent_id is not None]
    today = calendar.today()
    for kind, name, start, end, due in (
        (PeriodKind.HALF_YEAR, "6 tháng đầu năm 2025", date(2025, 1, 1), date(2025, 6, 30), date(2025, 7, 10)),
        (PeriodKind.YEAR, "Năm 2025", date(2025, 1, 1), date(2025, 12, 31), date(2026, 1, 12)),
    ):
        period = ReportingPeriod.objects.create(plan=plan, kind=kind, name=name, start=start, end=end, due=due,
                                                created_by=office)
        period.units.set(reporting)
        for index, unit in enumerate(reporting):
            demo_reports._seed_report(period, unit, index, FATES[kind][index % len(FATES[kind])], office, {}, today)
    return plan


def _health_awards(units):
    added = 0
    for code, decision, day, source, unit_code, individual in AWARDS:
        unit = units[unit_code]
        award = AwardType.objects.get(code=code)
        person = Staff.objects.filter(unit=unit, user__isnull=True).order_by("pk").first() if individual else None
        holder = {"staff": person} if individual else {"unit": unit}
        if AwardRecord.objects.filter(decision_number=decision, award_type=award, **holder).exists():
            continue
        AwardRecord.objects.create(award_type=award, year=day.year, kind=AwardKind.REGULAR, decision_number=decision,
                                   decision_date=day, issuing_authority=award.deciding_body, source=source, **holder)
        added += 1
    return added


def _write(report, actor):
    workflow.save_narrative(report, sections=NARRATIVE, item_notes={}, header={
        "title": report.title, "signer_name": HEAD_OF_THE_BAN, "signer_authority": report.signer_authority,
        "recipients": report.recipients}, version=report.version, actor=actor)


#: The Trưởng Ban Thi đua – Khen thưởng: the Ban's reports are signed by its head, whoever approves them
#: (the Chủ tịch in the demo; issue 27 item 7). The demo's test CA gives him a key so that they are signed.
HEAD_OF_THE_BAN = "Nguyễn Thành Long"


def _province_summaries(province):
    make_demo_keys(extra_signers=[HEAD_OF_THE_BAN], agencies=[province])
    office, chutich = User.objects.filter(username="chuyenvien.btd").first(), User.objects.filter(username="chutich").first()
    if office is None or chutich is None:
        return []
    done = []
    if not SummaryReport.objects.filter(issuer=province, kind=SummaryKind.HALF_YEAR, year=2025).exists():
        day = date(2025, 7, 21)
        with demo_reports._clock(demo_reports._local(day, 8)):
            report = workflow.create_province_summary(province, SummaryKind.HALF_YEAR, 2025, actor=office)
            _write(report, office)
            workflow.submit(report, office)
        with demo_reports._clock(demo_reports._local(calendar.add_working_days(day, 1), 10)):
            workflow.approve(report, chutich)
        issue_day = calendar.add_working_days(day, 2)
        with demo_reports._clock(demo_reports._local(issue_day, 15)):
            workflow.issue(report, office, issue_date=issue_day)
        done.append(f"{report.number_symbol} issued")
    if not SummaryReport.objects.filter(issuer=province, kind=SummaryKind.YEAR, year=2025).exists():
        report = workflow.create_province_summary(province, SummaryKind.YEAR, 2025, actor=office)
        workflow.save_narrative(report, sections={"results": NARRATIVE["results"]}, item_notes={}, header={
            "title": report.title, "signer_name": HEAD_OF_THE_BAN, "signer_authority": report.signer_authority,
            "recipients": report.recipients}, version=report.version, actor=office)
        done.append("annual draft")
    return done


def seed():
    health = Agency.objects.filter(abbreviation=HEALTH).first()
    province = Agency.objects.filter(kind=Agency.Kind.PROVINCE).order_by("pk").first()
    if health is None or province is None:
        return "province: no second agency or province"
    units = {unit.code: unit for unit in Unit.objects.filter(agency=health)}
    members = _health_council(health, units)
    plan = _health_plan(health, units)
    awards = _health_awards(units)
    summaries = _province_summaries(province)
    return (f"Sở Y tế: {members} council members, {'a plan with reports' if plan else 'plan present'}, {awards} awards; "
            f"province summaries: {', '.join(summaries) or 'already present'}")
