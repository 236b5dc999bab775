"""Who may do what: the one place every view asks.

Roles (DESIGN.md §5): the administrator, the Office and the Director/Deputy Director see every unit; a
unit head sees their own unit and its sub-units; a council member sees nominations of open rounds; a
staff member sees their own record. Querysets are scoped here (`scope_by_unit`), never ad hoc in views.
"""
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from emulation.models import Delegation, Role, Unit

ALL_UNITS_ROLES = {Role.ADMIN, Role.OFFICE, Role.DIRECTOR, Role.DEPUTY_DIRECTOR}


def role_of(user):
    if not user or not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMIN
    return user.role


def is_admin(user):
    return role_of(user) == Role.ADMIN


def is_office(user):
    """Office staff; the administrator can do everything the Office does."""
    return role_of(user) in {Role.OFFICE, Role.ADMIN}


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


def is_unit_head(user):
    return role_of(user) == Role.UNIT_HEAD and user.unit_id is not None


def is_council_member(user):
    return role_of(user) == Role.COUNCIL


def sees_all_units(user):
    """Administrator, Office, Director and Deputy Director see every unit's data."""
    return role_of(user) in ALL_UNITS_ROLES


def own_staff_id(user):
    record = getattr(user, "staff_record", None) if user and user.is_authenticated else None
    return record.pk if record else None


def unit_path_prefix(user):
    """The path prefix of the subtree a unit head may see, or None."""
    return user.unit.path if is_unit_head(user) else None


def scope_by_unit(queryset, user, unit_field="unit"):
    """Rows of `queryset` whose unit (reached through `unit_field`) the user may see."""
    if sees_all_units(user):
        return queryset
    prefix = unit_path_prefix(user)
    if prefix:
        return queryset.filter(**{f"{unit_field}__path__startswith": prefix})
    return queryset.none()


def scope_units(queryset, user):
    if sees_all_units(user):
        return queryset
    prefix = unit_path_prefix(user)
    return queryset.filter(path__startswith=prefix) if prefix else queryset.none()


def scope_staff(queryset, user):
    """Everyone for the all-units roles, the subtree for a unit head, one's own record otherwise."""
    if sees_all_units(user) or is_unit_head(user):
        return scope_by_unit(queryset, user)
    staff_id = own_staff_id(user)
    return queryset.filter(Q(pk=staff_id)) if staff_id else queryset.none()


def can_view_units(user):
    return sees_all_units(user) or is_unit_head(user)


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
    """Create, edit and import staff: the Office everywhere; a unit head within their own subtree."""
    if is_office(user):
        return True
    if unit is not None and is_unit_head(user):
        return unit.path.startswith(user.unit.path)
    return False


def managed_units(user):
    """The units whose records `user` may create or change (forms and imports): None means every unit
    (the Office and the administrator); a unit head's own subtree; nothing for anyone else."""
    if is_office(user):
        return None
    return scope_units(Unit.objects.filter(active=True), user) if is_unit_head(user) else Unit.objects.none()


def require(allowed):
    """Raise PermissionDenied (403) unless `allowed` is true."""
    if not allowed:
        raise PermissionDenied
