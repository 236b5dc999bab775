"""The workflows of nominations and registrations: a table of transitions and the functions that act.

Nomination: draft → submitted (unit head) → checked (Office passes to the council; or returned with a
reason) → voted (Office records the council result) → approved (Director, in-house awards) or forwarded
(Director, higher awards) or rejected (Director, with a reason) → decided (a decision issued here, the
province's decision in this system — awards.forwarding — or its outcome typed in by the Office).
Approving or forwarding freezes the content.
"""
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from awards.eligibility import evaluate_nomination
from awards.models import Nomination, Registration
from awards.receipt import receive
from awards.rules import (
    can_act_for_own_agency, can_check, can_decide, can_decide_forwarded, can_edit_nomination, can_edit_registration,
    can_propose_for, can_record_province_council, forwarding_of,
)
from emulation.notifications import notify_transitions, office_users, unit_heads, with_reason
from emulation.workflow import Transition, TransitionError, Workflow

S = Nomination.Status
DIRECTOR_ACTIONS = ("approve", "forward", "reject")


def _nomination_changed(changes):
    """Who hears of nominations' changes of state: the Office of the round's agency when the Director
    decided (approve, forward, reject), the proposing unit's heads whenever its state changed. Set-wise:
    the nominations with what their messages name in one query, the recipients in two."""
    changes = [(nomination, entry) for nomination, entry in changes if entry.from_status != entry.to_status]
    if not changes:
        return
    loaded = Nomination.objects.select_related("round", "award_type", "staff", "nominee_unit", "outsider").in_bulk(
        [nomination.pk for nomination, _entry in changes])
    changes = [(loaded[nomination.pk], entry) for nomination, entry in changes]
    offices = office_users(n.round.agency_id for n, entry in changes if entry.action in DIRECTOR_ACTIONS)
    heads = unit_heads(n.unit_id for n, _entry in changes)
    messages = []
    for nomination, entry in changes:
        link = reverse("awards:nomination_detail", args=[nomination.pk])
        names = {"nominee": nomination.nominee_name, "award": nomination.award_type,
                 "status": nomination.get_status_display()}
        if entry.action in DIRECTOR_ACTIONS:
            text = gettext("The Director's decision on the nomination of %(nominee)s (%(award)s): %(status)s.") % names
            messages.append((offices.get(nomination.round.agency_id, []), with_reason(text, entry), link, entry))
        text = gettext("The nomination of %(nominee)s (%(award)s) is now: %(status)s.") % names
        messages.append((heads.get(nomination.unit_id, []), with_reason(text, entry), link, entry))
    notify_transitions(messages)


def _registration_changed(changes):
    """The unit's heads hear of every change of state of their registration."""
    changes = [(registration, entry) for registration, entry in changes if entry.from_status != entry.to_status]
    if not changes:
        return
    heads = unit_heads(registration.unit_id for registration, _entry in changes)
    notify_transitions([
        (heads.get(registration.unit_id, []), with_reason(gettext(
            "The registration of %(unit)s for %(year)s is now: %(status)s.") % {
            "unit": registration.unit, "year": registration.year, "status": registration.get_status_display()}, entry),
         reverse("awards:registration_detail", args=[registration.pk]), entry)
        for registration, entry in changes])


def council_and_law_allow(nomination):
    """The legal gate of approving or forwarding: a recorded council vote that passed (the share of the
    council's total membership, NĐ 98/2023 Điều 30.7), and every failed eligibility condition set aside
    with a recorded reason (absolute conditions cannot be). None when allowed, else the reason."""
    vote = nomination.agency_vote
    if vote is None:
        return _("The council has not voted on this nomination.")
    if not vote.passed:
        return _("The council vote did not pass (%(for)s for, %(needed)s needed): the nomination can only be "
                 "rejected.") % {"for": vote.votes_for, "needed": vote.needed}
    failed = evaluate_nomination(nomination).failed
    if failed:
        return _("Conditions not met and not set aside: %(conditions)s.") % {
            "conditions": "; ".join(str(check.requirement) for check in failed)
        }
    return None


