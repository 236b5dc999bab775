"""The awards documents through the shared machinery (emulation.documents, Decree 30 layout):

- the decision (quyết định) with the list of awardees: rendered once when issued and archived;
- the council minutes (biên bản họp Hội đồng), numbered in the council's own series "BB-HĐTĐKT";
- the proposal (tờ trình) of a round's nominations, to the Director (in-house awards) or to the
  Chairman of the provincial People's Committee (higher awards), with the list;
- a nominee's achievements report (báo cáo thành tích) from the nomination's fields.
The minutes, proposals and reports are rendered live (marked “DỰ THẢO” where they carry no number).
"""
from django.conf import settings

from awards.models import AwardRecord, Nomination
from emulation.documents import DocumentHeader, issue_document, issued_document, render_pdf

DECISION_KIND = "award_decision"
MINUTES_SERIES = "BB-HĐTĐKT"
S = Nomination.Status


def _agency_words():
    return settings.ORGANISATION["name"]


def decision_context(decision, nominations):
    groups = {}
    for nomination in nominations:
        groups.setdefault(nomination.award_type, []).append(nomination)
    return {
        "doc": DocumentHeader(
            type_name="QUYẾT ĐỊNH", summary=decision.summary, number=decision.number, symbol=decision.symbol,
            issue_date=decision.signed_on, signer_lines=decision.signer_title.splitlines(),
            signer_name=decision.signer_name,
            recipients=["- Như Điều 3;", "- Lưu: VT, VP."],
        ),
        "decision": decision, "groups": groups, "agency": _agency_words(),
    }


def archive_decision(decision, nominations, actor):
    """Render the decision once and keep its exact bytes (call inside the issuing transaction)."""
    return issue_document(
        decision, DECISION_KIND, "awards/documents/decision.html", decision_context(decision, nominations),
        number=decision.number, symbol=decision.symbol, issue_date=decision.signed_on,
        title=decision.summary, actor=actor, signer_name=decision.signer_name,
        units=_units_concerned(nominations),
    )


def _units_concerned(nominations):
    """The awarded collectives, the awarded people's units and the proposing units."""
    units = set()
    for nomination in nominations:
        units.add(nomination.unit_id)
        units.add(nomination.nominee_unit_id or nomination.staff.unit_id)
    return sorted(units)


def decision_pdf(decision):
    archived = issued_document(decision, DECISION_KIND)
    if archived is not None:
        return bytes(archived.pdf)
    nominations = decision.nominations.with_related().order_by("award_type__order", "pk")
    return render_pdf("awards/documents/decision.html", decision_context(decision, nominations))


def minutes_pdf(session, chair, secretary):
    votes = list(session.votes.select_related(
        "nomination__award_type", "nomination__staff", "nomination__nominee_unit", "nomination__unit",
    ).order_by("nomination__award_type__order", "pk"))
    return render_pdf("awards/documents/minutes.html", {
        "doc": DocumentHeader(
            type_name="BIÊN BẢN", summary=f"Họp Hội đồng Thi đua - Khen thưởng năm {session.held_on.year}",
            number=session.minutes_number, symbol=MINUTES_SERIES, issue_date=session.held_on,
            parent_authority=settings.ORGANISATION["name"], agency="HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        ),
        "session": session, "present": list(session.present.all()), "written": list(session.written.all()),
        "votes": votes, "chair": chair, "secretary": secretary,
    })


def proposal_pdf(round_, to_province):
    """The tờ trình of `round_`: nominations the council passed, to the Director or to the province."""
    nominations = list(
        Nomination.objects.with_related().select_related("vote").filter(
            round=round_, award_type__authority="forwarded" if to_province else "in_house",
            status__in=[S.FORWARDED, S.DECIDED] if to_province else [S.VOTED, S.APPROVED, S.DECIDED],
        ).order_by("award_type__order", "unit__path", "pk")
    )
    groups = {}
    for nomination in nominations:
        groups.setdefault(nomination.award_type, []).append(nomination)
    recipient = "Chủ tịch Ủy ban nhân dân tỉnh" if to_province else "Giám đốc Sở"
    return render_pdf("awards/documents/proposal.html", {
        "doc": DocumentHeader(
            type_name="TỜ TRÌNH", summary=f"Về việc đề nghị khen thưởng năm {round_.year}",
            symbol=f"TTr-{settings.ORGANISATION['abbreviation']}", year=round_.year, draft=True,
            signer_lines=["GIÁM ĐỐC"] if to_province else ["CHÁNH VĂN PHÒNG"],
            recipients=["- Như trên;", "- Lưu: VT, VP."],
        ),
        "round": round_, "groups": groups, "recipient": recipient, "count": len(nominations),
        "to_province": to_province,
    })


def achievements_pdf(nomination):
    history = []
    if nomination.staff_id:
        history = list(AwardRecord.objects.filter(staff=nomination.staff).select_related("award_type").order_by("year"))
    else:
        history = list(AwardRecord.objects.filter(unit=nomination.nominee_unit).select_related("award_type").order_by("year"))
    return render_pdf("awards/documents/achievements.html", {
        "doc": DocumentHeader(
            type_name="BÁO CÁO THÀNH TÍCH",
            summary=f"Đề nghị tặng {nomination.award_type.name}",
            year=nomination.year, draft=nomination.status not in (S.APPROVED, S.FORWARDED, S.DECIDED),
            agency=nomination.unit.name, parent_authority=settings.ORGANISATION["name"],
        ),
        "nomination": nomination, "initiatives": list(nomination.initiatives.all()), "history": history,
        "content": nomination.frozen or {"achievements": nomination.achievements},
    })


def rollup_pdf(year, rollup):
    """The Department's summary of registrations for `year` (counts per title, units not registered)."""
    return render_pdf("awards/documents/rollup.html", {
        "doc": DocumentHeader(
            type_name="BÁO CÁO", summary=f"Tổng hợp đăng ký thi đua năm {year}", year=year, draft=True,
            symbol=f"BC-{settings.ORGANISATION['abbreviation']}", signer_lines=["CHÁNH VĂN PHÒNG"],
            recipients=["- Giám đốc Sở (báo cáo);", "- Lưu: VT, VP."],
        ),
        "year": year, **rollup,
    })
