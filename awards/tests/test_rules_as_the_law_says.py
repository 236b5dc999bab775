"""Issue 13 §2: each rule with the history that triggers it, asserting the verdict AND the citation."""
from datetime import date

import pytest
from django.utils import translation

from awards.eligibility import evaluate, evaluate_many, evaluate_nomination
from awards.models import AwardKind, AwardRecord, Evaluation, Initiative, Nomination
from awards.tests.factories import (
    DisciplineFactory, EvaluationFactory, InitiativeFactory, NominationFactory, RecordFactory, RoundFactory, award,
)
from emulation.tests.factories import StaffFactory
from campaigns.models import Plan

pytestmark = pytest.mark.django_db

L = Evaluation.Level


@pytest.fixture
def person(org):
    return StaffFactory(unit=org.land, employed_since=date(2015, 1, 1))


def _vi(function, *args, **kwargs):
    with translation.override("vi"):
        return function(*args, **kwargs)


# An initiative counts once (Công văn 5007/BNV-TĐKT, III.5.c) --------------------------------------

def _cstdcs_by_initiative_only(person):
    RecordFactory(staff=person, award_type=award("LDTT"), year=2025)
    EvaluationFactory(staff=person, year=2025, level=L.GOOD)  # not "excellent": the initiative is needed
    return InitiativeFactory(authors=[person], year=2025, title="Một cửa điện tử")


def test_an_initiative_used_by_another_nomination_is_not_counted_and_the_circular_is_cited(person):
    initiative = _cstdcs_by_initiative_only(person)
    NominationFactory(staff=person, award_type=award("GK")).initiatives.add(initiative)
    check = _vi(evaluate, award("CSTDCS"), 2025, staff=person).check("alternative")
    assert check.met is False
    assert "“Một cửa điện tử” đã được dùng để đề nghị Giấy khen của Giám đốc Sở năm 2025" in check.reason
    assert "Công văn 5007/BNV-TĐKT năm 2023 mục III.5.c" in check.reason
    assert "Công văn 5007/BNV-TĐKT năm 2023 mục III.5.c" in check.legal_basis


def test_an_initiative_named_by_an_imported_award_record_is_not_counted_again(person):
    initiative = _cstdcs_by_initiative_only(person)
    record = RecordFactory(staff=person, award_type=award("GK"), year=2025, kind=AwardKind.REGULAR)
    record.initiatives.add(initiative)
    check = _vi(evaluate, award("CSTDCS"), 2025, staff=person).check("alternative")
    assert check.met is False
    assert "Công văn 5007/BNV-TĐKT" in check.legal_basis


def test_the_award_decided_from_a_nomination_does_not_use_up_its_own_initiative(person):
    initiative = _cstdcs_by_initiative_only(person)
    nomination = NominationFactory(staff=person, award_type=award("CSTDCS"))
    nomination.initiatives.add(initiative)
    record = RecordFactory(staff=person, award_type=award("CSTDCS"), year=2025, nomination=nomination)
    record.initiatives.add(initiative)
    assert evaluate_nomination(nomination).check("alternative").met is True


def test_an_unused_initiative_counts_without_the_citation(person):
    _cstdcs_by_initiative_only(person)
    check = _vi(evaluate, award("CSTDCS"), 2025, staff=person).check("alternative")
    assert check.met is True
    assert "5007" not in check.legal_basis


# Discipline: achievements count from the day after it ends (NĐ 152/2025 Điều 4) -------------------

def test_a_discipline_ended_mid_year_counts_achievements_from_the_next_day(person):
    RecordFactory(staff=person, award_type=award("LDTT"), year=2025)
    EvaluationFactory(staff=person, year=2025, level=L.EXCELLENT)
    DisciplineFactory(staff=person, valid_from=date(2024, 7, 1), valid_to=date(2025, 6, 30))
    verdict = _vi(evaluate, award("CSTDCS"), 2025, staff=person)
    check = verdict.check("no_discipline")
    assert check.met is True
    assert check.reason == "Kỷ luật đã hết thời hạn ngày 30/06/2025: thành tích tính từ 01/07/2025"
    assert "Nghị định 152/2025/NĐ-CP Điều 4" in check.legal_basis
    assert verdict.eligible is True


