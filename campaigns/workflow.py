"""The campaigns app's two workflows, each with its one entry: plans and unit reports.

Plan: draft → submitted → returned (with a reason) / approved → issued → closed. The Office drafts,
submits, issues and closes; the Director or a Deputy Director approves or returns. Issuing gives the plan its number in the year's
“KH-<agency>” series, freezes it and archives its PDF (emulation.documents), all in one transaction.

Unit report: draft → submitted → returned (with a reason and the items to correct) → resubmitted →
accepted. The unit (or the Office on its behalf) submits; the Office returns or accepts.

Views reach both through `act_on_plan` / `act_on_report` (button actions, via
emulation.workflow_views.perform_from_post) or through the named functions (forms). Every transition is
written on the object's timeline.
"""
from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import reporting, rules
from campaigns.documents import PLAN_DOCUMENT_KIND, plan_document_context
from campaigns.models import PlanStatus, ReportStatus, ReportVersion, UnitReport
from emulation import calendar
from emulation.documents import issue_document, next_number
from emulation.notifications import notify_transitions, office_users, tell_the_office, unit_heads
from emulation.phrases import CONFIRM_ACCEPT_REPORT, CONFIRM_ISSUE, CONFIRM_SUBMIT_TO_DIRECTOR
from emulation.workflow import Transition, TransitionError, Workflow

# Plans ----------------------------------------------------------------------------------------------


def _office(user, plan):
    return rules.can_manage_plans(user)


def _director(user, plan):
    return rules.can_decide_plan(user)


def _period_over(user, plan):
    return rules.can_manage_plans(user) and date.today().year >= plan.year_to


def _plan_message(plan, entry):
    if entry.action == "approve":
        return _("The Director approved the plan “%(plan)s”.") % {"plan": plan}
    return _("The Director returned the plan “%(plan)s” for changes.") % {"plan": plan}


PLAN_WORKFLOW = Workflow([
    Transition((PlanStatus.DRAFT, PlanStatus.RETURNED), "submit", PlanStatus.SUBMITTED,
               gettext_lazy("Submit to the Director"), _office, confirm=CONFIRM_SUBMIT_TO_DIRECTOR),
    Transition((PlanStatus.SUBMITTED,), "approve", PlanStatus.APPROVED, gettext_lazy("Approve"), _director,
               style="success"),
    Transition((PlanStatus.SUBMITTED,), "return", PlanStatus.RETURNED, gettext_lazy("Return for changes"),
               _director, reason_required=True, style="warning"),
    Transition((PlanStatus.APPROVED,), "issue", PlanStatus.ISSUED, gettext_lazy("Issue (assign the number)"),
               _office, style="success", confirm=CONFIRM_ISSUE),
    Transition((PlanStatus.ISSUED,), "close", PlanStatus.CLOSED, gettext_lazy("Close (period ended)"),
               _period_over, style="secondary"),
], on_transition=tell_the_office({"approve", "return"}, _plan_message, "campaigns:plan_detail"))


def submit_plan(plan, actor):
    """Submit a draft or returned plan to the Director. Refused while it has no content item or signer."""
    if not plan.content_items.exists():
        raise TransitionError(_("Add at least one content item before submitting the plan."))
    if not plan.signer_name:
        raise TransitionError(_("Fill in who signs the plan before submitting it."))
    return PLAN_WORKFLOW.perform(plan, "submit", actor=actor)


def approve_plan(plan, actor):
    return PLAN_WORKFLOW.perform(plan, "approve", actor=actor)


def return_plan(plan, actor, reason):
    return PLAN_WORKFLOW.perform(plan, "return", actor=actor, reason=reason)


def issue_plan(plan, actor, issue_date=None):
    """Issue an approved plan: next number of its series in the issue year, status issued, PDF archived.

    One transaction: if rendering or archiving fails, the number is given back and the plan stays
    approved. Returns the IssuedDocument.
    """
    issue_date = issue_date or date.today()
    with transaction.atomic():
        number = next_number(plan.symbol, issue_date.year, plan.issuer_id)
        PLAN_WORKFLOW.perform(
            plan, "issue", actor=actor, data={"number": number},
            changes={"number": number, "number_year": issue_date.year, "issue_date": issue_date},
        )
        return issue_document(
            plan, PLAN_DOCUMENT_KIND, "campaigns/plan_document.html", plan_document_context(plan),
            number=number, symbol=plan.symbol, issue_date=issue_date, title=plan.title, actor=actor,
            signer_name=plan.signer_name,
        )


