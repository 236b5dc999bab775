"""The province level: what an agency forwards reaches its provincial standing body electronically.

When an agency's Director forwards a nomination (awards.workflow, action "forward") and the agency has a
province (`Agency.province`), `awards.receipt.receive` creates its `Forwarding` (received): the province then reads the
same nomination, its dossier, the round's tờ trình and the council minutes where they are. The province's
Office checks it (thẩm định) through FORWARDING_WORKFLOW: accept, return to the agency with a reason, or ask
for more documents; the agency's Office completes the dossier and forwards it again. The provincial council
votes online on the accepted ones with the agencies' council machinery (a session of the province's own
round, awards.voting; `record_council_results`); the Chủ tịch decides the ones it passed in bulk (`issue_province_decision`): a decision numbered in the province's series with
the header of the UBND tỉnh, the nominations decided and their award records written in the history of
the forwarding agency (source PROVINCE). Every change notifies the other side.
"""
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

from awards import rules
from awards.receipt import notify_change
from awards.documents import legal_bases, _counts, _units_concerned
from awards.models import AwardRecord, Forwarding, Nomination, ProvinceDecision
from emulation.documents import DocumentHeader, issue_document, issued_document, next_number, render_docx, render_pdf
from emulation.models import Agency, Unit
from emulation.workflow import Transition, TransitionError, Workflow
from awards.workflow import NOMINATION_WORKFLOW

F = Forwarding.Status
PROVINCE_DECISION_KIND = "province_award_decision"
#: The symbol of the decisions of the Chủ tịch UBND tỉnh; numbered in the province agency's own series.
PROVINCE_DECISION_SYMBOL = "QĐ-UBND"

FORWARDING_WORKFLOW = Workflow([
    Transition((F.RECEIVED,), "review", F.REVIEWING, gettext_lazy("Start the review"), rules.can_review_forwarded),
    Transition((F.RECEIVED, F.REVIEWING), "accept", F.ACCEPTED, gettext_lazy("Accept (review passed)"),
               rules.can_review_forwarded, style="success"),
    Transition((F.RECEIVED, F.REVIEWING), "ask_documents", F.MORE_DOCUMENTS, gettext_lazy("Ask for more documents"),
               rules.can_review_forwarded, reason_required=True, style="warning"),
    Transition((F.RECEIVED, F.REVIEWING), "return", F.RETURNED, gettext_lazy("Return to the agency"),
               rules.can_review_forwarded, reason_required=True, style="danger"),
    Transition((F.RETURNED, F.MORE_DOCUMENTS), "forward_again", F.RECEIVED, gettext_lazy("Forward to the province again"),
               rules.can_forward_again),
    # The provincial council's result, when the province's Office closes its session (awards.voting).
    Transition((F.ACCEPTED,), "council_pass", F.PASSED, gettext_lazy("Passed by the provincial council"),
               rules.can_record_province_council, button=False),
    Transition((F.ACCEPTED,), "council_fail", F.NOT_PASSED, gettext_lazy("Not passed by the provincial council"),
               rules.can_record_province_council, button=False),
    Transition((F.PASSED,), "decide", F.DECIDED, gettext_lazy("Decided by the province"), rules.can_decide_forwarded,
               button=False),
])

def act(forwarding, action, *, actor, reason="", note=""):
    """One step of the province's check (or the agency's forwarding again): the workflow engine performs
    it; a return or a request keeps its reason on the dossier; the other side is told."""
    reason = (reason or note or "").strip()
    changes = {"reason": reason} if action in {"return", "ask_documents"} else None
    with transaction.atomic():
        entry = FORWARDING_WORKFLOW.perform(forwarding, action, actor=actor, reason=reason, changes=changes)
        notify_change(forwarding, action, entry_key=entry.pk, reason=reason)
    return entry


