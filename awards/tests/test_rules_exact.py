"""Issue 31: every verdict as the law words it. Citations are read from the rule set in force (data), never
typed here, so that a new rule set with another decree keeps these tests true."""
from datetime import date

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from awards.eligibility import evaluate, evaluate_nomination, quota_warnings
from awards.forms import NominationForm
from awards.models import AwardKind, AwardType, Evaluation, Nomination, Rule, RuleSet
from awards.documents import history_document
from awards.qualification import qualify_people
from awards.tests.factories import (
    DisciplineFactory, EvaluationFactory, NominationFactory, RecordFactory, RoundFactory, award,
)
from emulation.organisation import merge_unit, rename_unit
from emulation.pickers import KINDS, matches
from emulation.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

L = Evaluation.Level


@pytest.fixture
def person(org):
    return StaffFactory(unit=org.land, employed_since=date(2015, 1, 1))


def _vi(function, *args, **kwargs):
    with translation.override("vi"):
        return function(*args, **kwargs)


def _principle(year, kind):
    """The legal basis of the general principle `kind` in the rule set in force for `year` (data)."""
    return Rule.objects.get(rule_set=RuleSet.for_year(year), award_type=None, kind=kind).legal_basis


# 1. A record left out of a look-back is named, with the article that leaves it out -----------------

def test_an_ad_hoc_award_of_another_kind_in_a_look_back_year_is_named_with_the_decree(person):
    RecordFactory(staff=person, award_type=award("GK"), year=2024, kind=AwardKind.AD_HOC)
    RecordFactory(staff=person, award_type=award("CSTDCS"), year=2025)
    check = _vi(evaluate, award("BK_TINH"), 2025, staff=person).check("alternative")
    assert check.met is False
    assert "thiếu 2024" in check.reason
    assert "không tính, khen thưởng đột xuất hoặc theo chuyên đề: Giấy khen của Giám đốc Sở 2024 (Đột xuất)" in check.reason
    assert RuleSet.for_year(2025).lookback_basis in check.legal_basis


def test_an_ad_hoc_award_outside_the_missing_years_is_not_named(person):
    RecordFactory(staff=person, award_type=award("GK"), year=2022, kind=AwardKind.AD_HOC)
    RecordFactory(staff=person, award_type=award("CSTDCS"), year=2025)
    check = _vi(evaluate, award("BK_TINH"), 2025, staff=person).check("alternative")
    assert "Giấy khen" not in check.reason
    assert RuleSet.for_year(2025).lookback_basis not in check.legal_basis


# 2. A condition that only partly holds is a warning, and the headline says so -----------------------

def test_achievements_counted_from_after_a_discipline_are_a_warning_not_a_plain_pass(person):
    EvaluationFactory(staff=person, year=2025, level=L.GOOD)
    DisciplineFactory(staff=person, valid_from=date(2024, 7, 1), valid_to=date(2025, 6, 30))
    verdict = _vi(evaluate, award("LDTT"), 2025, staff=person)
    check = verdict.check("no_discipline")
    assert (check.met, check.partly) == (True, True)
    assert check.reason == "Kỷ luật đã hết thời hạn ngày 30/06/2025: thành tích tính từ 01/07/2025"
    assert check.legal_basis == _principle(2025, Rule.Kind.NO_DISCIPLINE)
    assert (verdict.eligible, verdict.has_warnings) == (True, True)


def test_a_clean_record_has_no_warning(person):
    EvaluationFactory(staff=person, year=2025, level=L.GOOD)
    verdict = evaluate(award("LDTT"), 2025, staff=person)
    assert (verdict.eligible, verdict.has_warnings) == (True, False)
    assert verdict.check("no_discipline").partly is False


def test_the_nomination_headline_says_there_are_warnings(person, office_client):
    EvaluationFactory(staff=person, year=2025, level=L.GOOD)
    DisciplineFactory(staff=person, valid_from=date(2024, 7, 1), valid_to=date(2025, 6, 30))
    nomination = NominationFactory(staff=person, award_type=award("LDTT"))
    html = office_client.get(reverse("awards:nomination_detail", args=[nomination.pk])).content.decode()
    assert "Đáp ứng đủ các điều kiện" not in html
    assert "Đáp ứng các điều kiện, có điểm cần lưu ý" in html


# 3. A unit merged or dissolved before the round: shown, refused with the reason and the circular ---------

def test_a_merged_unit_is_offered_in_the_nominee_search_marked_as_merged(org, land_head):
    merge_unit(org.land_team, successor=org.land, on_date=date(2025, 8, 1))
    with translation.override("vi"):
        found, _more = matches(NominationForm(user=land_head).fields["nominee_unit"].widget.kind, land_head, "Tổ Đăng ký")
        labels = [KINDS["unit-all"].label(unit) for unit in found]
    assert labels == ["Tổ Đăng ký (đã sáp nhập vào Phòng Quản lý đất đai từ 01/08/2025)"]


