"""The printable reminder (công văn đôn đốc) for units the Office could not remind through the app or by
e-mail: one official letter in the Decree 30 layout (`documents/base.html`, Mẫu 1.5 “công văn”), to be
numbered by the văn thư, signed and sent on paper. It names the units (“Kính gửi”), and for each period its
due date and which of those units have not submitted their report or must resubmit a returned one.
"""
from emulation.documents import DocumentHeader, Signature, SignAuthority, render_pdf

from campaigns.models import ReportStatus, UnitReport

TEMPLATE = "campaigns/reports/reminder_letter.html"
#: Codes printed in the letter: its text is Vietnamese by law (Decree 30), not translated.
MISSING = {None: "chưa nộp báo cáo", ReportStatus.DRAFT: "chưa nộp báo cáo (đang soạn)",
           ReportStatus.RETURNED: "báo cáo bị trả lại, chưa sửa và nộp lại"}


def waiting_cells(cells):
    """Of `cells` ((period, unit) pairs), those whose report is still not submitted or was returned, each
    as (period, unit, what is missing). One query."""
    statuses = {
        (period_id, unit_id): status for period_id, unit_id, status in UnitReport.objects.filter(
            period_id__in={period.pk for period, _unit in cells}, unit_id__in={unit.pk for _period, unit in cells}
        ).values_list("period_id", "unit_id", "status")
    }
    waiting = []
    for period, unit in cells:
        status = statuses.get((period.pk, unit.pk))
        if status in MISSING:
            waiting.append((period, unit, MISSING[status]))
    return waiting


def letter_context(waiting):
    """The letter's context for `waiting` ((period, unit, missing) from `waiting_cells`): addressed to the
    units in the order given, one paragraph per period. The issuer is the periods' plan's agency."""
    periods = {}
    units = []
    for period, unit, missing in waiting:
        periods.setdefault(period.pk, (period, []))[1].append((unit, missing))
        if unit not in units:
            units.append(unit)
    issuer = waiting[0][0].plan.issuer if waiting else None
    doc = DocumentHeader(
        type_name="",
        summary="V/v đôn đốc gửi báo cáo kết quả thực hiện phong trào thi đua",
        symbol=f"{issuer.abbreviation}-VP" if issuer else "",
        issuer=issuer,
        signature=Signature.of(SignAuthority.OFFICE_CHIEF, issuer.office_chief if issuer else ""),
        recipients=["- Như trên;", "- Lưu: VT, VP."],
    )
    return {"doc": doc, "units": units, "periods": list(periods.values())}


def letter_pdf(waiting):
    return render_pdf(TEMPLATE, letter_context(waiting))
