"""Changing a plan's text: parts added, edited, moved up and down, deleted; copies and corrections.

Every function refuses (PlanLocked) a plan that is no longer editable: once submitted the text waits
for the Director, and once issued it is frozen for good — a correction is a new version (`correct_plan`).
"""
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from campaigns.models import (
    ContentItem,
    Goal,
    ImplementationRole,
    LegalBasis,
    Plan,
    PlanStatus,
    Recipient,
    Target,
)
from emulation.concurrency import claim_revision
from emulation.workflow import TransitionError


class PlanLocked(TransitionError):
    """The plan's text cannot change in its current status."""


#: The parts of a plan the editor handles, by the name used in URLs.
PART_MODELS = {
    "basis": LegalBasis,
    "goal": Goal,
    "item": ContentItem,
    "point": ContentItem,
    "target": Target,
    "role": ImplementationRole,
    "recipient": Recipient,
}


def ensure_editable(plan):
    if not plan.is_editable:
        if plan.is_published:
            raise PlanLocked(_("This plan has been issued and can no longer be changed. "
                               "To correct it, make a new version."))
        raise PlanLocked(_("This plan cannot be changed while it is “%(status)s”.")
                         % {"status": plan.get_status_display()})


def siblings(part):
    """The parts ordered together with `part` (the sub-points of one item are ordered among themselves)."""
    queryset = type(part).objects.filter(plan_id=part.plan_id)
    if isinstance(part, ContentItem):
        queryset = queryset.filter(parent_id=part.parent_id)
    return queryset


def _touch(plan):
    Plan.objects.filter(pk=plan.pk).update(revision=F("revision") + 1)


def add_part(part):
    """Save a new part of a plan at the end of its list."""
    ensure_editable(part.plan)
    if isinstance(part, ContentItem) and part.parent_id:
        if part.parent.parent_id or part.parent.plan_id != part.plan_id:
            raise TransitionError(_("A sub-point belongs to a content item of the same plan."))
    with transaction.atomic():
        last = siblings(part).aggregate(last=Max("order"))["last"]
        part.order = 0 if last is None else last + 1
        part.save()
        _touch(part.plan)
    return part


def save_part(part, revision):
    """Save an edited part opened at `revision`; StaleEdit (nothing written) if someone saved it since."""
    ensure_editable(part.plan)
    with transaction.atomic():
        claim_revision(part, revision)
        part.save()
        _touch(part.plan)
    return part


def move_part(part, direction):
    """Swap `part` with its neighbour above ("up") or below ("down"); at either end nothing moves."""
    ensure_editable(part.plan)
    ordered = list(siblings(part).order_by("order", "pk"))
    index = next(i for i, other in enumerate(ordered) if other.pk == part.pk)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(ordered):
        return
    ordered[index], ordered[other_index] = ordered[other_index], ordered[index]
    with transaction.atomic():
        for position, each in enumerate(ordered):
            if each.order != position:
                type(each).objects.filter(pk=each.pk).update(order=position)
        _touch(part.plan)


def delete_part(part):
    ensure_editable(part.plan)
    with transaction.atomic():
        part.delete()
        _touch(part.plan)


def save_header(plan, fields, revision):
    """Save the plan's header fields unless someone saved in between (its revision changed)."""
    ensure_editable(plan)
    for name, value in fields.items():
        setattr(plan, name, value)
    with transaction.atomic():
        if not Plan.objects.filter(pk=plan.pk, revision=revision).update(revision=revision + 1):
            raise TransitionError(_("Somebody else has changed this plan meanwhile. "
                                    "Reload the page and make your changes again."))
        plan.revision = revision + 1
        plan.save()


def _copy_parts(source, target):
    """Copy every part of `source` into `target`, keeping order, sub-points and targets' units."""
    for model in (LegalBasis, Goal, ImplementationRole, Recipient):
        model.objects.bulk_create([
            model(**{f.attname: getattr(part, f.attname) for f in model._meta.concrete_fields
                     if f.name not in ("id", "plan")}, plan=target)
            for part in model.objects.filter(plan=source)
        ])
    goals = dict(zip(Goal.objects.filter(plan=source).order_by("order", "pk").values_list("pk", flat=True),
                     Goal.objects.filter(plan=target).order_by("order", "pk").values_list("pk", flat=True)))
    items = {}
    for item in source.content_items.filter(parent__isnull=True).order_by("order", "pk"):
        items[item.pk] = ContentItem.objects.create(plan=target, order=item.order, text=item.text).pk
    for point in source.content_items.filter(parent__isnull=False).order_by("order", "pk"):
        items[point.pk] = ContentItem.objects.create(
            plan=target, parent_id=items[point.parent_id], order=point.order, text=point.text).pk
    for old in Target.objects.filter(plan=source).prefetch_related("units"):
        new = Target.objects.create(
            plan=target, goal_id=goals.get(old.goal_id), item_id=items.get(old.item_id), order=old.order,
            indicator=old.indicator, unit_of_measure=old.unit_of_measure, target_value=old.target_value,
        )
        new.units.set(old.units.all())


COPIED_FIELDS = ("kind", "title", "symbol", "place", "parent_authority", "agency", "signer_name",
                 "signer_authority", "opening", "closing", "issuer")


def copy_plan(plan, *, year_from, year_to, actor):
    """A new draft for other years, with every part of `plan` (its number, date and status are not copied)."""
    with transaction.atomic():
        new = Plan.objects.create(
            **{name: getattr(plan, name) for name in COPIED_FIELDS},
            year_from=year_from, year_to=year_to, based_on=plan, created_by=actor,
        )
        _copy_parts(plan, new)
    return new


def correct_plan(plan, *, actor):
    """A new version of an issued plan, as a draft to be approved and issued again; the old one is kept."""
    if not plan.is_published:
        raise TransitionError(_("Only an issued plan is corrected by a new version; edit this one instead."))
    if Plan.objects.filter(replaces=plan).exists():
        raise TransitionError(_("A new version of this plan already exists."))
    with transaction.atomic():
        new = Plan.objects.create(
            **{name: getattr(plan, name) for name in COPIED_FIELDS},
            year_from=plan.year_from, year_to=plan.year_to, replaces=plan, version=plan.version + 1,
            created_by=actor, status=PlanStatus.DRAFT,
        )
        _copy_parts(plan, new)
    return new