def issue_warnings(plan):
    """What an issued plan normally has and `plan` lacks: the law does not require these parts, so the
    Office may issue without them, but only after confirming (act_on_plan's `confirmed`)."""
    warnings = []
    if not plan.goals.exists():
        warnings.append(_("The part “Mục đích, yêu cầu” (purposes and requirements) is empty."))
    if not plan.recipients.exists():
        warnings.append(_("“Nơi nhận” (who receives the plan) is empty."))
    return warnings


def close_plan(plan, actor):
    return PLAN_WORKFLOW.perform(plan, "close", actor=actor)


PLAN_ACTIONS = {"submit": submit_plan, "approve": approve_plan, "issue": issue_plan, "close": close_plan}


def act_on_plan(plan, action, *, actor, reason="", confirmed=False):
    """The one entry of the plan workflow for button actions; raises TransitionError. Issuing a plan with
    `issue_warnings` is refused, saying what is empty, unless `confirmed`."""
    if action == "issue" and not confirmed and (warnings := issue_warnings(plan)):
        raise TransitionError(" ".join([*warnings, _(
            "Check the plan; to issue it anyway, tick “I have checked; continue anyway” and press the button again.")]))
    if action == "return":
        return return_plan(plan, actor, reason)
    if action not in PLAN_ACTIONS:
        raise TransitionError(_("This action is not possible now: the status is “%(status)s”.")
                              % {"status": plan.get_status_display()})
    return PLAN_ACTIONS[action](plan, actor)


# Unit reports ---------------------------------------------------------------------------------------

RS = ReportStatus

def _unit_head(user, report):
    return rules.heads_unit(user, report.unit)


def _not_opened(report):
    if report.opened_at is not None:
        return _("The Office has already opened this report, so it can no longer be withdrawn. If something "
                 "must change, ask the Office to return it to you.")
    return None


def _report_changed(changes):
    """Who hears of unit reports' changes, once they have committed (as every workflow's hook): the Office
    of the unit's agency of a submission (with the unit's note), the unit's heads of a return (with its
    reason) or an acceptance. Set-wise: each person hears once."""
    submitted = [(r, e) for r, e in changes if e.action in ("submit", "resubmit")]
    answered = [(r, e) for r, e in changes if e.action in ("return", "accept")]
    offices = office_users(report.unit.agency_id for report, _entry in submitted)
    heads = unit_heads(report.unit_id for report, _entry in answered)
    messages = []
    for report, entry in submitted:
        text = _("%(unit)s submitted the report “%(period)s”%(late)s.") % {
            "unit": report.unit, "period": report.period, "late": _(" (late)") if entry.data.get("late") else ""}
        if entry.reason:
            text = _("%(text)s Note from the unit: %(note)s") % {"text": text, "note": entry.reason}
        messages.append((offices.get(report.unit.agency_id, []), text, report_url(report), entry))
    for report, entry in answered:
        if entry.action == "return":
            text = _("The Office returned the report “%(period)s” of %(unit)s: %(reason)s") % {
                "period": report.period, "unit": report.unit, "reason": entry.reason}
        else:
            text = _("The Office accepted the report “%(period)s” of %(unit)s.") % {
                "period": report.period, "unit": report.unit}
        messages.append((heads.get(report.unit_id, []), text, report_url(report), entry))
    notify_transitions(messages)


