"""No English in the Vietnamese interface: every page each demo login reaches, crawled by following its
links, shows none of the app's own English msgids that have a Vietnamese translation, and no link on them
leads to a 403 (issue 14)."""
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from django.conf import settings
from django.test import Client
from emulation.models import User
import io
import tablib
from openpyxl import load_workbook
from emulation.exports import list_response
from django.urls import reverse
from campaigns.models import PlanStatus
from campaigns.tests.factories import PlanFactory

ROOT = Path(settings.BASE_DIR)
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]+\}")
#: Pages not crawled: they leave the session, change state on GET, or are files.
# Downloads (files/…) are not pages: the demo's dossier files live in the demo fixture's media folder.
SKIP = re.compile(r"/(logout|admin|media|static|i18n)/|/(export|pdf|docx|xlsx|download)/?|/files/|\.(pdf|docx|xlsx)$|[?&](download|format)=")


def _unquote(lines):
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', " ".join(lines))).replace('\\"', '"').replace("\\n", "\n")


def translated_msgids():
    """(English fragment, Vietnamese) for every msgid of the app's own catalogues with a translation."""
    pairs = []
    for path in [ROOT / "locale/vi/LC_MESSAGES/django.po", *ROOT.glob("*/locale/vi/LC_MESSAGES/django.po")]:
        for block in path.read_text().split("\n\n"):
            if "#~" in block or "fuzzy" in block:
                continue
            msgid, msgstr, key = [], [], None
            for line in block.splitlines():
                if line.startswith("msgid "):
                    key = msgid
                elif line.startswith(("msgstr ", "msgstr[0]")):
                    key = msgstr
                elif line.startswith(("msgid_plural", "msgctxt", "msgstr[")):
                    key = None
                    continue
                if key is not None and '"' in line:
                    key.append(line)
            english, vietnamese = _unquote(msgid), _unquote(msgstr)
            if english and vietnamese and english != vietnamese:
                pairs.append((english, vietnamese))
    return pairs


def english_phrases():
    """What must not appear: each msgid's longest literal piece (placeholders cut out), when it has at
    least two words or is one word of 4+ letters; never a piece that a Vietnamese translation itself
    contains (names such as “Excel”, “PDF”, “Word”)."""
    pairs = translated_msgids()
    vietnamese = "\n".join(v for _e, v in pairs)
    phrases = set()
    for english, _v in pairs:
        pieces = [p.strip(" .,:;()“”\"'–-") for p in PLACEHOLDER.split(english)]
        piece = max(pieces, key=len)
        if not re.fullmatch(r"[A-Za-z][A-Za-z ,'’()/-]*[A-Za-z)]", piece or ""):
            continue
        if (" " in piece or len(piece) >= 4) and piece not in vietnamese:
            phrases.add(piece)
    return phrases


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.links, self._skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for name in ("title", "aria-label", "placeholder", "alt"):
            if attrs.get(name):
                self.text.append(attrs[name])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def crawl(client, limit):
    """Pages reached from the home page by following same-site links (GET only), breadth first;
    one page per URL pattern shape (digits folded) so that a list of 50 people is one page."""
    seen, shapes, queue, pages = set(), set(), [("/", "")], {}
    forbidden = []
    while queue and len(pages) < limit:
        url, origin = queue.pop(0)
        shape = re.sub(r"\d+", "N", urlparse(url).path) + ("?" if urlparse(url).query else "")
        if url in seen or shape in shapes:
            continue
        seen.add(url)
        shapes.add(shape)
        response = client.get(url)
        if response.status_code == 403:
            forbidden.append(f"{origin} → {url}")
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Page()
        parser.feed(response.content.decode())
        pages[url] = " ".join(" ".join(parser.text).split())
        for link in parser.links:
            link = urldefrag(link)[0]
            if link.startswith("/") and not link.startswith("//") and not SKIP.search(link):
                queue.append((link, url))
    return pages, forbidden


def test_the_catalogues_give_english_phrases_to_look_for():
    phrases = english_phrases()
    assert {"Item", "Save draft", "Not started"} <= phrases
    assert "PDF" not in phrases


@pytest.mark.parametrize("username", ["vanphong", "giamdoc", "hoidong", "lanhdao.qldd", "canbo"])
def test_no_english_and_no_forbidden_link_on_any_page(demo_data, username):
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(User.objects.get(username=username))
    phrases = english_phrases()
    pattern = re.compile(r"(?<![\w%])(" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")(?!\w)")
    pages, forbidden = crawl(client, limit=80)
    assert len(pages) >= 5
    assert forbidden == []  # no link leads anywhere its user may not go
    found = {url: sorted(set(pattern.findall(text))) for url, text in pages.items()}
    assert {url: words for url, words in found.items() if words} == {}


def test_a_plain_list_export_names_its_sheet_after_the_list(rf):


    dataset = tablib.Dataset(["Nguyễn Văn A"], headers=["Họ và tên"])
    response = list_response(rf.get("/"), "ds", dataset, title="Lịch sử khen thưởng: 2025/2026")
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["Lịch sử khen thưởng  2025 2026"]


@pytest.mark.django_db
def test_password_reset_pages_are_vietnamese_in_the_apps_look(client, make_user, mailoutbox, mail_queue):
    make_user(username="nguoidung", email="nguoidung@example.vn")
    page = client.get(reverse("password_reset")).content.decode()
    assert "Quên mật khẩu?" in page and "Django" not in page and "favicon.svg" in page
    with mail_queue():
        response = client.post(reverse("password_reset"), {"email": "nguoidung@example.vn"}, follow=True)
    assert "Hãy kiểm tra thư điện tử" in response.content.decode()
    assert mailoutbox[0].subject == "Đặt mật khẩu mới cho tài khoản Thi đua"
    assert "Mở đường dẫn sau để đặt mật khẩu mới:" in mailoutbox[0].body
    bad = client.get(reverse("password_reset_confirm", args=["MQ", "set-password"]), follow=True)
    assert "Yêu cầu đường dẫn mới" in bad.content.decode()


@pytest.mark.django_db
def test_the_target_form_names_its_purpose_and_content_item_in_vietnamese(client, office_user):
    """The crawl does not reach a draft plan's target form; its two foreign keys had no msgid ("Goal",
    "Item" on a Vietnamese page)."""

    plan = PlanFactory(status=PlanStatus.DRAFT, issuer=office_user.agency)
    client.force_login(office_user)
    page = client.get(reverse("campaigns:part_add", args=[plan.pk, "target"]), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    labels = re.findall(r"<label[^>]*>\s*([^<*]+?)\s*[<*]", page)
    assert "Mục đích" in labels and "Nội dung thi đua" in labels
    assert not {"Goal", "Item"} & set(labels)
