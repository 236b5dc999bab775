"""The awards documents through the shared machinery (emulation.documents, Decree 30 layout), each
described once as (template, context) and written as PDF or Word from that one description:

- the decision (quyết định) with the list of awardees: issued and archived with the decision;
- the council minutes (biên bản họp Hội đồng), numbered in the council's own series "BB-HĐTĐKT": a draft
  while the session is open, issued and archived when the Office closes the session;
- the proposal (tờ trình) of a round's nominations, to the Director (in-house awards) or to the
  Chairman of the provincial People's Committee (higher awards): a draft until the Office issues it;
- the registration summary (báo cáo tổng hợp đăng ký thi đua) of a year: a draft until issued;
- a nominee's achievements report (báo cáo thành tích, the forms of the decree's appendix for an
  individual and for a collective);
- the award history extract (trích lục) of a person or a unit.
Issued documents are always served from the archive (the exact bytes issued).
"""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import AwardRecord, CouncilMember, Nomination, Outsider, RegistrationSummary, RuleSet
from awards.money import decision_money, fund_owner, money
from emulation.documents import (
    DocumentHeader, Signature, SignAuthority, issue_document, issued_document, next_number, nominee_count,
    render_docx, render_pdf,
)
from emulation.documents.wording import amount_in_words
from emulation.models import Role, User
from emulation.workflow import TransitionError, timeline_of

DECISION_KIND = "award_decision"
MINUTES_KIND = "council_minutes"
PROPOSAL_KINDS = {False: "proposal_in_house", True: "proposal_province"}
ROLLUP_KIND = "registration_summary"
MINUTES_SERIES = "BB-HĐTĐKT"
S = Nomination.Status


def _symbol(prefix, agency):
    return agency.symbol(prefix)


def office_chief_signature(agency, name=None):
    """“TL. GIÁM ĐỐC / CHÁNH VĂN PHÒNG” and the chief of `agency`'s Office (or `name`)."""
    return Signature.of(SignAuthority.OFFICE_CHIEF, agency.office_chief if name is None else name)


def write(spec, fmt="pdf"):
    """The bytes of a (template, context) description as "pdf" or "docx"."""
    template, context = spec
    return render_docx(template, context) if fmt == "docx" else render_pdf(template, context)


def _counts(nominations):
    persons = sum(1 for n in nominations if n.staff_id or (n.outsider_id and n.outsider.individual))
    households = sum(1 for n in nominations if n.outsider_id and n.outsider.kind == Outsider.Kind.HOUSEHOLD)
    return nominee_count(persons, len(nominations) - persons - households, households)


# Decision ---------------------------------------------------------------------------------------------------

def legal_bases(day, agency):
    """What a decision of `agency` signed on `day` cites: the texts of the rule set in force that day (law
    and decree, with number and date), then the agency's local texts (provincial regulation, its functions)."""
    rule_set = RuleSet.objects.in_force_on(day).order_by("-valid_from").first()
    texts = [line.strip() for line in (rule_set.cited_texts if rule_set else "").splitlines() if line.strip()]
    return texts + agency.legal_base_list


def decision_document(decision, nominations):
    """The decision and its annex, in the order of `decision_nominations` whatever the order of `nominations`
    (the archived PDF and the Word twin made later list them alike)."""
    nominations = sorted(nominations, key=lambda n: (n.award_type.order, n.pk))
    groups = {}
    for nomination in nominations:
        groups.setdefault(nomination.award_type, []).append(nomination)
    agency = decision.round.agency
    money_context = _money_context(decision, nominations, agency)
    # With a money article (Điều 2) the article naming who carries the decision out is Điều 4.
    executing = "Điều 4" if money_context["money"] else "Điều 3"
    return "awards/documents/decision.html", {
        "doc": DocumentHeader(
            type_name="QUYẾT ĐỊNH", summary=decision.summary, number=decision.number, symbol=decision.symbol,
            issue_date=decision.signed_on, signature=decision.signature, issuer=agency,
            recipients=[f"- Như {executing};", "- Lưu: VT, VP."],
        ),
        "decision": decision, "groups": groups, "agency": agency.name,
        "bases": legal_bases(decision.signed_on, agency), "count_words": _counts(nominations),
        **money_context,
    }


