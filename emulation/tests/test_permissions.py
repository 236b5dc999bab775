import pytest
from django.urls import reverse

from emulation.models import Role, Staff, Unit
from django.contrib.auth.models import AnonymousUser
import io
from openpyxl import load_workbook
from datetime import timedelta
from django.utils import timezone
from emulation.models import Delegation
from emulation.permissions import acts_for_director


@pytest.mark.django_db
def test_unit_head_sees_own_unit_and_sub_units_only(org, land_head):
    visible = set(Unit.objects.visible_to(land_head))
    assert visible == {org.land, org.land_team}


@pytest.mark.django_db
def test_office_sees_all_units(org, office_user):
    assert Unit.objects.visible_to(office_user).count() == 4


@pytest.mark.django_db
def test_unit_head_staff_scope_includes_sub_unit_staff(org, land_head, staff_in):
    mine = staff_in(org.land)
    sub = staff_in(org.land_team)
    staff_in(org.env)
    assert set(Staff.objects.visible_to(land_head)) == {mine, sub}


@pytest.mark.django_db
def test_plain_staff_sees_only_own_record(org, make_user, staff_in):
    user = make_user(Role.STAFF, unit=org.land)
    own = staff_in(org.land, user=user)
    staff_in(org.land)
    assert list(Staff.objects.visible_to(user)) == [own]


@pytest.mark.django_db
def test_anonymous_sees_nothing(org, staff_in):
    staff_in(org.land)
    assert Staff.objects.visible_to(AnonymousUser()).count() == 0


@pytest.mark.django_db
def test_unit_head_list_does_not_show_other_unit_staff(land_head_client, org, staff_in):
    staff_in(org.land, full_name="Người Của Tôi")
    staff_in(org.env, full_name="Người Đơn Vị Khác")
    response = land_head_client.get(reverse("staff_list"))
    assert response.status_code == 200
    names = [person.full_name for person in response.context["page"]]
    assert names == ["Người Của Tôi"]


@pytest.mark.django_db
def test_unit_head_cannot_open_other_unit_staff(land_head_client, org, staff_in):
    other = staff_in(org.env)
    assert land_head_client.get(reverse("staff_detail", args=[other.pk])).status_code == 404


@pytest.mark.django_db
def test_unit_head_cannot_change_other_unit_staff(land_head_client, org, staff_in):
    other = staff_in(org.env, full_name="Giữ Nguyên Tên")
    response = land_head_client.post(reverse("staff_edit", args=[other.pk]), {"full_name": "Đổi Tên"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.full_name == "Giữ Nguyên Tên"


@pytest.mark.django_db
def test_unit_head_cannot_move_staff_into_other_unit(land_head_client, org, staff_in):
    mine = staff_in(org.land)
    response = land_head_client.post(reverse("staff_edit", args=[mine.pk]), {
        "full_name": mine.full_name, "unit": org.env.pk, "category": "civil_servant", "active": "on",
    })
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    mine.refresh_from_db()
    assert mine.unit == org.land


@pytest.mark.django_db
def test_unit_head_can_edit_own_staff(land_head_client, org, staff_in):
    mine = staff_in(org.land)
    response = land_head_client.post(reverse("staff_edit", args=[mine.pk]), {
        "full_name": "Tên Mới", "unit": org.land_team.pk, "category": "civil_servant", "active": "on", "revision": 0,
    })
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.full_name, mine.unit) == ("Tên Mới", org.land_team)


@pytest.mark.django_db
def test_unit_head_cannot_open_other_unit(land_head_client, org):
    assert land_head_client.get(reverse("unit_detail", args=[org.env.pk])).status_code == 404


@pytest.mark.django_db
def test_unit_head_cannot_edit_units(land_head_client, org):
    assert land_head_client.get(reverse("unit_edit", args=[org.land.pk])).status_code == 403


@pytest.mark.django_db
def test_plain_staff_cannot_list_staff(client, org, make_user):
    client.force_login(make_user(Role.STAFF, unit=org.land))
    assert client.get(reverse("staff_list")).status_code == 403


@pytest.mark.django_db
def test_plain_staff_opens_own_record(client, org, make_user, staff_in):
    user = make_user(Role.STAFF, unit=org.land)
    own = staff_in(org.land, user=user, full_name="Chính Tôi")
    client.force_login(user)
    response = client.get(reverse("staff_detail", args=[own.pk]))
    assert response.status_code == 200
    assert response.context["staff"] == own


@pytest.mark.django_db
def test_unit_head_cannot_export_units_of_others(land_head_client, org):

    response = land_head_client.get(reverse("export_data", args=["units"]))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    codes = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert codes == ["QLDD", "QLDD-1"]


@pytest.mark.django_db
def test_unit_head_cannot_import_units(land_head_client):
    assert land_head_client.get(reverse("import_data", args=["units"])).status_code == 403


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("staff_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("valid_from, valid_to, expected", [
    (-1, None, True), (-10, 10, True), (-10, -1, False), (1, None, False),
])
def test_deputy_director_acts_for_the_director_only_while_a_delegation_is_in_force(
        make_user, director_user, valid_from, valid_to, expected):


    today = timezone.localdate()
    deputy = make_user(Role.DEPUTY_DIRECTOR)
    Delegation.objects.create(deputy=deputy, granted_by=director_user, valid_from=today + timedelta(days=valid_from),
                              valid_to=None if valid_to is None else today + timedelta(days=valid_to))
    assert acts_for_director(deputy) is expected


@pytest.mark.django_db
@pytest.mark.parametrize("role, expected", [
    (Role.DIRECTOR, True), (Role.DEPUTY_DIRECTOR, False), (Role.OFFICE, False), (Role.ADMIN, False),
])
def test_only_the_director_acts_for_the_director_without_a_delegation(make_user, role, expected):
    assert acts_for_director(make_user(role)) is expected
