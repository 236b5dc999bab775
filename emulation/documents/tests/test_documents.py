import datetime
import http.server
import threading

import pytest

from emulation.documents import (
    DocumentAlreadyIssued,
    StaticOnlyURLFetcher,
    issue_document,
    issued_document,
    next_number,
    number_symbol,
    render_html,
    render_pdf,
    vietnamese_date_line,
)
from emulation.documents.rendering import DOCUMENT_BASE_URL, RefusedURL
from emulation.documents.tests.pdftools import pdf_fonts, pdf_info, pdf_text
from emulation.tests.factories import UnitFactory
import hashlib

LETTER = "documents_test/letter.html"


def test_date_line_pads_day_and_month():
    assert vietnamese_date_line("Quảng Ngãi", datetime.date(2026, 1, 5)) == "Quảng Ngãi, ngày 05 tháng 01 năm 2026"


def test_date_line_pads_only_months_one_and_two():
    assert [vietnamese_date_line("Quảng Ngãi", datetime.date(2025, month, 14)) for month in (2, 6)] == [
        "Quảng Ngãi, ngày 14 tháng 02 năm 2025", "Quảng Ngãi, ngày 14 tháng 6 năm 2025"]


def test_date_line_keeps_two_digit_day_and_month():
    assert vietnamese_date_line("Hà Nội", datetime.date(2021, 11, 25)) == "Hà Nội, ngày 25 tháng 11 năm 2021"


def test_date_line_of_a_draft_leaves_day_and_month_blank():
    assert vietnamese_date_line("Quảng Ngãi", None, 2026) == "Quảng Ngãi, ngày\u2003\u2003tháng\u2003\u2003năm 2026"


def test_number_symbol_pads_numbers_below_ten():
    assert (number_symbol(5, "KH-STNMT"), number_symbol(45, "KH-STNMT")) == ("05/KH-STNMT", "45/KH-STNMT")


@pytest.mark.django_db
def test_numbers_restart_each_year_and_series_are_separate():
    numbers = [
        next_number("KH-STNMT", 2026), next_number("KH-STNMT", 2026), next_number("QĐ-HĐTĐKT", 2026),
        next_number("KH-STNMT", 2027),
    ]

    assert numbers == [1, 2, 1, 1]


def test_fetcher_serves_the_stylesheet_and_fonts():
    fetcher = StaticOnlyURLFetcher()

    css = fetcher.fetch(f"{DOCUMENT_BASE_URL}static/documents/print.css")
    font = fetcher.fetch(f"{DOCUMENT_BASE_URL}static/documents/fonts/LiberationSerif-Regular.ttf")

    assert (b"@page" in css.read(), font.read(4)) == (True, b"\x00\x01\x00\x00")


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://127.0.0.1/",
    "https://documents.invalid/static/../../../../etc/passwd",
    "https://documents.invalid/static/%2e%2e/%2e%2e/etc/passwd",
    "https://documents.invalid/etc/passwd",
    "https://example.org/static/documents/print.css",
    "data:text/plain,hello",
])
def test_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(RefusedURL, match="^Only static files may be used in documents: "):
        StaticOnlyURLFetcher().fetch(url)


