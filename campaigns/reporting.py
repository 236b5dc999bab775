"""Reporting periods and unit reports: creating periods, starting a report, saving drafts, reading.

Status changes (submit, return, accept) are in `campaigns.workflow` (REPORT_WORKFLOW), the one entry
of the unit-report workflow. Saving a draft is refused when the form was opened on an older `version`
(`StaleReport`, nothing written) or when the report is no longer editable. `snapshot` is what each
submission freezes; `changes_since_last_submission` compares the last two.
"""
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import rules
from campaigns.models import (
    ContentItem, Evidence, ItemProgress, ItemStatus, PeriodKind, PlanStatus, ReportingPeriod, ReportStatus,
    Target, TargetResult, UnitReport,
)
from emulation import calendar
from emulation.models import Unit
from emulation.workflow import TransitionError, log_action, logged_action

S = ReportStatus
SECTIONS = ("results", "shortcomings", "causes", "proposals")


class ReportError(TransitionError):
    """A report action that cannot be done; the message is for the person."""


class StaleReport(ReportError):
    """The form was opened on an older version; `current` is the report as it is now."""

    def __init__(self, current):
        self.current = current
        super().__init__(
            _("This report was changed by %(who)s at %(when)s (version %(version)d) after you opened it. "
              "Your changes were NOT saved: the newer version is shown below; copy what you need and save again.")
            % {
                "who": current.updated_by or _("someone"),
                "when": timezone.localtime(current.updated_at).strftime("%H:%M %d/%m/%Y"),
                "version": current.version,
            }
        )


# Periods ------------------------------------------------------------------------------------------


def default_units(agency_id=None):
    """Units that must report unless the Office chooses otherwise: every active unit of the agency below
    the Department (the Department itself does not report to itself)."""
    units = Unit.objects.filter(active=True).exclude(kind=Unit.Kind.DEPARTMENT)
    return units.filter(agency_id=agency_id) if agency_id else units


STANDARD_PERIODS = [
    # kind, name pattern, start (month, day), end (month, day)
    (PeriodKind.QUARTER, "Quý I năm {year}", (1, 1), (3, 31)),
    (PeriodKind.HALF_YEAR, "6 tháng đầu năm {year}", (1, 1), (6, 30)),
    (PeriodKind.NINE_MONTHS, "9 tháng năm {year}", (1, 1), (9, 30)),
    (PeriodKind.YEAR, "Năm {year}", (1, 1), (12, 31)),
]


@dataclass
class StandardPeriod:
    """One of the standard periods of a year as it would be created: its default due date is
    `REPORT_DUE_WORKING_DAYS` working days after it ends; `exists` when the plan has it already."""

    kind: str
    name: str
    start: date
    end: date
    due: date
    exists: bool

    @property
    def past_due(self):
        """Its (default) due date has passed already: units would be overdue the moment it is created."""
        return self.due < calendar.today()


def standard_periods(plan, year):
    """The standard periods of `year` for `plan` (Quý I, 6 tháng, 9 tháng, Năm): what creating them
    would do, for the Office's preview."""
    existing = set(ReportingPeriod.objects.filter(plan=plan, start__year=year).values_list("kind", "start", "end"))
    periods = []
    for kind, name, (start_month, start_day), (end_month, end_day) in STANDARD_PERIODS:
        start, end = date(year, start_month, start_day), date(year, end_month, end_day)
        periods.append(StandardPeriod(kind, name.format(year=year), start, end,
                                      calendar.add_working_days(end, settings.REPORT_DUE_WORKING_DAYS),
                                      (kind, start, end) in existing))
    return periods


def create_standard_periods(plan, year, *, actor, dues=None):
    """Create the periods Quý I, 6 tháng, 9 tháng and Năm of `year` for an issued `plan`, each due on
    `dues[kind]` when given (the Office's choice in the preview) or `REPORT_DUE_WORKING_DAYS` working
    days after it ends, every active unit reporting. Periods that exist already are left alone; returns
    the periods created."""
    if plan.status != PlanStatus.ISSUED:
        raise ReportError(_("Reporting periods can only be created for an issued plan."))
    created = []
    units = list(default_units(plan.issuer_id))
    dues = dues or {}
    for standard in standard_periods(plan, year):
        if standard.exists:
            continue
        period, is_new = ReportingPeriod.objects.get_or_create(
            plan=plan, kind=standard.kind, start=standard.start, end=standard.end,
            defaults={"name": standard.name, "due": dues.get(standard.kind) or standard.due, "created_by": actor},
        )
        if is_new:
            period.units.set(units)
            created.append(period)
    return created


