"""Aggregates are reads too (issue 26 item 3): every figure of a home card, of the dashboard and of its charts
goes through the same scope as the list it summarises, so that nothing another agency does moves a number
shown to an agency; and the Office's home counts the overdue reports its board shows.

Agency B (Sở Y tế) has one login per role and data of its own (an overdue report, a returned one, nominations
waiting, a plan of its own with a dashboard). Agency A (the first agency, the Department) then gets the same
kinds of data; every page of B is rendered before and after and must read the same.
"""
import re
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from awards.models import Nomination, Registration
from awards.tests.factories import CouncilMemberFactory, NominationFactory, RoundFactory, award
from awards.voting import open_session
from campaigns.models import PlanStatus, ReportingPeriod, ReportStatus, UnitReport
from campaigns.report_board import BoardState, build_board
from campaigns.reporting import start_report
from campaigns.tests.factories import ContentItemFactory, PlanFactory
from emulation.models import Agency, Role
from emulation.tests.factories import StaffFactory, UnitFactory, UserFactory
from reports.charts import CHARTS

ROLES = ("office", "director", "deputy", "head", "staff", "council", "admin")
S = Nomination.Status
TAGS = re.compile(r"<[^>]+>")
SPACES = re.compile(r"\s+")


def _reports(plan_issuer, units, *, due, statuses, actor):
    """A period of an issued plan of `plan_issuer` that `units` must report on, due on `due`; the first
    units' reports in `statuses` (the rest not started)."""
    plan = PlanFactory(status=PlanStatus.ISSUED, issuer=plan_issuer, year_from=due.year, year_to=due.year)
    ContentItemFactory(plan=plan, text="Cải cách hành chính.", order=1)
    period = ReportingPeriod.objects.create(plan=plan, kind="quarter", name=f"Quý I năm {due.year}",
                                            start=date(due.year, 1, 1), end=date(due.year, 3, 31), due=due)
    period.units.set(units)
    for unit, status in zip(units, statuses):
        report = start_report(period, unit, actor=actor)
        UnitReport.objects.filter(pk=report.pk).update(status=status)
    return period


def _nominations(round_, unit, statuses):
    """Nominations of `round_` in `statuses`, and a council session open on those checked."""
    for status in statuses:
        nomination = NominationFactory(round=round_, staff=StaffFactory(unit=unit), award_type=award("LDTT"))
        Nomination.objects.filter(pk=nomination.pk).update(status=status)
    open_session(round=round_, held_on=date(2026, 12, 1), agenda=round_.nominations.filter(status=S.CHECKED))


@pytest.fixture
def agency_b(db):
    """Sở Y tế with two units, a login per role and data of its own on every card."""
    agency = Agency.objects.create(name="SỞ Y TẾ", abbreviation="SYT", parent_authority="UBND TỈNH QUẢNG NGÃI",
                                   place="Quảng Ngãi")
    top = UnitFactory(code="SYT", name="Sở Y tế", kind="department", agency=agency)
    nvy = UnitFactory(code="SYT-NVY", name="Phòng Nghiệp vụ Y", parent=top)
    cdc = UnitFactory(code="SYT-CDC", name="Trung tâm Kiểm soát bệnh tật", parent=top)
    users = {role: UserFactory(username=f"{role}.syt", role=getattr(Role, role.upper(), Role.STAFF), agency=agency)
             for role in ("office", "director", "admin")}
    users["deputy"] = UserFactory(username="deputy.syt", role=Role.DEPUTY_DIRECTOR, agency=agency)
    users["head"] = UserFactory(username="head.syt", role=Role.UNIT_HEAD, unit=nvy)
    users["staff"] = UserFactory(username="staff.syt", role=Role.STAFF, unit=nvy)
    StaffFactory(unit=nvy, full_name="Lê Thị Bé", user=users["staff"])
    users["council"] = UserFactory(username="council.syt", role=Role.COUNCIL, agency=agency)
    CouncilMemberFactory(user=users["council"], agency=agency)
    period = _reports(agency, [nvy, cdc], due=date(2026, 4, 10), statuses=[ReportStatus.RETURNED], actor=users["office"])
    period.reports.get(unit=nvy).delegates.add(users["staff"])  # a report written by a staff member
    _nominations(RoundFactory(agency=agency), nvy, [S.DRAFT, S.RETURNED, S.SUBMITTED, S.CHECKED, S.VOTED])
    Registration.objects.create(unit=nvy, year=2026, collective_title=award("TTLDTT"),
                                status=Registration.Status.SUBMITTED)
    return agency, users


