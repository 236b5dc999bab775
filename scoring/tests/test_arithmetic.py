"""The arithmetic of a scoring table, case by case (scoring.arithmetic): no database."""
from datetime import datetime
from decimal import Decimal as D

from scoring.arithmetic import CriterionRule, band_of, criterion_points, rank, share_points, total

BANDS = [("Xuất sắc", D(90)), ("Tốt", D(80)), ("Khá", D(65)), ("Trung bình", D(0))]


def test_target_points_are_in_proportion_to_the_share_reached():
    rule = CriterionRule(1, "target", D(10), target=D(200))
    assert criterion_points(rule, D(150)) == D("7.50")


def test_target_below_the_floor_gets_no_points():
    rule = CriterionRule(1, "target", D(10), target=D(100), floor=D(50))
    assert criterion_points(rule, D("49.99")) == D(0)
    assert criterion_points(rule, D(50)) == D("5.00")


def test_target_exceeded_gets_no_more_than_the_full_points_at_the_cap():
    rule = CriterionRule(1, "target", D(10), target=D(100), cap=D(120))
    assert criterion_points(rule, D(60)) == D("5.00")
    assert criterion_points(rule, D(120)) == D("10.00")
    assert criterion_points(rule, D(300)) == D("10.00")


def test_target_of_zero_counts_as_reached():
    assert criterion_points(CriterionRule(1, "target", D(4), target=D(0)), D(0)) == D(4)


def test_reports_share_is_scored_like_a_target_of_100():
    assert criterion_points(CriterionRule(1, "reports", D(8)), D(75)) == D("6.00")


def test_yes_no_gives_full_points_or_none():
    rule = CriterionRule(1, "yes_no", D(5))
    assert (criterion_points(rule, D(1)), criterion_points(rule, D(0))) == (D(5), D(0))


def test_manual_points_are_kept_between_zero_and_the_maximum():
    rule = CriterionRule(1, "manual", D(10))
    assert [criterion_points(rule, v) for v in (D(-3), D("7.25"), D(12))] == [D(0), D("7.25"), D(10)]


def test_unscored_criterion_gives_no_points():
    assert criterion_points(CriterionRule(1, "manual", D(10)), None) == D(0)


def test_bonus_and_deduction_are_capped_by_the_table():
    rules = [CriterionRule(1, "manual", D(80)), CriterionRule(2, "manual", D(5), "bonus"),
             CriterionRule(3, "manual", D(5), "bonus"), CriterionRule(4, "manual", D(10), "deduction"),
             CriterionRule(5, "manual", D(10), "deduction")]
    result = total("u", rules, {1: D(70), 2: D(5), 3: D(4), 4: D(8), 5: D(6)}, bonus_cap=D(6), deduction_cap=D(10))
    assert (result.base, result.bonus, result.deduction, result.total) == (D(70), D(6), D(10), D(66))


def test_a_cap_of_zero_means_no_cap():
    rules = [CriterionRule(1, "manual", D(5), "bonus"), CriterionRule(2, "manual", D(5), "bonus")]
    assert total("u", rules, {1: D(5), 2: D(5)}).bonus == D(10)


def test_a_disqualifying_criterion_without_points_disqualifies():
    rules = [CriterionRule(1, "manual", D(90)), CriterionRule(2, "yes_no", D(10), disqualifying=True)]
    assert total("u", rules, {1: D(90), 2: D(0)}).disqualified_by == [2]
    assert not total("u", rules, {1: D(90), 2: D(1)}).disqualified


def test_bands_classify_the_total():
    assert [band_of(D(p), BANDS) for p in (95, 90, "89.99", 65, 10)] == ["Xuất sắc", "Xuất sắc", "Tốt", "Khá", "Trung bình"]
    assert band_of(D(10), [("Tốt", D(80))]) == ""


def _result(key, base, bonus=0, deduction=0, submitted=None, disqualify=False):
    rules = [CriterionRule(1, "manual", D(100)), CriterionRule(2, "manual", D(100), "bonus"),
             CriterionRule(3, "manual", D(100), "deduction"), CriterionRule(4, "yes_no", D(1), disqualifying=True)]
    return total(key, rules, {1: D(base), 2: D(bonus), 3: D(deduction), 4: D(0 if disqualify else 1)}, submitted=submitted)


def test_ranking_orders_by_total_and_disqualified_units_come_last_without_rank_or_band():
    results = rank([_result("a", 70), _result("b", 99, disqualify=True), _result("c", 85)], bands=BANDS)
    assert [(r.key, r.rank, r.band) for r in results] == [("c", 1, "Tốt"), ("a", 2, "Khá"), ("b", None, "")]


def test_ties_are_broken_by_the_tables_rules_in_order():
    # Equal totals of 80: "a" 80+0-0, "b" 78+4-2, "c" 78+2-0 submitted earlier than "b".
    results = [_result("a", 80, submitted=datetime(2025, 12, 3)), _result("b", 78, 4, 2, datetime(2025, 12, 2)),
               _result("c", 78, 2, 0, datetime(2025, 12, 1))]
    assert [r.key for r in rank(results, ["base", "deductions"])] == ["a", "c", "b"]
    assert [r.key for r in rank(results, ["bonus"])] == ["b", "c", "a"]
    assert [r.key for r in rank(results, ["submitted"])] == ["c", "b", "a"]


def test_units_still_equal_after_the_tie_breaks_share_a_rank():
    results = rank([_result("a", 80), _result("b", 80), _result("c", 70)], ["base"])
    assert [r.rank for r in results] == [1, 1, 3]


def test_share_points_rounds_half_up_to_hundredths():
    assert share_points(D(10), D("33.335")) == D("3.33")
    assert share_points(D(3), D("50.5")) == D("1.52")
