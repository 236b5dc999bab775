"""Issue 13 §3: what each person and unit qualifies for, set-wise, in the user's scope, one click to
start a nomination."""
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from awards.models import Evaluation, Nomination, Registration, RegistrationLine
from awards.qualification import qualify_people, qualify_units
from awards.tests.factories import EvaluationFactory, RecordFactory, RoundFactory, award
from emulation.models import Role
from emulation.tests.factories import StaffFactory
from awards.models import Initiative
from awards.tests.factories import InitiativeFactory
from awards.views import qualification

pytestmark = pytest.mark.django_db
L = Evaluation.Level
URL = reverse("awards:qualification")


def _twice_fighter(unit, name="Trần Thị Hai Năm"):
    person = StaffFactory(unit=unit, full_name=name, employed_since=date(2015, 1, 1))
    for year in (2024, 2025):
        RecordFactory(staff=person, award_type=award("CSTDCS"), year=year)
        RecordFactory(staff=person, award_type=award("LDTT"), year=year)
        EvaluationFactory(staff=person, year=year, level=L.EXCELLENT)
    return person


def test_the_highest_award_is_found_with_its_rule_and_citation(org):
    person = _twice_fighter(org.land)
    plain = StaffFactory(unit=org.land, employed_since=date(2015, 1, 1))
    EvaluationFactory(staff=plain, year=2025, level=L.GOOD)
    nobody = StaffFactory(unit=org.land)
    with translation.override("vi"):
        lines = {line.subject: line for line in qualify_people([person, plain, nobody], 2025)}
    best = lines[person].now
    assert best.award.code == "BK_TINH"
    assert best.legal_basis == "Luật Thi đua, khen thưởng số 06/2022/QH15 Điều 74 khoản 1 điểm d"
    assert lines[plain].now.award.code == "LDTT"
    assert lines[nobody].now.award is None


def test_next_year_assumes_the_registered_titles(org):
    person = _twice_fighter(org.land)

    InitiativeFactory(authors=[person], level=Initiative.Level.PROVINCE, year=2026)
    registration = Registration.objects.create(unit=org.land, year=2025)
    RegistrationLine.objects.create(registration=registration, staff=person, award_type=award("CSTDCS"))
    # 2024 and 2025 are real; the registered title is assumed in 2025 and 2026: three consecutive years.
    (line,) = qualify_people([person], 2025)
    assert line.next.award.code == "CSTDT"
    assert line.registered == ["Chiến sĩ thi đua cơ sở"]


def test_a_collective_is_judged_by_its_members(org):
    EvaluationFactory(unit=org.env, year=2025, level=L.GOOD)
    for n in range(10):
        person = StaffFactory(unit=org.env)
        if n < 7:
            RecordFactory(staff=person, award_type=award("LDTT"), year=2025)
    lines = {line.subject: line.now.award for line in qualify_units([org.env, org.land], 2025)}
    assert lines[org.env].code == "TTLDTT"
    assert lines[org.land] is None


@pytest.mark.parametrize("rows", [1, 3])
def test_the_page_costs_the_same_queries_for_1_and_3_people(office_client, org, rows, django_assert_num_queries):
    people = [_twice_fighter(org.land, name=f"Người {n}") for n in range(rows)]
    with django_assert_num_queries(26):
        response = office_client.get(URL, {"year": 2025})
    assert [line.subject for line in response.context["lines"]] == people
    assert response.content.decode().count("Bằng khen của Chủ tịch UBND tỉnh") >= rows


def test_the_page_is_paginated(office_client, org, settings):
    qualification.PAGE_SIZE, old = 2, qualification.PAGE_SIZE
    try:
        for n in range(3):
            StaffFactory(unit=org.land, full_name=f"Người {n}")
        first = office_client.get(URL, {"year": 2025})
        second = office_client.get(URL, {"year": 2025, "page": 2})
    finally:
        qualification.PAGE_SIZE = old
    assert len(first.context["lines"]) == 2
    assert [line.subject.full_name for line in second.context["lines"]] == ["Người 2"]


def test_a_unit_head_sees_only_their_subtree(land_head_client, org):
    mine = _twice_fighter(org.land_team, name="Người trong tổ")
    other = _twice_fighter(org.env, name="Người chi cục")
    page = land_head_client.get(URL, {"year": 2025})
    assert [line.subject for line in page.context["lines"]] == [mine]
    assert other.full_name not in page.content.decode()
    units = land_head_client.get(URL, {"year": 2025, "show": "units"})
    assert [line.subject for line in units.context["lines"]] == [org.land, org.land_team]


def test_a_unit_head_cannot_look_into_another_unit(land_head_client, org):
    assert land_head_client.get(URL, {"year": 2025, "unit": org.env.pk}).status_code == 404


@pytest.mark.parametrize("role", [Role.STAFF, Role.COUNCIL])
def test_staff_and_council_members_are_refused(client, make_user, org, role):
    client.force_login(make_user(role, unit=org.land))
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_log_in(client):
    assert client.get(URL).status_code == 302


def test_one_click_starts_a_draft_nomination_in_the_open_round(land_head_client, land_head, org):
    person = _twice_fighter(org.land)
    round_ = RoundFactory(year=2025)
    page = land_head_client.get(URL, {"year": 2025})
    assert "Đề nghị Bằng khen của Chủ tịch UBND tỉnh" in page.content.decode() or page.context["lines"][0].can_start
    response = land_head_client.post(reverse("awards:qualification_nominate"),
                                     {"award": award("BK_TINH").pk, "staff": person.pk, "year": 2025})
    nomination = Nomination.objects.get()
    assert (nomination.staff, nomination.award_type.code, nomination.round, nomination.unit, nomination.status) == (
        person, "BK_TINH", round_, org.land, Nomination.Status.DRAFT)
    assert nomination.created_by == land_head
    assert response.url == reverse("awards:nomination_edit", args=[nomination.pk])
    again = land_head_client.post(reverse("awards:qualification_nominate"),
                                  {"award": award("BK_TINH").pk, "staff": person.pk, "year": 2025}, follow=True)
    assert Nomination.objects.count() == 1
    assert "đã được đề nghị" in again.content.decode()


def test_one_click_for_a_person_of_another_unit_is_hidden(land_head_client, org):
    other = _twice_fighter(org.env)
    RoundFactory(year=2025)
    response = land_head_client.post(reverse("awards:qualification_nominate"),
                                     {"award": award("BK_TINH").pk, "staff": other.pk, "year": 2025})
    assert response.status_code == 404
    assert Nomination.objects.count() == 0


def test_one_click_is_refused_to_the_office(office_client, org):
    person = _twice_fighter(org.land)
    RoundFactory(year=2025)
    response = office_client.post(reverse("awards:qualification_nominate"),
                                  {"award": award("BK_TINH").pk, "staff": person.pk, "year": 2025})
    assert response.status_code == 403
    assert Nomination.objects.count() == 0