def test_a_merged_unit_is_refused_with_the_reason_and_the_circular(org, land_head_client):
    merge_unit(org.land_team, successor=org.land, on_date=date(2025, 8, 1))
    round_ = RoundFactory()
    response = land_head_client.post(reverse("awards:nomination_create"), {
        "round": round_.pk, "award_type": award("TTLDTT").pk, "nominee_unit": org.land_team.pk, "achievements": "x",
    })
    assert Nomination.objects.count() == 0
    errors = response.context["form"].errors["nominee_unit"]
    assert "Hãy chọn một lựa chọn hợp lệ." not in errors
    basis = _principle(round_.year, Rule.Kind.UNIT_EXISTS)
    assert errors == [f"Tổ Đăng ký đã sáp nhập vào Phòng Quản lý đất đai từ 01/08/2025: không thể đề nghị khen thưởng ({basis})."]


def test_a_dissolved_unit_is_refused_too(org, land_head_client):
    org.land_team.dissolved_on, org.land_team.active = date(2025, 3, 1), False
    org.land_team.save()
    round_ = RoundFactory()
    response = land_head_client.post(reverse("awards:nomination_create"), {
        "round": round_.pk, "award_type": award("TTLDTT").pk, "nominee_unit": org.land_team.pk, "achievements": "x",
    })
    assert response.context["form"].errors["nominee_unit"][0].startswith("Tổ Đăng ký đã giải thể từ 01/03/2025")


def test_another_units_merged_unit_is_still_not_offered(org, env_head, client):
    merge_unit(org.land_team, successor=org.land, on_date=date(2025, 8, 1))
    client.force_login(env_head)
    response = client.post(reverse("awards:nomination_create"), {
        "round": RoundFactory().pk, "award_type": award("TTLDTT").pk, "nominee_unit": org.land_team.pk, "achievements": "x",
    })
    assert response.context["form"].errors["nominee_unit"][0].startswith("Hãy chọn một lựa chọn hợp lệ.")


def test_a_merged_collectives_share_says_it_has_no_members(org):
    merge_unit(org.land_team, successor=org.land, on_date=date(2025, 8, 1))
    EvaluationFactory(unit=org.land_team, year=2025, level=L.GOOD)
    verdict = _vi(evaluate, award("TTLDTT"), 2025, unit=org.land_team)
    assert verdict.check("member_share").met is False
    assert verdict.check("member_share").reason == (
        "Đơn vị không còn thành viên (đã sáp nhập vào Phòng Quản lý đất đai từ 01/08/2025)")
    assert "0/0" not in verdict.check("unit_exists").reason


# 4. The internal quota: the agency's rounding rule is data, shown with the warning ------------------------

def _cstdcs_quota(rounding, minimum=0):
    cstdcs = award("CSTDCS")
    cstdcs.quota_percent, cstdcs.quota_base, cstdcs.quota_basis = 15, award("LDTT"), "Quy chế nội bộ của Sở"
    cstdcs.quota_rounding, cstdcs.quota_minimum = rounding, minimum
    cstdcs.save()
    return cstdcs


def _one_of_one(org):
    """A unit proposing one person for LĐTT and the same person for CSTĐCS: 15 % of 1 is 0.15."""
    person = StaffFactory(unit=org.land)
    round_ = RoundFactory()
    NominationFactory(round=round_, staff=person, award_type=award("LDTT"))
    return NominationFactory(round=round_, staff=person, award_type=award("CSTDCS"))


@pytest.mark.parametrize(("rounding", "base", "allowed"), [
    (AwardType.QuotaRounding.DOWN, 6, 0), (AwardType.QuotaRounding.HALF_UP, 6, 1), (AwardType.QuotaRounding.HALF_UP, 3, 0),
    (AwardType.QuotaRounding.UP, 1, 1), (AwardType.QuotaRounding.DOWN, 20, 3), (AwardType.QuotaRounding.HALF_UP, 10, 2),
])
def test_the_quota_rounds_as_the_agencys_rule_says(rounding, base, allowed):
    assert _cstdcs_quota(rounding).quota_allowed(base) == allowed


def test_at_least_one_per_unit_allows_one_on_a_small_unit(org):
    _cstdcs_quota(AwardType.QuotaRounding.DOWN, minimum=1)
    nomination = _one_of_one(org)
    assert quota_warnings([nomination]) == {}
    assert evaluate_nomination(nomination).warnings == []


def test_the_warning_states_the_rounding_rule(org):
    _cstdcs_quota(AwardType.QuotaRounding.DOWN)
    nomination = _one_of_one(org)
    with translation.override("vi"):
        warning = quota_warnings([nomination])[nomination.pk]
        assert evaluate_nomination(nomination).warnings == [warning]
    assert warning == ("Vượt tỷ lệ nội bộ (Quy chế nội bộ của Sở): 1 đề nghị Chiến sĩ thi đua cơ sở, tối đa 0 "
                       "(15 % của 1 = 0,15; cách tính: làm tròn xuống). Không phải điều kiện của pháp luật: "
                       "Hội đồng quyết định.")


