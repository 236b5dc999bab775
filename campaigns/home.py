"""What campaigns contribute to the home page (“Việc cần làm”): cards with a count and a link.

Plans: the Office's drafts, returned plans and approved plans to issue; the plans waiting for the
Director's decision. Unit reports: a unit head's reports to write and to correct and the nearest
deadline; a delegated staff member's reports; the Office's reports waiting for review.
(Background jobs, when they come, go elsewhere: these are not tasks in that sense.)
"""
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns import rules
from campaigns.models import Plan, PlanStatus, ReportingPeriod, ReportStatus, UnitReport
from campaigns.models.reports import AWAITING_REVIEW, EDITABLE_STATUSES
from campaigns.report_board import overdue_and_returned
from emulation import calendar
from emulation.agency_setup import Need
from emulation.navigation import Task
from emulation.models import Unit
from emulation.permissions import is_office, is_unit_head, scope_units

# Plans ----------------------------------------------------------------------------------------------


def plan_tasks(user):
    """Office: drafts and returned plans to work on, approved plans to issue. Director: plans to decide."""
    url = reverse("campaigns:plan_list")
    if rules.can_manage_plans(user):
        counts = Plan.objects.visible_to(user).aggregate(
            drafts=Count("pk", filter=Q(status=PlanStatus.DRAFT)),
            returned=Count("pk", filter=Q(status=PlanStatus.RETURNED)),
            approved=Count("pk", filter=Q(status=PlanStatus.APPROVED)),
        )
        tasks = []
        if counts["returned"]:
            tasks.append(Task(_("Plans returned by the Director"), f"{url}?status=returned", counts["returned"],
                              urgent=True))
        if counts["drafts"]:
            tasks.append(Task(_("Draft plans"), f"{url}?status=draft", counts["drafts"]))
        if counts["approved"]:
            tasks.append(Task(_("Approved plans to issue"), f"{url}?status=approved", counts["approved"], urgent=True))
        return tasks
    if rules.can_decide_plan(user):
        waiting = Plan.objects.visible_to(user).filter(status=PlanStatus.SUBMITTED).count()
        if waiting:
            return [Task(_("Plans waiting for your approval"), f"{url}?status=submitted", waiting, urgent=True)]
    return []


# Unit reports ---------------------------------------------------------------------------------------


def unit_head_tasks(user):
    board = reverse("campaigns:report_board")
    today = calendar.today()
    # The same scopes as the board's and the report list's: the head's units of their agency.
    required = list(
        ReportingPeriod.units.through.objects.filter(
            unit__in=scope_units(Unit.objects.all(), user), reportingperiod__start__lte=today
        ).values_list("reportingperiod_id", "unit_id", "reportingperiod__due", "reportingperiod__name")
    )
    reports = {
        (period_id, unit_id): (pk, status)
        for pk, period_id, unit_id, status in UnitReport.objects.visible_to(user)
        .values_list("pk", "period_id", "unit_id", "status")
    }
    states = {key: status for key, (_pk, status) in reports.items()}
    to_write = [(due, unit_id != user.unit_id, name, period_id, unit_id) for period_id, unit_id, due, name in required
                if states.get((period_id, unit_id), ReportStatus.DRAFT) == ReportStatus.DRAFT]
    to_fix = sum(1 for status in states.values() if status == ReportStatus.RETURNED)
    tasks = [
        Task(_("Reports to write"), _report_due_now(to_write, reports) or board, len(to_write),
             _("opens the report due first") if to_write else _("not yet submitted"),
             urgent=any(due < today for due, *_rest in to_write)),
        Task(_("Reports to correct"), f"{board}?state=returned", to_fix, _("returned by the Office"), urgent=bool(to_fix)),
    ]
    if to_write:
        due, _other, name, *_ids = min(to_write)
        state = calendar.due_state(due, today)
        tasks.append(Task(_("Next deadline"), _report_due_now(to_write, reports), None,
                          _("%(period)s: due %(date)s, %(left)s") % {
                              "period": name, "date": due.strftime("%d/%m/%Y"), "left": state.text},
                          urgent=state.overdue or state.days_left <= 3))
    return tasks


def _report_due_now(to_write, reports):
    """Where "Reports to write" leads: the report due first (the unit's own before its sub-units'),
    its form when it exists, else the page that starts it; None when nothing is to write."""
    if not to_write:
        return None
    _due, _other, _name, period_id, unit_id = min(to_write)
    existing = reports.get((period_id, unit_id))
    if existing:
        return reverse("campaigns:report_edit", args=[existing[0]])
    return reverse("campaigns:report_open", args=[period_id, unit_id])


def report_tasks(user):
    if is_unit_head(user):
        return unit_head_tasks(user)
    tasks = []
    if is_office(user):
        waiting = UnitReport.objects.visible_to(user).filter(status__in=AWAITING_REVIEW).count()
        tasks.append(Task(_("Reports to review"), reverse("campaigns:report_board") + "?state=submitted", waiting,
                          _("submitted by units")))
        late, returned = overdue_and_returned(user)  # what the board shows: the same scopes
        board = reverse("campaigns:report_board")
        tasks.append(Task(_("Overdue reports"), f"{board}?state=overdue", late, _("not submitted by the due date: remind them"),
                          urgent=bool(late)))
        tasks.append(Task(_("Returned reports"), f"{board}?state=returned", returned, _("waiting for the unit's correction")))
    elif rules.is_board_reader(user):
        tasks.append(Task(_("Unit reports"), reverse("campaigns:report_board"), None, _("who has reported")))
    elif user.is_authenticated:
        delegated = list(UnitReport.objects.visible_to(user).filter(status__in=EDITABLE_STATUSES).select_related("period"))
        for report in delegated:
            tasks.append(Task(_("Report to write"), reverse("campaigns:report_edit", args=[report.pk]), None,
                              str(report.period)))
    return tasks


def setup_needs(user, agency):
    """The agency's set-up (emulation.agency_setup): a plan, then its reporting periods."""
    plans = Plan.objects.visible_to(user).count()
    periods = ReportingPeriod.objects.visible_to(user).count()
    return [
        Need(_("A plan"), plans > 0, _("%(count)d plans") % {"count": plans},
             reverse("campaigns:plan_list"), _("Write the first plan")),
        Need(_("Reporting periods"), periods > 0, _("%(count)d periods") % {"count": periods},
             reverse("campaigns:period_list"), _("Create the reporting periods of the plan")),
    ]
