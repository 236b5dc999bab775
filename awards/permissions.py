"""Who may do what with awards, built on emulation.permissions (the one place for roles and scopes).

Each predicate states its conditions in its docstring; querysets are scoped by `visible_to(user)` on
the models, so that another unit's object is a 404 before any of these is asked.
"""
from emulation import permissions as core
from emulation.models import Role


def can_view_nominations(user):
    """Office, Director, Deputy Director, administrator, unit heads (own subtree) and council members."""
    return core.sees_all_units(user) or core.is_unit_head(user) or core.is_council_member(user)


def can_propose_for(user, unit):
    """A unit head proposes for their own unit or a sub-unit."""
    return core.is_unit_head(user) and unit is not None and unit.path.startswith(user.unit.path)


def can_edit_nomination(user, nomination):
    """The proposing unit's head, while the nomination is a draft or returned."""
    return nomination.editable and can_propose_for(user, nomination.unit)


def can_decide(user):
    """The Director; a Deputy Director only while a delegation from the Director is in force."""
    from awards.models import Delegation

    role = core.role_of(user)
    if role == Role.DIRECTOR:
        return True
    return role == Role.DEPUTY_DIRECTOR and Delegation.objects.active_for(user).exists()


def can_check(user):
    """The Office checks dossiers, enters council counts, issues decisions and keeps the history."""
    return core.is_office(user)


def can_override(user, nomination):
    """The Office (while checking) and the deciding Director may set a failed rule aside, with a reason."""
    return (core.is_office(user) or can_decide(user)) and nomination.status not in nomination.FINAL


def can_view_history(user):
    """Lookup and history pages: everyone who sees units; unit heads only their subtree."""
    return core.sees_all_units(user) or core.is_unit_head(user)


def can_edit_registration(user, registration):
    return registration.editable and can_propose_for(user, registration.unit)


def can_register(user):
    return core.is_unit_head(user)
