"""The Django admin's login form (issue 26 item 1, leftover): its agency starts empty and must be chosen (a
login saved without one went silently to the first agency), and its unit list names each unit's agency,
so that two agencies' "Văn phòng Sở" can be told apart; a unit of another agency is refused."""
import re

import pytest
from django.urls import reverse

from emulation.models import Agency, User
from emulation.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_agencies(org):
    health = Agency.objects.create(name="SỞ Y TẾ", parent_authority="UBND TỈNH", abbreviation="SYT", place="Quảng Ngãi")
    top = UnitFactory(code="SYT", name="Sở Y tế", kind="department", agency=health)
    office = UnitFactory(code="SYT-VP", name="Văn phòng Sở", parent=top, agency=health)
    return org.department.agency, health, office


def _selected(html, name):
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select), select


def test_a_new_login_in_the_admin_starts_with_no_agency_and_is_refused_without_one(admin_client, two_agencies):
    selected, _select = _selected(admin_client.get(reverse("admin:emulation_user_add")).content.decode(), "agency")
    assert selected == [""]
    response = admin_client.post(reverse("admin:emulation_user_add"), {
        "username": "canbo.moi", "usable_password": "true", "password1": "Mk-Thidua-2025!", "password2": "Mk-Thidua-2025!"})
    assert response.status_code == 200 and "Hãy chọn cơ quan của tài khoản này." in response.content.decode()
    assert not User.objects.filter(username="canbo.moi").exists()


def test_the_admins_unit_list_names_each_units_agency_and_refuses_a_unit_of_another_agency(admin_client, two_agencies):
    department, health, health_office = two_agencies
    user = User.objects.create_user("canbo.moi", password="Mk-Thidua-2025!", agency=department)
    change = reverse("admin:emulation_user_change", args=[user.pk])
    _selected_units, units = _selected(admin_client.get(change).content.decode(), "unit")
    assert f'<option value="{health_office.pk}">Văn phòng Sở — SYT</option>' in units
    response = admin_client.post(change, {
        "username": "canbo.moi", "agency": department.pk, "unit": health_office.pk, "role": "staff",
        "is_active": "on", "date_joined_0": "01/01/2026", "date_joined_1": "08:00:00"})
    assert "Đơn vị này thuộc cơ quan khác: hãy chọn một đơn vị của" in response.content.decode()
    user.refresh_from_db()
    assert (user.agency, user.unit) == (department, None)