def test_a_discipline_in_force_at_the_end_of_the_year_blocks_with_its_dates(person):
    DisciplineFactory(staff=person, valid_from=date(2025, 3, 1), valid_to=date(2026, 2, 28))
    check = _vi(evaluate, award("LDTT"), 2025, staff=person, as_of=date(2026, 3, 15)).check("no_discipline")
    assert check.met is False
    assert check.reason == "Bị kỷ luật (cảnh cáo) từ 01/03/2025 đến 28/02/2026"
    assert "Nghị định 152/2025/NĐ-CP Điều 4" in check.legal_basis


def test_years_before_the_discipline_ended_are_named_with_the_date_achievements_count_from(person):
    for year in (2023, 2024, 2025):
        RecordFactory(staff=person, award_type=award("CSTDCS"), year=year)
    InitiativeFactory(authors=[person], level=Initiative.Level.PROVINCE, year=2025)
    DisciplineFactory(staff=person, valid_from=date(2023, 1, 1), valid_to=date(2024, 3, 31))
    check = _vi(evaluate, award("CSTDT"), 2025, staff=person).check("consecutive_awards")
    assert check.met is False
    assert "trước khi hết thời hạn kỷ luật (thành tích tính từ 01/04/2024): 2023" in check.reason
    assert "Điều 22 điểm a" in check.legal_basis


# Ad hoc awards do not count toward the look-backs of merit titles (NĐ 152/2025 Điều 4) -------------

def test_an_ad_hoc_award_is_left_out_of_a_look_back_with_the_decree_cited(person):
    RecordFactory(staff=person, award_type=award("CSTDCS"), year=2024, kind=AwardKind.AD_HOC)
    RecordFactory(staff=person, award_type=award("CSTDCS"), year=2025)
    check = _vi(evaluate, award("BK_TINH"), 2025, staff=person).check("alternative")
    assert check.met is False
    assert "không tính, khen thưởng đột xuất hoặc theo chuyên đề: Chiến sĩ thi đua cơ sở 2024 (Đột xuất)" in check.reason
    assert "Nghị định 152/2025/NĐ-CP Điều 4 (khen thưởng đột xuất, theo chuyên đề không làm căn cứ" in check.legal_basis


def test_the_look_back_citation_follows_the_rule_set_of_the_year(person):
    RecordFactory(staff=person, award_type=award("CSTDCS"), year=2023, kind=AwardKind.AD_HOC)
    RecordFactory(staff=person, award_type=award("CSTDCS"), year=2024)
    check = _vi(evaluate, award("BK_TINH"), 2024, staff=person).check("alternative")
    assert check.met is False
    assert "Nghị định 98/2023/NĐ-CP Điều 4" in check.legal_basis


def test_ad_hoc_shows_as_dot_xuat_and_the_plan_kind_keeps_its_own_word():
    with translation.override("vi"):
        assert str(AwardKind.AD_HOC.label) == "Đột xuất"
        assert str(AwardKind.THEMATIC.label) == "Chuyên đề"
        plan_kind = Plan._meta.get_field("kind").choices
        assert dict(plan_kind)["ad_hoc"] == "Theo đợt"


# The province's Bằng khen: every path of Luật Điều 74, each cited, the path used named ------------

def test_certificate_by_the_movement_path_is_met_and_cites_point_a(person):
    EvaluationFactory(staff=person, year=2025, level=L.GOOD)
    nomination = NominationFactory(staff=person, award_type=award("BK_TINH"), path=Nomination.Path.MOVEMENT)
    check = _vi(evaluate_nomination, nomination).check("alternative")
    assert check.met is True
    assert check.path == "Đơn vị đề nghị căn cứ: Thành tích xuất sắc trong phong trào thi đua"
    assert check.legal_basis.startswith("Luật Thi đua, khen thưởng số 06/2022/QH15 Điều 74 khoản 1 điểm a")
    assert "điểm d" not in check.legal_basis


def test_certificate_by_the_ad_hoc_path_cites_point_b(person):
    nomination = NominationFactory(staff=person, award_type=award("BK_TINH"), path=Nomination.Path.AD_HOC)
    check = _vi(evaluate_nomination, nomination).check("alternative")
    assert check.met is True
    assert "Điều 74 khoản 1 điểm b" in check.legal_basis


def test_certificate_from_the_history_names_point_d(person):
    for year in (2024, 2025):
        RecordFactory(staff=person, award_type=award("CSTDCS"), year=year)
    nomination = NominationFactory(staff=person, award_type=award("BK_TINH"))
    check = _vi(evaluate_nomination, nomination).check("alternative")
    assert check.met is True
    assert check.path == "Đạt Chiến sĩ thi đua cơ sở 2 năm liên tục (2024–2025)"
    assert check.legal_basis == "Luật Thi đua, khen thưởng số 06/2022/QH15 Điều 74 khoản 1 điểm d"