def _data_of_agency_a(org, office, b_users):
    """Agency A (the first agency) gets every kind of thing a card of B counts (even a report of A with B's
    staff member among its writers and a seat in A's council for B's member, which only the administration
    pages could make)."""
    CouncilMemberFactory(user=b_users["council"], agency=org.land.agency)
    period = _reports(org.land.agency, [org.land, org.land_team, org.env], due=date(2026, 4, 10),
                      statuses=[ReportStatus.RETURNED, ReportStatus.DRAFT], actor=office)
    period.reports.get(unit=org.land).delegates.add(b_users["staff"])
    _reports(org.land.agency, [org.land, org.env], due=date(2025, 10, 10), statuses=[], actor=office)
    for status in (PlanStatus.DRAFT, PlanStatus.RETURNED, PlanStatus.APPROVED, PlanStatus.SUBMITTED):
        PlanFactory(status=status, issuer=org.land.agency)
    _nominations(RoundFactory(agency=org.land.agency), org.land, [S.DRAFT, S.RETURNED, S.SUBMITTED, S.CHECKED,
                                                                   S.VOTED, S.FORWARDED])
    Registration.objects.create(unit=org.env, year=2026, collective_title=award("TTLDTT"),
                                status=Registration.Status.SUBMITTED)


def _text(response):
    """What a page says, without its markup (which carries a new CSRF token on every answer)."""
    return SPACES.sub(" ", TAGS.sub(" ", response.content.decode())).strip()


def _shown(client, users):
    """Everything each login of B is shown on its home page, its dashboard and the dashboard's charts:
    the cards (title, figure, text) and the text of the pages."""
    shown = {}
    for role in ROLES:
        client.force_login(users[role])
        home = client.get(reverse("home"))
        shown[role, "cards"] = [(task.title, task.count, task.detail) for task in home.context["tasks"]]
        shown[role, "home"] = _text(home)
        dashboard = client.get(reverse("reports:dashboard"))
        shown[role, "dashboard"] = (dashboard.status_code, _text(dashboard))
        for chart in CHARTS:
            answer = client.get(reverse("reports:dashboard_chart", args=[chart]))
            shown[role, chart] = (answer.status_code, answer.content if answer.status_code == 200 else _text(answer))
    return shown


def test_nothing_another_agency_does_moves_a_figure_shown_to_an_agency(agency_b, org, office_user, client):
    _agency, users = agency_b
    before = _shown(client, users)
    assert before["office", "cards"]  # the cards are there to compare: B has overdue and returned reports
    assert before["director", "dashboard"][0] == 200

    _data_of_agency_a(org, office_user, users)
    cache.clear()
    after = _shown(client, users)

    moved = {key: (before[key], after[key]) for key in before if before[key] != after[key]}
    assert not moved, sorted(moved)


def test_an_office_home_counts_the_overdue_and_returned_reports_its_board_shows(agency_b, org, office_user, client):
    _agency, users = agency_b
    _data_of_agency_a(org, office_user, users)
    for office in (users["office"], office_user):
        client.force_login(office)
        cards = {task.url.rpartition("?")[2]: task.count for task in client.get(reverse("home")).context["tasks"]}
        overdue = client.get(reverse("campaigns:report_board") + "?state=overdue").context["board"].counts
        returned = client.get(reverse("campaigns:report_board") + "?state=returned").context["board"].counts
        assert (cards["state=overdue"], cards["state=returned"]) == (
            overdue[BoardState.OVERDUE], returned[BoardState.RETURNED])
    board = build_board(users["office"])
    assert (board.counts[BoardState.OVERDUE], board.counts[BoardState.RETURNED]) == (1, 1)
