"""Word (.docx) output of any document, from the same description as its PDF: the template that extends
"documents/base.html" is rendered once to HTML; the header, title and closing come from its
`DocumentHeader` (``doc``) and the body is read from the page's ``.doc-body`` and ``.doc-after`` blocks.
One content source, two writers (WeasyPrint for PDF, python-docx here).

What Word gets (Decree 30 as far as Word allows): A4, margins 20/15/20/30 mm, Times New Roman 14 pt, the
two-column header read from documents/header.html (the PDF's own; fixed columns HEADER_COLUMNS_MM without
cell padding, so the Quốc hiệu holds on one line in any word processor) with the rules under the agency and
the motto drawn as real paragraph borders, the page number as a PAGE field at the top centre from page 2
(beside “DỰ THẢO” on every page of a draft), justified body with a 1 cm first-line indent, tables with their
caption, their header row repeated on each page and the column widths the PDF gives them (each at least its
longest word), the body's last lines kept on the page of “Nơi nhận” and the signature block(s), language
vi-VN, and core properties (title, author = the agency, created = the issue date).

Understood markup in the body: p (classes basis, authority, decides, annex-note, center), h2, h3, strong,
b, em, i, br, table (thead rows repeat; th and td.number centred), ul/ol/li, div.annex-title (new page),
img with a PNG data URI (a picture at the text width: charts, which Word cannot take as SVG), other divs
and figures (their children). Anything else contributes its text as a paragraph.
"""
import base64
import datetime
import re
from io import BytesIO

import lxml.html
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from emulation.documents.fonts import text_width_mm
from emulation.documents.header import HEADER_COLUMNS_MM
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


def _rule(container, *, width_mm, column_mm, line_pt=4, reuse=False):
    """An empty paragraph `line_pt` high whose bottom border is a rule `width_mm` long, centred in `column_mm`
    (a top border is drawn over the line above by some word processors).
    Its paragraph mark is made tiny, or a word processor lays the line out at the 14 pt of the text."""
    paragraph = _paragraph(container, reuse=reuse)
    paragraph.paragraph_format.line_spacing = Pt(line_pt)
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    paragraph._p.get_or_add_pPr().append(mark)
    _border(paragraph, "bottom", width_mm=width_mm, column_mm=column_mm)
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
    """Fixed column widths, written alike in the table's grid and in every cell (a word processor reads one
    or the other), and a fixed layout so that none is recomputed from the text."""
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm):
        column.set(qn("w:w"), str(round(width * 1440 / 25.4)))
    for tr in table._tbl.tr_lst:
        column = 0
        for tc in tr.tc_lst:
            tc.width = Mm(sum(widths_mm[column:column + tc.grid_span]))
            column += tc.grid_span
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)


def _cell_margins(table, side_pt, top_pt):
    """The cells' padding, written out (a word processor's default, 1.9 mm each side, is wider than the PDF's)."""
    margins = OxmlElement("w:tblCellMar")
    for side, value in (("top", top_pt), ("left", side_pt), ("bottom", top_pt), ("right", side_pt)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(round(value * 20)))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    table._tbl.tblPr.append(margins)


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


#: How the header's and title's elements (documents/header.html, base.html) print: the classes of print.css.
HEADER_STYLES = {
    "parent-authority": {"size": 12, "upper": True},
    "agency": {"size": 12, "bold": True, "upper": True},
    "nation": {"size": 12, "bold": True},
    "motto": {"size": 13, "bold": True},
    "number-line": {"size": 13},
    "date-line": {"size": 13, "italic": True},
    "letter-summary": {"size": 12},
    "type-name": {"size": 14, "bold": True, "upper": True},
    "summary": {"size": 14, "bold": True},
}
#: Rules as print.css draws them, as a share of their column (the motto's is as wide as its text).
RULE_SHARES = {"rule-agency": 0.40, "rule-summary": 0.30}
LINE_BREAK_BEFORE = {"number-line": 8, "date-line": 8}


def _style_of(element):
    for name in _classes(element):
        if name in HEADER_STYLES:
            return HEADER_STYLES[name]
    return None


def _styled_paragraph(container, element, style, *, reuse=False):
    """A centred paragraph of `element`'s own text in `style`; returns it (None when there is no text)."""
    text = " ".join((element.text or "").split()) if element.tag == "td" else " ".join(element.text_content().split())
    if not text:
        return None
    paragraph = _paragraph(container, reuse=reuse)
    _run(paragraph, text.upper() if style.get("upper") else text, size=style["size"], bold=style.get("bold", False),
         italic=style.get("italic", False))
    return paragraph