def record_council_results(votes, *, actor, data):
    """The provincial council's results (awards.voting, when the province's Office closes a session of the
    province's round): each dossier passed moves to "passed by the provincial council" (the Chủ tịch may
    decide it), each not passed ends there and its nomination is not awarded; every move is one workflow
    step of all the dossiers together, and the agency's Office is told."""
    by_nomination = {f.nomination_id: f for f in Forwarding.objects.select_related("agency").filter(
        nomination__in=[vote.nomination.pk for vote in votes])}
    passed = [by_nomination[vote.nomination.pk] for vote in votes if vote.passed]
    failed = [by_nomination[vote.nomination.pk] for vote in votes if not vote.passed]
    nominations = {vote.nomination.pk: vote.nomination for vote in votes}
    for forwarding in passed + failed:  # the nomination objects the caller holds (their cached relations)
        forwarding.nomination = nominations[forwarding.nomination_id]
        forwarding.nomination.forwarding = forwarding
    entries = FORWARDING_WORKFLOW.perform_many(passed, "council_pass", actor=actor,
                                               data=lambda f: data[f.nomination_id])
    entries += FORWARDING_WORKFLOW.perform_many(failed, "council_fail", actor=actor,
                                                data=lambda f: data[f.nomination_id])
    NOMINATION_WORKFLOW.perform_many([f.nomination for f in failed], "province_council_refuse", actor=actor,
                                     data=lambda n: data[n.pk])
    offices = {}
    for forwarding, entry in zip(passed + failed, entries):
        notify_change(forwarding, "council_pass" if forwarding.status == F.PASSED else "council_fail",
                      entry_key=entry.pk, offices=offices)


# The decision of the Chủ tịch UBND tỉnh --------------------------------------------------------------------

def province_authority(province):
    """“ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI”: in whose name the province decides."""
    return f"ỦY BAN NHÂN DÂN TỈNH {province.place.upper()}"


def province_chairman(province):
    """“Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi”: who issued a province's award, as a sentence writes it
    (“tỉnh” in lower case; the place's name as the agency spells it)."""
    return f"Chủ tịch Ủy ban nhân dân tỉnh {province.place}"


def decision_defaults(province):
    return {"signed_on": timezone.localdate(), "signer_authority": ProvinceDecision.Authority.CHAIRMAN,
            "summary": _("Awarding commendations proposed by the agencies")}


def agency_names(agency_ids):
    """{agency key: the name of its top unit as written in a sentence (“Sở Y tế”)}; the agency's name on
    documents (in capitals) when it has no unit."""
    names = {}
    for unit in Unit.objects.filter(agency_id__in=agency_ids, parent__isnull=True).select_related("agency").order_by(
            "-order", "-pk"):
        names[unit.agency_id] = unit.name
    for agency in Agency.objects.filter(pk__in=set(agency_ids) - set(names)):
        names[agency.pk] = agency.name
    return names


#: The Law on the Organisation of Local Government a Chủ tịch's decision cites, by the day it took effect:
#: Law 77/2015/QH13, then Law 65/2025/QH15 (in force 1 March 2025), then Law 72/2025/QH15 (1 July 2025).
LOCAL_GOVERNMENT_LAWS = [
    (date(2025, 7, 1), "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"),
    (date(2025, 3, 1), "Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025"),
    (date(2016, 1, 1), "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"),
]


def local_government_law(day):
    """The law in force on `day`, with its date, as a basis cites it."""
    return next((text for since, text in LOCAL_GOVERNMENT_LAWS if day >= since), LOCAL_GOVERNMENT_LAWS[-1][1])


def decision_document(decision, nominations):
    """The decision and its annex; the people in the order of `decision_nominations` whatever the order of
    `nominations`, so that the archived PDF and every later Word twin list them alike."""
    nominations = sorted(nominations, key=lambda n: (n.award_type.order, n.round.agency_id, n.pk))
    groups = {}
    for nomination in nominations:
        groups.setdefault(nomination.award_type, []).append(nomination)
    province = decision.agency
    authority = province_authority(province)
    names = agency_names({n.round.agency_id for n in nominations})
    for nomination in nominations:
        nomination.agency_label = names.get(nomination.round.agency_id, "")
    return "awards/documents/province_decision.html", {
        "doc": DocumentHeader(
            type_name="QUYẾT ĐỊNH", summary=decision.summary, number=decision.number, symbol=decision.symbol,
            issue_date=decision.signed_on, signature=decision.signature, issuer=province,
            parent_authority=" ", agency=authority,
            recipients=["- Như Điều 3;", "- Ban Thi đua - Khen thưởng tỉnh;", "- Lưu: VT."],
        ),
        "decision": decision, "groups": groups, "authority": authority,
        "years": sorted({n.year for n in nominations}), "bases": legal_bases(decision.signed_on, province),
        "local_government_law": local_government_law(decision.signed_on),
        "count_words": _counts(nominations),
        "agencies": sorted(set(names.values())),
    }


