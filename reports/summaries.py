"""The figures of a summary report, computed from the data in a fixed number of queries.

`compute_figures(period)` reads, for the period of a plan, what units reported and what was awarded, and
returns plain JSON (numbers, codes and names, no model instances) that is kept with the report as its
snapshot: later changes to the data never alter it. About sixteen queries whatever the number of units,
content items and targets (a test pins the count with one and with three units).

What is counted (the rules a reader of the report needs to know):

- A unit has **reported** when its report is submitted, resubmitted or accepted; **on time** or **late**
  by the report's late mark. **Returned** reports are those sent back and not yet corrected. A unit that
  had to report and has no report, or only a draft, has **not reported** (named).
- Per content item, the counts of done / in progress / not started / not applicable come from the
  reported reports only.
- Per target, the values of the reported reports: their number, their sum (never for a target in %:
  percentages are averaged, not summed), their average, and how many units met the target.
- Per unit: completion = items done / items that apply (not “not applicable”) in its report whatever
  its state, the report's state, its registration of the year (collective title aimed for, number of
  people registered) and the awards it (or its people) received in the period.
- Awards of the period: award records with a decision date in the period (records without a date count
  for a period that ends on 31 December of their year), by award type and level; the decisions signed in
  the period with their awardees; the nominations forwarded to the higher authority for the period's
  years and their outcome.
- Exemplary models: those the Office accepted into the register (awards.Exemplar) for the period's years.
"""
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from awards.models import AwardRecord, AwardType, Decision, Exemplar, Nomination, Outsider, Registration
from campaigns.models import ItemProgress, ItemStatus, ReportingPeriod, ReportStatus, Target, TargetResult, UnitReport
from emulation.models import TimelineEntry

REPORTED = (ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED, ReportStatus.ACCEPTED)
PERCENT_UNITS = {"%", "phần trăm", "tỷ lệ %"}
#: Unit states in the figures (codes; labels in reports.labels).
MISSING = "missing"


def _number(value):
    """A Decimal as a JSON number (int when whole)."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else round(float(value), 2)


def _round(value, digits=1):
    return None if value is None else round(value, digits)


def is_percent(unit_of_measure):
    return (unit_of_measure or "").strip().lower() in PERCENT_UNITS


#: Above this many holders of one award in a unit, the unit's line counts them instead of naming them all
#: (a unit of fifty people who are all "Lao động tiên tiến" is one line, not fifty names in a cell).
NAMED_HOLDERS = 3


def unit_award_lines(holders_by_award):
    """“Lao động tiên tiến: Nguyễn Văn A, Trần Thị B” per award, or “Lao động tiên tiến: 45 người” above
    NAMED_HOLDERS; the individual names stay in the decisions' table."""
    return [f"{award}: {', '.join(holders)}" if len(holders) <= NAMED_HOLDERS else f"{award}: {len(holders)} người"
            for award, holders in holders_by_award.items()]


def _award_period_filter(start, end):
    dated = Q(decision_date__range=(start, end))
    if end.month == 12 and end.day == 31:
        return dated | Q(decision_date__isnull=True, year__gte=start.year, year__lte=end.year)
    return dated


