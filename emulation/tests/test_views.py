import re

import pytest
from django.urls import reverse

from emulation.models import Role, Staff, Unit
from emulation.tests.factories import StaffFactory
from datetime import date
from emulation.tests.factories import UnitFactory
from django.core.paginator import Paginator
from django.template.loader import render_to_string


@pytest.mark.django_db
def test_first_page_sends_visitor_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/"


@pytest.mark.django_db
def test_login_page_is_in_vietnamese_whatever_the_browser_language(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    content = response.content.decode()
    assert '<html lang="vi">' in content
    assert "Đăng nhập" in content
    assert "Tên đăng nhập" in content


@pytest.mark.django_db
def test_language_switch_to_english_is_remembered(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    content = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in content
    assert "Log in" in content


@pytest.mark.django_db
def test_wrong_password_shows_vietnamese_error(client, make_user):
    make_user(Role.OFFICE, username="vp")
    response = client.post(reverse("login"), {"username": "vp", "password": "sai"})
    assert "Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác" in response.content.decode()


@pytest.mark.django_db
def test_office_navigation_shows_units_staff_and_logins(office_client):
    menu = office_client.get(reverse("home")).context["nav_menu"]
    assert (str(menu[-1]["label"]), [item["url_name"] for item in menu[-1]["items"]]) == ("Tổ chức", ["unit_list", "staff_list", "login_list"])


@pytest.mark.django_db
def test_plain_staff_navigation_hides_units_and_staff(client, org, make_user):
    client.force_login(make_user(Role.STAFF, unit=org.land))
    menu = [item["url_name"] for section in client.get(reverse("home")).context["nav_menu"] for item in section["items"]]
    assert "unit_list" not in menu and "staff_list" not in menu


@pytest.mark.django_db
def test_office_home_shows_unit_and_staff_counts(office_client, org, staff_in):
    staff_in(org.land)
    staff_in(org.env)
    staff_in(org.env, active=False)
    tasks = {task.title: task.count for task in office_client.get(reverse("home")).context["tasks"]}
    assert tasks["Đơn vị"] == 4
    assert tasks["Cán bộ"] == 2


@pytest.mark.django_db
def test_unit_head_home_counts_only_own_units(land_head_client, org, staff_in):
    staff_in(org.land)
    staff_in(org.env)
    tasks = {task.title: task.count for task in land_head_client.get(reverse("home")).context["tasks"]}
    assert (tasks["Đơn vị"], tasks["Cán bộ"]) == (2, 1)


@pytest.mark.django_db
def test_staff_list_search_ignores_accents(office_client, org, staff_in):
    staff_in(org.land, full_name="Nguyễn Đức Trung")
    staff_in(org.land, full_name="Lê Văn Hải")
    response = office_client.get(reverse("staff_list"), {"q": "nguyen duc trung", "active": "1"})
    assert [p.full_name for p in response.context["page"]] == ["Nguyễn Đức Trung"]


@pytest.mark.django_db
def test_staff_list_unit_filter_includes_sub_units(office_client, org, staff_in):
    staff_in(org.land_team, full_name="Ở Tổ Con")
    staff_in(org.env, full_name="Ở Chi Cục")
    response = office_client.get(reverse("staff_list"), {"unit": org.land.pk, "active": "1"})
    assert [p.full_name for p in response.context["page"]] == ["Ở Tổ Con"]


@pytest.mark.django_db
def test_unit_list_search_ignores_accents(office_client, org):
    response = office_client.get(reverse("unit_list"), {"q": "quan ly dat", "active": "1"})
    assert [u.code for u in response.context["page"]] == ["QLDD"]


@pytest.mark.django_db
def test_staff_detail_shows_change_history_with_old_and_new(office_client, org, staff_in):
    person = staff_in(org.land, full_name="Trước Khi Sửa")
    office_client.post(reverse("staff_edit", args=[person.pk]), {
        "full_name": "Sau Khi Sửa", "unit": org.env.pk, "category": "civil_servant", "active": "on", "revision": 0,
    })
    response = office_client.get(reverse("staff_detail", args=[person.pk]))
    latest = response.context["history"][0]
    assert latest["user"].role == Role.OFFICE
    assert ("họ và tên", "Trước Khi Sửa", "Sau Khi Sửa") in latest["changes"]
    assert ("đơn vị", "Phòng Quản lý đất đai", "Chi cục Bảo vệ môi trường") in latest["changes"]
    assert "Trước Khi Sửa → Sau Khi Sửa" in response.content.decode()


@pytest.mark.django_db
def test_unit_detail_shows_change_history(office_client, org):
    office_client.post(reverse("unit_edit", args=[org.env.pk]), {
        "code": "MT", "name": "Chi cục BVMT mới", "kind": "sub_department", "parent": org.department.pk,
        "order": 3, "active": "on",
    })
    response = office_client.get(reverse("unit_detail", args=[org.env.pk]))
    assert ("tên", "Chi cục Bảo vệ môi trường", "Chi cục BVMT mới") in response.context["history"][0]["changes"]


@pytest.mark.django_db
def test_staff_form_refuses_duplicate_identity_number(office_client, org, staff_in):
    staff_in(org.land, identity_number="051000000999")
    response = office_client.post(reverse("staff_create"), {
        "full_name": "Người Mới", "unit": org.land.pk, "category": "civil_servant",
        "identity_number": "051000000999", "active": "on",
    })
    assert response.status_code == 200
    assert "identity_number" in response.context["form"].errors


@pytest.mark.django_db
def test_staff_form_reads_dates_as_day_month_year(office_client, org):
    office_client.post(reverse("staff_create"), {
        "full_name": "Người Mới", "unit": org.land.pk, "category": "civil_servant",
        "date_of_birth": "05/02/1990", "active": "on",
    })

    assert Staff.objects.get(full_name="Người Mới").date_of_birth.isoformat() == "1990-02-05"


@pytest.mark.django_db
def test_staff_detail_shows_dates_as_day_month_year(office_client, org, staff_in):
    person = staff_in(org.land, date_of_birth=date(1990, 2, 5))
    assert "05/02/1990" in office_client.get(reverse("staff_detail", args=[person.pk])).content.decode()


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.django_db
def test_staff_list_query_count_does_not_grow_with_rows(office_client, org, django_assert_num_queries, rows):
    people = [StaffFactory(unit=org.land, full_name=f"Người Thứ {n}") for n in range(rows)]
    # session, user, count, page of rows (the unit filter is a search-as-you-type field: no unit list)
    with django_assert_num_queries(4):
        response = office_client.get(reverse("staff_list"))
    assert [p.full_name for p in response.context["page"]] == sorted(p.full_name for p in people)
    assert org.env.name not in response.content.decode()  # no <option> per unit


@pytest.mark.parametrize("extra", [0, 2])
@pytest.mark.django_db
def test_unit_list_query_count_does_not_grow_with_rows(office_client, org, django_assert_num_queries, extra):
    added = [UnitFactory(parent=org.department, name=f"Đơn vị thêm {n}", order=9) for n in range(extra)]
    StaffFactory(unit=org.land)
    StaffFactory(unit=org.land)
    # session, user, count, page of units, the staff counts of the page's units (one grouped query)
    with django_assert_num_queries(5):
        response = office_client.get(reverse("unit_list"))
    expected = [org.department, org.land, org.land_team, org.env, *added]
    assert [(u.pk, u.staff_count) for u in response.context["page"]] == [
        (u.pk, 2 if u == org.land else 0) for u in expected]
    assert all(f"Đơn vị thêm {n}" in response.content.decode() for n in range(extra))


@pytest.mark.django_db
def test_admin_is_refused_to_office(office_client):
    response = office_client.get("/admin/")
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_stale_staff_form_is_refused_and_the_newer_save_kept(client, office_user, make_user, org, staff_in):
    person = staff_in(org.land, full_name="Tên Cũ")
    fields = {"unit": org.land.pk, "category": "civil_servant", "active": "on", "revision": person.revision}
    client.force_login(office_user)
    client.post(reverse("staff_edit", args=[person.pk]), {**fields, "full_name": "Người Thứ Nhất"})
    second = make_user(Role.OFFICE)
    client.force_login(second)
    response = client.post(reverse("staff_edit", args=[person.pk]), {**fields, "full_name": "Người Thứ Hai"})
    assert "Người khác đã lưu" in response.content.decode()
    assert Staff.objects.get(pk=person.pk).full_name == "Người Thứ Nhất"


def test_office_creates_a_unit_under_the_department(office_client, org):
    response = office_client.post(reverse("unit_create"), {
        "code": "TTKT", "name": "Trung tâm Kỹ thuật", "short_name": "", "kind": org.land.kind, "parent": org.department.pk,
        "order": 5, "active": "on", "emulation_body": "",
    })
    assert response.status_code == 302, response.context["form"].errors
    assert Unit.objects.get(code="TTKT").parent == org.department


def test_unit_create_is_refused_to_a_unit_head(land_head_client):
    assert land_head_client.get(reverse("unit_create")).status_code == 403


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.django_db
def test_staff_list_sorts_by_a_column_keeping_the_filters(office_client, org, django_assert_num_queries, rows):
    people = [StaffFactory(unit=org.land, full_name=f"Người Thứ {n}", date_of_birth=date(1980 + n, 1, 1))
              for n in range(rows)]
    StaffFactory(unit=org.env, full_name="Người Phòng Khác")
    with django_assert_num_queries(4):
        response = office_client.get(reverse("staff_list"), {"q": "thứ", "active": "1", "sort": "-birth"})
    assert [p.full_name for p in response.context["page"]] == [p.full_name for p in reversed(people)]
    page = response.content.decode()
    # The header of the sorted column turns the order round; every header keeps the filters, not the page.
    assert 'href="?q=th%E1%BB%A9&amp;active=1&amp;sort=birth" data-sort="birth" aria-current="true"' in page
    assert 'href="?q=th%E1%BB%A9&amp;active=1&amp;sort=name" data-sort="name"' in page
    assert "▼" in page


@pytest.mark.django_db
def test_an_unknown_sort_key_falls_back_to_the_lists_order(office_client, org):
    people = [StaffFactory(unit=org.land, full_name=name) for name in ("Bùi B", "An A")]
    response = office_client.get(reverse("staff_list"), {"sort": "password"})
    assert [p.full_name for p in response.context["page"]] == sorted(p.full_name for p in people)


@pytest.mark.django_db
def test_unit_list_sorts_by_code_descending(office_client, org):
    response = office_client.get(reverse("unit_list"), {"sort": "-code"})
    codes = [unit.code for unit in response.context["page"]]
    assert codes == sorted(codes, reverse=True) and len(codes) == 4


def test_the_page_links_keep_the_sort_and_the_filters(rf):
    request = rf.get("/staff/", {"q": "an", "sort": "-name", "page": "2"})
    html = render_to_string("includes/pagination.html", {"page": Paginator(range(120), 50).get_page(2), "request": request})
    assert "q=an&amp;sort=-name&amp;page=3" in html and "q=an&amp;sort=-name&amp;page=1" in html


def test_save_and_add_another_unit_opens_a_new_form_under_the_same_parent(office_client, org):
    """Issue 26 item 11: "Lưu và thêm đơn vị khác" saves and opens the next new unit, parent and kind kept."""
    response = office_client.post(reverse("unit_create"), {
        "code": "TTKT", "name": "Trung tâm Kỹ thuật", "short_name": "", "kind": "center", "parent": org.department.pk,
        "order": 5, "active": "on", "emulation_body": "", "another": "1",
    })
    assert Unit.objects.get(code="TTKT").parent == org.department
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('unit_create')}?parent={org.department.pk}&kind=center"
    page = office_client.get(response["Location"])
    html = page.content.decode()
    assert "Đơn vị Trung tâm Kỹ thuật đã được lưu. Mời nhập đơn vị tiếp theo." in html
    assert page.context["form"]["parent"].value() == org.department.pk
    assert page.context["form"]["kind"].value() == "center"
    assert f'<option value="{org.department.pk}" selected>' in html
    assert "Lưu và thêm đơn vị khác" in html


def test_the_unit_edit_form_has_no_save_and_add_another(office_client, org):
    html = office_client.get(reverse("unit_edit", args=[org.land.pk])).content.decode()
    assert "Lưu và thêm đơn vị khác" not in html


def test_every_unit_link_on_a_unit_heads_unit_page_opens(land_head_client, org):
    """Issue 26 item 8: the parent unit is named, not linked, for a unit head whose scope stops at their unit."""
    html = land_head_client.get(reverse("unit_detail", args=[org.land.pk])).content.decode()
    assert org.department.name in html
    links = set(re.findall(r'href="(/units/\d+/)"', html))
    assert reverse("unit_detail", args=[org.department.pk]) not in links
    assert reverse("unit_detail", args=[org.land_team.pk]) in links
    assert {link: land_head_client.get(link).status_code for link in links} == {link: 200 for link in links}


def test_the_office_follows_the_link_to_the_parent_unit(office_client, org):
    html = office_client.get(reverse("unit_detail", args=[org.land.pk])).content.decode()
    assert f'href="{reverse("unit_detail", args=[org.department.pk])}"' in html


def test_an_impossible_date_is_refused_showing_the_format(office_client, org):
    """Issue 26 item 8: "31/02/2025" is told the format, not only "Nhập một ngày hợp lệ."."""
    response = office_client.post(reverse("staff_create"), {"full_name": "Nguyễn Văn A", "date_of_birth": "31/02/2025"})
    assert response.status_code == 200
    assert response.context["form"].errors["date_of_birth"] == [
        "Ngày này không có thật hoặc sai dạng: hãy nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/11/2021."]


def test_the_unit_pickers_required_message_sits_in_an_invalid_block(office_client, org):
    """Issue 26 item 8: Bootstrap shows .invalid-feedback only after an .is-invalid sibling; the picker's
    wrapper is that sibling (the browser test checks that the message is visible)."""
    html = office_client.post(reverse("staff_create"), {"full_name": "Nguyễn Văn A"}).content.decode()
    assert '<div class="picker is-invalid">' in html
    assert re.search(r'<div class="picker is-invalid">.*?</div>\s*<div id="id_unit_error" class="invalid-feedback">', html,
                     re.S)
