"""Search-as-you-type choices of a person or a unit (emulation.pickers): what each role finds, and the
refusal of an id outside the person's scope posted by hand."""
import pytest
from django.urls import reverse

from awards.models import Evaluation, Nomination
from awards.tests.factories import RoundFactory, award
from emulation.models import Role, Staff
from emulation.tests.factories import StaffFactory
import re

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(org):
    return {
        "land": StaffFactory(unit=org.land, full_name="Nguyễn Văn Đất"),
        "team": StaffFactory(unit=org.land_team, full_name="Nguyễn Thị Tổ"),
        "env": StaffFactory(unit=org.env, full_name="Nguyễn Văn Môi"),
    }


def _pick(client, kind, text, name="staff", **extra):
    return client.get(reverse("pick", args=[kind]), {"name": name, "id": f"id_{name}", f"{name}__search": text, **extra})


def _options(response):
    return re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', response.content.decode())


def test_office_finds_people_of_every_unit_without_diacritics(office_client, people):
    response = _pick(office_client, "staff", "nguyen van")
    assert _options(response) == [
        (str(people["land"].pk), "Nguyễn Văn Đất (Phòng Quản lý đất đai)"),
        (str(people["env"].pk), "Nguyễn Văn Môi (Chi cục Bảo vệ môi trường)"),
    ]
    assert 'name="staff"' in response.content.decode() and 'id="id_staff"' in response.content.decode()


def test_unit_head_finds_only_people_of_their_subtree(land_head_client, people):
    response = _pick(land_head_client, "staff", "nguyen")
    assert [label for _pk, label in _options(response)] == [
        "Nguyễn Thị Tổ (Tổ Đăng ký)", "Nguyễn Văn Đất (Phòng Quản lý đất đai)"]
    assert "Môi" not in response.content.decode()


def test_unit_head_finds_only_units_of_their_subtree(land_head_client, org):
    response = _pick(land_head_client, "unit", "phong", name="unit")
    assert _options(response) == [(str(org.land.pk), "Phòng Quản lý đất đai")]
    assert _options(_pick(land_head_client, "unit", "chi cuc", name="unit")) == []


def test_a_hand_made_current_choice_outside_the_scope_is_not_shown(land_head_client, people):
    response = _pick(land_head_client, "staff", "dat", staff=people["env"].pk)
    assert _options(response) == [(str(people["land"].pk), "Nguyễn Văn Đất (Phòng Quản lý đất đai)")]


def test_the_current_choice_stays_on_top_and_selected(office_client, people):
    response = _pick(office_client, "staff", "tho", staff=people["env"].pk)
    assert _options(response)[0] == (str(people["env"].pk), "Nguyễn Văn Môi (Chi cục Bảo vệ môi trường)")
    assert f'<option value="{people["env"].pk}" selected>' in response.content.decode()


def test_at_most_twenty_matches_are_sent(office_client, org):
    Staff.objects.bulk_create([Staff(full_name=f"Trần Văn {n:02d}", unit=org.land, search_text=f"tran van {n:02d}")
                               for n in range(25)])
    response = _pick(office_client, "staff", "tran")
    assert len(_options(response)) == 20
    assert "gõ thêm" in response.content.decode()


def test_a_staff_member_and_a_council_member_may_not_pick(client, make_user, org, people):
    for role in (Role.STAFF, Role.COUNCIL):
        client.force_login(make_user(role, unit=org.land))
        assert _pick(client, "staff", "nguyen").status_code == 403


def test_an_unknown_kind_is_not_found(office_client):
    assert _pick(office_client, "users", "a").status_code == 404


def test_nomination_form_lists_no_people_and_refuses_someone_outside_the_unit(land_head_client, people):
    round = RoundFactory(is_open=True)
    page = land_head_client.get(reverse("awards:nomination_create")).content.decode()
    assert "Nguyễn Văn Đất" not in page and 'name="staff__search"' in page and "hx-get=" in page
    response = land_head_client.post(reverse("awards:nomination_create"), {
        "round": round.pk, "award_type": award("LDTT").pk, "staff": people["env"].pk, "achievements": "x",
    })
    assert list(response.context["form"].errors) == ["staff"]
    assert not Nomination.objects.filter(staff=people["env"]).exists()


def test_nomination_form_keeps_the_chosen_person_after_an_error(land_head_client, people):
    response = land_head_client.post(reverse("awards:nomination_create"), {"staff": people["land"].pk})
    assert f'<option value="{people["land"].pk}" selected>Nguyễn Văn Đất (Phòng Quản lý đất đai)</option>' in (
        response.content.decode())


def test_staff_form_of_a_unit_head_refuses_a_unit_outside_their_subtree(land_head_client, org):
    response = land_head_client.post(reverse("staff_create"), {
        "full_name": "Người Mới", "unit": org.env.pk, "category": "civil_servant", "active": "on", "revision": 0,
    })
    assert list(response.context["form"].errors) == ["unit"]
    assert not Staff.objects.filter(full_name="Người Mới").exists()


def test_office_records_an_evaluation_with_the_picked_person(office_client, people):
    response = office_client.post(reverse("awards:record_create", args=["evaluation"]), {
        "staff": people["env"].pk, "year": 2025, "level": Evaluation.Level.EXCELLENT,
    })
    assert response.status_code == 302
    assert Evaluation.objects.get(staff=people["env"]).year == 2025


def test_staff_list_filters_by_the_picked_unit_and_shows_it_chosen(office_client, org, people):
    response = office_client.get(reverse("staff_list"), {"unit": org.land.pk, "active": "1"})
    assert sorted(p.full_name for p in response.context["page"]) == ["Nguyễn Thị Tổ", "Nguyễn Văn Đất"]
    assert f'<option value="{org.land.pk}" selected>Phòng Quản lý đất đai</option>' in response.content.decode()


def test_unit_list_filters_within_the_picked_unit(office_client, org):
    response = office_client.get(reverse("unit_list"), {"within": org.land.pk, "active": "1"})
    assert [u.code for u in response.context["page"]] == ["QLDD", "QLDD-1"]
