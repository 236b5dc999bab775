"""Who may see and change plans (the campaigns part of emulation.permissions' one-place rule).

- Read: every logged-in role reads issued and closed plans (they are official documents addressed to
  every unit); drafts, submitted, returned and approved plans are read only by the Office (and the
  administrator) and the Director or a Deputy Director.
- Edit the text of a draft or returned plan, submit, issue, close, copy, correct: the Office.
- Approve or return a submitted plan: the Director or a Deputy Director.
"""
from emulation.permissions import is_director, is_office


def sees_draft_plans(user):
    return is_office(user) or is_director(user)


def scope_plans(queryset, user):
    from campaigns.models.plan import PUBLISHED_STATUSES

    if not user or not user.is_authenticated:
        return queryset.none()
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
    """Approve or return a submitted plan: the Director or a Deputy Director."""
    return is_director(user)
