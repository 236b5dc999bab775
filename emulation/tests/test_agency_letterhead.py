"""The agency's letterhead and signer, kept by its Office in a Vietnamese page (`/agency/`, issue 26): the
user's own agency only, each change on the agency's timeline, other roles refused."""
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from emulation.agency_setup import LETTERHEAD_FIELDS, setup_needs
from emulation.models import Agency, Role, User
from emulation.tests.factories import UserFactory
from emulation.workflow import labelled_timeline
from emulation.forms import AgencyLetterheadForm

ARGS = ["--name", "SỞ XÂY DỰNG", "--abbreviation", "sxd", "--parent-authority", "UBND TỈNH QUẢNG NGÃI",
        "--place", "Quảng Ngãi", "--unit-code", "SXD", "--unit-name", "Sở Xây dựng", "--office-login", "vanphong.sxd"]
FILLED = {"name": "SỞ XÂY DỰNG", "parent_authority": "UBND TỈNH QUẢNG NGÃI", "place": "Quảng Ngãi",
          "head_title": "GIÁM ĐỐC", "office_chief": "Trần Văn Chánh", "legal_bases": ""}


@pytest.fixture
def new_agency(db):
    call_command("create_agency", *ARGS, stdout=StringIO())
    agency = Agency.objects.get(abbreviation="SXD")
    User.objects.filter(agency=agency).update(must_change_password=False)
    return agency


@pytest.fixture
def office(new_agency, client):
    login = User.objects.get(username="vanphong.sxd")
    client.force_login(login)
    return login


def _letterhead_need(user):
    [need] = [need for need in setup_needs(user) if need.url == reverse("agency_letterhead")]
    return need


def test_the_office_fills_its_letterhead_and_the_change_is_on_the_timeline(client, new_agency, office):
    assert not _letterhead_need(office).done
    response = client.post(reverse("agency_letterhead"), FILLED)
    assert response.status_code == 302
    new_agency.refresh_from_db()
    assert new_agency.office_chief == "Trần Văn Chánh"
    [entry] = labelled_timeline(new_agency)
    assert (str(entry.label), entry.actor, entry.data) == (
        "Tiêu đề văn bản và người ký được sửa", office, {"office_chief": ["", "Trần Văn Chánh"]})
    assert _letterhead_need(office).done


def test_saving_an_unchanged_letterhead_writes_no_timeline_row(client, new_agency, office):
    client.post(reverse("agency_letterhead"), FILLED)
    client.post(reverse("agency_letterhead"), FILLED)
    assert len(labelled_timeline(new_agency)) == 1


def test_the_letterhead_page_is_in_vietnamese_and_shows_the_agency_s_own_values(client, new_agency, office):
    page = client.get(reverse("agency_letterhead")).content.decode()
    assert "Tiêu đề văn bản và người ký" in page and "UBND TỈNH QUẢNG NGÃI" in page


def test_an_empty_required_field_is_refused_with_nothing_saved(client, new_agency, office):
    response = client.post(reverse("agency_letterhead"), {**FILLED, "place": "  "})
    assert response.status_code == 200 and response.context["form"].errors["place"]
    new_agency.refresh_from_db()
    assert (new_agency.place, new_agency.office_chief) == ("Quảng Ngãi", "")
    assert labelled_timeline(new_agency) == []


def test_the_office_changes_its_own_agency_only(client, new_agency, office):
    first = Agency.objects.create(name="SỞ Y TẾ", parent_authority="UBND TỈNH QUẢNG NGÃI", abbreviation="SYT",
                                  place="Quảng Ngãi")
    client.post(reverse("agency_letterhead"), {**FILLED, "name": "SỞ MỚI"})
    first.refresh_from_db()
    assert first.name != "SỞ MỚI" and Agency.objects.get(pk=new_agency.pk).name == "SỞ MỚI"


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.UNIT_HEAD, Role.STAFF])
def test_other_roles_are_refused_the_letterhead_page(client, new_agency, role):
    unit = new_agency.units.get()
    client.force_login(UserFactory(role=role, unit=unit if role == Role.UNIT_HEAD else None, agency=new_agency))
    assert client.get(reverse("agency_letterhead")).status_code == 403
    assert client.post(reverse("agency_letterhead"), FILLED).status_code == 403
    assert Agency.objects.get(pk=new_agency.pk).office_chief == ""


def test_the_letterhead_fields_of_the_setup_page_are_all_on_the_form():
    assert set(LETTERHEAD_FIELDS) <= set(AgencyLetterheadForm._meta.fields)
