"""Each kind of document's Word twin as a real word processor lays it out (issue 27 §13–17): converted
with LibreOffice (headless) and set beside its PDF — the same text in the same order, the same number of
pages, the Quốc hiệu on one line, “DỰ THẢO” on every page of a draft, no table column narrower than its
longest word. One conversion per kind of document (all in one LibreOffice run), reused by every check."""
import io
import re
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from docx import Document
from docx.shared import Emu
from fontTools.ttLib import TTFont

from awards import documents as award_documents
from awards import forwarding as province_documents
from awards.decisions import issue_decision
from awards.models import Nomination
from awards.tests.factories import CouncilMemberFactory, NominationFactory, award
from awards.tests.test_province import forwarded, province_votes, world  # noqa: F401 - fixtures
from awards.forwarding import FORWARDING_WORKFLOW, issue_province_decision
from awards.voting import cast_vote, close_session, open_session
from campaigns.tests.conftest import seeded_plan  # noqa: F401 - fixture
from campaigns.docx import plan_docx
from campaigns.documents import plan_pdf
from emulation.documents.tests.pdftools import pdf_info, pdf_text
from emulation.documents import render_docx, render_pdf
from reports.docx import png_image, summary_docx
from reports.documents import TEMPLATE as SUMMARY_TEMPLATE, summary_context, summary_pdf
from reports.tests.conftest import data, summary  # noqa: F401 - fixtures
from emulation.tests.passes import ONCE

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    ONCE,
    pytest.mark.django_db,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: scripts/system-packages.sh "
                                               "installs libreoffice-writer-nogui"),
]
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
S = Nomination.Status


def convert(docx_files):
    """{kind: PDF bytes} of the .docx files, converted by LibreOffice in one run."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for kind, data_ in docx_files.items():
            path = Path(folder, f"{kind}.docx")
            path.write_bytes(data_)
            paths.append(str(path))
        subprocess.run([SOFFICE, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", folder, *paths],
                       capture_output=True, check=True, timeout=300)
        return {kind: Path(folder, f"{kind}.pdf").read_bytes() for kind in docx_files}


def _department_decision(org, staff_in, office_user):
    person = NominationFactory(staff=staff_in(org.land, full_name="Trần Thị Bích"), status=S.APPROVED)
    unit = NominationFactory(round=person.round, staff=None, nominee_unit=org.land, unit=org.land,
                             award_type=award("TTLDTT"), status=S.APPROVED)
    decision = issue_decision(round=person.round, nominations=[unit, person], symbol="QĐ-STNMT",
                              signed_on=date(2025, 12, 20), signer_name="Lê Văn Phó", signer_authority="deputy",
                              summary="Về việc tặng danh hiệu thi đua năm 2025", actor=office_user)
    return award_documents.decision_document(decision, award_documents.decision_nominations(decision))


def _minutes_and_proposal(org, staff_in, office_user):
    nomination = NominationFactory(staff=staff_in(org.land, full_name="Nguyễn Văn Hoà"), status=S.CHECKED)
    members = [CouncilMemberFactory(position="chair", full_name="Nguyễn Chủ Tọa"),
               CouncilMemberFactory(position="secretary", full_name="Lê Thư Ký"),
               *[CouncilMemberFactory() for _ in range(5)]]
    session = open_session(round=nomination.round, held_on=date(2025, 12, 5), agenda=[nomination], present=members,
                           actor=office_user)
    for member in members:
        cast_vote(session, nomination, member, agrees=True)
    close_session(session, office_user)
    return award_documents.minutes_document(session), award_documents.proposal_document(nomination.round, False)


def _province_decision(w):
    """Two people of two agencies, the second agency's dossier forwarded first."""
    second = forwarded(w, name="Võ Văn Hải", health=True).forwarding
    first = forwarded(w).forwarding
    for forwarding in (second, first):
        FORWARDING_WORKFLOW.perform(forwarding, "accept", actor=w.specialist)
    province_votes(w)
    first.refresh_from_db()
    second.refresh_from_db()
    decision = issue_province_decision([second, first], actor=w.chairman, signed_on=date(2025, 12, 20),
                                       signer_name="Đặng Văn Minh", signer_authority="chairman",
                                       summary="Về việc tặng danh hiệu Chiến sĩ thi đua cấp tỉnh")
    return decision


#: The documents made and converted once for all the checks of this module (bytes, no database rows).
_TWINS = {}


@pytest.fixture
def twins(request):
    """{kind: (PDF, .docx, the .docx converted to PDF by LibreOffice, the PDF whose text Word holds)} for one document of each kind, made and
    converted (in one LibreOffice run) by the first test that asks, then reused."""
    if not _TWINS:
        _TWINS.update(_make_twins(*(request.getfixturevalue(name)
                                    for name in ("world", "staff_in", "office_user", "seeded_plan", "summary"))))
    return _TWINS


