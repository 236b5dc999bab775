"""Issue 9, hole 10: every page satisfies a strict Content Security Policy (no inline script or style),
pages for a logged-in person and downloads are not stored by caches, HSTS has no `preload`."""
import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from emulation.models import Staff, User
from emulation.tests.test_settings import ROOT as PROJECT_ROOT
import os
import subprocess
import sys

ROOT = Path(__file__).resolve().parents[2]
DEMO_LOGINS = ["quantri", "vanphong", "giamdoc", "phogiamdoc", "hoidong", "lanhdao.qldd", "lanhdao.mt", "canbo"]
#: Pages of one view name visited per role (enough to see each kind of page, detail pages included).
PAGES_PER_VIEW = 1
#: Links that change something or leave (GET-safe pages only are crawled).
SKIP_VIEWS = {"logout", "set_language"}


def run_python(script, **env):
    """Runs `script` in a fresh process with the project's settings and this environment."""
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True, env={
        **base, "DJANGO_SETTINGS_MODULE": "config.settings", "DATABASE_URL": "sqlite:///:memory:", **env})


class InlineFinder(HTMLParser):
    """Collects what a strict CSP refuses: inline scripts, style elements and attributes, on* handlers,
    javascript: URLs; and the page's same-site links."""

    def __init__(self):
        super().__init__()
        self.inline, self.links, self.menu = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not attrs.get("src"):
            self.inline.append("inline <script>")
        if tag == "style":
            self.inline.append("<style> element")
        for name, value in attrs.items():
            if name == "style":
                self.inline.append(f"style attribute on <{tag}>")
            if name.startswith("on"):
                self.inline.append(f"{name} attribute on <{tag}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.inline.append(f"javascript: URL on <{tag}>")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
            if {"nav-link", "dropdown-item"} & set((attrs.get("class") or "").split()):
                self.menu.append(attrs["href"])


def check_page(response, url):
    csp = response.headers.get("Content-Security-Policy", "")
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives.get("default-src") == "'self'", url
    assert directives.get("script-src") == "'self'" and directives.get("style-src") == "'self'", url
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, url
    finder = InlineFinder()
    finder.feed(response.content.decode())
    assert finder.inline == [], url
    return finder


def crawl(client, start_urls, seen_views, follow=True):
    """GETs the start pages and the menu entries they show (every role's main pages), then, from the
    links of all these pages, one page per view name not yet in `seen_views` (shared between roles, so
    that each kind of page is checked once without crawling the whole demo eight times). The
    administration is left out unless `follow` is false: then exactly the start pages are fetched."""
    seen_urls, visited = set(), []
    queue = deque((url, True) for url in start_urls)
    while queue:
        url, main = queue.popleft()
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("/static/"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in seen_urls:
            continue
        try:
            match = resolve(parts.path)
        except Resolver404:
            continue
        if match.view_name in SKIP_VIEWS or (not main and match.view_name in seen_views):
            continue
        if follow and match.namespace == "admin":
            continue
        seen_urls.add(path)
        seen_views.add(match.view_name)
        response = client.get(path)
        visited.append((path, response))
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            finder = check_page(response, path)
            menu = set(finder.menu) if url in start_urls else set()
            if follow:
                queue.extend((link, link in menu) for link in finder.links)
    return visited


@pytest.mark.django_db
def test_every_page_of_every_demo_role_has_the_csp_header_and_no_inline_script_or_style(demo_data):
    seen_views, pages = set(), 0
    for username in DEMO_LOGINS:
        client = Client()
        client.force_login(User.objects.get(username=username))
        visited = crawl(client, ["/"], seen_views)
        assert all(response.status_code < 500 for _, response in visited), username
        html = [path for path, response in visited if response.status_code == 200
                and response["Content-Type"].startswith("text/html")]
        assert len(html) >= 3, (username, html)
        for path, response in visited:
            assert "no-store" in response.get("Cache-Control", ""), (username, path)
        pages += len(html)
    # The administration: Django's pages, and those of django-import-export, django-simple-history, axes.
    admin = Client()
    admin.force_login(User.objects.get(username="quantri"))
    staff = Staff.objects.first().pk
    visited = crawl(admin, ["/admin/", "/admin/emulation/user/", "/admin/emulation/user/add/",
                            "/admin/emulation/staff/", f"/admin/emulation/staff/{staff}/change/",
                            f"/admin/emulation/staff/{staff}/history/", "/admin/emulation/staff/export/",
                            "/admin/emulation/staff/import/", "/admin/axes/accessattempt/"], set(), follow=False)
    assert [response.status_code for _, response in visited] == [200] * 9
    anonymous = crawl(Client(), ["/accounts/login/", "/accounts/password_reset/"], set())
    opened = [path for path, response in anonymous if response.status_code == 200]
    assert [path for path in opened if not path.startswith("/cong-khai/")] == ["/accounts/login/", "/accounts/password_reset/"]
    assert "/cong-khai/" in opened  # the public disclosure pages (issue 31 §11), linked from the login page
    assert pages > 60


@pytest.mark.django_db
def test_downloads_are_not_stored_by_caches(client, office_user):
    client.force_login(office_user)
    response = client.get("/export/staff/")
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_anonymous_login_page_carries_the_policy(client):
    response = client.get("/accounts/login/")
    assert check_page(response, "/accounts/login/").links


def test_templates_have_no_inline_script_style_or_handlers():
    """Every template of the project, document templates included (their HTML previews are pages)."""
    offenders = []
    pattern = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)
    for path in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert offenders == []


def test_hsts_is_sent_without_preload_unless_asked():
    # Plain static storage: the header is what is checked here, not collectstatic (test_production does that).
    script = ("import django; django.setup(); from django.conf import settings; "
              "settings.STORAGES = {**settings.STORAGES, 'staticfiles': {'BACKEND': "
              "'django.contrib.staticfiles.storage.StaticFilesStorage'}}; "
              "from django.test import Client; r = Client().get('/accounts/login/', secure=True, "
              "HTTP_HOST='thidua.example'); print(r.headers.get('Strict-Transport-Security'))")
    common = dict(DJANGO_ENV="production", DJANGO_SECRET_KEY="k7#Qp2!vZr9@Lm4$Wx8^Tn1&Yb6*Hc3(Jd5)Fg0_Se2+Ua7=Oi9",
                  DJANGO_ALLOWED_HOSTS="thidua.example")
    plain = run_python(script, **common)
    asked = run_python(script, DJANGO_SECURE_HSTS_PRELOAD="true", **common)
    assert plain.stdout.splitlines()[-1] == "max-age=31536000; includeSubDomains", plain.stderr
    assert asked.stdout.splitlines()[-1] == "max-age=31536000; includeSubDomains; preload", asked.stderr