# Reports ------------------------------------------------------------------------------------------


def applicable_targets(plan, unit):
    """Targets of `plan` that apply to `unit` (a target with no units applies to every unit)."""
    return (
        Target.objects.filter(plan=plan)
        .filter(Q(units__isnull=True) | Q(units=unit))
        .distinct()
        .order_by("goal_id", "item_id", "order", "pk")
    )


def start_report(period, unit, *, actor):
    """The report of `unit` for `period`, created (with one progress row per content item and one result
    row per applicable target) if it does not exist yet. Refused when the unit need not report."""
    if not period.units.filter(pk=unit.pk).exists():
        raise ReportError(_("%(unit)s does not have to report for %(period)s.") % {"unit": unit, "period": period})
    existing = UnitReport.objects.filter(period=period, unit=unit).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            report = UnitReport.objects.create(
                period=period, unit=unit, created_by=actor, updated_by=actor,
                entered_by_office=rules.writes_on_behalf(actor, unit),
            )
            items = ContentItem.objects.filter(plan_id=period.plan_id)
            ItemProgress.objects.bulk_create(ItemProgress(report=report, item=item) for item in items)
            TargetResult.objects.bulk_create(
                TargetResult(report=report, target=target) for target in applicable_targets(period.plan, unit)
            )
    except IntegrityError:  # somebody else started it at the same moment
        return UnitReport.objects.get(period=period, unit=unit)
    return report


@dataclass
class DraftChanges:
    """What a save of the draft changes: section texts, per item (status, percent, text), per target
    value, and new evidence files as (item_id, uploaded file)."""

    sections: dict
    items: dict
    targets: dict
    files: list


def save_draft(report, changes, *, version, actor):
    """Save `changes` to an editable report opened at `version`. Raises StaleReport (nothing written)
    when somebody saved meanwhile, ReportError when the report is no longer editable. Increments
    `report.version`; an Office user saving a unit's report marks it as entered on the unit's behalf."""
    if not rules.can_edit_report(actor, report):
        raise ReportError(_("You cannot change this report now."))
    on_behalf = rules.writes_on_behalf(actor, report.unit)
    with transaction.atomic():
        values = {
            **{name: changes.sections[name] for name in SECTIONS if name in changes.sections},
            "version": F("version") + 1,
            "updated_by": actor,
            "updated_at": timezone.now(),
        }
        if on_behalf:
            values["entered_by_office"] = True
        updated = UnitReport.objects.filter(
            pk=report.pk, version=version, status__in=[S.DRAFT, S.RETURNED]
        ).update(**values)
        if not updated:
            current = UnitReport.objects.select_related("updated_by").get(pk=report.pk)
            if not current.is_editable:
                raise ReportError(
                    _("This report can no longer be changed: its status is “%(status)s”.")
                    % {"status": current.get_status_display()}
                )
            raise StaleReport(current)
        progress = {p.item_id: p for p in report.items.all()}
        changed = []
        for item_id, data in changes.items.items():
            row = progress.get(item_id)
            if row is None:
                continue
            for field in ("status", "percent", "text"):
                setattr(row, field, data.get(field, getattr(row, field)))
            changed.append(row)
        ItemProgress.objects.bulk_update(changed, ["status", "percent", "text"])
        results = {r.target_id: r for r in report.target_results.all()}
        for target_id, value in changes.targets.items():
            if target_id in results:
                results[target_id].value = value
        TargetResult.objects.bulk_update(list(results.values()), ["value"])
        for item_id, uploaded in changes.files:
            _create_evidence(report, item_id, uploaded, actor)
    report.refresh_from_db()
    return report


def _create_evidence(report, item_id, uploaded, actor):
    return Evidence.objects.create(
        report=report, item_id=item_id, file=uploaded, original_name=uploaded.name[:255],
        size=uploaded.size, uploaded_by=actor,
    )


def keep_evidence(report, files, *, actor):
    """Attach evidence files chosen in a form that could not be saved for another reason (a value
    not valid elsewhere), so that the person does not lose them: `files` are (item_id, uploaded file)
    already validated. Leaves the report's texts and version alone; refused (ReportError) when the
    report is not editable by `actor`. Returns the Evidence rows created."""
    if not rules.can_edit_report(actor, report):
        raise ReportError(_("You cannot change this report now."))
    items = set(report.items.values_list("item_id", flat=True))
    with transaction.atomic():
        return [_create_evidence(report, item_id, uploaded, actor) for item_id, uploaded in files if item_id in items]


# First-time help: progress, copying the previous period -------------------------------------------