def compute_figures(period, *, now=None):
    """Every figure of the summary report of `period` (a ReportingPeriod), as JSON-ready data."""
    plan = period.plan
    now = now or timezone.now()

    # Units that had to report, in the tree's order. 1 query.
    through = ReportingPeriod.units.through
    unit_rows = list(
        through.objects.filter(reportingperiod_id=period.pk)
        .order_by("unit__path")
        .values_list("unit_id", "unit__name", "unit__short_name")
    )
    unit_ids = [row[0] for row in unit_rows]

    # Their reports. 1 query.
    reports = {
        row["unit_id"]: row
        for row in UnitReport.objects.filter(period=period).values("pk", "unit_id", "status", "late", "submitted_at")
    }

    # Progress per unit (every report) and per item (reported reports). 2 queries.
    per_unit = defaultdict(Counter)
    for unit_id, status, count in (
        ItemProgress.objects.filter(report__period=period).values_list("report__unit_id", "status")
        .annotate(n=Count("pk")).order_by()
    ):
        per_unit[unit_id][status] += count
    per_item = defaultdict(Counter)
    for item_id, status, count in (
        ItemProgress.objects.filter(report__period=period, report__status__in=REPORTED)
        .values_list("item_id", "status").annotate(n=Count("pk")).order_by()
    ):
        per_item[item_id][status] += count

    # Targets and the values reported for them. 2 queries.
    targets = list(Target.objects.filter(plan=plan).order_by("item_id", "order", "pk")
                   .values("pk", "item_id", "goal_id", "indicator", "unit_of_measure", "target_value"))
    values = defaultdict(list)
    for target_id, unit_id, value in (
        TargetResult.objects.filter(report__period=period, report__status__in=REPORTED, value__isnull=False)
        .order_by("report__unit__path").values_list("target_id", "report__unit_id", "value")
    ):
        values[target_id].append((unit_id, value))

    # Registrations of the year. 1 query.
    year = period.end.year
    registrations = {
        row["unit_id"]: row
        for row in Registration.objects.filter(year=year, unit_id__in=unit_ids)
        .values("unit_id", "collective_title__name", "status").annotate(people=Count("lines"))
    } if unit_ids else {}

    # Award records of the period. 1 query.
    records = list(
        AwardRecord.objects.filter(_award_period_filter(period.start, period.end), holder_unit__agency_id=plan.issuer_id)
        .order_by("award_type__order", "pk")
        .values("holder_unit_id", "award_type_id", "award_type__name", "award_type__level",
                "award_type__category", "staff__full_name", "unit__name", "outsider__name", "outsider__kind")
    )
    holders_of_unit = defaultdict(dict)  # unit → award name → holders, in the catalogue's order
    by_type = {}
    for record in records:
        outside = record["outsider__kind"]
        holder = (record["staff__full_name"] or record["unit__name"]
                  or Outsider.name_as_written(outside, record["outsider__name"]))
        holders_of_unit[record["holder_unit_id"]].setdefault(record["award_type__name"], []).append(holder)
        entry = by_type.setdefault(record["award_type_id"], {
            "name": record["award_type__name"], "level": record["award_type__level"],
            "category": record["award_type__category"], "individual": 0, "collective": 0,
        })
        collective = record["unit__name"] or (outside and Outsider.is_collective_kind(outside))
        entry["collective" if collective else "individual"] += 1

    # The exemplary models the Office accepted into the register for the period's years. 1 query.
    exemplars = [
        {"name": exemplar.display_name, "kind": exemplar.kind, "unit": exemplar.unit.name, "deed": exemplar.deed}
        for exemplar in Exemplar.objects.filter(
            unit__agency_id=plan.issuer_id, status=Exemplar.Status.ACCEPTED, year__range=(period.start.year, period.end.year),
        ).select_related("unit", "staff", "nominee_unit").order_by("year", "pk")
    ]

    # Decisions signed in the period, with their awardees. 2 queries.
    decisions = []
    for decision in Decision.objects.filter(signed_on__range=(period.start, period.end), round__agency_id=plan.issuer_id).order_by("signed_on", "number") \
            .prefetch_related(Prefetch("nominations", queryset=Nomination.objects.select_related(
                "staff", "nominee_unit", "outsider", "award_type").order_by("award_type__order", "pk"))):
        decisions.append({
            "reference": decision.reference, "signed_on": decision.signed_on.isoformat(), "summary": decision.summary,
            "awardees": [{"name": n.nominee_name, "award": n.award_type.name} for n in decision.nominations.all()],
        })

    # Nominations forwarded to the higher authority for the period's years. 2 queries.
    forwarded_ids = TimelineEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Nomination), action="forward"
    ).values("object_id")
    forwarded = [
        {"nominee": n.nominee_name, "award": n.award_type.name, "unit": n.unit.name, "status": n.status,
         "body": n.award_type.deciding_body}
        for n in Nomination.objects.filter(pk__in=forwarded_ids, year__gte=period.start.year, year__lte=year,
                                           round__agency_id=plan.issuer_id)
        .select_related("award_type", "staff", "nominee_unit", "outsider", "unit").order_by("award_type__order", "pk")
    ]

    # Reporting discipline over the plan's periods up to this one. 2 queries.
    history_periods = list(ReportingPeriod.objects.filter(plan=plan, end__lte=period.end)
                           .order_by("end", "start", "pk").values("pk", "name"))
    required_counts = dict(
        through.objects.filter(reportingperiod__plan=plan, reportingperiod__end__lte=period.end)
        .values_list("reportingperiod_id").annotate(n=Count("pk")).order_by()
    )
    history_states = defaultdict(Counter)
    for period_id, status, late, count in (
        UnitReport.objects.filter(period__plan=plan, period__end__lte=period.end)
        .values_list("period_id", "status", "late").annotate(n=Count("pk")).order_by()
    ):
        if status in REPORTED:
            history_states[period_id]["late" if late else "on_time"] += count
        elif status == ReportStatus.RETURNED:
            history_states[period_id]["returned"] += count

    # Content items in the plan's numbering. 2 queries.
    items = []
    item_targets = defaultdict(list)
    goal_targets = []
    for target in targets:
        (item_targets[target["item_id"]] if target["item_id"] else goal_targets).append(target)

    def target_figures(target):
        reported = values.get(target["pk"], [])
        numbers = [Decimal(value) for _unit, value in reported]
        percent = is_percent(target["unit_of_measure"])
        goal = Decimal(target["target_value"])
        return {
            "id": target["pk"], "indicator": target["indicator"], "unit_of_measure": target["unit_of_measure"],
            "target_value": _number(goal), "percent": percent, "reported": len(numbers),
            "total": None if percent or not numbers else _number(sum(numbers)),
            "average": _number(sum(numbers) / len(numbers)) if numbers else None,
            "met": sum(1 for number in numbers if number >= goal),
            "values": [{"unit": unit_id, "value": _number(value)} for unit_id, value in reported],
        }

    for item in plan.numbered_items():
        for entry, is_point in [(item, False)] + [(point, True) for point in item.points]:
            counts = per_item.get(entry.pk, Counter())
            items.append({
                "id": entry.pk, "number": entry.number, "text": entry.text, "point": is_point,
                "done": counts[ItemStatus.DONE], "in_progress": counts[ItemStatus.IN_PROGRESS],
                "not_started": counts[ItemStatus.NOT_STARTED], "not_applicable": counts[ItemStatus.NOT_APPLICABLE],
                "targets": [target_figures(t) for t in item_targets.get(entry.pk, [])],
            })

    units, discipline = [], {"required": len(unit_rows), "on_time": [], "late": [], "returned": [], "missing": []}
    for unit_id, name, short_name in unit_rows:
        report = reports.get(unit_id)
        status = report["status"] if report else MISSING
        if status in REPORTED:
            discipline["late" if report["late"] else "on_time"].append(name)
        elif status == ReportStatus.RETURNED:
            discipline["returned"].append(name)
        else:
            discipline["missing"].append(name)
        counts = per_unit.get(unit_id, Counter())
        applicable = sum(counts.values()) - counts[ItemStatus.NOT_APPLICABLE]
        registration = registrations.get(unit_id)
        units.append({
            "id": unit_id, "name": name, "short_name": short_name or name, "status": status if report else MISSING,
            "late": bool(report and report["late"]),
            "submitted_on": timezone.localtime(report["submitted_at"]).date().isoformat()
            if report and report["submitted_at"] else None,
            "done": counts[ItemStatus.DONE], "in_progress": counts[ItemStatus.IN_PROGRESS],
            "not_started": counts[ItemStatus.NOT_STARTED], "applicable": applicable,
            "completion": _round(100 * counts[ItemStatus.DONE] / applicable) if applicable else None,
            "registered_title": (registration or {}).get("collective_title__name") or "",
            "registered_people": (registration or {}).get("people", 0),
            "awards": unit_award_lines(holders_of_unit.get(unit_id, {})),
        })

    history = []
    for row in history_periods:
        required = required_counts.get(row["pk"], 0)
        states = history_states.get(row["pk"], Counter())
        history.append({
            "period": row["name"], "required": required, "on_time": states["on_time"], "late": states["late"],
            "returned": states["returned"],
            "missing": max(required - states["on_time"] - states["late"] - states["returned"], 0),
        })

    level_order = [choice for choice, _label in AwardType.Level.choices]
    return {
        "computed_at": now.isoformat(),
        "plan": {"id": plan.pk, "title": plan.title, "number_symbol": plan.number_symbol},
        "period": {"id": period.pk, "name": period.name, "kind": period.kind, "start": period.start.isoformat(),
                   "end": period.end.isoformat(), "due": period.due.isoformat()},
        "discipline": {
            "required": discipline["required"],
            "on_time": len(discipline["on_time"]), "late": len(discipline["late"]),
            "returned": len(discipline["returned"]), "missing": len(discipline["missing"]),
            "late_units": discipline["late"], "returned_units": discipline["returned"],
            "missing_units": discipline["missing"],
        },
        "items": items,
        "goal_targets": [target_figures(t) for t in goal_targets],
        "units": units,
        "awards": {
            "total": len(records),
            "by_type": sorted(by_type.values(), key=lambda t: (level_order.index(t["level"])
                                                              if t["level"] in level_order else 99, t["name"])),
            "decisions": decisions,
            "forwarded": forwarded,
        },
        "exemplars": exemplars,
        "history": history,
    }


def unit_texts(period, *, per_item=30):
    """What units wrote on each content item in their reported reports: {item_id: {"texts": [(unit name,
    text)], "more": count left out}} — at most `per_item` texts an item, so the editor page stays small
    for a province of a thousand units. 1 query."""
    texts = defaultdict(lambda: {"texts": [], "more": 0})
    for item_id, unit_name, text in (
        ItemProgress.objects.filter(report__period=period, report__status__in=REPORTED).exclude(text="")
        .order_by("item_id", "report__unit__path").values_list("item_id", "report__unit__name", "text")
        .iterator(chunk_size=2000)
    ):
        entry = texts[item_id]
        if len(entry["texts"]) < per_item:
            entry["texts"].append((unit_name, text))
        else:
            entry["more"] += 1
    return dict(texts)


def parse_date(value):
    return date.fromisoformat(value) if value else None
