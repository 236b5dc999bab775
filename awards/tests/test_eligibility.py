"""Each rule of the eligibility engine with a passing and a failing history."""
from datetime import date

import pytest
from django.utils import translation

from awards.eligibility import evaluate, evaluate_nomination
from awards.models import AwardKind, Evaluation, Initiative, Nomination, ReviewFlag, Rule, RuleSet
from awards.tests.factories import (
    DisciplineFactory, EvaluationFactory, InitiativeFactory, NominationFactory, RecordFactory, RoundFactory, award,
)
from emulation.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(org):
    return StaffFactory(unit=org.land, employed_since=date(2015, 1, 1))


def _records(person, code, years, **kwargs):
    for year in years:
        RecordFactory(staff=person, award_type=award(code), year=year, **kwargs)


def test_rule_set_is_chosen_by_the_year():
    assert RuleSet.for_year(2024).name == "Nghị định 98/2023/NĐ-CP"
    assert RuleSet.for_year(2025).name == "Nghị định 152/2025/NĐ-CP"
    assert RuleSet.for_year(2023) is None


def test_verdict_of_a_year_uses_that_years_rule_set(org, person):
    # Dissolved units are excluded only from NĐ 152/2025 on (Thông tư 15/2025/TT-BNV).
    org.env.dissolved_on = date(2025, 7, 1)
    org.env.save()
    old = evaluate(award("TTLDTT"), 2024, unit=org.env)
    new = evaluate(award("TTLDTT"), 2025, unit=org.env)
    assert old.rule_set.name == "Nghị định 98/2023/NĐ-CP"
    assert not any(c.key.startswith("unit_exists") for c in old.checks)
    assert new.check("unit_exists").met is False


def test_a_change_of_law_is_a_new_rule_set_and_past_verdicts_stay(person):
    EvaluationFactory(staff=person, year=2024, level=Evaluation.Level.GOOD)
    assert evaluate(award("LDTT"), 2024, staff=person).eligible is True
    stricter = RuleSet.objects.create(name="Quy định mới", legal_basis="Thử", valid_from=date(2026, 1, 1))
    Rule.objects.create(rule_set=stricter, award_type=award("LDTT"), kind=Rule.Kind.EVALUATION,
                        params={"level": 4, "years": 1}, legal_basis="Thử")
    EvaluationFactory(staff=person, year=2026, level=Evaluation.Level.GOOD)
    assert evaluate(award("LDTT"), 2024, staff=person).eligible is True
    assert evaluate(award("LDTT"), 2026, staff=person).eligible is False


def test_consecutive_years_met(person):
    _records(person, "CSTDCS", [2023, 2024, 2025])
    InitiativeFactory(authors=[person], level=Initiative.Level.PROVINCE, year=2024)
    verdict = evaluate(award("CSTDT"), 2025, staff=person)
    assert verdict.check("consecutive_awards").met is True
    assert verdict.eligible is True


def test_consecutive_years_across_a_gap_fail_with_the_missing_year(person):
    _records(person, "CSTDCS", [2023, 2025])
    with translation.override("vi"):
        check = evaluate(award("CSTDT"), 2025, staff=person).check("consecutive_awards")
    assert check.met is False
    assert check.reason == "Chưa đủ 3 năm liên tục đạt Chiến sĩ thi đua cơ sở: 2023, 2025 — thiếu 2024"
    assert "Điều 22" in check.legal_basis


def test_ad_hoc_awards_do_not_count_toward_look_backs(person):
    _records(person, "CSTDCS", [2023, 2025])
    _records(person, "CSTDCS", [2024], kind=AwardKind.AD_HOC)
    assert evaluate(award("CSTDT"), 2025, staff=person).check("consecutive_awards").met is False


def test_a_live_nomination_of_the_same_year_counts_as_held(person):
    EvaluationFactory(staff=person, year=2025, level=Evaluation.Level.EXCELLENT)
    lead = NominationFactory(staff=person, award_type=award("LDTT"))
    nomination = NominationFactory(staff=person, round=lead.round)
    assert evaluate_nomination(nomination).check("consecutive_awards").met is True
    Nomination.objects.filter(pk=lead.pk).update(status=Nomination.Status.REJECTED)
    assert evaluate_nomination(nomination).check("consecutive_awards").met is False


def test_evaluation_level_met_and_not_met(person):
    EvaluationFactory(staff=person, year=2025, level=Evaluation.Level.GOOD)
    assert evaluate(award("LDTT"), 2025, staff=person).check("evaluation").met is True
    other = StaffFactory(unit=person.unit, employed_since=date(2015, 1, 1))
    EvaluationFactory(staff=other, year=2025, level=Evaluation.Level.COMPLETED)
    assert evaluate(award("LDTT"), 2025, staff=other).check("evaluation").met is False


def test_missing_evaluation_is_not_met(person):
    check = evaluate(award("LDTT"), 2025, staff=person).check("evaluation")
    assert check.met is False


def test_cstdcs_by_excellence_or_by_initiative(person):
    _records(person, "LDTT", [2025])
    EvaluationFactory(staff=person, year=2025, level=Evaluation.Level.GOOD)
    assert evaluate(award("CSTDCS"), 2025, staff=person).check("alternative").met is False
    InitiativeFactory(authors=[person], year=2025)
    assert evaluate(award("CSTDCS"), 2025, staff=person).check("alternative").met is True


