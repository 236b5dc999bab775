"""Issue 9, hole 8: repeated wrong passwords lock the (user, address) pair; idle sessions end; a new
password differs from the current one."""
import time

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils import timezone

from emulation.logins import LAST_REQUEST_KEY
from emulation.models import Role
from emulation.tests.test_settings import run_manage
from emulation.accounts import client_address

PASSWORD = "secret-pass-123"


def log_in(client, username, password, address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def office(make_user):
    return make_user(Role.OFFICE, username="vp")


@pytest.mark.django_db
def test_right_password_after_five_failures_is_refused_with_vietnamese_lockout_page(client, office, settings):
    statuses = [log_in(client, "vp", "wrong").status_code for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert statuses == [200, 200, 200, 200, 429]
    response = log_in(client, "vp", PASSWORD)
    content = response.content.decode()
    assert response.status_code == 429
    assert "Đăng nhập tạm thời bị khóa" in content
    assert "Hãy thử lại sau 15 phút" in content
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_lockout_is_per_user_and_address(client, office, make_user, settings):
    make_user(Role.OFFICE, username="other")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "vp", "wrong")
    assert log_in(client, "vp", PASSWORD, address="10.0.0.2").status_code == 302
    client.logout()
    assert log_in(client, "other", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_lockout_ends_after_the_cool_off_time(client, office, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "vp", "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME)
    assert log_in(client, "vp", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_administrator_unlocks_a_locked_login_from_the_users_list(client, office, make_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "vp", "wrong")
    admin = make_user(Role.ADMIN, username="qt", is_staff=True, is_superuser=True)
    admin_client = type(client)()
    admin_client.force_login(admin)
    changelist = admin_client.get(reverse("admin:emulation_user_changelist"))
    assert changelist.context["cl"].result_list.get(username="vp").login_locked is True

    response = admin_client.post(reverse("admin:emulation_user_changelist"), {
        "action": "unlock_login", "_selected_action": [office.pk],
    }, follow=True)

    assert "Đã mở khóa đăng nhập cho 1 người dùng" in response.content.decode()
    assert not AccessAttempt.objects.filter(username="vp").exists()
    assert log_in(client, "vp", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_unlock_action_is_refused_to_an_office_user(client, office, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "vp", "wrong")
    office_client = type(client)()
    office_client.force_login(office)
    response = office_client.post(reverse("admin:emulation_user_changelist"), {
        "action": "unlock_login", "_selected_action": [office.pk],
    })
    assert response.status_code == 302 and "/admin/login/" in response.url
    assert AccessAttempt.objects.filter(username="vp").exists()


@pytest.mark.django_db
def test_session_ends_after_the_idle_time_since_the_last_request(client, office, settings):
    settings.SESSION_IDLE_MINUTES = 30
    client.force_login(office)
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session[LAST_REQUEST_KEY] = int(time.time()) - 31 * 60
    session.save()

    response = client.get(reverse("home"), follow=True)

    assert response.redirect_chain[0][0] == "/accounts/login/?next=/"
    assert "Bạn đã được đăng xuất sau 30 phút không hoạt động" in response.content.decode()


@pytest.mark.django_db
def test_a_request_within_the_idle_time_keeps_the_session_and_moves_the_clock(client, office, settings):
    settings.SESSION_IDLE_MINUTES = 30
    client.force_login(office)
    session = client.session
    session[LAST_REQUEST_KEY] = int(time.time()) - 29 * 60
    session.save()

    assert client.get(reverse("home")).status_code == 200
    assert int(time.time()) - client.session[LAST_REQUEST_KEY] < 60


def test_idle_timeout_is_thirty_minutes_in_production_and_the_cookie_ends_with_the_browser():
    result = run_manage(
        "shell", "-c", "from django.conf import settings as s; print(s.SESSION_IDLE_MINUTES, s.SESSION_EXPIRE_AT_BROWSER_CLOSE)",
        DJANGO_ENV="production", DJANGO_SECRET_KEY="k7#Qp2!vZr9@Lm4$Wx8^Tn1&Yb6*Hc3(Jd5)Fg0_Se2+Ua7=Oi9",
        DJANGO_ALLOWED_HOSTS="thidua.example",
    )
    assert result.stdout.splitlines()[-1].split() == ["30", "True"], result.stderr


@pytest.mark.django_db
def test_login_cookie_has_no_expiry_so_it_ends_when_the_browser_closes(client, office):
    response = log_in(client, "vp", PASSWORD)
    cookie = response.cookies["sessionid"]
    assert (cookie["expires"], cookie["max-age"]) == ("", "")


@pytest.mark.django_db
def test_password_change_refuses_the_current_password(client, office):
    client.force_login(office)
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD,
    })
    assert response.status_code == 200
    assert "Mật khẩu mới phải khác mật khẩu hiện tại." in response.content.decode()
    office.refresh_from_db()
    assert office.check_password(PASSWORD)


@pytest.mark.django_db
def test_password_change_accepts_a_different_password(client, office):
    client.force_login(office)
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "an0ther-Secret-pass", "new_password2": "an0ther-Secret-pass",
    })
    assert response.status_code == 302
    office.refresh_from_db()
    assert office.check_password("an0ther-Secret-pass")


@pytest.mark.django_db
def test_behind_a_proxy_the_lockout_counts_the_forwarded_address_not_the_proxy(client, office, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "vp", "password": "wrong"},
                    REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    # The same proxy, another person (who also sends a forged header of the attacker's address).
    other = client.post(reverse("login"), {"username": "vp", "password": PASSWORD},
                        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7")
    assert other.status_code == 302
    client.logout()
    attacker = client.post(reverse("login"), {"username": "vp", "password": PASSWORD},
                           REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert attacker.status_code == 429


@pytest.mark.django_db
def test_rotating_forwarded_headers_from_an_untrusted_address_still_lock_the_login(client, office, settings):
    # A proxy is configured, but gunicorn is also reachable directly: 12 guesses from one address, each
    # with a new X-Forwarded-For, then the right password.
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for index in range(12):
        client.post(reverse("login"), {"username": "vp", "password": "wrong"},
                    REMOTE_ADDR="192.0.2.50", HTTP_X_FORWARDED_FOR=f"198.51.100.{index}")
    response = client.post(reverse("login"), {"username": "vp", "password": PASSWORD},
                           REMOTE_ADDR="192.0.2.50", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_without_trusted_proxies_the_forwarded_header_is_ignored(client, office, settings):
    assert settings.TRUSTED_PROXIES == []
    for index in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "vp", "password": "wrong"},
                    REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{index}")
    assert client.post(reverse("login"), {"username": "vp", "password": PASSWORD}, REMOTE_ADDR="127.0.0.1",
                       HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


@pytest.mark.django_db
def test_a_chain_of_trusted_proxies_is_skipped_to_the_persons_address(rf, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9, 10.1.2.3")
    assert client_address(request) == "203.0.113.9"
