"""Issue 26 item 1: the Office of an agency keeps its own logins in Vietnamese pages (emulation.logins,
emulation.login_views), each change on the login's timeline; a password somebody else chose must be changed
at the next login (User.must_change_password, PasswordChangeRequiredMiddleware).
(Every new URL refused to other roles and to another agency: emulation/tests/test_access.py.)"""
import re
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from emulation import logins
from emulation.models import Agency, Role, Staff, TimelineEntry, User
from emulation.tests.factories import StaffFactory, UnitFactory, UserFactory
from emulation.workflow import labelled_timeline
from emulation import demo
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

PASSWORD = "secret-pass-123"


@pytest.fixture
def health(db):
    """Sở Y tế: a second agency with a unit, a person and its Office."""
    agency = Agency.objects.create(name="SỞ Y TẾ", parent_authority="UBND TỈNH QUẢNG NGÃI", abbreviation="SYT",
                                   place="Quảng Ngãi")
    top = UnitFactory(code="SYT", name="Sở Y tế", kind="department", agency=agency)
    unit = UnitFactory(code="SYT-NVY", name="Phòng Nghiệp vụ Y", parent=top)

    class Health:
        pass

    Health.agency, Health.unit = agency, unit
    Health.office = UserFactory(username="vanphong.syt", role=Role.OFFICE, agency=agency)
    Health.person = StaffFactory(unit=unit, full_name="Hồ Thị Y Tá")
    Health.login = UserFactory(username="canbo.syt", role=Role.STAFF, unit=unit)
    return Health


@pytest.fixture
def office(org, make_user):
    return make_user(Role.OFFICE, username="vanphong")


def _password_on_page(response):
    return re.search(r'<code class="fs-5">([^<]+)</code>', response.content.decode()).group(1)


def _timeline_labels(login):
    return [str(entry.label) for entry in labelled_timeline(login)]


def test_office_creates_a_login_for_a_person_of_its_agency_with_a_password_shown_once(client, org, office):
    person = StaffFactory(unit=org.land, full_name="Lê Thị Thu Hà", email="ha@example.vn")
    client.force_login(office)
    response = client.post(reverse("login_create"), {"staff": person.pk, "username": "lethuha",
                                                     "role": Role.UNIT_HEAD, "unit": org.land.pk})
    assert response.status_code == 200
    login = User.objects.get(username="lethuha")
    password = _password_on_page(response)
    assert login.check_password(password) and login.must_change_password
    assert (login.get_full_name(), login.role, login.unit, login.agency_id, login.email) == (
        "Lê Thị Thu Hà", Role.UNIT_HEAD, org.land, office.agency_id, "ha@example.vn")
    assert Staff.objects.get(pk=person.pk).user == login
    assert _timeline_labels(login) == ["Tài khoản được tạo"]
    assert password not in client.get(reverse("login_detail", args=[login.pk])).content.decode()


def test_a_typed_temporary_password_follows_the_password_rules(client, org, office):
    person = StaffFactory(unit=org.land)
    client.force_login(office)
    response = client.post(reverse("login_create"), {"staff": person.pk, "username": "nguoimoi", "role": Role.STAFF,
                                                     "password": "12345678"})
    assert response.status_code == 200
    assert "Mật khẩu này hoàn toàn là số" in response.content.decode()
    assert not User.objects.filter(username="nguoimoi").exists()


def test_a_new_login_without_a_unit_takes_the_person_s_unit(client, org, office):
    person = StaffFactory(unit=org.env)
    client.force_login(office)
    client.post(reverse("login_create"), {"staff": person.pk, "username": "moitruong", "role": Role.STAFF,
                                          "password": "Kh0ng-de-doan"})
    assert User.objects.get(username="moitruong").unit == org.env


def test_a_login_is_refused_for_a_person_who_has_one_and_for_a_taken_name(client, org, office):
    person = StaffFactory(unit=org.land, user=UserFactory(username="dacoroi"))
    client.force_login(office)
    response = client.post(reverse("login_create"), {"staff": person.pk, "username": "VANPHONG", "role": Role.STAFF})
    content = response.content.decode()
    assert "Người này đã có tài khoản" in content and "Tên đăng nhập này đã có người dùng" in content
    assert User.objects.count() == 2