def _money_context(decision, nominations, agency):
    """The money article and the annex's amount column: each nomination's paid amount (`amount` set on it),
    the total, in figures and in words, and whose fund pays (the agency's, the year of the decision)."""
    lines, total = decision_money(decision, nominations)
    if lines is None:
        return {"money": False}
    for nomination in nominations:
        line = lines.get(nomination.pk, {})
        nomination.amount = line.get("paid") or 0
        nomination.amount_text = money(nomination.amount)
        nomination.amount_note = line.get("note", "")
    return {"money": bool(total), "total": money(total), "total_words": amount_in_words(total),
            "fund_owner": fund_owner(agency), "fund_year": decision.signed_on.year}


def archive_decision(decision, nominations, actor):
    """Render the decision once and keep its exact bytes (call inside the issuing transaction)."""
    template, context = decision_document(decision, nominations)
    return issue_document(
        decision, DECISION_KIND, template, context, number=decision.number, symbol=decision.symbol,
        issue_date=decision.signed_on, title=decision.summary, actor=actor, signer_name=decision.signer_name,
        units=_units_concerned(nominations),
    )


def _units_concerned(nominations):
    """The awarded collectives, the awarded people's units and the proposing units."""
    units = set()
    for nomination in nominations:
        units.add(nomination.unit_id)
        units.add(nomination.holder_unit_id)
    return sorted(units)


def decision_nominations(decision):
    return decision.nominations.with_related().order_by("award_type__order", "pk")


def decision_pdf(decision):
    archived = issued_document(decision, DECISION_KIND)
    if archived is not None:
        return bytes(archived.pdf)
    return write(decision_document(decision, decision_nominations(decision)))


def decision_docx(decision):
    return write(decision_document(decision, decision_nominations(decision)), "docx")


# Council minutes ----------------------------------------------------------------------------------------------

def minutes_document(session):
    present = list(session.present.all())
    officers = {member.position: member.full_name for member in present}
    votes = list(session.votes.select_related(
        "nomination__award_type", "nomination__staff", "nomination__nominee_unit", "nomination__outsider", "nomination__unit",
    ).order_by("nomination__award_type__order", "pk"))
    for vote in votes:
        vote.share = share_percent(vote.votes_for, session.total_members)
    paper = list(session.paper_tallies.select_related("nomination__staff", "nomination__nominee_unit", "nomination__outsider").order_by("pk"))
    chair = officers.get(CouncilMember.Position.CHAIR, "")
    secretary = officers.get(CouncilMember.Position.SECRETARY, "")
    agency = session.round.agency
    if agency.kind == "province":  # the provincial council, under the UBND tỉnh
        parent, council, summary = f"ỦY BAN NHÂN DÂN TỈNH {agency.place.upper()}", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH", \
            f"Họp Hội đồng Thi đua - Khen thưởng tỉnh năm {session.held_on.year}"
    else:
        parent, council, summary = agency.name, "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", \
            f"Họp Hội đồng Thi đua - Khen thưởng năm {session.held_on.year}"
    return "awards/documents/minutes.html", {
        "doc": DocumentHeader(
            type_name="BIÊN BẢN", summary=summary,
            # A draft prints no number: the minutes take theirs when the session is closed and they are issued.
            number=session.minutes_number if session.is_closed else None, symbol=MINUTES_SERIES,
            issue_date=session.held_on,
            parent_authority=parent, agency=council,
            place=session.round.agency.place,
            draft=not session.is_closed,
            left_signature=Signature("THƯ KÝ", secretary), signature=Signature("CHỦ TỌA", chair),
        ),
        "session": session, "present": present, "written": list(session.written.all()),
        "votes": votes, "chair": chair, "secretary": secretary, "paper": paper,
        "council_name": council.capitalize().replace("thi đua - khen thưởng", "Thi đua - Khen thưởng"),
    }