def status_for_percent(percent):
    """The progress a percentage means: 100 is done, 1–99 in progress, 0 or nothing not started."""
    if percent == 100:
        return ItemStatus.DONE
    return ItemStatus.IN_PROGRESS if percent else ItemStatus.NOT_STARTED


def percent_fits(status, percent):
    """Whether a progress and a percentage say the same thing (no percentage fits every progress; "not
    applicable" takes none, or 0)."""
    if percent is None:
        return True
    if status == ItemStatus.NOT_APPLICABLE:
        return percent == 0
    return status_for_percent(percent) == status


def settle_progress(status, percent):
    """(status, percent) of one item when the person gave one or both: the missing one follows the given
    one (done without a percentage is 100); None when the two disagree (100 % "not started")."""
    if not status:
        return status_for_percent(percent), percent
    if not percent_fits(status, percent):
        return None
    if status == ItemStatus.DONE and percent is None:
        return status, 100
    return status, percent



def has_result(progress):
    """An item has a result when the unit wrote what was done, or marked it done or not applicable."""
    return bool((progress.text or "").strip()) or progress.status in (ItemStatus.DONE, ItemStatus.NOT_APPLICABLE)


@dataclass
class Progress:
    """How far the report is filled in: items with a result out of all, and the rows still empty."""

    done: int
    total: int
    empty: list

    @property
    def complete(self):
        return self.done == self.total


def progress_of(rows):
    empty = [row for row in rows if not has_result(row.progress)]
    return Progress(len(rows) - len(empty), len(rows), empty)


def previous_report(report):
    """The unit's latest report on the same plan for an earlier period (by the period's end), or None."""
    return (
        UnitReport.objects.filter(unit_id=report.unit_id, period__plan_id=report.period.plan_id,
                                  period__end__lte=report.period.end)
        .exclude(pk=report.pk).exclude(period_id=report.period_id)
        .select_related("period").order_by("-period__end", "-period__start", "-pk").first()
    )


def copy_previous(report, *, version, actor):
    """Start the draft from the unit's previous report on the same plan: every item's progress, text
    and percent, every target value and the four sections are copied (evidence files are not: they
    belong to their period). Goes through `save_draft` (version check, editable check). Raises
    ReportError when there is no earlier report. Returns the previous report."""
    previous = previous_report(report)
    if previous is None:
        raise ReportError(_("This unit has no report of an earlier period on this plan to copy."))
    items = {p.item_id: {"status": p.status, "percent": p.percent, "text": p.text} for p in previous.items.all()}
    targets = {r.target_id: r.value for r in previous.target_results.all()}
    current_items = set(report.items.values_list("item_id", flat=True))
    current_targets = set(report.target_results.values_list("target_id", flat=True))
    save_draft(report, DraftChanges(
        sections={name: getattr(previous, name) for name in SECTIONS},
        items={k: v for k, v in items.items() if k in current_items},
        targets={k: v for k, v in targets.items() if k in current_targets},
        files=[],
    ), version=version, actor=actor)
    return previous


EVIDENCE_REMOVED = logged_action("evidence_removed", gettext_lazy("Evidence file removed"))


def delete_evidence(evidence, *, actor):
    """Remove an evidence file of an editable report (file and row) and write a timeline row on the
    report with the file's name and item. Permission is the caller's (rules.can_edit_report)."""
    report = evidence.report
    with transaction.atomic():
        log_action(report, EVIDENCE_REMOVED, actor=actor,
                   data={"file": evidence.original_name, "item": evidence.item_id})
        evidence.delete()
    evidence.file.delete(save=False)
    return report


def snapshot(report):
    """The report's content as plain JSON: sections, items, target values, evidence names."""
    evidence = {}
    for file in report.evidence.all():
        evidence.setdefault(str(file.item_id), []).append(file.original_name)
    return {
        "sections": {name: getattr(report, name) for name in SECTIONS},
        "items": {
            str(p.item_id): {"status": p.status, "percent": p.percent, "text": p.text,
                             "evidence": evidence.get(str(p.item_id), [])}
            for p in report.items.all()
        },
        "targets": {str(r.target_id): None if r.value is None else str(r.value) for r in report.target_results.all()},
    }


# Reading a report -----------------------------------------------------------------------------------


@dataclass
class ItemRow:
    """One content item or sub-point of a report, ready for a template."""

    item: ContentItem
    number: str
    progress: ItemProgress
    is_point: bool
    targets: list
    evidence: list


