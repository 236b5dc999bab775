"""The audit trail across records (issue 31 §9): every timeline row (workflow transitions with their reasons,
conditions set aside, files added or removed…) of the records a user may see, filtered by person, record kind,
action and dates. Read-side only; each row's record is scoped by its model's `visible_to(user)`, so another
agency's or unit's rows never appear, in the page or in its export."""
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models import Nomination, Registration
from awards.workflow import NOMINATION_WORKFLOW, REGISTRATION_WORKFLOW
from campaigns.models import Plan, UnitReport
from campaigns.workflow import PLAN_WORKFLOW, REPORT_WORKFLOW
from emulation.models import TimelineEntry
from emulation.workflow import LOGGED_ACTIONS


@dataclass(frozen=True)
class Kind:
    model: type
    label: object
    workflow: object
    detail: str  # URL name of the record's page


KINDS = {
    "nomination": Kind(Nomination, _("Nomination"), NOMINATION_WORKFLOW, "awards:nomination_detail"),
    "registration": Kind(Registration, _("Emulation registration"), REGISTRATION_WORKFLOW, "awards:registration_detail"),
    "report": Kind(UnitReport, _("Unit report"), REPORT_WORKFLOW, "campaigns:report_detail"),
    "plan": Kind(Plan, _("Plan"), PLAN_WORKFLOW, "campaigns:plan_detail"),
}


def action_labels():
    """{action code: label} of every action the audited kinds write."""
    labels = dict(LOGGED_ACTIONS)
    for kind in KINDS.values():
        labels.update({t.action: t.label for t in kind.workflow.transitions})
    return labels


def entries(user, *, kind="", action="", person="", date_from=None, date_to=None):
    """The timeline rows `user` may see, newest first, with their actors and content types (one query per
    page: each kind's scope is a subquery)."""
    kinds = {key: spec for key, spec in KINDS.items() if not kind or key == kind}
    types = ContentType.objects.get_for_models(*[spec.model for spec in kinds.values()])
    scope = Q(pk__in=[])
    for spec in kinds.values():
        scope |= Q(content_type=types[spec.model], object_id__in=spec.model.objects.visible_to(user).values("pk"))
    rows = TimelineEntry.objects.filter(scope).select_related("actor", "content_type")
    if action:
        rows = rows.filter(action=action)
    if person:
        for word in person.split():
            rows = rows.filter(Q(actor__first_name__icontains=word) | Q(actor__last_name__icontains=word)
                               | Q(actor__username__icontains=word))
    if date_from:
        rows = rows.filter(at__date__gte=date_from)
    if date_to:
        rows = rows.filter(at__date__lte=date_to)
    return rows.order_by("-at", "-pk")


def describe(rows):
    """Give each row `kind_label`, `detail` (URL name) and `label` (the action in words), without a query."""
    by_model = {spec.model: spec for spec in KINDS.values()}
    labels = action_labels()
    for row in rows:
        spec = by_model.get(row.content_type.model_class())
        row.kind_label = spec.label if spec else ""
        row.detail = spec.detail if spec else ""
        row.label = labels.get(row.action, row.action)
    return rows