def _header_cell(cell, td, width_mm):
    """One cell of the header: the td's own text (the number, the date line), then each of its lines."""
    first = True
    own = _style_of(td)
    if own is not None:
        paragraph = _styled_paragraph(cell, td, own, reuse=True)
        if paragraph is not None:
            paragraph.paragraph_format.space_before = Pt(LINE_BREAK_BEFORE.get(next(iter(_classes(td) & set(LINE_BREAK_BEFORE)), ""), 0))
            first = False
    for line in td:
        if not isinstance(line.tag, str):
            continue
        classes = _classes(line)
        share = next((RULE_SHARES[name] for name in classes if name in RULE_SHARES), None)
        if share is not None:
            _rule(cell, width_mm=width_mm * share, column_mm=width_mm, reuse=first)
        else:
            style = _style_of(line)
            paragraph = _styled_paragraph(cell, line, style, reuse=first) if style else None
            if "motto" in classes:
                _rule(cell, width_mm=text_width_mm(line.text_content().strip(), style["size"], bold=True),
                      column_mm=width_mm)
        first = False


def _draft_mark(section, tree):
    """“DỰ THẢO” in a box at the top left of every page (the page number beside it from page 2), as the PDF
    prints it on every page."""
    mark = tree.xpath("//div[contains(concat(' ', normalize-space(@class), ' '), ' draft-mark ')]")
    if not mark:
        return
    text = mark[0].text_content().strip()
    for header in (section.first_page_header, section.header):
        paragraph = header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM / 2), WD_TAB_ALIGNMENT.CENTER)
        run = _run(paragraph, text, size=12, bold=True)
        paragraph._p.remove(run._r)
        paragraph._p.insert(1, run._r)
        box = OxmlElement("w:bdr")
        for key, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "2"), ("w:color", "000000")):
            box.set(qn(key), value)
        run._r.get_or_add_rPr().append(box)
        if header is section.header:
            tab = _run(paragraph, "\t", size=13)
            paragraph._p.remove(tab._r)
            paragraph._p.insert(2, tab._r)


def _header(document, tree):
    """The header table and the title block, read from the page the PDF is printed from (documents/header.html
    and the .doc-title of base.html): one definition of both. The columns are HEADER_COLUMNS_MM wide with no
    cell padding, so that the Quốc hiệu (88 mm at 12 pt bold) fits its column in any word processor."""
    header = tree.xpath("//table[contains(concat(' ', normalize-space(@class), ' '), ' doc-header ')]")[0]
    rows = [tr for tr in header.iter("tr")]
    table = document.add_table(rows=len(rows), cols=len(HEADER_COLUMNS_MM))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _cell_margins(table, 0, 0)
    _widths(table, HEADER_COLUMNS_MM)
    for row, tr in zip(table.rows, rows):
        for cell, td, width in zip(row.cells, tr.findall("td"), HEADER_COLUMNS_MM):
            _header_cell(cell, td, width)
    title = _part(tree, "doc-title")
    if title is None:
        _paragraph(document).paragraph_format.space_after = Pt(6)
        return
    first = True
    for line in title:
        style = _style_of(line) if isinstance(line.tag, str) else None
        if style is not None:
            paragraph = _styled_paragraph(document, line, style)
            if paragraph is not None and first:
                paragraph.paragraph_format.space_before = Pt(18)
                first = False
        elif "rule-summary" in _classes(line):
            _rule(document, width_mm=TEXT_WIDTH_MM * RULE_SHARES["rule-summary"], column_mm=TEXT_WIDTH_MM
                  ).paragraph_format.space_after = Pt(12)


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
    """`text` with its runs of white space made one space, keeping a space at either end (“<b>Điều 1.</b> Tặng”
    keeps the space after the number); the paragraph's own ends are trimmed by _trim."""
    if not text.strip():
        return " " if text else ""
    return (" " if text[:1].isspace() else "") + " ".join(text.split()) + (" " if text[-1:].isspace() else "")


def _trim(paragraph):
    """No space at the start or the end of a paragraph."""
    runs = [run for run in paragraph.runs if run.text]
    if runs:
        runs[0].text = runs[0].text.lstrip()
        runs[-1].text = runs[-1].text.rstrip()


def _text_paragraph(document, element, classes=frozenset(), *, bold=False):
    centred = bool(classes & CENTRED)
    paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.JUSTIFY,
                           after=6, indent=None if centred else Cm(1))
    if "annex-title" in classes:
        paragraph.paragraph_format.page_break_before = True
    _inline(paragraph, element, bold=bold or bool(classes & BOLD), italic=bool(classes & ITALIC))
    _trim(paragraph)
    return paragraph


def _repeat_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


#: Table font sizes and horizontal cell padding (pt) as print.css and the apps' print stylesheets set them.
TABLE_FONT_PT = {"figures": 11}
TABLE_PADDING_PT = {"figures": 3}
#: What a column needs beside its longest word: a word processor's default cell margins (1.9 mm each side,
#: wider than ours) and a little room, so that no word is ever split whatever the program.
COLUMN_ROOM_MM = 2 * 1.9 + 0.7
PERCENT_CLASS = re.compile(r"^w-(\d+)$")
NO_WRAP = {"number", "num"}


def _cells(tr):
    return [cell for cell in tr if cell.tag in ("td", "th")]


