from datetime import date

import pytest
from django.urls import reverse

from emulation.models import Unit
from emulation.organisation import OrganisationError, merge_unit, rename_unit
from emulation.tests.factories import UnitFactory


@pytest.mark.django_db
def test_tree_order_follows_order_field_not_creation(org):
    UnitFactory(parent=org.department, order=0, code="A-LATER")
    listed = [u.code for u in Unit.objects.filter(parent=org.department).order_by("path")]
    assert listed[0] == "A-LATER"


@pytest.mark.django_db
def test_rename_keeps_old_name_valid_for_its_dates(org):
    rename_unit(org.env, name="Chi cục Môi trường", short_name="CCMT", on_date=date(2025, 7, 1))
    org.env.refresh_from_db()
    assert org.env.name == "Chi cục Môi trường"
    assert org.env.name_on(date(2025, 6, 30)) == "Chi cục Bảo vệ môi trường"
    assert org.env.name_on(date(2025, 7, 1)) == "Chi cục Môi trường"


@pytest.mark.django_db
def test_rename_to_same_name_is_refused(org):
    with pytest.raises(OrganisationError, match=r"Tên mới trùng với tên hiện tại\."):
        rename_unit(org.env, name=org.env.name, short_name=org.env.short_name, on_date=date(2025, 7, 1))


@pytest.mark.django_db
def test_merge_points_to_successor_and_moves_staff_and_sub_units(org, staff_in):
    person = staff_in(org.land)
    merge_unit(org.land, successor=org.env, on_date=date(2025, 7, 1))
    org.land.refresh_from_db()
    person.refresh_from_db()
    org.land_team.refresh_from_db()
    assert (org.land.active, org.land.merged_into, org.land.dissolved_on) == (False, org.env, date(2025, 7, 1))
    assert person.unit == org.env
    assert org.land_team.parent == org.env
    assert org.land_team.path.startswith(org.env.path)


@pytest.mark.django_db
def test_merge_into_own_sub_unit_is_refused(org):
    with pytest.raises(OrganisationError, match=r"Không thể sáp nhập đơn vị vào chính nó hoặc vào đơn vị trực thuộc của nó\."):
        merge_unit(org.land, successor=org.land_team, on_date=date(2025, 7, 1))


@pytest.mark.django_db
def test_moving_a_unit_moves_its_subtree_paths(org):
    org.land.parent = org.env
    org.land.save()
    org.land_team.refresh_from_db()
    assert org.land.path.startswith(org.env.path)
    assert org.land_team.path.startswith(org.land.path)
    assert org.land_team.path.count("/") == 5


@pytest.mark.django_db
def test_office_renames_unit_through_page(office_client, org):
    response = office_client.post(reverse("unit_rename", args=[org.env.pk]), {
        "name": "Chi cục Môi trường", "short_name": "", "on_date": "01/07/2025",
    })
    assert response.status_code == 302
    assert Unit.objects.get(pk=org.env.pk).name == "Chi cục Môi trường"


@pytest.mark.django_db
def test_unit_head_cannot_merge_units(land_head_client, org):
    response = land_head_client.post(reverse("unit_merge", args=[org.land.pk]), {
        "successor": org.env.pk, "on_date": "01/07/2025",
    })
    assert response.status_code == 403
    assert Unit.objects.get(pk=org.land.pk).active
