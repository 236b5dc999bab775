"""The summary report as a Word file (.docx) for the clerk who edits it before signing.

Same content and order as the PDF, built on the plan's Word writer (campaigns.docx: A4, Decree 30
margins, Times New Roman, the two-column header, the closing with Nơi nhận and signature). Tables are
Word tables with their header row marked to repeat on each page; charts are left to the PDF (Word
cannot show SVG through python-docx).
"""
from io import BytesIO

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from campaigns.docx import FONT, _body, _centred, _run
from reports.documents import summary_header
from reports.tables import summary_tables, target_value_tables
from reports.templatetags.summary_format import vn_number

SECTION_TITLES = [
    ("results", "I. KẾT QUẢ THỰC HIỆN CÁC PHONG TRÀO THI ĐUA"),
    ("commendation", "II. CÔNG TÁC KHEN THƯỞNG"),
    ("strengths", "III. ĐÁNH GIÁ CHUNG – 1. Ưu điểm"),
    ("shortcomings", "2. Hạn chế"),
    ("causes", "3. Nguyên nhân"),
    ("lessons", "IV. BÀI HỌC KINH NGHIỆM"),
    ("tasks_ahead", "V. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI"),
    ("proposals", "VI. ĐỀ XUẤT, KIẾN NGHỊ"),
]
TABLES_AFTER = {"results": ["history", "discipline", "items", "targets", "target_values", "units"],
                "commendation": ["awards", "decisions", "forwarded"]}


def _repeat_header(row):
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _table(document, table, number):
    paragraph = document.add_paragraph()
    _run(paragraph, f"Bảng {number}. {table.caption}", size=12, bold=True)
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, table.headers):
        cell.paragraphs[0].text = ""
        _run(cell.paragraphs[0], header, size=11, bold=True)
    _repeat_header(grid.rows[0])
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row):
            _run(cell.paragraphs[0], str(vn_number(value)), size=11)


def _paragraphs(document, text):
    for line in (text or "").splitlines():
        if line.strip():
            _body(document, line.strip())


def summary_docx(report):
    """The .docx bytes of the report (drafts marked “DỰ THẢO”)."""
    doc = summary_header(report)
    tables = {table.key: table for table in summary_tables(report.figures)}
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)

    if doc.draft:
        _centred(document, "DỰ THẢO", size=12, bold=True)
    header = document.add_table(rows=2, cols=2)
    left, right = header.rows[0].cells
    _run(left.paragraphs[0], doc.parent_authority, size=12)
    _centred(left, doc.agency, size=12, bold=True, underline=True)
    _run(right.paragraphs[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    _centred(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, underline=True)
    number_cell, date_cell = header.rows[1].cells
    _run(number_cell.paragraphs[0], f"Số: {doc.number_line}", size=13)
    _run(date_cell.paragraphs[0], doc.date_line, size=13, italic=True)
    document.add_paragraph()
    _centred(document, doc.type_name, bold=True)
    _centred(document, doc.summary, bold=True)
    document.add_paragraph()

    figures = report.figures
    notes = report.item_notes or {}
    number = 0
    for name, title in SECTION_TITLES:
        _body(document, title, bold=True)
        _paragraphs(document, getattr(report, name))
        if name == "results":
            for item in figures.get("items", []):
                _body(document, f"{item['number']}. {item['text']} (hoàn thành: {item['done']}; đang thực hiện: "
                                f"{item['in_progress']}; chưa thực hiện: {item['not_started']} đơn vị)")
                _paragraphs(document, notes.get(str(item["id"]), ""))
        for key in TABLES_AFTER.get(name, []):
            number += 1
            for table in target_value_tables(figures) if key == "target_values" else [tables[key]]:
                _table(document, table, number)

    closing = document.add_table(rows=1, cols=2)
    recipients, signature = closing.rows[0].cells
    _run(recipients.paragraphs[0], "Nơi nhận:", size=12, bold=True, italic=True)
    for line in doc.recipients:
        _run(recipients.add_paragraph(), line, size=11)
    _run(signature.paragraphs[0], "\n".join(doc.signer_lines), bold=True)
    for _ in range(3):
        signature.add_paragraph()
    _centred(signature, doc.signer_name, bold=True)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