def test_certificate_without_a_path_or_history_fails_listing_every_path(person):
    nomination = NominationFactory(staff=person, award_type=award("BK_TINH"))
    check = _vi(evaluate_nomination, nomination).check("alternative")
    assert check.met is False
    for point in ("điểm a", "điểm b", "điểm c", "điểm d"):
        assert f"Điều 74 khoản 1 {point}" in check.legal_basis


def test_the_ministry_answer_case_is_eligible_by_point_d(person):
    """Bộ Nội vụ's answer (domain rules §2): HTXSNV 2023 + 1 initiative, HTXSNV 2024 + 1 initiative."""
    for year in (2023, 2024):
        EvaluationFactory(staff=person, year=year, level=L.EXCELLENT)
        InitiativeFactory(authors=[person], year=year)
    check = evaluate(award("BK_TINH"), 2024, staff=person).check("alternative")
    assert check.met is True
    assert "Điều 74 khoản 1 điểm d" in check.legal_basis


# Collectives: counted in the database, not member by member ----------------------------------------

def _collective(unit, members, with_ldtt):
    EvaluationFactory(unit=unit, year=2025, level=L.GOOD)
    people = [StaffFactory(unit=unit) for _ in range(members)]
    for person in people[:with_ldtt]:
        RecordFactory(staff=person, award_type=award("LDTT"), year=2025)
    return people


def test_a_collectives_members_are_counted_in_a_fixed_number_of_queries(org, django_assert_num_queries):
    _collective(org.env, 3, 3)
    with django_assert_num_queries(10) as small:
        evaluate(award("TTLDXS"), 2025, unit=org.env)
    _collective(org.land, 30, 21)
    StaffFactory(unit=org.land_team)  # sub-units count as members
    with django_assert_num_queries(len(small.captured_queries)):
        verdict = _vi(evaluate, award("TTLDTT"), 2025, unit=org.land)
    check = verdict.check("member_share")
    assert check.met is False  # 21 of 31
    assert check.reason == "21/31 người (68 %) đạt hoặc được đề nghị Lao động tiên tiến"


def test_the_eligibility_of_a_round_is_one_batch_with_the_same_queries_for_1_and_3(org, django_assert_num_queries):
    round_ = RoundFactory()
    people = [StaffFactory(unit=org.land, employed_since=date(2015, 1, 1)) for _ in range(3)]
    for person in people:
        EvaluationFactory(staff=person, year=2025, level=L.GOOD)
    people[2].employed_since = date(2025, 9, 1)
    people[2].save()
    nominations = [NominationFactory(round=round_, staff=p, award_type=award("LDTT")) for p in people]
    with django_assert_num_queries(12) as counted:
        evaluate_many(Nomination.objects.filter(pk=nominations[0].pk).with_related())
    with django_assert_num_queries(len(counted.captured_queries)):
        verdicts = evaluate_many(Nomination.objects.filter(pk__in=[n.pk for n in nominations]).with_related())
    assert [verdicts[n.pk].eligible for n in nominations] == [True, True, False]
    for n in nominations:
        assert verdicts[n.pk].checks == evaluate_nomination(n).checks


def test_collectives_of_a_round_are_one_batch_with_the_same_queries_for_1_and_3(org, django_assert_num_queries):
    round_ = RoundFactory()
    _collective(org.land, 10, 7)
    _collective(org.env, 10, 5)
    units = [org.land, org.env, org.land_team]
    nominations = [NominationFactory(round=round_, staff=None, nominee_unit=u, award_type=award("TTLDTT")) for u in units]
    with django_assert_num_queries(12) as counted:
        evaluate_many(Nomination.objects.filter(pk=nominations[0].pk).with_related())
    with django_assert_num_queries(len(counted.captured_queries)):
        verdicts = evaluate_many(Nomination.objects.filter(pk__in=[n.pk for n in nominations]).with_related())
    assert [verdicts[n.pk].check("member_share").met for n in nominations] == [True, False, False]
    for n in nominations:
        assert verdicts[n.pk].checks == evaluate_nomination(n).checks


def test_award_history_links_its_initiatives(person):
    initiative = InitiativeFactory(authors=[person], year=2024)
    record = RecordFactory(staff=person, award_type=award("CSTDCS"), year=2024)
    record.initiatives.add(initiative)
    assert list(AwardRecord.objects.get(pk=record.pk).initiatives.all()) == [initiative]
