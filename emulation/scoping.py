"""Who sees which rows: the roles' scopes, below the models (whose `visible_to` querysets use them) and
re-exported by emulation.permissions, the one place views and rules ask.

The tenant boundary is drawn here and only here: every scope is first the user's agency (a login belongs
to one agency, `User.agency`; a row belongs to one through its unit, round or plan, or its own `agency`
column), then the role's part of it. Inside their agency the administrator, the Office, the Director and
a Deputy Director see every unit; a unit head sees their own unit and its sub-units; a staff member sees
their own record. Nobody sees anything of another agency (the province's standing body sees what was
forwarded to it, through the forwarding rows of its own agency: `scope_forwardings`, `forwarded_to`, and
its council votes only on those, `scope_agenda`; a
province's login has no unit of any agency, so every other scope gives it nothing).
"""
from django.db.models import Exists, OuterRef, Q

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


def is_council_member(user):
    return role_of(user) == Role.COUNCIL


def sees_all_units(user):
    """Administrator, Office, Director and Deputy Director see every unit's data (of their agency)."""
    return role_of(user) in ALL_UNITS_ROLES


def agency_id_of(user):
    """The key of the agency a login acts in, or None (anonymous, or a login of no agency: sees nothing)."""
    if not user or not user.is_authenticated:
        return None
    return user.agency_id


def scope_by_agency(queryset, user, agency_field="agency", *, row_by_row=False):
    """Rows of `queryset` whose agency (reached through `agency_field`, e.g. "round__agency") is the
    user's; nothing for a user of no agency.

    `row_by_row` (for "<relation>__agency"): the agency is checked for each row (EXISTS) instead of
    joined. For a big list read in its index's order a page at a time (the award lookup over half a
    million records), SQLite then walks that index and stops at the page's rows, where the join made it
    start from the agency's units and sort every row of the agency (4.7 s against 1 ms at province
    scale); PostgreSQL plans both forms as a join."""
    agency_id = agency_id_of(user)
    if agency_id is None:
        return queryset.none()
    if row_by_row:
        relation, _sep, field = agency_field.partition("__")
        related = queryset.model._meta.get_field(relation).related_model
        return queryset.filter(Exists(related.objects.filter(pk=OuterRef(relation), **{field: agency_id})))
    return queryset.filter(**{agency_field: agency_id})


def object_agency_id(obj):
    """The agency an object belongs to: its own (`issuing_agency_id`, `agency_id`), else its unit's or its
    round's; None when it belongs to none (a catalogue row)."""
    for name in ("issuing_agency_id", "agency_id"):
        value = getattr(obj, name, None)
        if value is not None:
            return value
    for name in ("unit", "round"):
        related = getattr(obj, name, None)
        if related is not None and getattr(related, "agency_id", None) is not None:
            return related.agency_id
    return None


def acts_in_agency_of(user, obj):
    """A person may change `obj` only inside their own agency (the system, with no person, anywhere): the
    workflow engine asks this before every transition, whatever the transition's own rule says. An object
    forwarded to a province (`received_agency_id`, awards.models.Forwarding) is also the province's: which
    side may do which action is the transition's own rule."""
    if user is None:
        return True
    agency_id = object_agency_id(obj)
    return agency_id is None or same_agency(user, agency_id) or same_agency(user, getattr(obj, "received_agency_id", None))


def same_agency(user, agency_id):
    """The object of agency `agency_id` belongs to the user's agency."""
    return agency_id is not None and agency_id == agency_id_of(user)


def is_province_user(user):
    """A login of a provincial standing body (Agency.Kind.PROVINCE). The login of a request carries its
    agency's kind (`agency_kind`, emulation.notifications.AuthBackend): no query per page."""
    if agency_id_of(user) is None:
        return False
    kind = user.agency_kind if hasattr(user, "agency_kind") else user.agency.kind
    return kind == "province"


def scope_forwardings(queryset, user):
    """Forwarded dossiers (awards.Forwarding) the user may see: a province's login, those forwarded to their
    province (nothing else of any agency); an agency's login, those its agency forwarded, of the units the
    role sees."""
    if is_province_user(user):
        return scope_by_agency(queryset, user, "province")
    return scope_by_unit(queryset, user, "nomination__unit")


def forwarded_to(queryset, user, forwarding_field="forwarding"):
    """Rows of `queryset` (nominations, dossier files, rounds …) reached from a dossier forwarded to the
    user's province (`forwarding_field` leads to awards.Forwarding); nothing for anybody else."""
    if not is_province_user(user):
        return queryset.none()
    return queryset.filter(**{f"{forwarding_field}__province": agency_id_of(user)}).distinct()


def scope_agenda(session, user):
    """The nominations of a council session's agenda the user reaches through the session (which is itself
    scoped to the user's agency, `CouncilSession.visible_to`): an agency's session, its round's
    nominations of the user's agency; a session of the provincial council (a round of a province), only the
    dossiers forwarded to the user's province — its members vote on nothing else."""
    agenda = session.agenda.all()
    if session.round.agency.kind == "province":
        if not is_province_user(user):
            return agenda.none()
        return agenda.filter(forwarding__province=agency_id_of(user))
    return scope_by_agency(agenda, user, "round__agency")


def sent_up_to(queryset, user, agency_field):
    """Rows an agency issued and sends up to its province (`agency_field` leads to the issuing Agency, whose
    `province` is the user's agency): for a province's login only; nothing for anybody else. The caller
    limits them to what is final (issued) and reads them, never changes them."""
    if not is_province_user(user):
        return queryset.none()
    return queryset.filter(**{f"{agency_field}__province": agency_id_of(user)})


def own_staff_id(user):
    record = getattr(user, "staff_record", None) if user and user.is_authenticated else None
    return record.pk if record else None


def unit_path_prefix(user):
    """The path prefix of the subtree a unit head may see, or None."""
    return user.unit.path if is_unit_head(user) else None


def scope_by_unit(queryset, user, unit_field="unit", *, row_by_row=False):
    """Rows of `queryset` whose unit (reached through `unit_field`) the user may see: the agency first
    (`row_by_row`: see scope_by_agency), then the unit head's subtree."""
    queryset = scope_by_agency(queryset, user, f"{unit_field}__agency", row_by_row=row_by_row)
    if sees_all_units(user):
        return queryset
    prefix = unit_path_prefix(user)
    if prefix:
        return queryset.filter(**{f"{unit_field}__path__startswith": prefix})
    return queryset.none()


def scope_units(queryset, user):
    queryset = scope_by_agency(queryset, user)
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