def share_percent(part, total):
    """`part` of `total` in per cent with one decimal, as the minutes print it (a string, e.g. "88,9")."""
    if not total:
        return "0"
    return f"{part * 100 / total:.1f}".replace(".", ",").replace(",0", "")


def issue_minutes(session, actor):
    """Issue and archive the minutes of a session being closed (`awards.voting.close_session`)."""
    template, context = minutes_document(session)
    return issue_document(
        session, MINUTES_KIND, template, context, number=session.minutes_number, symbol=MINUTES_SERIES,
        issue_date=session.held_on, title=context["doc"].summary, actor=actor,
        units=_units_concerned([vote.nomination for vote in context["votes"]]),
    )


def minutes_pdf(session):
    archived = issued_document(session, MINUTES_KIND) if session.is_closed else None
    return bytes(archived.pdf) if archived is not None else write(minutes_document(session))


def minutes_docx(session):
    return write(minutes_document(session), "docx")


# Tờ trình ---------------------------------------------------------------------------------------------------

def proposal_nominations(round_, to_province):
    return list(
        Nomination.objects.with_related().with_agency_vote(session=True).filter(
            round=round_, award_type__authority="forwarded" if to_province else "in_house",
            status__in=[S.FORWARDED, S.DECIDED] if to_province else [S.VOTED, S.APPROVED, S.DECIDED],
        ).order_by("award_type__order", "unit__path", "pk")
    )


def proposal_document(round_, to_province, *, issued=None, signature=None):
    """The tờ trình; `issued` (an IssuedDocument or a dict with number and issue_date) fills the number and
    date, otherwise it is a draft."""
    nominations = proposal_nominations(round_, to_province)
    groups = {}
    for nomination in nominations:
        groups.setdefault(nomination.award_type, []).append(nomination)
    recipient = "Chủ tịch Ủy ban nhân dân tỉnh" if to_province else "Giám đốc Sở"
    number, issue_date = _issued_fields(issued)
    agency = round_.agency
    if signature is None:
        signature = (Signature.of(SignAuthority.DIRECTOR, _director_name(agency)) if to_province
                     else office_chief_signature(agency))
    return "awards/documents/proposal.html", {
        "doc": DocumentHeader(
            type_name="TỜ TRÌNH", summary=f"Về việc đề nghị khen thưởng năm {round_.year}", issuer=agency,
            symbol=_symbol("TTr", agency), number=number, issue_date=issue_date, draft=number is None,
            signature=signature, recipients=["- Như trên;", "- Lưu: VT, VP."],
        ),
        "round": round_, "groups": groups, "recipient": recipient, "count_words": _counts(nominations),
        "to_province": to_province,
    }


def _issued_fields(issued):
    if issued is None:
        return None, None
    if isinstance(issued, dict):
        return issued["number"], issued["issue_date"]
    return issued.number, issued.issue_date


def _issue_numbered(subject, kind, prefix, build, *, agency, issue_date, actor, title, units=()):
    """Number a document in `agency`'s series for the issue year, render it with that number and archive it."""
    with transaction.atomic():
        if issued_document(subject, kind) is not None:
            raise TransitionError(_("This document has already been issued."))
        number = next_number(_symbol(prefix, agency), issue_date.year, agency)
        template, context = build({"number": number, "issue_date": issue_date})
        return issue_document(subject, kind, template, context, number=number, symbol=_symbol(prefix, agency),
                              issue_date=issue_date, title=title, actor=actor, units=units)


def issue_proposal(round_, to_province, *, issue_date, signature, actor):
    """Issue the tờ trình: next number of the TTr series, the date, archived. Refused when empty."""
    nominations = proposal_nominations(round_, to_province)
    if not nominations:
        raise TransitionError(_("There is no nomination to propose."))
    return _issue_numbered(
        round_, PROPOSAL_KINDS[to_province], "TTr",
        lambda issued: proposal_document(round_, to_province, issued=issued, signature=signature),
        agency=round_.agency, issue_date=issue_date, actor=actor, title=f"Tờ trình đề nghị khen thưởng năm {round_.year}",
        units=_units_concerned(nominations),
    )