# 5. A title suggested on an award only proposed this year says so ---------------------------------------

def test_a_suggestion_resting_on_an_award_only_proposed_says_if_it_is_recognised(org):
    person = StaffFactory(unit=org.land, employed_since=date(2015, 1, 1))
    RecordFactory(staff=person, award_type=award("CSTDCS"), year=2024)
    NominationFactory(staff=person, award_type=award("CSTDCS"))  # 2025: proposed, not decided
    with translation.override("vi"):
        line, = qualify_people([person], 2025)
        assert line.now.award == award("BK_TINH")
        assert line.now.condition == "nếu Chiến sĩ thi đua cơ sở 2025 được công nhận"


def test_a_suggestion_on_decided_awards_has_no_condition(org):
    person = StaffFactory(unit=org.land, employed_since=date(2015, 1, 1))
    for year in (2024, 2025):
        RecordFactory(staff=person, award_type=award("CSTDCS"), year=year)
    line, = qualify_people([person], 2025)
    assert (line.now.award, line.now.condition) == (award("BK_TINH"), "")


def test_the_qualification_page_shows_the_condition(office_client, org):
    person = StaffFactory(unit=org.land, employed_since=date(2015, 1, 1))
    RecordFactory(staff=person, award_type=award("CSTDCS"), year=2024)
    NominationFactory(staff=person, award_type=award("CSTDCS"))
    page = office_client.get(reverse("awards:qualification"), {"year": 2025}).content.decode()
    assert "nếu Chiến sĩ thi đua cơ sở 2025 được công nhận" in page


# 6. A renamed unit is named as it was on the record's date, with its current name beside -----------------

@pytest.fixture
def renamed(org):
    """Chi cục BVMT renamed from 01/01/2026, with a collective award and a person's award of each of 2023–2025."""
    person = StaffFactory(unit=org.env, full_name="Lê Văn Môi")
    for year in (2023, 2024, 2025):
        RecordFactory(unit=org.env, staff=None, award_type=award("TTLDTT"), year=year)
        RecordFactory(staff=person, award_type=award("LDTT"), year=year)
    rename_unit(org.env, name="Chi cục Môi trường và Khí hậu", short_name="", on_date=date(2026, 1, 1))
    return org.env


def test_the_lookup_names_a_renamed_unit_as_it_was_on_each_records_date(office_client, renamed):
    page = office_client.get(reverse("awards:lookup"))
    rows = list(page.context["page"])
    assert [(r.year, r.holder_unit_then) for r in rows if r.staff_id] == [
        (2025, "Chi cục Bảo vệ môi trường"), (2024, "Chi cục Bảo vệ môi trường"), (2023, "Chi cục Bảo vệ môi trường")]
    assert {r.holder_name_then for r in rows if not r.staff_id} == {"Chi cục Bảo vệ môi trường"}
    html = page.content.decode()
    assert "Chi cục Bảo vệ môi trường" in html
    assert "nay là Chi cục Môi trường và Khí hậu" in html


def test_the_unit_history_and_its_extract_name_the_unit_as_it_was(office_client, renamed):
    page = office_client.get(reverse("awards:unit_history", args=[renamed.pk])).content.decode()
    assert page.count("Khi đó: Chi cục Bảo vệ môi trường") == 3
    template, context = history_document(renamed, renamed.award_records.with_names().order_by("year"), is_unit=True)
    assert [r.holder_name_then for r in context["records"]] == ["Chi cục Bảo vệ môi trường"] * 3
    html = render_to_string(template, context)
    assert "Tên tập thể: Chi cục Môi trường và Khí hậu" in html
    assert html.count("tên khi đó: Chi cục Bảo vệ môi trường") == 3


def test_a_record_after_the_rename_bears_the_new_name(renamed):
    record = RecordFactory(unit=renamed, staff=None, award_type=award("TTLDTT"), year=2026)
    assert (record.holder_name_then, record.holder_unit_then) == ("Chi cục Môi trường và Khí hậu",) * 2


@pytest.mark.parametrize("rows", [1, 3])
def test_the_lookup_names_then_in_the_same_queries_for_1_and_3_rows(office_client, org, rows, django_assert_num_queries):
    for year in range(2025 - rows, 2025):
        RecordFactory(unit=org.env, staff=None, award_type=award("TTLDTT"), year=year)
    rename_unit(org.env, name="Chi cục Môi trường và Khí hậu", short_name="", on_date=date(2026, 1, 1))
    # session, user, award types, count, page, and the names of the holders' units and of the collectives
    with django_assert_num_queries(7):
        html = office_client.get(reverse("awards:lookup")).content.decode()
    assert html.count("nay là Chi cục Môi trường và Khí hậu") == rows * 2
