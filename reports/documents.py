"""The summary report as an official document (Decree 30 layout): context, PDF, HTML preview; and a
unit's accepted report as its own official PDF.

Issued reports are served from the archive (the exact bytes issued); others are rendered from their
figures snapshot and marked “DỰ THẢO”.
"""
from django.utils.safestring import mark_safe

from django.utils import timezone

from awards.documents import unit_head_name
from awards.forwarding import agency_names
from campaigns import reporting
from emulation.documents import DocumentHeader, issued_document, render_html, render_pdf
from reports.charts import all_charts
from reports.models import SummaryStatus
from reports.tables import summary_tables, target_value_tables

#: The kind of the archived document of an issued summary report (emulation.documents.IssuedDocument.kind).
SUMMARY_DOCUMENT_KIND = "summary-report"

TEMPLATE = "reports/summary_document.html"
UNIT_REPORT_TEMPLATE = "reports/unit_report_document.html"


def summary_header(report):
    if report.is_province:  # the province's standing body: its letterhead, place and number series
        return DocumentHeader(
            type_name="BÁO CÁO", summary=report.title, number=report.number, symbol=report.symbol,
            issue_date=report.issue_date, year=report.year, issuer=report.issuer,
            signer_lines=report.signer_lines, signer_name=report.signer_name, recipients=report.recipient_lines,
            draft=report.status != SummaryStatus.ISSUED,
        )
    return DocumentHeader(
        type_name="BÁO CÁO", summary=report.title, number=report.number, symbol=report.symbol,
        issue_date=report.issue_date, year=report.period.end.year, place=report.plan.place,
        parent_authority=report.plan.parent_authority, agency=report.plan.agency,
        signer_lines=report.signer_lines, signer_name=report.signer_name, recipients=report.recipient_lines,
        draft=report.status != SummaryStatus.ISSUED,
    )


def _lower_first(name):
    """“quý II năm 2025” from “Quý II năm 2025”: the period's name as it is, only its first letter lowered."""
    return name[:1].lower() + name[1:]


def _in_sentence(agency_id, fallback):
    """The issuing agency as a sentence names it (“Sở Tài nguyên và Môi trường”, its top unit's name), never
    the letterhead's capitals in the middle of a sentence."""
    name = agency_names([agency_id]).get(agency_id, fallback) if agency_id else fallback
    return name[:1] + name[1:].lower() if name.isupper() else name


def summary_context(report):
    """Everything the document prints; reads only the report and its figures snapshot (no query per unit)."""
    figures = report.figures
    tables = {table.key: table for table in summary_tables(figures)}
    notes = report.item_notes or {}
    items = [{**item, "note": notes.get(str(item["id"]), "")} for item in figures.get("items", [])]
    return {
        "doc": summary_header(report),
        "agency_in_sentence": _in_sentence(report.issuer_id, report.plan.agency if report.plan_id else ""),
        "period_in_sentence": _lower_first(figures.get("period", {}).get("name", "")),
        "report": report,
        "figures": figures,
        "items": items,
        "tables": tables,
        "target_value_tables": [] if report.is_province else target_value_tables(figures),
        "charts": {name: mark_safe(svg) for name, svg in all_charts(figures).items()},
    }


def summary_filename(report, extension):
    stem = report.number_symbol.replace("/", "-") if report.number else f"du-thao-bao-cao-{report.pk}"
    return f"{stem}.{extension}"


def summary_pdf(report):
    """The PDF bytes: the archived ones once issued, a live draft otherwise."""
    archived = issued_document(report, SUMMARY_DOCUMENT_KIND) if report.status == SummaryStatus.ISSUED else None
    if archived is not None:
        return bytes(archived.pdf)
    return render_pdf(TEMPLATE, summary_context(report))


def summary_preview(report, request=None):
    return render_html(TEMPLATE, summary_context(report), request=request)


# A unit's accepted report -------------------------------------------------------------------------------


def unit_report_header(report):
    """The header of a unit's report as accepted: dated the day the unit sent it and signed by the unit's head.
    A unit numbers no documents in this system, so no “Số:” line is printed (rather than an empty one)."""
    plan = report.period.plan
    unit = report.unit
    return DocumentHeader(
        type_name="BÁO CÁO",
        summary=f"Kết quả thực hiện phong trào thi đua {report.period.name[:1].lower()}{report.period.name[1:]}",
        year=report.period.end.year, place=plan.place,
        issue_date=timezone.localtime(report.submitted_at).date() if report.submitted_at else None,
        parent_authority=plan.agency, agency=unit.name,
        signer_lines=["THỦ TRƯỞNG ĐƠN VỊ"], signer_name=unit_head_name(unit),
        recipients=["- Văn phòng Sở (tổng hợp);", "- Lưu: VT."],
    )


def unit_report_context(report):
    rows, goal_results = reporting.report_rows(report)
    return {"doc": unit_report_header(report), "report": report, "rows": rows, "goal_results": goal_results}


def unit_report_pdf(report):
    return render_pdf(UNIT_REPORT_TEMPLATE, unit_report_context(report))