def test_the_office_cannot_pick_a_person_or_a_unit_of_another_agency(client, org, office, health):
    client.force_login(office)
    response = client.post(reverse("login_create"), {"staff": health.person.pk, "username": "xuyencoquan",
                                                     "role": Role.STAFF, "unit": health.unit.pk})
    assert set(response.context["form"].errors) == {"staff", "unit"}
    assert not User.objects.filter(username="xuyencoquan").exists()


def test_the_office_cannot_grant_the_administrator_role(client, org, office):
    person = StaffFactory(unit=org.land)
    client.force_login(office)
    response = client.post(reverse("login_create"), {"staff": person.pk, "username": "quantri2", "role": Role.ADMIN})
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(username="quantri2").exists()


def test_office_resets_a_password_and_the_login_must_change_it(client, org, office, make_user):
    login = make_user(Role.STAFF, unit=org.land, username="canbo")
    client.force_login(office)
    response = client.post(reverse("login_password", args=[login.pk]))
    login.refresh_from_db()
    assert login.check_password(_password_on_page(response)) and login.must_change_password
    assert _timeline_labels(login) == ["Đặt lại mật khẩu (mật khẩu tạm)"]
    assert TimelineEntry.objects.get().actor == office


def test_office_unlocks_a_locked_login_and_only_that_one(client, org, office, make_user, settings):
    login = make_user(Role.STAFF, unit=org.land, username="canbo")
    for username in ("canbo", "khac"):
        AccessAttempt.objects.create(username=username, ip_address="10.0.0.1", user_agent="", get_data="",
                                     post_data="", http_accept="", path_info="/accounts/login/",
                                     failures_since_start=settings.AXES_FAILURE_LIMIT, attempt_time=timezone.now())
    client.force_login(office)
    assert "Bị khóa" in client.get(reverse("login_list")).content.decode()
    client.post(reverse("login_unlock", args=[login.pk]))
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["khac"]
    assert _timeline_labels(login) == ["Mở khóa đăng nhập"]
    assert client.post(reverse("login", ), {"username": "canbo", "password": PASSWORD}).status_code == 302


def test_office_deactivates_and_reactivates_a_login(client, org, office, make_user):
    login = make_user(Role.STAFF, unit=org.land, username="canbo")
    client.force_login(office)
    client.post(reverse("login_active", args=[login.pk]), {"active": "0"})
    login.refresh_from_db()
    assert not login.is_active
    client.post(reverse("login_active", args=[login.pk]), {"active": "1"})
    login.refresh_from_db()
    assert login.is_active
    assert _timeline_labels(login) == ["Tài khoản bị ngừng sử dụng", "Tài khoản được dùng lại"]


def test_nobody_deactivates_their_own_login(client, org, office):
    client.force_login(office)
    response = client.post(reverse("login_active", args=[office.pk]), {"active": "0"}, follow=True)
    office.refresh_from_db()
    assert office.is_active
    assert "Bạn không thể ngừng hoặc mở lại tài khoản của chính mình" in response.content.decode()
    assert not TimelineEntry.objects.exists()


def test_set_active_refuses_one_s_own_login(org, office):
    with pytest.raises(logins.LoginError, match="của chính mình"):
        logins.set_active(office, False, actor=office)


def test_the_list_shows_only_the_agency_s_logins_with_their_last_login(client, org, office, health, make_user):
    login = make_user(Role.UNIT_HEAD, unit=org.land, username="lanhdao.qldd")
    StaffFactory(unit=org.land, full_name="Phạm Văn Lãnh", user=login)
    User.objects.filter(pk=login.pk).update(last_login=timezone.make_aware(timezone.datetime(2026, 3, 5, 14, 7)))
    client.force_login(office)
    page = client.get(reverse("login_list")).content.decode()
    assert "Phạm Văn Lãnh" in page and "05/03/2026 14:07" in page and "Lãnh đạo đơn vị" in page
    assert "vanphong.syt" not in page and "canbo.syt" not in page
    found = client.get(reverse("login_list"), {"q": "lanh"}).context["page"].object_list
    assert [row.username for row in found] == ["lanhdao.qldd"]


