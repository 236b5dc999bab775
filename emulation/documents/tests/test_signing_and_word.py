"""The signing block, the shared wording, long lists, the Word writer: what every document inherits."""
import dataclasses
import datetime
import io
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn

from emulation.documents import (
    DocumentHeader, Signature, SignAuthority, nominee_count, render_docx, render_pdf, vote_result,
)
from emulation.documents.header import HEADER_COLUMNS_MM, balanced_lines
from emulation.documents.tests.pdftools import pdf_fonts, pdf_text
from emulation.documents.fonts import text_width_mm

LETTER = "documents_test/letter.html"


@pytest.mark.parametrize("authority, lines", [
    (SignAuthority.DIRECTOR, ["GIÁM ĐỐC"]),
    (SignAuthority.DEPUTY, ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
    (SignAuthority.ACTING, ["Q. GIÁM ĐỐC"]),
    (SignAuthority.OFFICE_CHIEF, ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"]),
])
def test_signature_lines_of_each_signing_authority(authority, lines):
    assert Signature.of(authority, "Nguyễn Văn A").lines == lines


def test_collective_signature_is_on_behalf_of_the_body():
    assert Signature("CHỦ TỊCH", "B", "TM.", "HỘI ĐỒNG").lines == ["TM. HỘI ĐỒNG", "CHỦ TỊCH"]


def test_old_signer_lines_become_a_signature():
    header = DocumentHeader("QUYẾT ĐỊNH", signer_lines=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], signer_name="C")
    assert (header.signature.authority, header.signature.title, header.signer_lines) == (
        "KT.", "PHÓ GIÁM ĐỐC", ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"])


def test_deputy_signature_prints_each_line_on_its_own_line_with_the_name(test_templates, header):
    header = dataclasses.replace(header, signer_lines=[], signer_name="",
                                 signature=Signature.of(SignAuthority.DEPUTY, "Trần Văn Ký"))
    lines = [line.strip() for line in pdf_text(render_pdf(LETTER, {"doc": header})).splitlines() if line.strip()]
    position = lines.index("KT. GIÁM ĐỐC")
    assert lines[position:position + 3] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Ký"]


def test_council_name_is_split_evenly_not_leaving_one_word_alone():
    assert balanced_lines("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG") == ["HỘI ĐỒNG THI ĐUA -", "KHEN THƯỞNG"]
    assert balanced_lines("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG") == ["SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"]


def test_province_council_header_does_not_leave_ngai_alone(test_templates, header):
    header.parent_authority, header.agency = "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH"

    printed = [line.strip() for line in pdf_text(render_pdf(LETTER, {"doc": header}), raw=True).splitlines()]
    assert header.parent_lines == ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"]
    assert "NGÃI" not in printed and printed[:2] == ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"]


@pytest.mark.parametrize("persons, units, words", [
    (1, 1, "1 cá nhân và 1 tập thể"), (3, 0, "3 cá nhân"), (0, 2, "2 tập thể"), (0, 0, ""),
])
def test_nominees_are_counted_per_person_and_per_unit(persons, units, words):
    assert nominee_count(persons, units) == words


def test_vote_is_printed_against_the_whole_membership():
    assert vote_result(8, 9, 8) == "8/9 thành viên đồng ý (cần 8)"


def test_pdf_font_is_named_after_the_real_times_compatible_face(test_templates, header):
    names = {name.split("+")[1] for name, _ in pdf_fonts(render_pdf(LETTER, {"doc": header}))}
    assert names and all(name.startswith("Liberation-Serif") for name in names)


def test_long_list_repeats_its_header_row_on_every_page(test_templates, header):
    data = render_pdf("documents_test/long_list.html", {"doc": header, "rows": range(1, 91)})

    pages = pdf_text(data).split("\f")[:-1]
    assert len(pages) >= 3
    assert all("STT Họ và tên Đơn vị" in " ".join(page.split()) for page in pages[:-1])


def test_signature_block_stays_with_the_last_lines(test_templates, header):
    for rows in range(20, 36):
        data = render_pdf("documents_test/long_list.html", {"doc": header, "rows": range(1, rows)})
        last = " ".join(pdf_text(data).split("\f")[-2].split())
        assert "Trần Văn Ký" in last and "Dòng cuối cùng của văn bản." in last, rows


def _docx(test_templates, header, **extra):
    return Document(io.BytesIO(render_docx(LETTER, {"doc": header, **extra})))


def test_word_file_has_the_two_column_header_with_real_rules(test_templates, header):
    document = _docx(test_templates, header)

    cells = [cell.text for cell in document.tables[0].rows[0].cells]
    assert cells == ["UBND TỈNH QUẢNG NGÃI\nSỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG\n",
                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"]
    assert [cell.text for cell in document.tables[0].rows[1].cells] == ["Số: 05/KH-STNMT", "Quảng Ngãi, ngày 05 tháng 01 năm 2026"]
    assert document.tables[0]._tbl.xml.count("<w:pBdr>") == 2


def test_word_file_numbers_pages_from_page_two_with_a_page_field(test_templates, header):
    section = _docx(test_templates, header).sections[0]

    assert section.different_first_page_header_footer is True
    assert "PAGE" in section.header._element.xml and "fldChar" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_word_file_has_the_body_recipients_and_signature_block(test_templates, header):
    document = _docx(test_templates, header, paragraphs=range(3))

    texts = [paragraph.text for paragraph in document.paragraphs]
    recipients, signature = document.tables[-1].rows[0].cells
    assert "Đoạn văn bản thử nghiệm số 2 để văn bản sang trang thứ hai và có số trang ở đầu trang." in texts
    assert recipients.text.split("\n") == ["Nơi nhận:", "- UBND tỉnh (báo cáo);", "- Lưu: VT, VP."]
    assert [line for line in signature.text.split("\n") if line] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Ký"]


def test_word_file_is_vietnamese_with_the_agency_as_author_and_the_issue_date(test_templates, header):
    data = render_docx(LETTER, {"doc": header})
    document = Document(io.BytesIO(data))

    properties = document.core_properties
    assert (properties.author, properties.language, properties.created.date()) == (
        "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "vi-VN", datetime.date(2026, 1, 5))
    assert 'w:val="vi-VN"' in zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()


def test_word_file_of_a_long_list_repeats_its_header_row(test_templates, header):
    document = Document(io.BytesIO(render_docx("documents_test/long_list.html", {"doc": header, "rows": range(1, 5)})))

    table = document.tables[1]
    assert [cell.text for cell in table.rows[0].cells] == ["STT", "Họ và tên", "Đơn vị"]
    assert "w:tblHeader" in table.rows[0]._tr.xml and len(table.rows) == 5


def test_word_header_columns_are_the_same_in_grid_and_cells_and_hold_the_quoc_hieu_with_room(test_templates, header):
    table = _docx(test_templates, header).tables[0]

    grid = [round(int(column.get(qn("w:w"))) * 25.4 / 1440, 1) for column in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    cells = [round(cell.width.mm, 1) for cell in table.rows[0].cells]
    margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
    assert grid == cells == list(HEADER_COLUMNS_MM)
    assert {edge.get(qn("w:w")) for edge in margins} == {"0"}
    assert text_width_mm("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True) + 4 < HEADER_COLUMNS_MM[1]
