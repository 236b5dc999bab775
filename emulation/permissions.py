"""Who may do what: the one place every view asks.

Roles (DESIGN.md §5): the administrator, the Office and the Director/Deputy Director see every unit; a
unit head sees their own unit and its sub-units; a council member sees nominations of open rounds; a
staff member sees their own record. Querysets are scoped here (`scope_by_unit`), never ad hoc in views.
"""
from django.core.exceptions import PermissionDenied

from emulation.models import Delegation, Role, Unit
# The scoping layer sits below the models (they scope their querysets with it); its names are part of this
# module's API: views and rules ask `emulation.permissions`, never `emulation.scoping`.
from emulation.scoping import (  # noqa: F401
    ALL_UNITS_ROLES, agency_id_of, forwarded_to, scope_agenda, is_council_member, is_office, object_agency_id, is_province_user, is_unit_head, own_staff_id, role_of, same_agency, scope_by_agency,
    scope_by_unit, scope_forwardings, scope_staff, scope_units, sees_all_units, sent_up_to, unit_path_prefix,
)
from django.contrib.auth import get_user_model


def is_admin(user):
    return role_of(user) == Role.ADMIN


def is_director(user):
    """The Director or a Deputy Director (what they see; what they may decide is `acts_for_director`)."""
    return role_of(user) in {Role.DIRECTOR, Role.DEPUTY_DIRECTOR}


def is_the_director(user):
    """The Director alone."""
    return role_of(user) == Role.DIRECTOR


def acts_for_director(user):
    """Decides as the Director (approve or return a plan, decide on nominations): the Director; a Deputy
    Director only while a delegation from the Director is in force today (`Delegation.active_for`)."""
    role = role_of(user)
    if role == Role.DIRECTOR:
        return True
    return role == Role.DEPUTY_DIRECTOR and Delegation.objects.active_for(user).exists()


def can_view_units(user):
    return sees_all_units(user) or is_unit_head(user)


def can_set_up_agency(user):
    """The page "Thiết lập cơ quan" (emulation.agency_setup): the Office and the administrator of an agency,
    about their own agency only (a login of no agency has none to set up)."""
    return is_office(user) and agency_id_of(user) is not None


def can_manage_units(user):
    """Create, edit, rename, merge and import units: the Office and the administrator."""
    return is_office(user)


def can_view_staff_list(user):
    return sees_all_units(user) or is_unit_head(user)


def can_add_staff(user):
    """Create or import staff: the Office anywhere, a unit head within their subtree (each row is then
    checked with `can_manage_staff` against the person's unit)."""
    return is_office(user) or is_unit_head(user)


def can_manage_staff(user, unit=None):
    """Create, edit and import staff: the Office everywhere in its agency; a unit head within their own
    subtree."""
    if unit is not None and not same_agency(user, unit.agency_id):
        return False
    if is_office(user):
        return True
    if unit is not None and is_unit_head(user):
        return unit.path.startswith(user.unit.path)
    return False


def can_manage_logins(user):
    """See and keep the logins of one's agency (emulation.logins: create, reset a password, unlock,
    deactivate): the Office and the administrator of an agency; another agency's logins stay out of reach
    (`scope_logins`)."""
    return is_office(user) and agency_id_of(user) is not None


def can_change_login(user, login):
    """Reset the password of, unlock, deactivate `login` (of the user's agency, `scope_logins`): the Office
    for the logins below the administrator; an administrator's login only by an administrator, a
    superuser's only by a superuser (whoever resets a password may log in with it)."""
    if not can_manage_logins(user) or not same_agency(user, login.agency_id):
        return False
    if login.is_superuser:
        return user.is_superuser
    return login.role != Role.ADMIN or is_admin(user)


def scope_logins(queryset, user):
    """The logins of the user's agency."""
    return scope_by_agency(queryset, user)


def managed_units(user):
    """The units whose records `user` may create or change (forms and imports): None means every unit of
    the user's agency (the Office and the administrator; imports check the agency themselves, units created
    earlier in the same file included); a unit head's own subtree; nothing for anyone else."""
    if is_office(user):
        return None
    return scope_units(Unit.objects.filter(active=True), user) if is_unit_head(user) else Unit.objects.none()


def scope_choices(form, user):
    """Keep every choice of `form` that names a unit, a person, a login or any row with `visible_to`
    inside what `user` sees (their agency first): a form never offers another agency's rows. Returns `form`."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        if queryset.model is get_user_model():
            field.queryset = scope_by_agency(queryset, user)
        elif hasattr(queryset, "visible_to"):
            field.queryset = queryset.visible_to(user)
    return form


def require(allowed):
    """Raise PermissionDenied (403) unless `allowed` is true."""
    if not allowed:
        raise PermissionDenied