def test_initiative_level_below_the_required_level_does_not_count(person):
    _records(person, "CSTDCS", [2023, 2024, 2025])
    InitiativeFactory(authors=[person], level=Initiative.Level.BASE, year=2025)
    assert evaluate(award("CSTDT"), 2025, staff=person).check("initiative").met is False


def test_an_initiative_counts_once(person):
    _records(person, "LDTT", [2025])
    EvaluationFactory(staff=person, year=2025, level=Evaluation.Level.GOOD)
    initiative = InitiativeFactory(authors=[person], year=2025)
    first = NominationFactory(staff=person, award_type=award("GK"))
    first.initiatives.add(initiative)
    with translation.override("en"):
        check = evaluate(award("CSTDCS"), 2025, staff=person).check("alternative")
    assert check.met is False
    assert "is already used for Giấy khen của Giám đốc Sở 2025" in check.reason


def test_service_months(org):
    newcomer = StaffFactory(unit=org.land, employed_since=date(2025, 8, 1))
    veteran = StaffFactory(unit=org.land, employed_since=date(2025, 6, 1))
    assert evaluate(award("LDTT"), 2025, staff=newcomer).check("service_months").met is False
    assert evaluate(award("LDTT"), 2025, staff=veteran).check("service_months").met is True


def test_discipline_in_force_blocks(person):
    DisciplineFactory(staff=person, valid_from=date(2025, 3, 1), valid_to=date(2026, 2, 28))
    assert evaluate(award("LDTT"), 2025, staff=person).check("no_discipline").met is False
    assert evaluate(award("LDTT"), 2024, staff=person).check("no_discipline").met is True


def test_achievements_count_only_after_a_discipline_ended(person):
    _records(person, "CSTDCS", [2022, 2023, 2024, 2025])
    InitiativeFactory(authors=[person], level=Initiative.Level.PROVINCE, year=2025)
    assert evaluate(award("CSTDT"), 2025, staff=person).check("consecutive_awards").met is True
    DisciplineFactory(staff=person, valid_from=date(2022, 6, 1), valid_to=date(2023, 12, 31))
    verdict = evaluate(award("CSTDT"), 2025, staff=person)
    assert verdict.check("no_discipline").met is True
    assert verdict.check("consecutive_awards").met is False


def test_open_review_blocks_until_closed(person):
    flag = ReviewFlag.objects.create(staff=person, kind=ReviewFlag.Kind.COMPLAINT, opened_on=date(2025, 10, 1))
    assert evaluate(award("LDTT"), 2025, staff=person, as_of=date(2025, 12, 1)).check("not_under_review").met is False
    flag.closed_on = date(2025, 11, 1)
    flag.save()
    assert evaluate(award("LDTT"), 2025, staff=person, as_of=date(2025, 12, 1)).check("not_under_review").met is True


def _members(unit, count, with_ldtt):
    people = [StaffFactory(unit=unit) for _ in range(count)]
    for person in people[:with_ldtt]:
        RecordFactory(staff=person, award_type=award("LDTT"), year=2025)
    return people


def test_collective_member_share(org):
    EvaluationFactory(unit=org.env, year=2025, level=Evaluation.Level.GOOD)
    _members(org.env, 10, 7)
    assert evaluate(award("TTLDTT"), 2025, unit=org.env).eligible is True
    StaffFactory(unit=org.env)
    check = evaluate(award("TTLDTT"), 2025, unit=org.env).check("member_share")
    assert check.met is False


def test_collective_with_a_member_warned_fails(org):
    EvaluationFactory(unit=org.env, year=2025, level=Evaluation.Level.GOOD)
    people = _members(org.env, 4, 4)
    DisciplineFactory(staff=people[0])
    assert evaluate(award("TTLDTT"), 2025, unit=org.env).check("no_member_discipline").met is False


def test_dissolved_unit_is_not_awarded(org):
    assert evaluate(award("TTLDTT"), 2025, unit=org.env).check("unit_exists").met is True
    org.env.active = False
    org.env.save()
    assert evaluate(award("TTLDTT"), 2025, unit=org.env).check("unit_exists").met is False


def test_quota_warns_when_exceeded(org):
    cstdcs = award("CSTDCS")
    cstdcs.quota_percent, cstdcs.quota_base = 50, award("LDTT")
    cstdcs.save()
    round_ = RoundFactory()
    people = [StaffFactory(unit=org.land) for _ in range(2)]
    for person in people:
        NominationFactory(round=round_, staff=person, award_type=award("LDTT"))
    first = NominationFactory(round=round_, staff=people[0])
    assert evaluate_nomination(first).warnings == []
    second = NominationFactory(round=round_, staff=people[1])
    with translation.override("en"):
        assert evaluate_nomination(second).warnings == [
            "Over the internal quota (the Department's own rule): 2 nominations for Chiến sĩ thi đua cơ sở, at most 1 "
            "(50 % of 2 = 1; rounding: round down). Not a legal condition: the council decides."
        ]


def test_no_rule_set_for_the_year_warns():
    verdict = evaluate(award("LDTT"), 2020, staff=StaffFactory())
    assert verdict.eligible is False
    assert len(verdict.warnings) == 1


def test_history_is_read_in_a_bounded_number_of_queries(person, django_assert_max_num_queries):
    _records(person, "CSTDCS", [2021, 2022, 2023, 2024, 2025])
    for year in range(2021, 2026):
        EvaluationFactory(staff=person, year=year)
        InitiativeFactory(authors=[person], year=year, level=Initiative.Level.PROVINCE)
    with django_assert_max_num_queries(12):
        evaluate(award("BK_TINH"), 2025, staff=person)
