"""Word (.docx) output of any document, from the same description as its PDF: the template that extends
"documents/base.html" is rendered once to HTML; the header, title and closing come from its
`DocumentHeader` (``doc``) and the body is read from the page's ``.doc-body`` and ``.doc-after`` blocks.
One content source, two writers (WeasyPrint for PDF, python-docx here).

What Word gets (Decree 30 as far as Word allows): A4, margins 20/15/20/30 mm, Times New Roman 14 pt, the
two-column header with the rules under the agency and the motto drawn as real paragraph borders, the page
number as a PAGE field at the top centre from page 2, justified body with a 1 cm first-line indent, tables
with their header row repeated on each page, “Nơi nhận” and the signature block(s), language vi-VN, and
core properties (title, author = the agency, created = the issue date).

Understood markup in the body: p (classes basis, authority, decides, annex-note, center), h2, h3, strong,
b, em, i, br, table (thead rows repeat; th and td.number centred), ul/ol/li, div.annex-title (new page),
img with a PNG data URI (a picture at the text width: charts, which Word cannot take as SVG), other divs
and figures (their children). Anything else contributes its text as a paragraph.
"""
import base64
import datetime
from io import BytesIO

import lxml.html
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from emulation.documents.rendering import _render

FONT = "Times New Roman"
TEXT_WIDTH_MM = 165  # A4 210 mm − 30 − 15
CENTRED = {"authority", "decides", "annex-note", "center", "annex-title"}
BOLD = {"authority", "decides", "annex-title"}
ITALIC = {"basis", "annex-note"}
PNG_DATA_URI = "data:image/png;base64,"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _fonts(run_or_style_font_element):
    r_fonts = run_or_style_font_element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        r_fonts.set(qn(attribute), FONT)


def _run(paragraph, text, *, size=14, bold=False, italic=False):
    run = paragraph.add_run(text)
    run.font.name, run.font.size = FONT, Pt(size)
    run.bold, run.italic = bold or None, italic or None
    _fonts(run._r)
    return run


def _paragraph(container, *, align=WD_ALIGN_PARAGRAPH.CENTER, after=0, indent=None, reuse=False):
    paragraph = container.paragraphs[0] if reuse and container.paragraphs and not container.paragraphs[0].text else container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.space_before = Pt(0)
    if indent is not None:
        paragraph.paragraph_format.first_line_indent = indent
    return paragraph


def _border(paragraph, side, *, width_mm, column_mm, size=6):
    """A real rule: the paragraph's `side` border, shortened to `width_mm` by equal left and right indents
    so that it sits centred under the text above (Decree 30's short rules)."""
    indent = Mm(max(0, (column_mm - width_mm) / 2))
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = indent
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    edge = OxmlElement(f"w:{side}")
    for key, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "1"), ("w:color", "000000")):
        edge.set(qn(key), value)
    borders.append(edge)
    p_pr.append(borders)


def _rule(container, *, width_mm, column_mm, line_pt=4):
    paragraph = _paragraph(container)
    paragraph.paragraph_format.line_spacing = Pt(line_pt)
    _border(paragraph, "top", width_mm=width_mm, column_mm=column_mm)
    return paragraph


def _page_field(paragraph):
    """A PAGE field (Word computes the number)."""
    def fld_char(kind):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    run = _run(paragraph, "", size=13)
    run._r.append(fld_char("begin"))
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run._r.append(instruction)
    run._r.append(fld_char("separate"))
    text = OxmlElement("w:t")
    text.text = "2"
    run._r.append(text)
    run._r.append(fld_char("end"))


def _no_borders(table):
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    tbl_pr.append(borders)


def _widths(table, widths_mm):
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)


def _setup(document, doc):
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True
    _page_field(_paragraph(section.header, reuse=True))
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    _fonts(normal.element)
    r_pr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    r_pr.append(lang)
    properties = document.core_properties
    properties.title = doc.document_title[:255]
    properties.subject = (doc.summary or "")[:255]
    properties.author = properties.last_modified_by = doc.agency
    properties.language = "vi-VN"
    properties.keywords = doc.number_line if doc.number else ""
    day = doc.issue_date or datetime.date.today()
    properties.created = properties.modified = datetime.datetime(day.year, day.month, day.day)
    properties.revision = 1


