import re
from pathlib import Path

import pytest

from campaigns.documents import plan_pdf
from emulation.documents.tests.pdftools import pdf_fonts, pdf_info, pdf_text

pytestmark = pytest.mark.django_db

SEED = Path(__file__).parent / "data" / "seed-plan.txt"

# Differences between the seed's text file and the issued document, each explained in campaigns.seed_plan.
CORRECTIONS = [("nhiệm\n\nvụ", "nhiệm vụ"), ("tham\n\ngia", "tham gia"), ("./.*Bạn*", "./."),
               ("Noi nhận", "Nơi nhận"), ("Quyết định số: 01", "Quyết định số 01")]


def words(text):
    return " ".join(text.split())


def document_text(data):
    """The PDF's text as one line: page numbers (first line of pages 2…) dropped, a line broken after a
    hyphen inside a word (“2021-⏎2025”) joined again."""
    pages = [page.strip().splitlines() for page in pdf_text(data, raw=True).split("\f")]
    for index, lines in enumerate(pages[1:], start=2):
        for end in (0, -1):
            if lines and lines[end].strip() == str(index):
                lines.pop(end)
                break
    return re.sub(r"(?<=\S-) (?=\S)", "", words(" ".join(" ".join(lines) for lines in pages)))


def seed_sentences():
    text = SEED.read_text(encoding="utf-8")
    for old, new in CORRECTIONS:
        text = text.replace(old, new)
    sentences = []
    for paragraph in text.split("\n\n"):
        sentences.extend(s for s in re.split(r"(?<=[.;:])\s+", words(paragraph)) if s)
    return sentences


def test_seed_plan_pdf_contains_every_sentence_of_the_seed_in_order(seeded_plan):
    text = document_text(plan_pdf(seeded_plan))

    position = 0
    for sentence in seed_sentences():
        found = text.find(sentence, position)
        assert found >= 0, sentence
        position = found + len(sentence)


def test_seed_plan_pdf_has_the_decree_30_header_and_signature(seeded_plan):
    text = document_text(plan_pdf(seeded_plan))

    assert text.startswith("UBND TỈNH QUẢNG NGÃI SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
                           "Độc lập - Tự do - Hạnh phúc Số: 45/KH-STNMT Quảng Ngãi, ngày 05 tháng 11 năm 2021 KẾ HOẠCH")
    assert re.search(r"Q\. GIÁM ĐỐC Nguyễn Đức Trung (\d+ )?Mã xác thực: [0-9A-Z]{5}-[0-9A-Z]{5} "
                     r"Kiểm tra văn bản tại: http://\S+/verify/[0-9A-Z]{10}/$", text)
    assert "DỰ THẢO" not in text


def test_seed_plan_pdf_is_a4_with_embedded_fonts(seeded_plan):
    data = plan_pdf(seeded_plan)

    info = pdf_info(data)
    assert re.match(r"595\.\d+ x 841\.\d+ pts \(A4\)", info["Page size"])
    assert all(embedded for _, embedded in pdf_fonts(data))


# The render time of this PDF is measured by `manage.py bench` (the job “plan PDF”), never asserted in a test.