def _make_twins(world, staff_in, office_user, seeded_plan, summary):  # noqa: F811 - fixtures imported above
    org = world.org
    pdfs, words = {}, {}
    for kind, spec in (("decision", _department_decision(org, staff_in, office_user)),
                       *zip(("minutes", "proposal"), _minutes_and_proposal(org, staff_in, office_user))):
        pdfs[kind], words[kind] = award_documents.write(spec), award_documents.write(spec, "docx")
    decision = _province_decision(world)
    pdfs["province_decision"] = province_documents.decision_file(decision)
    words["province_decision"] = province_documents.decision_file(decision, "docx")
    pdfs["plan"], words["plan"] = plan_pdf(seeded_plan), plan_docx(seeded_plan)
    pdfs["summary"], words["summary"] = summary_pdf(summary), summary_docx(summary)
    # The charts are pictures in Word: the text is compared with the PDF printed with the same pictures.
    context = summary_context(summary)
    context["charts"] = {name: png_image(svg) for name, svg in context["charts"].items()}
    texts = {"summary": render_pdf(SUMMARY_TEMPLATE, context)}
    person = staff_in(org.land, full_name="Phạm Thị Lan")
    spec = award_documents.history_document(person, [], is_unit=False)
    pdfs["history"], words["history"] = award_documents.write(spec), award_documents.write(spec, "docx")
    converted = convert(words)
    return {kind: (pdfs[kind], words[kind], converted[kind], texts.get(kind, pdfs[kind])) for kind in pdfs}


KINDS = ["decision", "minutes", "proposal", "province_decision", "plan", "summary", "history"]


def _pages(data_):
    """Lines of each page, without the page number, the verification footer (the Word twin has none) and the
    header rows a table repeats at the top of a page (pages break inside tables at different rows)."""
    pages, seen = [], set()
    for number, page in enumerate(pdf_text(data_, raw=True).split("\f")[:-1], start=1):
        lines = [line.strip() for line in page.splitlines()
                 if line.strip() and not line.strip().startswith(("Mã xác thực", "Kiểm tra văn bản"))]
        for end in (0, -1):  # the page number, printed first or last (beside “DỰ THẢO” in Word)
            if lines and lines[end].replace("DỰ THẢO", "").strip() == str(number):
                lines[end] = lines[end].replace(str(number), "").strip()
        lines = [line for line in lines if line]
        marks = [line for line in lines if line == "DỰ THẢO"]
        lines = [line for line in lines if line != "DỰ THẢO"]
        while number > 1 and lines and lines[0] in seen:
            lines.pop(0)
        seen.update(lines)
        pages.append(marks + lines)
    return pages


def _words(data_):
    text = " ".join(" ".join(lines) for lines in _pages(data_))
    return re.sub(r"(?<=\S-) (?=\S)", "", text).replace("DỰ THẢO", "").split()


@pytest.mark.parametrize("kind", KINDS)
def test_word_twin_in_libreoffice_has_the_pdf_text_in_the_same_order(twins, kind):
    _pdf, _docx, converted, text = twins[kind]
    assert _words(converted) == _words(text)


@pytest.mark.parametrize("kind", KINDS)
def test_word_twin_in_libreoffice_has_as_many_pages_as_the_pdf(twins, kind):
    pdf, _docx, converted, _text = twins[kind]
    assert pdf_info(converted)["Pages"] == pdf_info(pdf)["Pages"]


@pytest.mark.parametrize("kind", KINDS)
def test_word_twin_in_libreoffice_prints_the_quoc_hieu_on_one_line(twins, kind):
    _pdf, _docx, converted, _text = twins[kind]
    assert any(NATION in line for line in _pages(converted)[0])


@pytest.mark.parametrize("kind", KINDS)
def test_word_twin_of_a_draft_is_marked_on_every_page_like_its_pdf(twins, kind):
    pdf, _docx, converted, _text = twins[kind]
    marked = [any("DỰ THẢO" in line for line in page) for page in _pages(pdf)]
    assert [any("DỰ THẢO" in line for line in page) for page in _pages(converted)] == marked


def _text_width_mm(font, text, size_pt):
    scale = size_pt / font["head"].unitsPerEm * 25.4 / 72
    cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
    return sum(metrics[cmap.get(ord(character), ".notdef")][0] for character in text) * scale


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: What a word processor leaves around a cell's text at most (Word's default margin, 1.9 mm each side).
CELL_PADDING_MM = 2 * 1.9


@pytest.mark.parametrize("kind", KINDS)
def test_word_twin_has_no_table_column_narrower_than_its_longest_word(twins, kind):
    _pdf, docx, _converted, _text = twins[kind]
    fonts = {bold: TTFont(finders.find(f"documents/fonts/LiberationSerif-{'Bold' if bold else 'Regular'}.ttf"))
             for bold in (False, True)}
    for table in Document(io.BytesIO(docx)).tables:
        grid = [Emu(int(column.get(f"{W}w")) * 635).mm for column in table._tbl.tblGrid.findall(f"{W}gridCol")]
        for tr in table._tbl.tr_lst:
            column = 0
            for tc in tr.tc_lst:
                width = sum(grid[column:column + tc.grid_span])
                column += tc.grid_span
                for r in tc.iter(f"{W}r"):
                    size = r.find(f"{W}rPr/{W}sz")
                    size_pt = int(size.get(f"{W}val")) / 2 if size is not None else 14
                    bold = r.find(f"{W}rPr/{W}b") is not None
                    for word in "".join(t.text or "" for t in r.iter(f"{W}t")).split():
                        needed = _text_width_mm(fonts[bold], word, size_pt) + CELL_PADDING_MM
                        assert needed <= width + 0.01, (word, round(needed, 1), round(width, 1))


def test_word_twin_in_libreoffice_keeps_the_last_lines_with_the_signature(test_templates, header):
    lengths = range(20, 36)
    converted = convert({f"rows-{rows}": render_docx("documents_test/long_list.html", {"doc": header, "rows": range(1, rows)})
                         for rows in lengths})
    for rows in lengths:
        last = " ".join(pdf_text(converted[f"rows-{rows}"]).split("\f")[-2].split())
        assert "Trần Văn Ký" in last and "Dòng cuối cùng của văn bản." in last, rows