def proposal_file(round_, to_province, fmt="pdf"):
    archived = issued_document(round_, PROPOSAL_KINDS[to_province])
    if archived is not None and fmt == "pdf":
        return bytes(archived.pdf)
    return write(proposal_document(round_, to_province, issued=archived), fmt)


# Registration summary ----------------------------------------------------------------------------------------

def rollup_document(year, rollup, agency, *, issued=None, signature=None):
    number, issue_date = _issued_fields(issued)
    return "awards/documents/rollup.html", {
        "doc": DocumentHeader(
            type_name="BÁO CÁO", summary=f"Tổng hợp đăng ký thi đua năm {year}", number=number, issuer=agency,
            issue_date=issue_date, draft=number is None, symbol=_symbol("BC", agency),
            signature=signature or office_chief_signature(agency),
            recipients=["- Giám đốc Sở (báo cáo);", "- Lưu: VT, VP."],
        ),
        "year": year, **rollup,
    }


def issue_rollup(year, rollup, agency, *, issue_date, signature, actor):
    summary, _created = RegistrationSummary.objects.get_or_create(year=year, agency=agency)
    return _issue_numbered(
        summary, ROLLUP_KIND, "BC", lambda issued: rollup_document(year, rollup, agency, issued=issued, signature=signature),
        agency=agency, issue_date=issue_date, actor=actor, title=f"Tổng hợp đăng ký thi đua năm {year}",
    )


def rollup_issued(year, agency):
    summary = RegistrationSummary.objects.filter(year=year, agency=agency).first()
    return issued_document(summary, ROLLUP_KIND) if summary else None


def rollup_file(year, rollup, agency, fmt="pdf"):
    archived = rollup_issued(year, agency)
    if archived is not None and fmt == "pdf":
        return bytes(archived.pdf)
    return write(rollup_document(year, rollup, agency, issued=archived), fmt)


# Báo cáo thành tích -------------------------------------------------------------------------------------------

def _director_name(agency):
    """The name of `agency`'s Director (its active Director login), who signs what goes to the province."""
    director = User.objects.filter(role=Role.DIRECTOR, agency=agency, is_active=True).order_by("pk").first()
    return director.get_full_name() if director else ""


def unit_head_name(unit):
    """The name of `unit`'s head (its first active unit-head login), who signs the unit's documents."""
    head = User.objects.filter(role=Role.UNIT_HEAD, unit=unit, is_active=True).order_by("pk").first()
    return head.get_full_name() if head else ""


def _report_date(nomination):
    """The day the unit last submitted the nomination (the report's date), once it has left the unit."""
    if nomination.status in Nomination.EDITABLE:
        return None
    submitted = [entry.at for entry in timeline_of(nomination) if entry.action == "submit"]
    return timezone.localtime(submitted[-1]).date() if submitted else None