REPORT_WORKFLOW = Workflow([
    Transition((RS.DRAFT,), "submit", RS.SUBMITTED, gettext_lazy("Submit"),
               rules.can_submit_report),
    Transition((RS.RETURNED,), "resubmit", RS.RESUBMITTED, gettext_lazy("Resubmit"),
               rules.can_submit_report),
    Transition((RS.SUBMITTED, RS.RESUBMITTED), "accept", RS.ACCEPTED, gettext_lazy("Accept"),
               rules.can_review_report, style="success", confirm=CONFIRM_ACCEPT_REPORT),
    Transition((RS.SUBMITTED, RS.RESUBMITTED), "return", RS.RETURNED, gettext_lazy("Return for correction"),
               rules.can_review_report, reason_required=True, style="warning", button=False),
    # Undo: the unit head takes the report back until the Office opens it (mark_opened).
    Transition((RS.SUBMITTED,), "withdraw", RS.DRAFT, gettext_lazy("Withdraw"), _unit_head,
               style="outline-secondary", condition=_not_opened),
    Transition((RS.RESUBMITTED,), "withdraw", RS.RETURNED, gettext_lazy("Withdraw"), _unit_head,
               style="outline-secondary", condition=_not_opened),
], on_transition=_report_changed)


def mark_opened(report, user):
    """The Office's first look at a report awaiting review: from then on the unit can no longer withdraw
    it. Only the first opening after a submission is kept (a conditional update)."""
    if report.opened_at is None and report.awaits_review and rules.can_review_report(user, report):
        now = timezone.now()
        if UnitReport.objects.filter(pk=report.pk, opened_at__isnull=True).update(opened_at=now):
            report.opened_at = now


def report_url(report):
    return reverse("campaigns:report_detail", args=[report.pk])


def submit_report(report, *, actor, note=""):
    """Submit (or, after a return, resubmit) the report: freeze a version, mark it late when the local
    date is past the due date, clear the "to correct" marks and notify the Office. `note` is the unit's
    word to the Office (why some items are empty, an answer to a return): kept as the timeline entry's
    reason and repeated in the Office's notification."""
    note = (note or "").strip()
    action = "resubmit" if report.status == RS.RETURNED else "submit"
    now = timezone.now()
    late = calendar.today() > report.period.due
    on_behalf = rules.writes_on_behalf(actor, report.unit)
    with transaction.atomic():
        number = report.versions.count() + 1
        changes = {"version": report.version + 1, "updated_by": actor, "return_reason": "", "opened_at": None}
        if action == "submit":
            changes.update(submitted_at=now, late=late)
        if on_behalf:
            changes["entered_by_office"] = True
        REPORT_WORKFLOW.perform(report, action, actor=actor, changes=changes, reason=note,
                         data={"version": number, "late": late, "on_behalf": on_behalf})
        ReportVersion.objects.create(
            report=report, number=number, snapshot=reporting.snapshot(report), author=actor, submitted_at=now,
            late=late, on_behalf=on_behalf,
        )
        report.items.filter(to_fix=True).update(to_fix=False)
    return report


def return_report(report, *, actor, reason, items_to_fix=None):
    """Return the report to the unit with a reason; `items_to_fix` maps content item ids to a note (may
    be empty): the unit sees exactly those items marked. Notifies the unit heads."""
    items_to_fix = items_to_fix or {}
    with transaction.atomic():
        REPORT_WORKFLOW.perform(report, "return", actor=actor, reason=reason,
                         changes={"return_reason": reason.strip(), "version": report.version + 1},
                         data={"items": sorted(items_to_fix)})
        for progress in report.items.filter(item_id__in=items_to_fix):
            progress.to_fix = True
            progress.fix_note = items_to_fix[progress.item_id]
            progress.save(update_fields=["to_fix", "fix_note"])
        report.items.exclude(item_id__in=items_to_fix).update(to_fix=False, fix_note="")
    return report


def accept_report(report, *, actor):
    """Accept the report: it is frozen from now on. Notifies the unit heads."""
    REPORT_WORKFLOW.perform(report, "accept", actor=actor)
    return report


def act_on_report(report, action, *, actor, reason=""):
    """The one entry of the unit-report workflow for button actions (submit, resubmit, accept); a return
    goes through `return_report` with its form. Raises TransitionError."""
    if action in ("submit", "resubmit"):
        return submit_report(report, actor=actor)
    if action == "accept":
        return accept_report(report, actor=actor)
    if action == "withdraw":
        return REPORT_WORKFLOW.perform(report, "withdraw", actor=actor)
    raise TransitionError(_("This action is not possible now: the status is “%(status)s”.")
                          % {"status": report.get_status_display()})
