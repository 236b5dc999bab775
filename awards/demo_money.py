"""Demo data of the money (awards.demo calls `seed`): the base salary table and the multiples of the
catalogue as the law gives them, and the Department's emulation and commendation fund of 2025 with its
sources. Safe to run twice: nothing is added where it exists."""
from datetime import date

from awards.catalogue_data import load_rewards
from awards.models import AwardType, BaseSalary, FundSource, RewardFund
from emulation.models import Agency, User

SOURCES_2025 = [
    ("carried_over", 12_500_000, date(2025, 1, 2), "Số dư Quỹ thi đua, khen thưởng năm 2024 chuyển sang"),
    ("budget", 60_000_000, date(2025, 1, 15), "Quyết định số 3012/QĐ-UBND ngày 20/12/2024 giao dự toán ngân sách năm 2025"),
    ("contribution", 5_000_000, date(2025, 9, 8), "Công ty TNHH Môi trường Xanh ủng hộ phong trào “Chống rác thải nhựa”"),
]


def seed():
    load_rewards(AwardType, BaseSalary)  # a database flushed since the migrations (transactional tests)
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
