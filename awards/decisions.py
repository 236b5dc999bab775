"""Decisions: issuing one creates the award records of its awardees; recording a higher authority's outcome."""
from django.db import transaction
from django.utils.translation import gettext as _

from awards.disclosure import blocking_reason
from awards.documents import archive_decision
from awards.models import AwardRecord, Decision, Nomination
from awards.money import MoneyError, decision_lines, stored_lines
from emulation.documents import SignAuthority, next_number
from awards.workflow import NOMINATION_WORKFLOW
from emulation.workflow import TransitionError


def _new_record(nomination, **kwargs):
    """The award record of `nomination`, not saved (its derived fields filled by `prepare`)."""
    record = AwardRecord(
        staff=nomination.staff, unit=nomination.nominee_unit, outsider=nomination.outsider,
        holder_unit=nomination.holder_unit,
        award_type=nomination.award_type, year=nomination.year, kind=nomination.round.kind,
        nomination=nomination, **kwargs,
    )
    record.prepare()
    return record


def _record(nomination, **kwargs):
    record = _new_record(nomination, **kwargs)
    record.save()
    return record


def issue_decision(*, round, nominations, symbol, signed_on, signer_name, signer_authority, summary, actor):
    """Create the decision with the next number of its series (emulation.documents), an award record for
    each approved nomination, and the archived PDF; all or nothing (a failure gives the number back).

    The money of each award (awards.money) is computed on the base salary of `signed_on` and fixed on the
    decision (Decision.reward_lines, reward_total).

    Raises TransitionError when a nomination is not approved (e.g. already decided meanwhile), when a
    staff comment on the round's disclosed list waits for the Office's answer (awards.disclosure), or when
    no base salary is recorded for `signed_on`.
    Its cost in queries does not depend on the number of awardees: the nominations are read once with
    what the records need, their transitions and timeline rows and the award records written in bulk.
    """
    pks = [nomination.pk for nomination in nominations]
    if not pks:
        raise TransitionError(_("Choose at least one approved nomination."))
    blocked = blocking_reason(round)  # staff comments on the disclosed list are answered first
    if blocked:
        raise TransitionError(blocked)
    nominations = list(Nomination.objects.with_related().select_related("staff__unit", "round").filter(pk__in=pks)
                       .order_by("award_type__order", "pk"))
    for nomination in nominations:
        if nomination.status != Nomination.Status.APPROVED or nomination.round_id != round.pk:
            raise TransitionError(_("“%(name)s” is not an approved nomination of this round.") % {"name": nomination})
    try:
        lines, total = decision_lines(nominations, signed_on)
    except MoneyError as error:
        raise TransitionError(error.message) from None
    with transaction.atomic():
        decision = Decision.objects.create(
            round=round, number=next_number(symbol, signed_on.year, round.agency_id), symbol=symbol, signed_on=signed_on, signer_name=signer_name,
            signer_authority=signer_authority, summary=summary, created_by=actor,
            reward_total=total, reward_lines=stored_lines(lines),
        )
        decision.nominations.set(nominations)
        NOMINATION_WORKFLOW.perform_many(nominations, "decide", actor=actor, data={"decision": decision.reference})
        AwardRecord.objects.bulk_create([
            _new_record(nomination, decision=decision, decision_number=decision.reference, decision_date=signed_on,
                        issuing_authority=nomination.award_type.deciding_body, source=AwardRecord.Source.HERE)
            for nomination in nominations
        ], batch_size=1000)
        archive_decision(decision, nominations, actor)
    return decision


class OneRoundOnly(TransitionError):
    """The nominations chosen for one decision belong to several rounds."""


def decision_defaults(agency):
    """What a new decision form of `agency` starts with: its “QĐ-…” symbol, the Director signing, the
    usual summary line."""
    return {
        "symbol": agency.symbol("QĐ"), "signer_authority": SignAuthority.DIRECTOR,
        "summary": _("Awarding emulation titles and commendations"),
    }


def issue_decision_for(nominations, *, actor, **fields):
    """Issue one decision for `nominations`, which must all belong to one round (OneRoundOnly otherwise);
    see `issue_decision` for the rest."""
    rounds = {nomination.round for nomination in nominations}
    if len(rounds) != 1:
        raise OneRoundOnly(_("Choose nominations of one round."))
    return issue_decision(round=rounds.pop(), nominations=nominations, actor=actor, **fields)


def record_outcome(nomination, *, awarded, actor, decision_number="", decision_date=None, authority="", reason=""):
    """The higher authority's outcome of a forwarded nomination: an award record, or a refusal with a reason."""
    with transaction.atomic():
        if not awarded:
            return NOMINATION_WORKFLOW.perform(nomination, "province_refuse", actor=actor, reason=reason)
        entry = NOMINATION_WORKFLOW.perform(nomination, "province_award", actor=actor, reason=reason,
                                            data={"decision": decision_number})
        _record(nomination, decision_number=decision_number, decision_date=decision_date,
                issuing_authority=authority or nomination.award_type.deciding_body, source=AwardRecord.Source.PROVINCE)
        return entry