@pytest.mark.parametrize("count", [1, 3])
def test_the_login_list_costs_the_same_queries_for_one_and_three_rows(client, org, office, make_user, count,
                                                                      django_assert_num_queries):
    for number in range(count - 1):  # the Office's own login is the first row
        make_user(Role.STAFF, unit=org.land, username=f"canbo{number}")
    client.force_login(office)
    client.get(reverse("home"))  # the session and the menu warmed up alike for both counts
    with django_assert_num_queries(4):
        response = client.get(reverse("login_list"))
    rows = [(row.username, row.get_role_display(), row.locked) for row in response.context["page"]]
    assert rows == [(f"canbo{number}", "Cán bộ, công chức", False) for number in range(count - 1)] + [("vanphong", "Văn phòng Sở", False)]


def test_another_agency_s_office_gets_404_on_a_login_and_nothing_changes(client, org, office, health):
    client.force_login(health.office)
    assert client.get(reverse("login_detail", args=[office.pk])).status_code == 404
    assert client.post(reverse("login_active", args=[office.pk]), {"active": "0"}).status_code == 404
    assert client.post(reverse("login_password", args=[office.pk])).status_code == 404
    office.refresh_from_db()
    assert office.is_active and office.check_password(PASSWORD)


def test_roles_other_than_the_office_get_403(client, org, make_user):
    for role in (Role.DIRECTOR, Role.UNIT_HEAD, Role.STAFF, Role.COUNCIL):
        client.force_login(make_user(role, unit=org.land))
        assert client.get(reverse("login_list")).status_code == 403
        assert client.get(reverse("login_create")).status_code == 403


def test_a_login_that_must_change_its_password_is_sent_to_the_password_change_until_it_does(client, org, make_user):
    login = make_user(Role.STAFF, unit=org.land, username="canbo", must_change_password=True)
    client.post(reverse("login"), {"username": "canbo", "password": PASSWORD})
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("password_change")
    assert client.get(reverse("password_change")).status_code == 200
    client.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": "Mat-khau-rieng-2026",
                                             "new_password2": "Mat-khau-rieng-2026"})
    login.refresh_from_db()
    assert not login.must_change_password
    assert client.get(reverse("home")).status_code == 200


def test_create_agency_s_first_office_login_must_change_its_password(db):
    call_command("create_agency", "--name", "SỞ XÂY DỰNG", "--abbreviation", "SXD", "--parent-authority",
                 "UBND TỈNH QUẢNG NGÃI", "--place", "Quảng Ngãi", "--unit-code", "SXD", "--unit-name", "Sở Xây dựng",
                 "--office-login", "vanphong.sxd", stdout=StringIO())
    assert User.objects.get(username="vanphong.sxd").must_change_password


def test_the_demo_logins_are_not_asked_to_change_their_password(db):
    demo.seed()
    assert not User.objects.filter(must_change_password=True).exists()



def test_a_person_who_got_a_login_meanwhile_gets_no_second_one(org, office):
    person = StaffFactory(unit=org.land)
    logins.create_login(staff=person, username="lan1", role=Role.STAFF, unit=org.land, password="x", actor=office)
    with pytest.raises(logins.LoginError, match="đã có tài khoản"):
        logins.create_login(staff=person, username="lan2", role=Role.STAFF, unit=org.land, password="x", actor=office)
    assert list(User.objects.filter(username__startswith="lan").values_list("username", flat=True)) == ["lan1"]


def test_a_deactivated_login_s_open_session_ends(client, org, office, make_user):
    login = make_user(Role.STAFF, unit=org.land, username="canbo")
    client.force_login(login)
    logins.set_active(login, False, actor=office)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_login_page_shows_its_timeline(client, org, office, make_user):
    login = make_user(Role.STAFF, unit=org.land, username="canbo")
    logins.unlock(login, actor=office)
    client.force_login(office)
    page = client.get(reverse("login_detail", args=[login.pk])).content.decode()
    assert "Quá trình xử lý" in page and "Mở khóa đăng nhập" in page


