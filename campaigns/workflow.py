"""The plan's workflow: draft → submitted → returned (with a reason) / approved → issued → closed.

The Office drafts, submits, issues and closes; the Director or a Deputy Director approves or returns.
Issuing gives the plan its number in the year's “KH-<agency>” series, freezes it and archives its PDF
(emulation.documents), all in one transaction. Every transition is written on the plan's timeline.
"""
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import rules
from campaigns.models import PlanStatus
from emulation.documents import issue_document, next_number
from emulation.workflow import Transition, TransitionError, Workflow

PLAN_DOCUMENT_KIND = "plan"


def _office(user, plan):
    return rules.can_manage_plans(user)


def _director(user, plan):
    return rules.can_decide_plan(user)


def _period_over(user, plan):
    return rules.can_manage_plans(user) and date.today().year >= plan.year_to


PLAN_WORKFLOW = Workflow([
    Transition((PlanStatus.DRAFT, PlanStatus.RETURNED), "submit", PlanStatus.SUBMITTED,
               gettext_lazy("Submit to the Director"), _office),
    Transition((PlanStatus.SUBMITTED,), "approve", PlanStatus.APPROVED, gettext_lazy("Approve"), _director,
               style="success"),
    Transition((PlanStatus.SUBMITTED,), "return", PlanStatus.RETURNED, gettext_lazy("Return for changes"),
               _director, reason_required=True, style="warning"),
    Transition((PlanStatus.APPROVED,), "issue", PlanStatus.ISSUED, gettext_lazy("Issue (assign the number)"),
               _office, style="success"),
    Transition((PlanStatus.ISSUED,), "close", PlanStatus.CLOSED, gettext_lazy("Close (period ended)"),
               _period_over, style="secondary"),
])


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
    from campaigns.documents import plan_document_context

    issue_date = issue_date or date.today()
    with transaction.atomic():
        number = next_number(plan.symbol, issue_date.year)
        PLAN_WORKFLOW.perform(
            plan, "issue", actor=actor, data={"number": number},
            changes={"number": number, "number_year": issue_date.year, "issue_date": issue_date},
        )
        return issue_document(
            plan, PLAN_DOCUMENT_KIND, "campaigns/plan_document.html", plan_document_context(plan),
            number=number, symbol=plan.symbol, issue_date=issue_date, title=plan.title, actor=actor,
            signer_name=plan.signer_name,
        )


def close_plan(plan, actor):
    return PLAN_WORKFLOW.perform(plan, "close", actor=actor)


ACTIONS = {"submit": submit_plan, "approve": approve_plan, "issue": issue_plan, "close": close_plan}


def perform(plan, action, actor, reason=""):
    """Perform `action` (one of the workflow's) on `plan` as `actor`; raises TransitionError."""
    if action == "return":
        return return_plan(plan, actor, reason)
    if action not in ACTIONS:
        raise TransitionError(_("This action is not possible now: the status is “%(status)s”.")
                              % {"status": plan.get_status_display()})
    return ACTIONS[action](plan, actor)
