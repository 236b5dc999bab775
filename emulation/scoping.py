"""Who sees which rows: the roles' scopes, below the models (whose `visible_to` querysets use them) and
re-exported by emulation.permissions, the one place views and rules ask.

The administrator, the Office, the Director and a Deputy Director see every unit; a unit head sees their
own unit and its sub-units; a staff member sees their own record.
"""
from django.db.models import Q

from emulation.enums import Role

ALL_UNITS_ROLES = {Role.ADMIN, Role.OFFICE, Role.DIRECTOR, Role.DEPUTY_DIRECTOR}


def role_of(user):
    if not user or not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMIN
    return user.role


def is_office(user):
    """Office staff; the administrator can do everything the Office does."""
    return role_of(user) in {Role.OFFICE, Role.ADMIN}


def is_unit_head(user):
    return role_of(user) == Role.UNIT_HEAD and user.unit_id is not None


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
