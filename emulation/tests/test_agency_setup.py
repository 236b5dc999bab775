"""A new agency (issue 26 item 2): `create_agency` makes the Director's login too, and "Thiết lập cơ quan" lists
what the agency needs before its first plan, linked from the Office's home until everything is there."""
import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from awards.tests.factories import CouncilMemberFactory
from campaigns.models import PlanStatus, ReportingPeriod
from campaigns.tests.factories import PlanFactory
from emulation.agency_setup import setup_needs
from emulation.documents.models import SigningKey
from emulation.models import Agency, Role, User
from emulation.tests.factories import StaffFactory, UnitFactory, UserFactory
from django.core.management.base import CommandError

ARGS = ["--name", "SỞ XÂY DỰNG", "--abbreviation", "sxd", "--parent-authority", "UBND TỈNH QUẢNG NGÃI",
        "--place", "Quảng Ngãi", "--unit-code", "SXD", "--unit-name", "Sở Xây dựng", "--office-login", "vanphong.sxd"]


@pytest.fixture
def new_agency(db):
    call_command("create_agency", *ARGS, stdout=StringIO())
    agency = Agency.objects.get(abbreviation="SXD")
    User.objects.filter(agency=agency).update(must_change_password=False)  # as after their first login
    return agency


def _states(user):
    return [need.done for need in setup_needs(user)]


def _setup_card(client):
    return [task for task in client.get(reverse("home")).context["tasks"] if task.url == reverse("agency_setup")]


def _complete(agency):
    """Everything the page asks for, the way the Office does it in the pages."""
    top = agency.units.get()
    division = UnitFactory(code="SXD-QLXD", name="Phòng Quản lý xây dựng", parent=top)
    StaffFactory(unit=division)
    UserFactory(username="truongphong.sxd", role=Role.UNIT_HEAD, unit=division)
    CouncilMemberFactory(agency=agency)
    Agency.objects.filter(pk=agency.pk).update(office_chief="Trần Văn Chánh")
    for signer_name in ("", "Nguyễn Văn Ký"):  # the agency's key (its seal) and a signer's
        SigningKey.objects.create(agency=agency, signer_name=signer_name, kind=SigningKey.Kind.REMOTE, remote_account="ky")
    plan = PlanFactory(status=PlanStatus.ISSUED, issuer=agency)
    ReportingPeriod.objects.create(plan=plan, kind="quarter", name="Quý I năm 2026", start=date(2026, 1, 1),
                                   end=date(2026, 3, 31), due=date(2026, 4, 10)).units.set([division])


def test_create_agency_makes_the_director_login_with_a_printed_password(db):
    out = StringIO()
    call_command("create_agency", *ARGS, "--director-login", "giamdoc.sxd", stdout=out)
    printed = re.search(r"Created Director login giamdoc\.sxd with the password (\S+) ", out.getvalue())
    director = User.objects.get(username="giamdoc.sxd")
    assert (director.role, director.agency.abbreviation) == (Role.DIRECTOR, "SXD")
    assert printed and director.check_password(printed.group(1))
    again = StringIO()
    call_command("create_agency", *ARGS, "--director-login", "giamdoc.sxd", stdout=again)  # twice: nothing more
    assert "Kept login giamdoc.sxd." in again.getvalue() and User.objects.filter(role=Role.DIRECTOR).count() == 1


def test_create_agency_names_the_director_login_after_the_abbreviation_by_default(new_agency):
    assert User.objects.get(username="giamdoc.sxd").agency == new_agency


def test_create_agency_refuses_a_director_login_of_another_agency(new_agency):
    UserFactory(username="giamdoc.khac", role=Role.DIRECTOR)  # of the first agency
    with pytest.raises(CommandError, match="giamdoc.khac belongs to another agency"):
        call_command("create_agency", *ARGS, "--director-login", "giamdoc.khac", stdout=StringIO())


def test_a_new_agency_setup_page_says_what_is_missing_with_a_link_each(new_agency, client):
    office = User.objects.get(username="vanphong.sxd")
    client.force_login(office)
    [card] = _setup_card(client)
    assert card.count == 8  # everything but the Director's login, which create_agency made
    page = client.get(reverse("agency_setup"))
    assert [need.done for need in page.context["needs"]] == [False, False, True, False, False, False, False, False, False]
    text = page.content.decode()
    assert "Thiết lập cơ quan" in text and text.count('data-done="0"') == 8 and 'data-testid="setup-complete"' not in text
    assert [need.url for need in page.context["needs"]][:2] == [reverse("unit_list"), reverse("staff_list")]


def test_the_setup_card_goes_away_when_everything_is_done(new_agency, client):
    _complete(new_agency)
    office = User.objects.get(username="vanphong.sxd")
    assert all(_states(office))
    client.force_login(office)
    assert _setup_card(client) == []
    assert 'data-testid="setup-complete"' in client.get(reverse("agency_setup")).content.decode()


def test_another_agency_does_not_count_in_the_setup_of_a_new_one(new_agency, org, office_user, director_user):
    """The first agency has units, staff, a Director, unit heads, a plan and its periods: the new one still
    has none of them."""
    StaffFactory(unit=org.land)
    UserFactory(role=Role.UNIT_HEAD, unit=org.land)
    CouncilMemberFactory(agency=org.land.agency)
    plan = PlanFactory(status=PlanStatus.ISSUED, issuer=org.land.agency)
    ReportingPeriod.objects.create(plan=plan, kind="quarter", name="Quý I năm 2026", start=date(2026, 1, 1),
                                   end=date(2026, 3, 31), due=date(2026, 4, 10))
    assert _states(User.objects.get(username="vanphong.sxd")) == [False, False, True, False, False, False, False, False, False]
    # The first agency's own page counts its own rows.
    assert _states(office_user)[:2] == [True, True]


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.UNIT_HEAD, Role.STAFF])
def test_only_the_office_opens_the_setup_page(new_agency, client, role):
    unit = new_agency.units.get()
    client.force_login(UserFactory(role=role, unit=unit if role == Role.UNIT_HEAD else None, agency=new_agency))
    assert client.get(reverse("agency_setup")).status_code == 403
    assert _setup_card(client) == []


@pytest.mark.parametrize("units", [1, 3])
def test_the_setup_page_costs_the_same_queries_with_one_unit_or_three(new_agency, client, units,
                                                                      django_assert_num_queries):
    top = new_agency.units.get()
    for index in range(units):
        division = UnitFactory(code=f"SXD-{index}", parent=top)
        UserFactory(role=Role.UNIT_HEAD, unit=division)
        StaffFactory(unit=division)
    client.force_login(User.objects.get(username="vanphong.sxd"))
    with django_assert_num_queries(12):  # the login and its session, then setup_needs's ten counts
        page = client.get(reverse("agency_setup"))
    assert page.context["needs"][3].state == f"{units} trên {units} đơn vị đã có tài khoản của trưởng đơn vị"
