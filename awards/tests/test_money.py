"""The money of each award, computed from data (awards.money) against amounts computed by hand: the
law's multiple × the base salary in force on the decision's date, rounded up to the ten thousand đồng."""
from datetime import date
from decimal import Decimal

import pytest

from awards.catalogue_data import BASE_SALARIES, REWARDS
from awards.models import AwardType, BaseSalary
from awards.money import MoneyError, award_amount, decision_lines, round_up
from awards.tests.factories import NominationFactory, award
from emulation.tests.factories import StaffFactory, UnitFactory

pytestmark = pytest.mark.django_db

# award, decided on, awarded to a collective?, amount by hand (đồng)
HAND_COMPUTED = [
    # base 2.340.000 đ (Nghị định 73/2024/NĐ-CP, from 01/7/2024)
    ("LDTT", date(2025, 12, 20), None, 710_000),        # 0,3 × 2.340.000 = 702.000 → 710.000
    ("CSTDCS", date(2025, 12, 20), None, 2_340_000),    # 1,0 × 2.340.000
    ("CSTDT", date(2025, 12, 20), None, 7_020_000),     # 3,0 × 2.340.000
    ("TTLDTT", date(2025, 12, 20), None, 1_880_000),    # 0,8 × 2.340.000 = 1.872.000 → 1.880.000
    ("TTLDXS", date(2025, 12, 20), None, 3_510_000),    # 1,5 × 2.340.000
    ("CTD_TINH", date(2025, 12, 20), None, 18_720_000),  # 8,0 × 2.340.000
    ("GK", date(2025, 12, 20), None, 710_000),          # 0,3 × 2.340.000 = 702.000 → 710.000
    ("GK_TT", date(2025, 12, 20), None, 1_410_000),     # 0,6 × 2.340.000 = 1.404.000 → 1.410.000
    ("GK", date(2025, 12, 20), True, 1_410_000),        # a collective given the individual's Giấy khen: × 2
    ("BK_TINH", date(2025, 12, 20), None, 3_510_000),   # 1,5 × 2.340.000
    ("BK_TINH_TT", date(2025, 12, 20), None, 7_020_000),  # 3,0 × 2.340.000
    ("BK_TTG", date(2025, 12, 20), None, 8_190_000),    # 3,5 × 2.340.000
    ("BK_TTG", date(2025, 12, 20), True, 16_380_000),   # a collective: 7,0 × 2.340.000
    # base 1.800.000 đ (Nghị định 24/2023/NĐ-CP, from 01/7/2023 to 30/6/2024)
    ("LDTT", date(2024, 6, 30), None, 540_000),         # 0,3 × 1.800.000
    ("TTLDTT", date(2024, 6, 30), None, 1_440_000),     # 0,8 × 1.800.000
    ("GK_TT", date(2023, 12, 29), None, 1_080_000),     # 0,6 × 1.800.000
    # the day the new level comes into force counts under it
    ("LDTT", date(2024, 7, 1), None, 710_000),
    # base 1.490.000 đ (Nghị định 38/2019/NĐ-CP): 0,3 × 1.490.000 = 447.000 → 450.000
    ("LDTT", date(2020, 12, 31), None, 450_000),
]


@pytest.mark.parametrize("code, day, collective, expected", HAND_COMPUTED)
def test_the_amount_of_each_award_is_the_hand_computed_one(code, day, collective, expected):
    assert award_amount(award(code), day, collective=collective).amount == expected


def test_every_award_of_the_catalogue_has_its_multiple_and_its_citation():
    for award_type in AwardType.objects.all():
        assert award_type.reward_coefficient is not None, award_type.code
        assert award_type.reward_basis.startswith("Nghị định 152/2025/NĐ-CP Điều 5"), award_type.code


def test_each_collective_form_of_the_catalogue_states_twice_the_individual_multiple():
    for individual, collective in (("GK", "GK_TT"), ("BK_TINH", "BK_TINH_TT")):
        assert Decimal(REWARDS[collective][0]) == 2 * Decimal(REWARDS[individual][0])


def test_the_base_salary_table_holds_the_decrees_levels_with_their_dates():
    rows = list(BaseSalary.objects.order_by("valid_from").values_list("valid_from", "amount"))
    assert rows == [(day, amount) for day, amount, _basis in BASE_SALARIES]
    assert rows[-1] == (date(2024, 7, 1), 2_340_000)


def test_a_new_base_salary_row_changes_the_amounts_from_its_date_only():
    BaseSalary.objects.create(valid_from=date(2026, 7, 1), amount=2_530_000, legal_basis="Nghị định thử")
    assert award_amount(award("LDTT"), date(2026, 6, 30)).amount == 710_000
    assert award_amount(award("LDTT"), date(2026, 7, 1)).amount == 760_000  # 759.000 → 760.000


def test_rounding_goes_up_to_the_next_ten_thousand_and_leaves_round_amounts():
    assert [round_up(v) for v in (702_000, 710_000, 700_001, Decimal("1404000.0"))] == [710_000, 710_000, 710_000, 1_410_000]


def test_an_amount_cites_the_article_the_multiple_and_the_base_salary():
    citation = award_amount(award("TTLDTT"), date(2025, 12, 20)).citation
    assert citation == ("Nghị định 152/2025/NĐ-CP Điều 50 (0,8 lần mức lương cơ sở): 0,8 × 2.340.000 đ (mức lương "
                        "cơ sở từ 01/07/2024, Nghị định 73/2024/NĐ-CP Điều 3 khoản 2), làm tròn lên hàng chục nghìn đồng")


def test_an_award_without_a_multiple_carries_no_money():
    award_type = award("LDTT")
    award_type.reward_coefficient = None
    assert award_amount(award_type, date(2025, 12, 20)) is None


def test_a_date_before_every_base_salary_is_refused_with_what_to_do():
    with pytest.raises(MoneyError, match="Chưa có mức lương cơ sở áp dụng cho ngày 01/01/2010"):
        award_amount(award("LDTT"), date(2010, 1, 1))


def test_a_higher_authoritys_award_is_computed_but_not_paid_by_the_agency():
    assert award_amount(award("GK"), date(2025, 12, 20)).paid_by_agency is True
    assert award_amount(award("BK_TINH"), date(2025, 12, 20)).paid_by_agency is False


def test_one_person_given_two_titles_at_once_is_paid_the_higher_and_a_form_besides():
    person = StaffFactory()
    nominations = [NominationFactory(staff=person, award_type=award(code)) for code in ("LDTT", "CSTDCS", "GK")]
    lines, total = decision_lines(nominations, date(2025, 12, 20))
    assert [line.paid for line in lines] == [0, 2_340_000, 710_000]
    assert lines[0].note == "Không chi: cùng thời điểm đã nhận mức thưởng cao hơn của cùng loại"
    assert total == 3_050_000


def test_two_people_given_the_same_title_are_each_paid():
    unit = UnitFactory()
    nominations = [NominationFactory(staff=StaffFactory(unit=unit), award_type=award("LDTT")) for _ in range(2)]
    nominations.append(NominationFactory(staff=None, nominee_unit=unit, award_type=award("TTLDTT")))
    lines, total = decision_lines(nominations, date(2025, 12, 20))
    assert [line.paid for line in lines] == [710_000, 710_000, 1_880_000]
    assert total == 3_300_000