def test_the_office_cannot_reset_unlock_or_deactivate_an_administrator_s_login(client, org, office, make_user):
    admins = [make_user(Role.ADMIN, username="quantri"), make_user(Role.STAFF, username="root", is_superuser=True)]
    client.force_login(office)
    for admin in admins:
        assert "chỉ người quản trị mới được thay đổi" in client.get(reverse("login_detail", args=[admin.pk])).content.decode()
        for name in ("login_password", "login_unlock", "login_active"):
            assert client.post(reverse(name, args=[admin.pk]), {"active": "0"}).status_code == 403
        admin.refresh_from_db()
        assert admin.is_active and admin.check_password(PASSWORD)
    assert not TimelineEntry.objects.exists()


def test_an_administrator_resets_another_administrator_s_password(client, org, make_user):
    admin, other = make_user(Role.ADMIN, username="quantri"), make_user(Role.ADMIN, username="quantri2")
    client.force_login(admin)
    response = client.post(reverse("login_password", args=[other.pk]))
    other.refresh_from_db()
    assert other.check_password(_password_on_page(response))


def test_office_makes_a_login_the_head_of_a_unit_on_the_timeline(client, org, office, make_user):
    login = make_user(Role.STAFF, unit=org.land, username="canbo")
    client.force_login(office)
    client.post(reverse("login_role", args=[login.pk]), {"role": Role.UNIT_HEAD, "unit": org.env.pk})
    login.refresh_from_db()
    assert (login.role, login.unit) == (Role.UNIT_HEAD, org.env)
    entry = TimelineEntry.objects.get()
    assert (str(labelled_timeline(login)[0].label), entry.data) == (
        "Đổi vai trò hoặc đơn vị",
        {"from": {"role": Role.STAFF, "unit": org.land.pk}, "to": {"role": Role.UNIT_HEAD, "unit": org.env.pk}})


def test_a_unit_head_without_a_unit_or_with_another_agency_s_unit_is_refused(client, org, office, make_user, health):
    login = make_user(Role.STAFF, unit=org.land, username="canbo")
    client.force_login(office)
    response = client.post(reverse("login_role", args=[login.pk]), {"role": Role.UNIT_HEAD}, follow=True)
    assert "Lãnh đạo đơn vị cần có đơn vị mình phụ trách" in response.content.decode()
    client.post(reverse("login_role", args=[login.pk]), {"role": Role.STAFF, "unit": health.unit.pk})
    login.refresh_from_db()
    assert (login.role, login.unit, login.agency_id) == (Role.STAFF, org.land, office.agency_id)
    assert not TimelineEntry.objects.exists()


def test_nobody_changes_the_role_of_their_own_login(org, office):
    with pytest.raises(logins.LoginError, match="tự đổi vai trò"):
        logins.change_role(office, role=Role.STAFF, unit=None, actor=office)
    office.refresh_from_db()
    assert office.role == Role.OFFICE


def test_a_person_s_page_leads_the_office_to_a_new_login_with_the_person_chosen(client, org, office):
    person = StaffFactory(unit=org.land, full_name="Trần Văn Mới")
    client.force_login(office)
    page = client.get(reverse("staff_detail", args=[person.pk])).content.decode()
    link = f'{reverse("login_create")}?staff={person.pk}'
    assert link in page
    form = client.get(link).content.decode()
    assert f'<option value="{person.pk}" selected>Trần Văn Mới (' in form


def test_a_unit_head_sees_no_login_link_on_a_person_s_page(client, org, land_head):
    person = StaffFactory(unit=org.land)
    client.force_login(land_head)
    assert reverse("login_create") not in client.get(reverse("staff_detail", args=[person.pk])).content.decode()


def test_a_password_chosen_through_the_e_mailed_link_is_the_owner_s_own(client, org, make_user):
    login = make_user(Role.STAFF, unit=org.land, username="canbo", must_change_password=True)
    link = reverse("password_reset_confirm", args=[urlsafe_base64_encode(force_bytes(login.pk)),
                                                  default_token_generator.make_token(login)])
    form_url = client.get(link)["Location"]  # Django moves the token into the session first
    client.post(form_url, {"new_password1": "Mat-khau-rieng-2026", "new_password2": "Mat-khau-rieng-2026"})
    login.refresh_from_db()
    assert login.check_password("Mat-khau-rieng-2026") and not login.must_change_password
