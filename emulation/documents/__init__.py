"""Official documents in the administrative format of Decree 30/2020/NĐ-CP: the one machinery every app
issues its documents through (plans, decisions, council minutes, tờ trình, summary reports).

The stable API (import from ``emulation.documents``; every name is loaded lazily, so importing the
package never touches the app registry)::

    DocumentHeader(type_name="KẾ HOẠCH", summary=..., number=45, symbol="KH-STNMT",
                   issue_date=date(2021, 11, 5), signer_lines=["Q. GIÁM ĐỐC"], signer_name=...,
                   recipients=["- UBND tỉnh (báo cáo);", ...], draft=False)
        What the base layout prints around a document's body. Agency, parent authority and place
        default to settings.ORGANISATION. Pass it to the template as ``doc``.

    render_pdf(template_name, context) -> bytes
        Renders a template that extends "documents/base.html" to PDF with WeasyPrint. The only URLs
        WeasyPrint may read are the project's static files (StaticOnlyURLFetcher): never the network,
        never another file. Rendered in Vietnamese whatever the reader's language.

    render_html(template_name, context, *, request=None) -> str
        The same document as an HTML page for previews (same layout and stylesheet).

    vietnamese_date_line(place, date, year=None) -> "Quảng Ngãi, ngày 05 tháng 01 năm 2026"
        With no date (a draft): "Quảng Ngãi, ngày      tháng      năm <year>".

    number_symbol(number, symbol) -> "05/KH-STNMT"
    next_number(series, year) -> int
        Decree 30 Điều 15: numbers run from 1 on 1 January, unique per agency, per document type and
        per year. `series` is the symbol ("KH-STNMT"; a council has its own, e.g. "QĐ-HĐTĐKT"). Call
        inside the transaction that issues the document, so that a rollback gives the number back.

    issue_document(subject, kind, template_name, context, *, number, symbol, issue_date, title, actor)
        -> IssuedDocument
        Renders the PDF once and archives its exact bytes with their SHA-256, the number and symbol,
        the date and who issued it. `subject` is any model instance (generic relation); one archived
        document per subject and kind (a second call raises DocumentAlreadyIssued).

    issued_document(subject, kind) -> IssuedDocument | None
    pdf_response(data, filename, *, inline=True) -> HttpResponse
        Serves PDF bytes (archived or live) with a safe Content-Disposition.

Document templates extend "documents/base.html" and fill its blocks: ``body`` (required), and when the
defaults do not fit, ``type_name``, ``summary``, ``recipients``, ``signature``. The text of official
documents is Vietnamese by law, so the layout's fixed words are written in Vietnamese, not translated.
"""
from importlib import import_module

_EXPORTS = {
    "DocumentHeader": "emulation.documents.header",
    "vietnamese_date_line": "emulation.documents.header",
    "number_symbol": "emulation.documents.symbols",
    "next_number": "emulation.documents.numbering",
    "render_pdf": "emulation.documents.rendering",
    "render_html": "emulation.documents.rendering",
    "pdf_response": "emulation.documents.rendering",
    "StaticOnlyURLFetcher": "emulation.documents.rendering",
    "issue_document": "emulation.documents.archive",
    "issued_document": "emulation.documents.archive",
    "DocumentAlreadyIssued": "emulation.documents.archive",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