def _column_widths(rows, columns, size):
    """The columns' widths in mm, laid out as a browser lays out an automatic table 100 % wide: each column at
    least as wide as its longest word (its whole text where it never wraps), the room left shared in proportion
    to how much more each column's longest text wants; ``w-N`` classes fix a column at N %."""
    least, most, fixed = [0.0] * columns, [0.0] * columns, {}
    for is_head, tr in rows:
        index = 0
        for cell in _cells(tr):
            span = int(cell.get("colspan", 1))
            if span == 1:
                bold = is_head or cell.tag == "th"
                text = " ".join(cell.text_content().split())
                whole = text_width_mm(text, size, bold=bold) + COLUMN_ROOM_MM
                word = max((text_width_mm(w, size, bold=bold) for w in text.split()), default=0) + COLUMN_ROOM_MM
                classes = _classes(cell)
                least[index] = max(least[index], whole if classes & NO_WRAP else word)
                most[index] = max(most[index], whole)
                for name in classes:
                    if PERCENT_CLASS.match(name):
                        fixed[index] = int(PERCENT_CLASS.match(name).group(1))
            index += span
    widths = [max(least[i], TEXT_WIDTH_MM * fixed[i] / 100) if i in fixed else None for i in range(columns)]
    free = [i for i in range(columns) if widths[i] is None]
    room = TEXT_WIDTH_MM - sum(w for w in widths if w is not None)
    wanted, needed = sum(most[i] for i in free), sum(least[i] for i in free)
    for i in free:
        if wanted <= room:
            widths[i] = most[i] + (room - wanted) * (most[i] / wanted if wanted else 1 / len(free))
        elif needed <= room:
            extra = wanted - needed
            widths[i] = least[i] + (room - needed) * ((most[i] - least[i]) / extra if extra else 1 / len(free))
        else:
            widths[i] = least[i] * room / needed if needed else room / len(free)
    return widths


def _table(document, element):
    rows = []
    caption = None
    for section in element:
        tag = section.tag if isinstance(section.tag, str) else ""
        if tag in ("thead", "tbody", "tfoot"):
            rows.extend((tag == "thead", tr) for tr in section if tr.tag == "tr")
        elif tag == "tr":
            rows.append((False, section))
        elif tag == "caption":
            caption = section
    if caption is not None and caption.text_content().strip():
        paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.LEFT, after=3)
        paragraph.paragraph_format.keep_with_next = True
        _inline(paragraph, caption, size=12, bold=True)
        _trim(paragraph)
    if not rows:
        return
    kind = next((name for name in _classes(element) if name in TABLE_FONT_PT), None)
    size = TABLE_FONT_PT.get(kind, 12)
    columns = max(sum(int(cell.get("colspan", 1)) for cell in _cells(tr)) for _, tr in rows)
    table = document.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell_margins(table, TABLE_PADDING_PT.get(kind, 4), 2)
    for is_head, tr in rows:
        row = table.add_row()
        if is_head:
            _repeat_header(row)
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        index = 0
        for cell_element in _cells(tr):
            span = int(cell_element.get("colspan", 1))
            cell = row.cells[index]
            if span > 1:
                cell = cell.merge(row.cells[min(index + span, columns) - 1])
            classes = _classes(cell_element)
            align = WD_ALIGN_PARAGRAPH.LEFT
            if cell_element.tag == "th" or classes & {"number", "center", "empty"}:
                align = WD_ALIGN_PARAGRAPH.CENTER
            elif "num" in classes:
                align = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph = _paragraph(cell, reuse=True, align=align)
            _inline(paragraph, cell_element, size=size, bold=cell_element.tag == "th" or is_head)
            _trim(paragraph)
            index += span
    _widths(table, _column_widths(rows, columns, size))
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
                    _trim(paragraph)
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


def _keep_next(p):
    p_pr = p.get_or_add_pPr()
    if p_pr.find(qn("w:keepNext")) is None:
        p_pr.insert(0, OxmlElement("w:keepNext"))


def _keep_with_closing(document, lines=2):
    """The body's last `lines` paragraphs (or a table's last rows) stay on the page of the signature block, as
    print.css keeps them in the PDF: a last page never holds only “Nơi nhận” and the signature."""
    kept = 0
    for element in reversed(list(document.element.body.iterchildren())):
        if element.tag == qn("w:p"):
            _keep_next(element)
            kept += bool("".join(element.itertext()).strip())
        elif element.tag == qn("w:tbl"):
            for tr in reversed(element.findall(qn("w:tr"))):
                for p in tr.iter(qn("w:p")):
                    _keep_next(p)
                kept += 1
                if kept >= lines:
                    break
        if kept >= lines:
            return


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
    _draft_mark(document.sections[0], tree)
    _header(document, tree)
    body = _part(tree, "doc-body")
    if body is not None:
        _blocks(document, body)
        _keep_with_closing(document)
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