NOMINATION_WORKFLOW = Workflow([
    Transition((S.DRAFT, S.RETURNED), "submit", S.SUBMITTED, _("Submit to the Office"), can_edit_nomination),
    Transition((S.SUBMITTED,), "pass", S.CHECKED, _("Pass to the council"), lambda user, n: can_check(user), style="success"),
    Transition((S.SUBMITTED,), "return", S.RETURNED, _("Return to the unit"), lambda user, n: can_check(user),
               reason_required=True, style="warning"),
    Transition((S.CHECKED,), "record_vote", S.VOTED, _("Council result recorded"), lambda user, n: can_check(user),
               button=False),
    Transition((S.VOTED,), "approve", S.APPROVED, _("Approve"), lambda user, n: can_decide(user) and n.award_type.in_house,
               style="success", condition=council_and_law_allow),
    Transition((S.VOTED,), "forward", S.FORWARDED, _("Forward to the higher authority"),
               lambda user, n: can_decide(user) and not n.award_type.in_house, style="success",
               condition=council_and_law_allow),
    Transition((S.VOTED,), "reject", S.REJECTED, _("Reject"), lambda user, n: can_decide(user),
               reason_required=True, style="danger"),
    Transition((S.APPROVED,), "decide", S.DECIDED, _("Decision issued"), lambda user, n: can_check(user),
               button=False),
    Transition((S.FORWARDED,), "province_award", S.DECIDED, _("Awarded by the higher authority"),
               lambda user, n: can_act_for_own_agency(user, n), button=False),
    # The dossier package sent to the province (reports.dossier): a timeline entry, the status stays.
    Transition((S.FORWARDED,), "send_dossier", S.FORWARDED, _("Dossier package sent to the higher authority"),
               lambda user, n: can_act_for_own_agency(user, n), button=False),
    # A draft created from a unit's list (awards.resources.NominationResource): a timeline entry naming
    # the file and row, the status stays.
    Transition((S.DRAFT,), "import", S.DRAFT, _("Created from an imported list"),
               lambda user, n: can_check(user) or can_propose_for(user, n.unit), button=False),
    # The decision of the Chủ tịch UBND tỉnh on a dossier forwarded in this system (awards.forwarding).
    Transition((S.FORWARDED,), "province_decide", S.DECIDED, _("Decided by the province"),
               lambda user, n: can_decide_forwarded(user, forwarding_of(n)), button=False),
    Transition((S.FORWARDED,), "province_council_refuse", S.REJECTED, _("Not passed by the provincial council"),
               lambda user, n: can_record_province_council(user, forwarding_of(n)), button=False),
    Transition((S.FORWARDED,), "province_refuse", S.REJECTED, _("Not awarded by the higher authority"),
               lambda user, n: can_act_for_own_agency(user, n), reason_required=True, style="danger", button=False),
], on_transition=_nomination_changed)
# button=False: done through their own form (vote counts in awards.voting, decisions and the province's
# outcome in awards.decisions); the generic `act/` endpoint refuses them (issue 9, hole 2).

FREEZING_ACTIONS = {"approve", "forward"}


def act(nomination, action, *, actor, note="", data=None, reason=""):
    """The one entry of the nomination workflow: perform `action` on `nomination`; approving or forwarding
    freezes its content. `reason` and `note` are the same thing (the generic view helper passes `reason`).
    Raises TransitionError."""
    changes = {"frozen": nomination.snapshot()} if action in FREEZING_ACTIONS else None
    with transaction.atomic():
        entry = NOMINATION_WORKFLOW.perform(nomination, action, actor=actor, reason=note or reason, data=data,
                                            changes=changes)
        if action == "forward":  # the province receives it (when the agency has one in this system)
            receive(nomination, actor=actor)
    return entry


def act_on_many(nominations, action, *, actor, note=""):
    """The Director's bulk action: each nomination on its own; returns (done, [(nomination, message)]).
    The notifications are grouped (`Workflow.grouped`): each person hears once of all that was done."""
    if action not in DIRECTOR_ACTIONS:
        raise TransitionError(_("This action cannot be done on several nominations at once."))
    done, failed = [], []
    with NOMINATION_WORKFLOW.grouped():  # each person hears once of the whole set (one e-mail)
        for nomination in nominations:
            try:
                with transaction.atomic():
                    act(nomination, action, actor=actor, note=note)
            except TransitionError as error:
                failed.append((nomination, error.message))
            else:
                done.append(nomination)
    return done, failed


R = Registration.Status

REGISTRATION_WORKFLOW = Workflow([
    Transition((R.DRAFT, R.RETURNED), "submit", R.SUBMITTED, _("Submit to the Office"), can_edit_registration),
    Transition((R.SUBMITTED,), "receive", R.RECEIVED, _("Receive"), lambda user, r: can_check(user), style="success"),
    Transition((R.SUBMITTED,), "return", R.RETURNED, _("Return to the unit"), lambda user, r: can_check(user),
               reason_required=True, style="warning"),
], on_transition=_registration_changed)


def act_on_registration(registration, action, *, actor, reason=""):
    """The one entry of the registration workflow; raises TransitionError."""
    return REGISTRATION_WORKFLOW.perform(registration, action, actor=actor, reason=reason)
