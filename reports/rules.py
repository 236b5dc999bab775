"""Who may use the statistics, the archive search and the dossier packages (predicates for reports/)."""
from django.db.models import Q

from emulation import permissions as core


def can_view_statistics(user):
    """The statistical forms (TT 02/2023): the Office, the Director and Deputy Directors, the administrator."""
    return core.sees_all_units(user)


def can_classify_movements(user):
    """Set the statistical data of movements (scope, duration, method): the Office (and the administrator)."""
    return core.is_office(user)


def can_search_archive(user):
    """The archive of issued documents: everyone who sees all units, and unit heads (within their scope)."""
    return core.sees_all_units(user) or core.is_unit_head(user)


def scope_documents(queryset, user, plan_kind):
    """Issued documents `user` may find: all for the Office, the Director and the administrator; for a unit
    head, the plans (`plan_kind`, addressed to every unit) and the documents about their unit or sub-units."""
    if core.sees_all_units(user):
        return queryset
    prefix = core.unit_path_prefix(user)
    if not prefix:
        return queryset.none()
    return queryset.filter(Q(kind=plan_kind) | Q(pk__in=queryset.model.units.through.objects.filter(
        unit__path__startswith=prefix).values("issueddocument_id")))


def can_build_dossier(user):
    """The province dossier package of a round and recording the province's answer: the Office."""
    return core.is_office(user)