def _header(document, doc):
    if doc.draft:
        paragraph = _paragraph(document, after=6)
        _run(paragraph, "DỰ THẢO", size=12, bold=True)
        _border(paragraph, "top", width_mm=30, column_mm=TEXT_WIDTH_MM)
        for side in ("bottom", "left", "right"):
            edge = OxmlElement(f"w:{side}")
            for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
                edge.set(qn(key), value)
            paragraph._p.pPr.find(qn("w:pBdr")).append(edge)
    left_mm, right_mm = 74, 91
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _widths(table, [left_mm, right_mm])
    left, right = table.rows[0].cells
    for index, line in enumerate(doc.parent_lines):
        _run(_paragraph(left, reuse=index == 0), line.upper(), size=12)
    for line in doc.agency_lines:
        _run(_paragraph(left, reuse=not doc.parent_lines), line.upper(), size=12, bold=True)
    _rule(left, width_mm=28, column_mm=left_mm)
    _run(_paragraph(right, reuse=True), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    _run(_paragraph(right), "Độc lập - Tự do - Hạnh phúc", size=13, bold=True)
    _rule(right, width_mm=58, column_mm=right_mm)
    number_cell, date_cell = table.rows[1].cells
    paragraph = _paragraph(number_cell, reuse=True)
    paragraph.paragraph_format.space_before = Pt(6)
    if doc.number_line:
        _run(paragraph, f"Số: {doc.number_line}", size=13)
    paragraph = _paragraph(date_cell, reuse=True)
    paragraph.paragraph_format.space_before = Pt(6)
    _run(paragraph, doc.date_line, size=13, italic=True)

    paragraph = _paragraph(document)
    paragraph.paragraph_format.space_before = Pt(18)
    _run(paragraph, doc.type_name.upper(), bold=True)
    if doc.summary:
        _run(_paragraph(document), doc.summary, bold=True)
    _rule(document, width_mm=50, column_mm=TEXT_WIDTH_MM).paragraph_format.space_after = Pt(12)


def _classes(element):
    return set((element.get("class") or "").split())


def _inline(paragraph, element, *, size=14, bold=False, italic=False):
    """Runs for the text of `element` and its inline children (strong/b, em/i, br)."""
    if element.text:
        _run(paragraph, _squash(element.text), size=size, bold=bold, italic=italic)
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br":
            paragraph.add_run().add_break()
        elif tag in ("link", "style", "script", "svg"):
            pass
        else:
            _inline(paragraph, child, size=size, bold=bold or tag in ("strong", "b", "th"),
                    italic=italic or tag in ("em", "i"))
        if child.tail:
            _run(paragraph, _squash(child.tail), size=size, bold=bold, italic=italic)


def _squash(text):
    return " ".join(text.split()) + (" " if text[-1:].isspace() and text.strip() else "")


def _text_paragraph(document, element, classes=frozenset(), *, bold=False):
    centred = bool(classes & CENTRED)
    paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.JUSTIFY,
                           after=6, indent=None if centred else Cm(1))
    if "annex-title" in classes:
        paragraph.paragraph_format.page_break_before = True
    _inline(paragraph, element, bold=bold or bool(classes & BOLD), italic=bool(classes & ITALIC))
    for run in paragraph.runs:
        if run.text.strip():
            run.text = run.text.lstrip() if run is paragraph.runs[0] else run.text
    return paragraph


def _repeat_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _table(document, element):
    rows = []
    for section in element:
        tag = section.tag if isinstance(section.tag, str) else ""
        if tag in ("thead", "tbody", "tfoot"):
            rows.extend((tag == "thead", tr) for tr in section if tr.tag == "tr")
        elif tag == "tr":
            rows.append((False, section))
    if not rows:
        return
    columns = max(sum(int(cell.get("colspan", 1)) for cell in tr if cell.tag in ("td", "th")) for _, tr in rows)
    table = document.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for is_head, tr in rows:
        row = table.add_row()
        if is_head:
            _repeat_header(row)
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        index = 0
        for cell_element in (c for c in tr if c.tag in ("td", "th")):
            span = int(cell_element.get("colspan", 1))
            cell = row.cells[index]
            if span > 1:
                cell = cell.merge(row.cells[min(index + span, columns) - 1])
            classes = _classes(cell_element)
            centred = cell_element.tag == "th" or classes & {"number", "center"}
            paragraph = _paragraph(cell, reuse=True, align=WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT)
            _inline(paragraph, cell_element, size=12, bold=cell_element.tag == "th")
            index += span
    spacer = _paragraph(document, after=6)
    spacer.paragraph_format.line_spacing = Pt(6)


