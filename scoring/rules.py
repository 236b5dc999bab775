"""Who may see and do what in scoring, on top of emulation.permissions. Views only call these.

- Scoring tables: the all-units roles of the agency read them (and the ranking); unit heads read the
  tables in scoring or issued (they score against them). The Office makes, changes (while being prepared),
  opens and issues them. Another agency sees nothing (the agency is the first filter of every scope).
- Self-assessments: a unit head sees and writes only their own unit's (and its sub-units'); the all-units
  roles see every unit's of their agency. The unit head submits it; the Office reviews it (changes a
  score only with a reason, returns it, sends it to the Director); the Director (a Deputy Director with a
  delegation in force) approves it or sends it back to the Office; the unit answers the changes once.
"""
from emulation.permissions import (
    acts_for_director, is_office, is_unit_head, same_agency, scope_by_agency, scope_by_unit, sees_all_units,
)


def can_view_scoring(user):
    return sees_all_units(user) or is_unit_head(user)


def can_manage_tables(user):
    return is_office(user)


def scope_tables(queryset, user):
    if not user or not user.is_authenticated:
        return queryset.none()
    queryset = scope_by_agency(queryset, user)
    if sees_all_units(user):
        return queryset
    if is_unit_head(user):
        return queryset.exclude(status="draft")
    return queryset.none()


def scope_assessments(queryset, user):
    if not user or not user.is_authenticated or not (sees_all_units(user) or is_unit_head(user)):
        return queryset.none()
    return scope_by_unit(queryset, user)


def heads_unit(user, unit):
    """The user is the head of `unit` or of a unit above it, in its agency."""
    return is_unit_head(user) and same_agency(user, unit.agency_id) and unit.path.startswith(user.unit.path)


def can_write_assessment(user, assessment):
    """Write and submit the self-assessment: the unit's head, while it is with the unit."""
    return assessment.is_editable and heads_unit(user, assessment.unit)


def can_submit_assessment(user, assessment):
    return heads_unit(user, assessment.unit)


def can_review(user, assessment=None):
    """Change scores (with a reason), return, send to the Director: the Office of the agency."""
    return is_office(user) and (assessment is None or same_agency(user, assessment.unit.agency_id))


def can_approve(user, assessment=None):
    return acts_for_director(user)


def can_answer(user, assessment):
    """The unit answers the Office's changes once, before the result is approved."""
    return heads_unit(user, assessment.unit)


def can_view_ranking(user):
    """The ranking of the whole agency: the all-units roles."""
    return sees_all_units(user)