@pytest.fixture
def local_http_server():
    """An HTTP server on 127.0.0.1 that counts the requests it receives."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], hits
    server.shutdown()


@pytest.fixture
def spy_fetcher(monkeypatch):
    """Records every URL the renderer tries to fetch and whether it was served."""
    calls = []
    original = StaticOnlyURLFetcher.fetch

    def fetch(self, url, headers=None):
        try:
            response = original(self, url, headers)
        except RefusedURL:
            calls.append((url, "refused"))
            raise
        calls.append((url, "served"))
        return response

    monkeypatch.setattr(StaticOnlyURLFetcher, "fetch", fetch)
    return calls


def test_template_references_outside_static_fetch_nothing(test_templates, header, local_http_server, spy_fetcher):
    port, hits = local_http_server
    raw_html = (
        f'<img src="file:///etc/passwd"><img src="http://127.0.0.1:{port}/secret">'
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/style.css">'
        '<a rel="attachment" href="file:///etc/passwd">x</a>'
    )

    data = render_pdf(LETTER, {"doc": header, "raw_html": raw_html})

    served = [url for url, outcome in spy_fetcher if outcome == "served"]
    assert hits == []
    assert all(url.startswith(f"{DOCUMENT_BASE_URL}static/documents/") for url in served)
    assert {url for url, outcome in spy_fetcher if outcome == "refused"} >= {
        "file:///etc/passwd", f"http://127.0.0.1:{port}/secret"}
    assert b"root:" not in data


def test_user_text_with_markup_is_printed_not_fetched(test_templates, header, local_http_server, spy_fetcher):
    port, hits = local_http_server
    user_text = f'<img src="file:///etc/passwd"> <img src="http://127.0.0.1:{port}/x">'

    data = render_pdf(LETTER, {"doc": header, "user_text": user_text})

    assert hits == []
    assert [outcome for _, outcome in spy_fetcher if outcome == "refused"] == []
    assert "file:///etc/passwd" in pdf_text(data)


def test_pdf_is_a4_with_embedded_liberation_serif(test_templates, header):
    data = render_pdf(LETTER, {"doc": header})

    info = pdf_info(data)
    fonts = pdf_fonts(data)
    assert info["Page size"].startswith("595.") and "x 841." in info["Page size"]
    assert fonts and all(embedded for _, embedded in fonts)
    assert {name.split("+")[1] for name, _ in fonts} == {
        "Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic", "Liberation-Serif-Bold-Italic"}


def test_pdf_header_signature_and_recipients_follow_decree_30(test_templates, header):
    text = " ".join(pdf_text(render_pdf(LETTER, {"doc": header})).split())

    for expected in [
        "UBND TỈNH QUẢNG NGÃI", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "Số: 05/KH-STNMT", "Quảng Ngãi, ngày 05 tháng 01 năm 2026",
        "KẾ HOẠCH", "Thử nghiệm bố cục văn bản", "Nơi nhận:", "- UBND tỉnh (báo cáo);", "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC", "Trần Văn Ký",
    ]:
        assert expected in text


def test_page_numbers_start_on_page_two(test_templates, header):
    data = render_pdf(LETTER, {"doc": header, "paragraphs": range(60)})

    pages = pdf_text(data).split("\f")
    assert int(pdf_info(data)["Pages"]) >= 3
    assert pages[1].split()[0] == "2" and pages[2].split()[0] == "3"
    assert pages[0].split()[0] == "UBND"


def test_draft_is_marked_on_the_page(test_templates, header):
    header.draft, header.number, header.issue_date, header.year = True, None, None, 2026

    text = " ".join(pdf_text(render_pdf(LETTER, {"doc": header})).split())

    assert text.startswith("DỰ THẢO UBND TỈNH QUẢNG NGÃI")
    assert "Số: /KH-STNMT" in text and "Quảng Ngãi, ngày tháng năm 2026" in text


def test_html_preview_uses_the_same_stylesheet(test_templates, header):
    html = render_html(LETTER, {"doc": header})

    assert '<link rel="stylesheet" href="/static/documents/print.css">' in html
    assert 'class="document preview"' in html


@pytest.mark.django_db
def test_issue_document_keeps_bytes_and_checksum(test_templates, header):
    subject = UnitFactory()

    issue_document(subject, "letter", LETTER, {"doc": header}, number=5, symbol="KH-STNMT",
                   issue_date=datetime.date(2026, 1, 5), title="Thử nghiệm")


    stored = issued_document(subject, "letter")
    assert bytes(stored.pdf).startswith(b"%PDF")
    assert stored.sha256 == hashlib.sha256(bytes(stored.pdf)).hexdigest()
    assert (stored.number_symbol, stored.filename, stored.size) == ("05/KH-STNMT", "05-KH-STNMT.pdf", len(stored.pdf))


@pytest.mark.django_db
def test_issue_document_refuses_a_second_issue(test_templates, header):
    subject = UnitFactory()
    issue_document(subject, "letter", LETTER, {"doc": header}, number=5, symbol="KH-STNMT",
                   issue_date=datetime.date(2026, 1, 5))

    with pytest.raises(DocumentAlreadyIssued, match=f"letter {subject.pk}"):
        issue_document(subject, "letter", LETTER, {"doc": header}, number=6, symbol="KH-STNMT",
                       issue_date=datetime.date(2026, 1, 5))
