"""Demo data of the money and of the register of models (awards.demo calls `seed`): the base salary table
and the multiples of the catalogue as the law gives them, the Department's emulation and commendation fund
of 2025 with its sources, and three exemplary models of the year (one accepted person of the staff, one
accepted household outside the agency, one collective waiting for the Office). Safe to run twice:
nothing is added where it exists."""
from datetime import date

from awards.catalogue_data import load_rewards
from awards.exemplars import act_on_exemplar
from awards.models import AwardType, BaseSalary, Exemplar, FundSource, RewardFund
from campaigns.models import Plan, PlanStatus
from emulation.models import Agency, Staff, Unit, User

SOURCES_2025 = [
    ("carried_over", 12_500_000, date(2025, 1, 2), "Số dư Quỹ thi đua, khen thưởng năm 2024 chuyển sang"),
    ("budget", 60_000_000, date(2025, 1, 15), "Quyết định số 3012/QĐ-UBND ngày 20/12/2024 giao dự toán ngân sách năm 2025"),
    ("contribution", 5_000_000, date(2025, 9, 8), "Công ty TNHH Môi trường Xanh ủng hộ phong trào “Chống rác thải nhựa”"),
]


def seed():
    load_rewards(AwardType, BaseSalary)  # a database flushed since the migrations (transactional tests)
    return f"{_fund()}; {_exemplars()}"


def _fund():
    agency = Agency.objects.primary()
    fund, created = RewardFund.objects.get_or_create(agency=agency, year=2025)
    if not created:
        return "fund of 2025 already there"
    office = User.objects.filter(username="vanphong").first()
    FundSource.objects.bulk_create([
        FundSource(fund=fund, kind=kind, amount=amount, received_on=day, reference=reference, entered_by=office)
        for kind, amount, day, reference in SOURCES_2025
    ])
    return f"fund of 2025 with {len(SOURCES_2025)} sources"


def _exemplars():
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=["QLDD", "MT", "MT-KSON"])}
    users = {user.username: user for user in User.objects.filter(username__in=["vanphong", "lanhdao.qldd", "lanhdao.mt"])}
    if len(units) < 3 or len(users) < 3 or Exemplar.objects.filter(unit__in=units.values(), year=2025).exists():
        return "exemplary models already there"
    plan = Plan.objects.filter(status=PlanStatus.ISSUED).order_by("-year_to").first()
    person = Staff.objects.filter(unit=units["QLDD"], user__isnull=True).order_by("-pk").first()
    rescuer = Exemplar.objects.create(
        unit=units["QLDD"], year=2025, kind=Exemplar.Kind.PERSON, staff=person, plan=plan,
        deed="Trên đường đi đo đạc địa chính tại xã Nghĩa Hành, đã lao xuống sông Vệ cứu hai học sinh bị đuối nước.",
        evidence="Thư cảm ơn của UBND xã Nghĩa Hành ngày 12/8/2025; bài “Người cán bộ địa chính cứu người” trên Báo Quảng Ngãi.",
        introduced=Exemplar.Introduced.NEWS, introduced_note="Báo Quảng Ngãi, số ra ngày 15/8/2025", created_by=users["lanhdao.qldd"])
    household = Exemplar.objects.create(
        unit=units["MT"], year=2025, kind=Exemplar.Kind.COLLECTIVE, plan=plan,
        name="Hộ gia đình ông Đinh Văn Tâm, thôn Làng Mâm, xã Ba Tơ",
        deed="Hiến 1.200 m² đất làm điểm tập kết rác thải sinh hoạt của thôn; vận động 40 hộ phân loại rác tại nguồn.",
        evidence="Biên bản hiến đất ngày 03/6/2025 có xác nhận của UBND xã Ba Tơ.",
        introduced=Exemplar.Introduced.MEETING, introduced_note="Hội nghị sơ kết 6 tháng phong trào “Chống rác thải nhựa”, 10/7/2025",
        created_by=users["lanhdao.mt"])
    team = Exemplar.objects.create(
        unit=units["MT"], year=2025, kind=Exemplar.Kind.COLLECTIVE, nominee_unit=units["MT-KSON"], plan=plan,
        deed="Phát hiện và ngăn chặn kịp thời vụ xả thải trái phép ra sông Trà Khúc trong đêm 21/9/2025.",
        evidence="Biên bản kiểm tra hiện trường số 45/BB-KSON ngày 22/9/2025.",
        introduced=Exemplar.Introduced.PROVINCE, introduced_note="Bản tin thi đua của tỉnh, quý III/2025", created_by=users["lanhdao.mt"])
    for exemplar, head in ((rescuer, users["lanhdao.qldd"]), (household, users["lanhdao.mt"]), (team, users["lanhdao.mt"])):
        act_on_exemplar(exemplar, "submit", actor=head)
    for exemplar in (rescuer, household):
        act_on_exemplar(exemplar, "accept", actor=users["vanphong"])
    return "3 exemplary models of 2025"
