"""Refusals of the awards pages that had none (issue 10): a plain staff member (wrong role), another
unit's head (404: the object is outside their scope) and anonymous (to the login page); POSTs change
nothing."""
from datetime import date

import pytest
from django.urls import reverse

from awards.models import AwardRound, CouncilSession, DossierFile, Nomination, Registration
from awards.tests.factories import CouncilMemberFactory, NominationFactory
from awards.voting import open_session
from emulation.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(org, staff_in):
    nomination = NominationFactory(staff=staff_in(org.land))
    registration = Registration.objects.create(unit=org.land, year=2026)
    session = open_session(round=nomination.round, held_on=date(2025, 12, 5), present=[CouncilMemberFactory()])
    return {"nomination": nomination.pk, "registration": registration.pk, "session": session.pk,
            "round": nomination.round_id}


GETS = [
    ("awards:registration_list", None), ("awards:registration_rollup", None), ("awards:registration_rollup_pdf", None),
    ("awards:registration_rollup_export", None), ("awards:lookup", None), ("awards:lookup_export", None),
    ("awards:catalogue", None), ("awards:round_list", None), ("awards:round_create", None),
    ("awards:session_list", None), ("awards:decision_list", None), ("awards:decision_create", None),
    ("awards:session_detail", "session"), ("awards:minutes_pdf", "session"), ("awards:proposal_pdf", "round"),
    ("awards:nomination_list", None), ("awards:nomination_create", None), ("awards:registration_create", None),
]


@pytest.mark.parametrize("name, arg", GETS)
def test_a_plain_staff_member_is_refused(client, make_user, org, objects, name, arg):
    client.force_login(make_user(Role.STAFF, unit=org.land))
    response = client.get(reverse(name, args=[objects[arg]] if arg else []))
    assert response.status_code == 403


@pytest.mark.parametrize("name, arg", GETS)
def test_anonymous_is_sent_to_the_login_page(client, objects, name, arg):
    url = reverse(name, args=[objects[arg]] if arg else [])
    response = client.get(url)
    assert (response.status_code, response.url.split("?")[0]) == (302, reverse("login"))


@pytest.mark.parametrize("name, data", [
    ("awards:nomination_upload", {}), ("awards:nomination_act", {"action": "submit"}),
    ("awards:nomination_override", {"rule_key": "x", "reason": "y"}), ("awards:nomination_outcome", {"awarded": "1"}),
    ("awards:nomination_edit", {}), ("awards:achievements_pdf", None),
])
def test_another_units_head_gets_404_on_a_nomination_and_changes_nothing(client, env_head, objects, name, data):
    client.force_login(env_head)
    url = reverse(name, args=[objects["nomination"]])
    response = client.get(url) if data is None else client.post(url, data)
    assert response.status_code == 404
    nomination = Nomination.objects.get(pk=objects["nomination"])
    assert (nomination.status, DossierFile.objects.count(), nomination.overrides.count()) == (Nomination.Status.DRAFT, 0, 0)


@pytest.mark.parametrize("name", ["awards:registration_detail", "awards:registration_edit", "awards:registration_act"])
def test_another_units_head_gets_404_on_a_registration_and_changes_nothing(client, env_head, objects, name):
    client.force_login(env_head)
    url = reverse(name, args=[objects["registration"]])
    response = client.post(url, {"action": "submit"}) if name.endswith("_act") else client.get(url)
    assert response.status_code == 404
    assert Registration.objects.get(pk=objects["registration"]).status == Registration.Status.DRAFT


def test_the_office_cannot_submit_a_units_registration_through_the_action_endpoint(office_client, objects):
    response = office_client.post(reverse("awards:registration_act", args=[objects["registration"]]),
                                  {"action": "submit"}, follow=True)
    assert Registration.objects.get(pk=objects["registration"]).status == Registration.Status.DRAFT
    assert [str(m) for m in response.context["messages"]] == ["Bạn không có quyền thực hiện thao tác này."]


def test_a_unit_head_cannot_open_a_council_session_or_change_a_round(land_head_client, objects):
    name = AwardRound.objects.get().name
    assert land_head_client.post(reverse("awards:session_create"), {"round": objects["round"]}).status_code == 403
    assert land_head_client.post(reverse("awards:round_edit", args=[objects["round"]]), {"name": "x"}).status_code == 403
    assert (CouncilSession.objects.count(), AwardRound.objects.get().name) == (1, name)
