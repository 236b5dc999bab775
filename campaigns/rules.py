"""Who may see and do what in campaigns (plans, reporting periods, unit reports), on top of
emulation.permissions. Every rule of the app is a named predicate here; views only call these.

Plans
- Read: every logged-in role reads issued and closed plans (they are official documents addressed to
  every unit); drafts, submitted, returned and approved plans are read only by the Office (and the
  administrator) and the Director or a Deputy Director.
- Edit the text of a draft or returned plan, submit, issue, close, copy, correct: the Office.
- Approve or return a submitted plan: the Director; a Deputy Director only while a delegation is in
  force (emulation.permissions.acts_for_director), as for every decision of the Director.

Periods and unit reports
- Periods: the Office creates and changes them; everyone who sees reports sees their periods.
- Reports: the Office, the Director and Deputy Directors see every unit's reports; a unit head sees
  the reports of their unit and its sub-units; a staff member sees only the reports the unit head
  delegated to them. Outside that scope a report (and its files) is a 404.
- Edit a draft or returned report: the unit head, a delegated staff member, or the Office on the
  unit's behalf (recorded as such). Submit or resubmit: the unit head or the Office on the unit's behalf
  (a delegate writes, the unit head signs off).
- Return (with a reason) or accept a submitted report: the Office.
- The follow-up board: the Office and the Director (every unit), unit heads (their own units).
"""
from campaigns.enums import PUBLISHED_STATUSES
from emulation.permissions import (
    acts_for_director, is_director, is_office, is_unit_head, same_agency, scope_by_agency, scope_by_unit,
    sees_all_units, unit_path_prefix,
)

# Plans ----------------------------------------------------------------------------------------------


def sees_draft_plans(user):
    return is_office(user) or is_director(user)


def scope_plans(queryset, user):
    """The plans of the user's agency: all of them for the Office and the Director, the published ones for
    everyone else."""
    if not user or not user.is_authenticated:
        return queryset.none()
    queryset = scope_by_agency(queryset, user, "issuer")
    if sees_draft_plans(user):
        return queryset
    return queryset.filter(status__in=PUBLISHED_STATUSES)


def can_view_plans(user):
    return bool(user and user.is_authenticated)


def can_manage_plans(user):
    """Create, edit, submit, issue, close and copy plans: the Office."""
    return is_office(user)


def can_edit_plan(user, plan):
    return is_office(user) and plan.is_editable


def can_decide_plan(user):
    """Approve or return a submitted plan: the Director; a Deputy Director only with a delegation in force."""
    return acts_for_director(user)


# Periods and unit reports ---------------------------------------------------------------------------


def heads_unit(user, unit):
    """The user is the head of `unit` or of a unit above it."""
    return is_unit_head(user) and same_agency(user, unit.agency_id) and unit.path.startswith(user.unit.path)


def scope_reports(queryset, user):
    if not user or not user.is_authenticated:
        return queryset.none()
    if sees_all_units(user) or is_unit_head(user):
        return scope_by_unit(queryset, user)
    # A delegated writer: the reports they were given, of their own agency's units only.
    return scope_by_agency(queryset.filter(delegates=user), user, "unit__agency")


def scope_periods(queryset, user):
    if not user or not user.is_authenticated:
        return queryset.none()
    queryset = scope_by_agency(queryset, user, "plan__issuer")
    if sees_all_units(user):
        return queryset
    prefix = unit_path_prefix(user)
    if prefix:
        return queryset.filter(units__path__startswith=prefix).distinct()
    return queryset.filter(reports__delegates=user).distinct()


def can_manage_periods(user):
    return is_office(user)


def can_view_board(user):
    return sees_all_units(user) or is_unit_head(user)


def can_view_periods(user):
    return sees_all_units(user)


def writes_on_behalf(user, unit):
    """The Office writing or submitting a report of `unit` it does not head: recorded as "entered by the
    Office on the unit's behalf"."""
    return is_office(user) and same_agency(user, unit.agency_id) and not heads_unit(user, unit)


def can_write_for(user, unit):
    """Start or edit a report of `unit`: its head (or a head above it) or the Office of its agency."""
    return (is_office(user) and same_agency(user, unit.agency_id)) or heads_unit(user, unit)


def can_edit_report(user, report):
    if not report.is_editable:
        return False
    return can_write_for(user, report.unit) or report.delegates.filter(pk=user.pk).exists()


def can_submit_report(user, report):
    return can_write_for(user, report.unit)


def can_review_reports(user):
    """The Office (and the administrator): the board of its agency's unit reports, reminders, returns."""
    return is_office(user)


def can_review_report(user, report):
    """The Office (and the administrator) of the report's own agency (its unit's): accept, return, open."""
    return is_office(user) and same_agency(user, report.unit.agency_id)


def can_delegate(user, report):
    return heads_unit(user, report.unit) and report.is_editable


def is_board_reader(user):
    return is_office(user) or is_director(user)
