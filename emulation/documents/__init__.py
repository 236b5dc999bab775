"""Official documents in the administrative format of Decree 30/2020/NĐ-CP: the one machinery every app
issues its documents through (plans, decisions, council minutes, tờ trình, summary reports).

The stable API (import from ``emulation.documents``; every name is loaded lazily, so importing the
package never touches the app registry)::

    DocumentHeader(type_name="KẾ HOẠCH", summary=..., number=45, symbol="KH-STNMT",
                   issue_date=date(2021, 11, 5), signature=Signature.of(SignAuthority.ACTING, "Nguyễn Văn A"),
                   recipients=["- UBND tỉnh (báo cáo);", ...], draft=False, left_signature=None)
        What the layout prints around a document's body, in PDF and in Word. Agency, parent authority and
        place come from `issuer=` (the issuing emulation Agency; the ORG_* settings when None); a draft's year
        defaults to the current (signing) year.
        Pass it to the template as ``doc``.

    Signature(title, name, authority="", head="", note="") / Signature.of(SignAuthority.DEPUTY, name)
        The signing block (Decree 30): ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] then the name, each on its own
        line. SignAuthority: director, deputy (KT.), acting (Q.), office_chief (TL. … / CHÁNH VĂN PHÒNG);
        TM. for a collective body: Signature("CHỦ TỊCH", name, "TM.", "HỘI ĐỒNG").

    render_docx(template_name, context) -> bytes;  docx_response(data, filename)
        The same document as Word, read from the same rendered page: the header of documents/header.html (one
        definition for both formats; columns header.HEADER_COLUMNS_MM), PAGE field from page 2, “DỰ THẢO” on
        every page of a draft, tables with the PDF's column widths and captions, vi-VN, core properties.
        emulation/documents/tests/test_word_in_libreoffice.py converts each kind with LibreOffice and sets it
        beside its PDF (text and order, pages, Quốc hiệu on one line, no column narrower than a word).

    nominee_count(persons, units) -> "1 cá nhân và 1 tập thể";  vote_result(for, members, needed)

    render_pdf(template_name, context) -> bytes
        Renders a template that extends "documents/base.html" to PDF with WeasyPrint. The only URLs
        WeasyPrint may read are the project's static files (StaticOnlyURLFetcher): never the network,
        never another file. Rendered in Vietnamese whatever the reader's language.

    render_html(template_name, context, *, request=None) -> str
        The same document as an HTML page for previews (same layout and stylesheet).

    vietnamese_date_line(place, date, year=None) -> "Quảng Ngãi, ngày 05 tháng 01 năm 2026"
        With no date (a draft): "Quảng Ngãi, ngày      tháng      năm <year>".

    number_symbol(number, symbol) -> "05/KH-STNMT"
    next_number(series, year, agency=None) -> int
        Decree 30 Điều 15: numbers run from 1 on 1 January, unique per agency (each Agency has its own
        series), per document type and per year. `series` is the symbol ("KH-STNMT"; a council has its own, e.g. "QĐ-HĐTĐKT"). Call
        inside the transaction that issues the document, so that a rollback gives the number back.

    issue_document(subject, kind, template_name, context, *, number, symbol, issue_date, title, actor)
        -> IssuedDocument
        THE one call that issues: renders the PDF once as PDF/A-3b with a verification code and QR code
        at the foot of its last page (public page /verify/<code>/), and archives its exact bytes with their
        SHA-256, the number and symbol, the date and who issued it. `subject` is any model instance
        (generic relation); one archived document per subject and kind (a second call raises
        DocumentAlreadyIssued). Serve `bytes(issued.pdf)` afterwards, never a new rendering.

    render_for_archive(template_name, context) -> RenderedDocument;  peek_number(series, year) -> int
        For long documents: render the PDF/A (with the number `peek_number` says it will get) outside any
        transaction, then issue in a short one with ``issue_document(..., rendered=...)`` after checking
        that `next_number` gave that number (see reports.workflow.issue).

    issued_document(subject, kind) -> IssuedDocument | None
    pdf_response(data, filename, *, request=None, inline=None) -> HttpResponse
        Serves PDF bytes (archived or live) with a safe Content-Disposition: inline (the browser's viewer)
        unless `request` asks ?download=1. Link with `{% load files %}{% file_buttons url label %}`.

Document templates extend "documents/base.html" and fill ``body`` (required) and ``after`` (an annex after
the signature), and ``styles`` for an extra stylesheet link. Put all content inside those blocks: the Word
writer reads them from the same HTML (p, h2/h3, strong/em, tables, lists; see word.py). Lists are
``<table class="list">`` with a ``<thead>`` (repeated on every page, in Word too); ``th.number``/``td.number``
never wrap; ``w-8 … w-45`` classes fix column widths. Signatures come from ``doc.signature`` and
``doc.left_signature`` (Signature objects), not from overridden blocks. The text of official documents is
Vietnamese by law, so the layout's fixed words are written in Vietnamese, not translated.

A typical issue step (one transaction, number given back on failure)::

    with transaction.atomic():
        number = next_number("BC-STNMT", issue_date.year)
        doc = DocumentHeader(type_name="BÁO CÁO", summary=..., number=number, symbol="BC-STNMT",
                             issue_date=issue_date, signature=Signature.of(SignAuthority.DIRECTOR, name))
        issued = issue_document(report, "summary_report", "reports/summary.html", {"doc": doc, ...},
                                number=number, symbol="BC-STNMT", issue_date=issue_date, actor=user,
                                units=[...])
    pdf = bytes(issued.pdf)                                   # always serve the archived bytes
    docx = render_docx("reports/summary.html", {"doc": doc, ...})   # Word from the same description
"""
from importlib import import_module

_EXPORTS = {
    "DocumentHeader": "emulation.documents.header",
    "vietnamese_date_line": "emulation.documents.header",
    "number_symbol": "emulation.documents.symbols",
    "next_number": "emulation.documents.numbering",
    "peek_number": "emulation.documents.numbering",
    "render_pdf": "emulation.documents.rendering",
    "render_html": "emulation.documents.rendering",
    "pdf_response": "emulation.documents.rendering",
    "StaticOnlyURLFetcher": "emulation.documents.rendering",
    "render_docx": "emulation.documents.word",
    "docx_response": "emulation.documents.word",
    "Signature": "emulation.documents.signing",
    "SignAuthority": "emulation.documents.signing",
    "nominee_count": "emulation.documents.wording",
    "vote_result": "emulation.documents.wording",
    "find_by_checksum": "emulation.documents.archive",
    "issue_document": "emulation.documents.archive",
    "issued_document": "emulation.documents.archive",
    "render_for_archive": "emulation.documents.archive",
    "DocumentAlreadyIssued": "emulation.documents.archive",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