def _blocks(document, container):
    if container.text and container.text.strip():
        _run(_paragraph(document, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6, indent=Cm(1)), _squash(container.text).strip())
    for element in container:
        tag = element.tag if isinstance(element.tag, str) else ""
        classes = _classes(element)
        if tag in ("link", "style", "script", "svg", "") or "verification" in classes:
            pass
        elif tag == "p":
            _text_paragraph(document, element, classes)
        elif tag in ("h1", "h2", "h3", "h4"):
            _text_paragraph(document, element, classes, bold=True)
        elif tag == "table":
            _table(document, element)
        elif tag == "img":
            _picture(document, element)
        elif tag in ("ul", "ol"):
            for item in element:
                if item.tag == "li":
                    paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6, indent=Cm(1))
                    _run(paragraph, "- ")
                    _inline(paragraph, item)
        elif tag == "div" and (classes & CENTRED or not len(element)):
            if element.text_content().strip():
                _text_paragraph(document, element, classes)
        elif tag == "hr":
            paragraph = _paragraph(document)
            paragraph.add_run().add_break(WD_BREAK.PAGE)
        else:
            _blocks(document, element)
        if element.tail and element.tail.strip():
            _run(_paragraph(document, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6, indent=Cm(1)), _squash(element.tail).strip())


def _picture(document, element):
    """An <img> whose src is a PNG data URI (a chart drawn for Word), centred at the text width or at its
    ``data-width-mm``. Any other src is ignored: the Word writer never reads a file or the network."""
    src = element.get("src") or ""
    if not src.startswith(PNG_DATA_URI):
        return
    width = min(float(element.get("data-width-mm") or TEXT_WIDTH_MM), TEXT_WIDTH_MM)
    paragraph = _paragraph(document, after=6)
    paragraph.paragraph_format.keep_together = True
    paragraph.add_run().add_picture(BytesIO(base64.b64decode(src[len(PNG_DATA_URI):])), width=Mm(width))


def _signature(cell, signature):
    first = True
    for line in signature.lines:
        _run(_paragraph(cell, reuse=first), line.upper(), bold=True)
        first = False
    if signature.note:
        _run(_paragraph(cell, reuse=first), signature.note, size=13, italic=True)
        first = False
    for _ in range(4):
        _paragraph(cell, reuse=first)
        first = False
    _run(_paragraph(cell), signature.name, bold=True)


def _closing(document, doc):
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [TEXT_WIDTH_MM / 2, TEXT_WIDTH_MM / 2])
    row = table.rows[0]
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = row.cells
    if doc.left_signature is not None:
        _signature(left, doc.left_signature)
    elif doc.recipients:
        _run(_paragraph(left, reuse=True, align=WD_ALIGN_PARAGRAPH.LEFT), "Nơi nhận:", size=12, bold=True, italic=True)
        for line in doc.recipients:
            _run(_paragraph(left, align=WD_ALIGN_PARAGRAPH.LEFT), line, size=11)
    if doc.signature is not None:
        _signature(right, doc.signature)


def _part(tree, name):
    found = tree.xpath(f"//div[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")
    return found[0] if found else None


def render_docx(template_name, context):
    """The .docx bytes of the document `template_name` renders (it extends "documents/base.html";
    ``context["doc"]`` is its DocumentHeader)."""
    doc = context["doc"]
    tree = lxml.html.fromstring(_render(template_name, {**context, "preview": False, "word": True}))
    document = Document()
    _setup(document, doc)
    _header(document, doc)
    body = _part(tree, "doc-body")
    if body is not None:
        _blocks(document, body)
    _closing(document, doc)
    after = _part(tree, "doc-after")
    if after is not None:
        _blocks(document, after)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_response(data, filename):
    """An attachment carrying .docx bytes with a safe Content-Disposition."""
    response = HttpResponse(bytes(data), content_type=DOCX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response
