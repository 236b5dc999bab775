"""Making a scoring table: create it (empty or copied from an earlier table), change its parts while it is
being prepared. Once scoring starts the table is frozen: every change here is refused with a message.
"""
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.models import Target
from scoring.enums import Method
from scoring.models import Band, Criterion, ScoringTable, Section


class ScoringError(Exception):
    """A refusal meant for the person; the message is translated."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


FROZEN = gettext_lazy("Scoring has started on this table, so it can no longer be changed.")


def lock_editable(table):
    """Inside a transaction: lock the table's row and refuse when it is frozen (so that a change and the
    start of scoring cannot cross). Returns the locked table."""
    locked = ScoringTable.objects.select_for_update().get(pk=table.pk)
    if locked.is_frozen:
        raise ScoringError(str(FROZEN))
    return locked


def save_part(table, part):
    """Save a section, criterion or band of `table`, refused once the table is frozen."""
    with transaction.atomic():
        lock_editable(table)
        part.table = table
        part.save()
    return part


def delete_part(table, part):
    with transaction.atomic():
        lock_editable(table)
        part.delete()


def copy_table(source, *, year, plan=None, actor=None, title=""):
    """A new table being prepared for `year` (and `plan`), with the sections, criteria, bands, caps and
    tie-break rules of `source`. A criterion scored from a target of another plan takes the target of
    `plan` with the same indicator; when there is none it becomes a criterion scored by hand (its
    guidance says which target it was) so that the Office chooses again."""
    targets = {}
    if plan is not None:
        targets = {t.indicator.strip().casefold(): t for t in Target.objects.filter(plan=plan)}
    with transaction.atomic():
        table = ScoringTable.objects.create(
            agency=source.agency, plan=plan, year=year, title=title or source.title, bonus_cap=source.bonus_cap,
            deduction_cap=source.deduction_cap, tie_breaks=source.tie_breaks, copied_from=source, created_by=actor,
            signer_name=source.signer_name,
        )
        Band.objects.bulk_create(Band(table=table, name=b.name, min_points=b.min_points) for b in source.bands.all())
        sections = {}
        for section in source.sections.all():
            sections[section.pk] = Section.objects.create(table=table, title=section.title, order=section.order)
        criteria = []
        for criterion in source.criteria.select_related("target"):
            target, method, guidance = criterion.target, criterion.method, criterion.guidance
            if method == Method.TARGET and (plan is None or target.plan_id != plan.pk):
                target = targets.get(criterion.target.indicator.strip().casefold()) if plan is not None else None
                if target is None:
                    method = Method.MANUAL
                    guidance = _("Was scored from the target “%(target)s”: choose the target of this year's plan.") % {
                        "target": criterion.target.indicator}
            criteria.append(Criterion(
                table=table, section=sections[criterion.section_id], text=criterion.text, category=criterion.category,
                method=method, max_points=criterion.max_points, target=target if method == Method.TARGET else None,
                floor=criterion.floor, cap=criterion.cap, disqualifying=criterion.disqualifying, guidance=guidance,
                order=criterion.order,
            ))
        Criterion.objects.bulk_create(criteria)
    return table