def report_rows(report):
    """The report's items in the plan's order and numbering, each with its progress, the target results
    that belong to it and its evidence files; plus the results of targets set on goals. Five queries."""
    progress = {p.item_id: p for p in report.items.all()}
    results = list(report.target_results.select_related("target").order_by("target__order", "target__pk"))
    by_item = {}
    for result in results:
        by_item.setdefault(result.target.item_id, []).append(result)
    evidence = {}
    for file in report.evidence.all():
        evidence.setdefault(file.item_id, []).append(file)
    rows = []
    for item in report.period.plan.numbered_items():
        for entry, is_point in [(item, False)] + [(point, True) for point in item.points]:
            if entry.pk in progress:
                rows.append(ItemRow(entry, entry.number, progress[entry.pk], is_point,
                                    by_item.get(entry.pk, []), evidence.get(entry.pk, [])))
    goal_results = [r for r in results if r.target.item_id is None]
    return rows, goal_results


@dataclass
class Change:
    label: str
    old: str
    new: str


def _status_label(code):
    return str(dict(ItemStatus.choices).get(code, code or "")) if code else ""


def changes_since_last_submission(report):
    """What changed between the last two submissions (old → new), as a list of Change in the report's
    order; an empty list when there was only one submission."""
    versions = list(report.versions.order_by("-number")[:2])
    if len(versions) < 2:
        return []
    return changes_between(report, versions[1].snapshot, versions[0].snapshot)


def _numbers(report):
    """{item pk as text: its number in the plan ("1", "1.2")} and {item pk as text: the item}."""
    numbers, items = {}, {}
    for item in report.period.plan.numbered_items():
        for entry in [item, *item.points]:
            numbers[str(entry.pk)], items[str(entry.pk)] = entry.number, entry
    return numbers, items


@dataclass
class VersionItem:
    number: str
    item: object
    status: str
    percent: object
    text: str
    files: list  # (name, the Evidence still kept under that name on that item, or None)


def version_contents(report, version):
    """A submitted version as it was submitted (its snapshot): the sections [(label, text)], the items in the
    plan's order (VersionItem, each evidence name with the file if the report still keeps it under that name
    on that item: a file deleted since cannot be opened any more) and the target values [(indicator, value)].
    Three queries."""
    snap = version.snapshot
    numbers, items = _numbers(report)
    kept = {(str(e.item_id), e.original_name): e for e in report.evidence.all()}
    labels = {name: UnitReport._meta.get_field(name).verbose_name for name in SECTIONS}
    sections = [(str(labels[name]).capitalize(), snap["sections"].get(name, "")) for name in SECTIONS]
    rows = [
        VersionItem(numbers.get(item_id, "?"), items.get(item_id), _status_label(data.get("status")), data.get("percent"),
                    data.get("text") or "", [(name, kept.get((item_id, name))) for name in data.get("evidence", [])])
        for item_id, data in sorted(snap["items"].items(),
                                    key=lambda pair: [int(x) for x in numbers.get(pair[0], "0").split(".")])
    ]
    targets = {str(t.pk): t for t in Target.objects.filter(pk__in=[int(k) for k in snap["targets"]])}
    values = [(targets[k].indicator, v or "") for k, v in snap["targets"].items() if k in targets]
    return sections, rows, values


def changes_between(report, old, new):
    """What changed from the snapshot `old` to the snapshot `new` (old → new), as a list of Change in the
    report's order."""
    changes = []
    section_labels = {name: UnitReport._meta.get_field(name).verbose_name for name in SECTIONS}
    for name in SECTIONS:
        before, after = old["sections"].get(name, ""), new["sections"].get(name, "")
        if before != after:
            changes.append(Change(str(section_labels[name]).capitalize(), before, after))
    numbers, _items = _numbers(report)
    fields = [
        ("status", _("progress"), _status_label),
        ("percent", _("completion (%)"), lambda v: "" if v is None else str(v)),
        ("text", _("what was done"), lambda v: v or ""),
        ("evidence", _("evidence files"), lambda v: ", ".join(v or [])),
    ]
    for item_id in sorted(new["items"], key=lambda k: [int(x) for x in numbers.get(k, "0").split(".")]):
        before, after = old["items"].get(item_id, {}), new["items"][item_id]
        for key, label, show in fields:
            if before.get(key) != after.get(key):
                changes.append(Change(
                    _("Item %(number)s – %(field)s") % {"number": numbers.get(item_id, "?"), "field": label},
                    show(before.get(key)), show(after.get(key)),
                ))
    targets = {str(t.pk): t for t in Target.objects.filter(pk__in=[int(k) for k in new["targets"]])}
    for target_id, value in new["targets"].items():
        if old["targets"].get(target_id) != value and target_id in targets:
            changes.append(Change(targets[target_id].indicator, old["targets"].get(target_id) or "", value or ""))
    return changes