def decision_nominations(decision):
    return Nomination.objects.with_related().select_related("round__agency").filter(
        forwarding__decision=decision).order_by("award_type__order", "round__agency_id", "pk")


def decision_file(decision, fmt="pdf"):
    if fmt == "pdf":
        archived = issued_document(decision, PROVINCE_DECISION_KIND)
        if archived is not None:
            return bytes(archived.pdf)
    template, context = decision_document(decision, decision_nominations(decision))
    return render_docx(template, context) if fmt == "docx" else render_pdf(template, context)


def issue_province_decision(forwardings, *, actor, signed_on, signer_name, signer_authority, summary):
    """The Chủ tịch's decision for `forwardings` the provincial council passed (of any agencies of the province): numbered in the
    province's own series, every dossier decided (one workflow step each, performed together), every
    nomination decided in its agency, an award record in each person's or unit's history (source
    PROVINCE, the decision's number), the PDF archived, each agency told. All or nothing."""
    forwardings = list(Forwarding.objects.with_related().select_related("nomination__round__agency", "nomination__staff__unit")
                       .filter(pk__in=[f.pk for f in forwardings]).order_by("pk"))
    if not forwardings:
        raise TransitionError(_("Choose at least one accepted dossier."))
    if not rules.can_issue_province_decision(actor):
        raise TransitionError(_("You are not allowed to do this."))
    province = actor.agency
    for forwarding in forwardings:
        if forwarding.status != F.PASSED or forwarding.province_id != province.pk:
            raise TransitionError(_("“%(name)s” is not a dossier of this province passed by the provincial council.")
                                  % {"name": forwarding})
    nominations = [forwarding.nomination for forwarding in forwardings]

    with transaction.atomic():
        decision = ProvinceDecision.objects.create(
            agency=province, number=next_number(PROVINCE_DECISION_SYMBOL, signed_on.year, province),
            symbol=PROVINCE_DECISION_SYMBOL, signed_on=signed_on, signer_name=signer_name,
            signer_authority=signer_authority, summary=summary, created_by=actor)
        data = {"decision": decision.reference}
        FORWARDING_WORKFLOW.perform_many(forwardings, "decide", actor=actor, data=data)
        Forwarding.objects.filter(pk__in=[f.pk for f in forwardings]).update(decision=decision)
        for forwarding in forwardings:
            forwarding.decision = decision
        NOMINATION_WORKFLOW.perform_many(nominations, "province_decide", actor=actor, data=data)
        records = []
        for nomination in nominations:
            record = AwardRecord(
                staff=nomination.staff, unit=nomination.nominee_unit, outsider=nomination.outsider,
                holder_unit=nomination.holder_unit,
                award_type=nomination.award_type, year=nomination.year, kind=nomination.round.kind,
                nomination=nomination, decision_number=decision.reference, decision_date=signed_on,
                issuing_authority=province_chairman(province), source=AwardRecord.Source.PROVINCE)
            record.prepare()
            records.append(record)
        AwardRecord.objects.bulk_create(records, batch_size=1000)
        template, context = decision_document(decision, nominations)
        issue_document(decision, PROVINCE_DECISION_KIND, template, context, number=decision.number,
                       symbol=decision.symbol, issue_date=signed_on, title=summary, actor=actor,
                       signer_name=signer_name, units=_units_concerned(nominations))
        offices = {}
        for forwarding in forwardings:
            notify_change(forwarding, "decide", entry_key=f"decision-{decision.pk}", decision=decision.reference,
                          offices=offices)
    return decision
