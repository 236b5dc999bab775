"""The user guide ("Hướng dẫn sử dụng") of each role, the skip link and the navbar's focus ring (issue 26
item 10)."""
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from emulation.demo import DEMO_LOGINS
from emulation.demo_agencies import DEMO_LOGINS as SECOND_AGENCY_LOGINS
from emulation.demo_agencies import PROVINCE_DEMO_LOGINS
from emulation.guide import guide_of
from emulation.models import User
from django.db import transaction
from django.test import override_settings

ALL_LOGINS = [username for username, _role in DEMO_LOGINS + SECOND_AGENCY_LOGINS + PROVINCE_DEMO_LOGINS]
STEP_LINK = re.compile(r'<a class="fw-semibold" href="([^"]+)" data-testid="guide-step">')


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data, built once for the module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("guide-media")):
        with transaction.atomic():
            call_command("seed_demo", stdout=open("/dev/null", "w"))
            yield
            transaction.set_rollback(True)


def login(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.mark.parametrize("username", ALL_LOGINS)
def test_guide_of_every_demo_login_answers_in_vietnamese_and_every_link_opens(demo, django_db_blocker, username):
    with django_db_blocker.unblock():
        client = login(username)
        response = client.get(reverse("guide"))
        links = STEP_LINK.findall(response.content.decode())

        assert response.status_code == 200
        assert "Hướng dẫn sử dụng" in response.content.decode()
        assert len(links) >= 2, links
        assert {link: client.get(link).status_code for link in links} == {link: 200 for link in links}


@pytest.mark.parametrize(("username", "guide", "first_steps"), [
    ("vanphong", "office", ["Cập nhật danh sách đơn vị và cán bộ", "Soạn và ban hành kế hoạch thi đua năm"]),
    ("giamdoc", "leadership", ["Duyệt kế hoạch thi đua năm", "Theo dõi tiến độ"]),
    ("phogiamdoc", "leadership", ["Duyệt kế hoạch thi đua năm", "Theo dõi tiến độ"]),
    ("hoidong", "council", ["Họp Hội đồng và bỏ phiếu", "Theo dõi việc cần làm và thông báo"]),
    ("lanhdao.qldd", "unit_head", ["Xem kế hoạch thi đua năm", "Đăng ký danh hiệu thi đua"]),
    ("canbo", "staff", ["Xem kế hoạch thi đua năm", "Xem danh sách công khai đề nghị khen thưởng"]),
    ("chuyenvien.btd", "province_office", ["Theo dõi tiến độ", "Ban hành quyết định khen thưởng"]),
    ("chutich", "province_leadership", ["Theo dõi tiến độ", "Ban hành quyết định khen thưởng"]),
    ("quantri", "admin", ["Cập nhật danh sách đơn vị và tài khoản đăng nhập", "Cập nhật danh sách đơn vị và cán bộ"]),
])
def test_guide_lists_the_steps_of_the_logins_role(demo, django_db_blocker, username, guide, first_steps):
    with django_db_blocker.unblock():
        user = User.objects.get(username=username)
        html = login(username).get(reverse("guide")).content.decode()

        assert guide_of(user) == guide
        steps = re.findall(r'data-testid="guide-step">([^<]+)</a>', html)
        assert steps[:2] == first_steps


def test_unit_head_guide_has_no_link_to_the_offices_pages(demo, django_db_blocker):
    with django_db_blocker.unblock():
        html = login("lanhdao.qldd").get(reverse("guide")).content.decode()

        assert reverse("campaigns:period_list") not in html and reverse("reports:dashboard") not in html


def test_guide_needs_a_login(client, db):
    response = client.get(reverse("guide"))

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_every_page_starts_with_the_skip_link_and_links_the_guide(demo, django_db_blocker):
    with django_db_blocker.unblock():
        html = login("canbo").get(reverse("campaigns:plan_list")).content.decode()

    body = html[html.index("<body"):]
    first_focusable = re.search(r"<(a|button|input|select|textarea)\b[^>]*>", body).group(0)
    assert first_focusable == '<a class="skip-link" href="#main-content">'
    assert "Bỏ qua, đến nội dung chính" in body
    assert '<main id="main-content"' in body
    assert f'href="{reverse("guide")}" data-testid="guide">Hướng dẫn sử dụng</a>' in body


def test_navbar_focus_ring_and_skip_link_are_styled():
    css = (Path(settings.BASE_DIR) / "static/css/app.css").read_text()

    assert ".skip-link:focus {" in css
    assert re.search(r"\.navbar-dark \.nav-link:focus-visible[^{]*\{ outline: 3px solid #fff;", css)