def achievements_document(nomination):
    """The form of the decree's appendix: for an individual (Mẫu báo cáo thành tích cá nhân: personal
    details, achievements, awards received) signed by the person and confirmed by the unit head; for a
    collective (đặc điểm tình hình, achievements, awards) signed by the unit head and confirmed by the
    Department. The award history stops at the nomination's year and leaves out the nominated award."""
    records = AwardRecord.objects.filter(year__lte=nomination.year).exclude(nomination=nomination)
    if nomination.outsider_id:
        records = records.filter(outsider=nomination.outsider_id)
    else:
        records = records.filter(staff=nomination.staff) if nomination.staff_id else records.filter(unit=nomination.nominee_unit)
    history = list(records.select_related("award_type").order_by("year", "award_type__order"))
    titles = [r for r in history if r.award_type.category == "title"]
    forms = [r for r in history if r.award_type.category != "title"]
    head = unit_head_name(nomination.unit)
    if nomination.outsider_id:
        # Written by the outside nominee (a household by its head), confirmed by the unit that proposes it.
        outsider = nomination.outsider
        left = Signature("THỦ TRƯỞNG ĐƠN VỊ ĐỀ NGHỊ", head, note="(Xác nhận, đề nghị; ký, đóng dấu)")
        signs_by_name = outsider.individual or outsider.kind == Outsider.Kind.HOUSEHOLD
        right = Signature("NGƯỜI BÁO CÁO THÀNH TÍCH" if signs_by_name else "THỦ TRƯỞNG ĐƠN VỊ",
                          outsider.name if signs_by_name else "",
                          note="(Ký, ghi rõ họ và tên)" if signs_by_name else "(Ký, đóng dấu)")
        summary = f"Đề nghị tặng {nomination.award_type.name} cho {outsider.display_name}"
    elif nomination.staff_id:
        left = Signature("THỦ TRƯỞNG ĐƠN VỊ", head, note="(Xác nhận, đề nghị; ký, đóng dấu)")
        right = Signature("NGƯỜI BÁO CÁO THÀNH TÍCH", nomination.staff.full_name, note="(Ký, ghi rõ họ và tên)")
        summary = f"Đề nghị tặng {nomination.award_type.name}"
    else:
        left = Signature("XÁC NHẬN CỦA CẤP TRÌNH KHEN", "", note="(Ký, đóng dấu)")
        right = Signature("THỦ TRƯỞNG ĐƠN VỊ", head or unit_head_name(nomination.nominee_unit), note="(Ký, đóng dấu)")
        summary = f"Đề nghị tặng {nomination.award_type.name} cho {nomination.nominee_unit.name}"
    issue_date = _report_date(nomination)
    return "awards/documents/achievements.html", {
        "doc": DocumentHeader(
            type_name="BÁO CÁO THÀNH TÍCH", summary=summary, issue_date=issue_date,
            draft=nomination.status not in (S.APPROVED, S.FORWARDED, S.DECIDED),
            agency=nomination.unit.name, parent_authority=nomination.unit.agency.name,
            place=nomination.unit.agency.place,
            left_signature=left, signature=right,
        ),
        "nomination": nomination, "initiatives": list(nomination.initiatives.filter(year__lte=nomination.year)),
        "titles": titles, "forms": forms, "content": nomination.frozen or {"achievements": nomination.achievements},
    }


def achievements_file(nomination, fmt="pdf"):
    return write(achievements_document(nomination), fmt)


# Award history extract ----------------------------------------------------------------------------------------

#: How the extract names a person: by their gender when it is recorded.
ADDRESS = {"male": "ông", "female": "bà"}


def history_document(subject, records, *, is_unit):
    """The official extract of a person's, a unit's or an outside nominee's award history, dated today,
    signed by the Office. A person is “ông” or “bà” as their gender is recorded (“ông/bà” only when it is not)."""
    outsider = isinstance(subject, Outsider)
    if outsider:
        # "Hộ gia đình ông (bà) …" and the names of enterprises and collectives are written as they are.
        who = f"ông/bà {subject.display_name}" if subject.individual else subject.display_name
    else:
        who = f"tập thể {subject.name}" if is_unit else f"{ADDRESS.get(subject.gender, 'ông/bà')} {subject.full_name}"
    agency = subject.agency if is_unit or outsider else subject.unit.agency
    return "awards/documents/history.html", {
        "doc": DocumentHeader(
            type_name="TRÍCH LỤC", summary=f"Quá trình khen thưởng của {who}",
            issue_date=timezone.localdate(), signature=office_chief_signature(agency), issuer=agency,
            recipients=["- Người đề nghị trích lục;", "- Lưu: VT, VP."],
        ),
        "subject": subject, "records": list(records), "is_unit": is_unit, "outsider": outsider,
    }


def history_file(subject, records, *, is_unit, fmt="pdf"):
    return write(history_document(subject, records, is_unit=is_unit), fmt)
