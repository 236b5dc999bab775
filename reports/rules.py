"""Who may see and do what with summary reports and the dashboard (the reports part of the one-place rule
of emulation.permissions).

- Summary reports are the Office's and the Director's: the Office (and the administrator) and the
  Director or a Deputy Director see them; for anyone else they do not exist (404), unit heads included.
- Create, edit the narrative, refresh the figures (draft or returned), submit, issue: the Office.
- Approve, or return with a reason, a submitted report: the Director or a Deputy Director.
- The dashboard: the Office and the Director (and Deputy Directors).
- A unit's accepted report as an official PDF: whoever may see that report (campaigns' scope).

The province's standing body (an Agency of kind PROVINCE) has the same roles over its own summary across
the agencies (reports.province): its Office creates, edits and issues, the Chủ tịch (its Director role)
approves; its dashboard shows the same figures live. Nobody of an agency sees it. The province's Office and
Chủ tịch read (never change) the summaries its agencies have issued, as an agency sends them up to the
province; no agency draft, and nothing of an agency that forwards elsewhere.

Statistics, the archive search and the dossier packages: see each predicate below.
"""
from django.db.models import Q

from emulation import permissions as core
from emulation.permissions import is_director, is_office, is_unit_head, sees_all_units
from reports.enums import SummaryStatus


def can_view_summaries(user):
    return is_office(user) or is_director(user)


def scope_summaries(queryset, user):
    """The summary reports issued by the user's agency, for the Office and the Director: an agency's
    reports on its plans; for the province's standing body, its own summaries across the agencies (an
    agency's issued report is only read by the province: scope_readable_summaries)."""
    return core.scope_by_agency(queryset, user, "issuer") if can_view_summaries(user) else queryset.none()


def scope_sent_up_summaries(queryset, user):
    """For the province's Office and Chủ tịch, the summaries its agencies issued (never a draft); nothing
    for anybody else."""
    if not can_read_agency_summaries(user):
        return queryset.none()
    return core.sent_up_to(queryset.filter(status=SummaryStatus.ISSUED), user, "issuer")


def scope_readable_summaries(queryset, user):
    """What `scope_summaries` gives and what `scope_sent_up_summaries` adds. Only reading goes through here;
    every change asks `scope_summaries`."""
    own = scope_summaries(queryset, user)
    return own | scope_sent_up_summaries(queryset, user) if can_read_agency_summaries(user) else own


def can_read_agency_summaries(user):
    """The province's Office and Chủ tịch read the summaries the agencies sent up (no query: the login
    carries its agency's kind)."""
    return core.is_province_user(user) and can_view_summaries(user)


def province_of(user):
    """The province's standing body when `user` is one of its logins, else None (an agency's login)."""
    agency = getattr(user, "agency", None) if user and user.is_authenticated else None
    return agency if agency is not None and agency.is_province else None


def can_manage_summaries(user):
    return is_office(user)


def can_edit_summary(user, report):
    return is_office(user) and report.is_editable


def can_decide_summary(user, report=None):
    return is_director(user)


def can_view_dashboard(user):
    return is_office(user) or is_director(user)


def can_view_unit_report_pdfs(user):
    """The list of accepted unit reports as PDFs: the roles that see units' reports (each sees its scope)."""
    return sees_all_units(user) or is_unit_head(user)



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
    head, the plans (`plan_kind`, addressed to every unit) and the documents about their unit or sub-units.
    Always only the documents of the user's agency."""
    queryset = core.scope_by_agency(queryset, user)
    if core.sees_all_units(user):
        return queryset
    if not core.unit_path_prefix(user):
        return queryset.none()
    # The head's units first (a few rows of the unit table), then their documents through the units' own
    # index on the link table: one list the database builds once. The documents' index on agency, date, id
    # and kind then answers both the page (walked newest first) and its count without reading a row.
    units = core.scope_units(queryset.model.units.field.related_model.objects.all(), user)
    about = queryset.model.units.through.objects.filter(unit__in=units).values("issueddocument_id")
    return queryset.filter(Q(kind=plan_kind) | Q(pk__in=about))


def can_build_dossier(user):
    """The province dossier package of a round and recording the province's answer: the Office."""
    return core.is_office(user)
