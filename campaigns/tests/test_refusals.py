"""Refusals of the campaigns pages that had none (issue 10): wrong role, another unit, anonymous; POSTs
change nothing."""
import pytest
from django.urls import reverse

from campaigns.models import Plan, PlanStatus, ReportingPeriod, UnitReport
from campaigns.tests.factories import PlanFactory
from emulation.models import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["campaigns:period_list", "campaigns:period_create", "campaigns:plan_create"])
def test_a_unit_head_is_refused_the_offices_pages(land_head_client, name):
    assert land_head_client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", ["campaigns:report_board", "campaigns:report_board_export", "campaigns:period_list"])
def test_a_plain_staff_member_is_refused_the_board_and_periods(client, make_user, org, name):
    client.force_login(make_user(Role.STAFF, unit=org.land))
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", ["campaigns:plan_list", "campaigns:report_board", "campaigns:period_list"])
def test_anonymous_is_sent_to_the_login_page(client, name):
    response = client.get(reverse(name))
    assert (response.status_code, response.url.split("?")[0]) == (302, reverse("login"))


def test_a_unit_head_cannot_create_standard_periods_or_edit_one(land_head_client, period, issued_plan):
    count = ReportingPeriod.objects.count()
    assert land_head_client.post(reverse("campaigns:period_standard"), {"plan": issued_plan.pk, "year": 2026}).status_code == 403
    assert land_head_client.post(reverse("campaigns:period_edit", args=[period.pk]), {"name": "x"}).status_code == 403
    assert ReportingPeriod.objects.count() == count


def test_another_units_head_gets_404_on_delegates_and_a_transition(client, env_head, land_report):
    client.force_login(env_head)
    assert client.get(reverse("campaigns:report_delegates", args=[land_report.pk])).status_code == 404
    assert client.post(reverse("campaigns:report_transition", args=[land_report.pk, "submit"])).status_code == 404
    assert UnitReport.objects.get(pk=land_report.pk).status == "draft"


def test_the_office_may_not_choose_a_units_delegates(office_client, land_report):
    assert office_client.get(reverse("campaigns:report_delegates", args=[land_report.pk])).status_code == 403


@pytest.mark.parametrize("name", ["campaigns:plan_edit", "campaigns:plan_copy"])
def test_a_unit_head_cannot_edit_or_copy_an_issued_plan(land_head_client, name):
    plan = PlanFactory(status=PlanStatus.ISSUED, number=9, number_year=2025)
    assert land_head_client.get(reverse(name, args=[plan.pk])).status_code == 403
    assert Plan.objects.count() == 1


@pytest.mark.parametrize("name", ["campaigns:plan_docx", "campaigns:plan_preview", "campaigns:plan_detail"])
def test_a_draft_plan_is_404_for_a_unit_head(land_head_client, name):
    assert land_head_client.get(reverse(name, args=[PlanFactory().pk])).status_code == 404


def test_a_unit_head_cannot_add_a_part_to_a_plan(land_head_client):
    plan = PlanFactory(status=PlanStatus.ISSUED, number=9, number_year=2025)
    response = land_head_client.post(reverse("campaigns:part_add", args=[plan.pk, "item"]), {"item-text": "x"})
    assert response.status_code == 403
    assert plan.content_items.count() == 0
