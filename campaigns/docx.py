"""The plan as a Word file (.docx) for clerks who must edit it before signing (python-docx).

Same content and order as the PDF, in the Decree 30 layout as far as Word allows: A4, margins 20/15/20/30
mm, Times New Roman, the two-column header, type name and summary centred in bold, justified body with a
1 cm first-line indent, “Nơi nhận” left and signature right. Page numbers are left to Word (a field code
python-docx has no API for); the rules under the agency and the motto are drawn as underlined text.
"""
from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm, Pt

from campaigns.documents import plan_document_context
from campaigns.templatetags.plan_text import paragraphs

FONT = "Times New Roman"


def _run(paragraph, text, *, size=14, bold=False, italic=False, underline=False):
    run = paragraph.add_run(text)
    run.font.name, run.font.size = FONT, Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline
    return run


def _centred(cell_or_doc, text, **style):
    paragraph = cell_or_doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    _run(paragraph, text, **style)
    return paragraph


def _body(document, text, *, italic=False, bold=False):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1)
    paragraph.paragraph_format.space_after = Pt(6)
    _run(paragraph, text, italic=italic, bold=bold)


def _lines(document, text, first_prefix=""):
    for index, line in enumerate(paragraphs(text)):
        _body(document, (first_prefix if index == 0 else "") + line)


def _target(document, target):
    value = f"{target.target_value.normalize():f}"
    units = ", ".join(unit.name for unit in target.units.all())
    text = f"Chỉ tiêu: {target.indicator}: {value}{' ' + target.unit_of_measure if target.unit_of_measure else ''}"
    _body(document, text + (f" (áp dụng đối với: {units})" if units else "") + ".")


def plan_docx(plan):
    """The .docx bytes of the plan (drafts marked “DỰ THẢO”)."""
    context = plan_document_context(plan)
    doc = context["doc"]
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)

    if doc.draft:
        _centred(document, "DỰ THẢO", size=12, bold=True)
    header = document.add_table(rows=2, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    left.width, right.width = Mm(74), Mm(91)
    left.paragraphs[0].text = ""
    _run(left.paragraphs[0], doc.parent_authority, size=12)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _centred(left, doc.agency, size=12, bold=True, underline=True)
    _run(right.paragraphs[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _centred(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, underline=True)
    number_cell, date_cell = header.rows[1].cells
    number_cell.paragraphs[0].alignment = date_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(number_cell.paragraphs[0], f"Số: {doc.number_line}" if doc.number_line else "", size=13)
    _run(date_cell.paragraphs[0], doc.date_line, size=13, italic=True)

    document.add_paragraph()
    _centred(document, doc.type_name, bold=True)
    _centred(document, doc.summary, bold=True)
    document.add_paragraph()

    bases = context["legal_bases"]
    for index, basis in enumerate(bases):
        _body(document, basis.text() + ("." if index == len(bases) - 1 else ";"), italic=True)
    _lines(document, plan.opening)
    goals, roman = context["goals"], iter(["I", "II", "III"])
    if goals:
        _body(document, f"{next(roman)}. Mục đích, yêu cầu:", bold=True)
        for goal in goals:
            _lines(document, goal.text, "- ")
            for target in goal.targets.all():
                _target(document, target)
    _body(document, f"{next(roman)}. Nội dung thi đua:", bold=True)
    for item in context["items"]:
        _lines(document, item.text, f"{item.number}. ")
        for target in item.target_list:
            _target(document, target)
        for point in item.points:
            _lines(document, point.text, "- ")
            for target in point.target_list:
                _target(document, target)
    if context["roles"] or plan.closing:
        _body(document, f"{next(roman)}. Tổ chức thực hiện:", bold=True)
        for role in context["roles"]:
            _lines(document, role.text)
        _lines(document, plan.closing)

    closing = document.add_table(rows=1, cols=2)
    recipients, signature = closing.rows[0].cells
    if doc.recipients:
        _run(recipients.paragraphs[0], "Nơi nhận:", size=12, bold=True, italic=True)
        for line in doc.recipients:
            paragraph = recipients.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(0)
            _run(paragraph, line, size=11)
    signature.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(signature.paragraphs[0], "\n".join(doc.signer_lines), bold=True)
    for _ in range(3):
        signature.add_paragraph()
    _centred(signature, doc.signer_name, bold=True)

    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
