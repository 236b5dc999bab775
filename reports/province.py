"""The province's own summary: the movement across every agency that forwards to the province's standing
body, computed in a fixed number of queries whatever the number of agencies, units and periods.

`compute_province_figures(province, start, end)` returns plain JSON (the snapshot kept with the report,
as `reports.summaries.compute_figures` does for an agency's report), with `"scope": "province"`:

- **agencies**: each agency linked to the province (`Agency.province`), in the order of their keys, with
  its active units, its reporting discipline summed over the periods that end in the span, its awards by
  level, and its nominations forwarded to the province;
- **periods**: the reporting discipline of each agency's periods that end in the span: units that had to
  report, on time, late, returned and not yet corrected, not reported (the rules of reports.summaries);
- **awards**: award records with a decision date in the span (records without a date count for a span
  that ends on 31 December of their year) of a unit of the agency, by level: agency (Sở), province,
  ministry, national; individuals and collectives;
- **forwarded**: nominations of the agency for the span's years waiting at the province
  (`Nomination.Status.FORWARDED`), and award records decided by the higher authority
  (`AwardRecord.Source.PROVINCE`) in the span;
- **totals** of every column.

Six queries (pinned by a test with one and with three agencies).
"""
from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.utils import timezone

from awards.models import AwardRecord, AwardType, Nomination
from campaigns.models import ReportingPeriod, ReportStatus, UnitReport
from emulation.models import Agency, Unit
from reports.summaries import REPORTED, _award_period_filter

LEVELS = [choice for choice, _label in AwardType.Level.choices]
DISCIPLINE_KEYS = ("required", "on_time", "late", "returned", "missing")


def _discipline(required, states):
    on_time, late, returned = states["on_time"], states["late"], states["returned"]
    return {"required": required, "on_time": on_time, "late": late, "returned": returned,
            "missing": max(required - on_time - late - returned, 0)}


def compute_province_figures(province, start, end, *, period=None, now=None):
    """Every figure of the province's summary from `start` to `end` (dates), as JSON-ready data.
    `period`: {"name", "kind"} printed with the span."""
    now = now or timezone.now()
    # The agencies linked to the province. 1 query.
    agencies = list(Agency.objects.filter(province=province, kind=Agency.Kind.AGENCY).order_by("pk")
                    .values("pk", "name", "abbreviation"))
    ids = [agency["pk"] for agency in agencies]

    # Their active units. 1 query.
    units = dict(Unit.objects.filter(agency_id__in=ids, active=True).values_list("agency_id")
                 .annotate(n=Count("pk")).order_by())

    # The periods of their plans ending in the span, with the number of units that had to report. 1 query.
    periods = list(
        ReportingPeriod.objects.filter(plan__issuer_id__in=ids, end__range=(start, end))
        .order_by("plan__issuer_id", "end", "pk")
        .values("pk", "name", "due", "plan__issuer_id", "plan__number", "plan__symbol", "plan__title")
        .annotate(required=Count("units", distinct=True))
    )
    # Their reports by state. 1 query.
    states = defaultdict(Counter)
    for period_id, status, late, count in (
        UnitReport.objects.filter(period_id__in=[row["pk"] for row in periods])
        .values_list("period_id", "status", "late").annotate(n=Count("pk")).order_by()
    ) if periods else ():
        if status in REPORTED:
            states[period_id]["late" if late else "on_time"] += count
        elif status == ReportStatus.RETURNED:
            states[period_id]["returned"] += count

    # Award records of the span by agency, level and source. 1 query.
    awards = defaultdict(lambda: {"levels": Counter(), "individual": 0, "collective": 0, "province_decided": 0})
    for agency_id, level, source, count, collective in (
        AwardRecord.objects.filter(_award_period_filter(start, end), holder_unit__agency_id__in=ids)
        .values_list("holder_unit__agency_id", "award_type__level", "source")
        .annotate(n=Count("pk"), collective=Count("pk", filter=Q(unit__isnull=False))).order_by()
    ) if ids else ():
        entry = awards[agency_id]
        entry["levels"][level] += count
        entry["collective"] += collective
        entry["individual"] += count - collective
        if source == AwardRecord.Source.PROVINCE:
            entry["province_decided"] += count

    # Nominations waiting at the province. 1 query.
    waiting = dict(
        Nomination.objects.filter(round__agency_id__in=ids, status=Nomination.Status.FORWARDED,
                                  year__gte=start.year, year__lte=end.year)
        .values_list("round__agency_id").annotate(n=Count("pk")).order_by()
    ) if ids else {}

    names = {agency["pk"]: agency["name"] for agency in agencies}
    period_rows = []
    per_agency = defaultdict(Counter)
    for row in periods:
        figures = _discipline(row["required"], states.get(row["pk"], Counter()))
        per_agency[row["plan__issuer_id"]].update(figures)
        plan = f"{row['plan__number']:02d}/{row['plan__symbol']}" if row["plan__number"] else row["plan__title"]
        period_rows.append({"agency": names[row["plan__issuer_id"]], "agency_id": row["plan__issuer_id"],
                            "period": row["name"], "plan": plan, "due": row["due"].isoformat(), **figures})

    agency_rows = []
    for agency in agencies:
        discipline = per_agency.get(agency["pk"], Counter())
        award = awards.get(agency["pk"]) or {"levels": Counter(), "individual": 0, "collective": 0,
                                             "province_decided": 0}
        forwarded_waiting = waiting.get(agency["pk"], 0)
        agency_rows.append({
            "id": agency["pk"], "name": agency["name"], "abbreviation": agency["abbreviation"],
            "units": units.get(agency["pk"], 0),
            "periods": sum(1 for row in periods if row["plan__issuer_id"] == agency["pk"]),
            **{key: discipline[key] for key in DISCIPLINE_KEYS},
            "on_time_rate": round(100 * discipline["on_time"] / discipline["required"], 1)
            if discipline["required"] else None,
            "levels": {level: award["levels"][level] for level in LEVELS},
            "awards": sum(award["levels"].values()),
            "individual": award["individual"], "collective": award["collective"],
            "forwarded_waiting": forwarded_waiting, "province_decided": award["province_decided"],
            "forwarded": forwarded_waiting + award["province_decided"],
        })

    total_keys = (*DISCIPLINE_KEYS, "units", "periods", "awards", "individual", "collective", "forwarded_waiting",
                  "province_decided", "forwarded")
    totals = {key: sum(row[key] for row in agency_rows) for key in total_keys}
    totals["levels"] = {level: sum(row["levels"][level] for row in agency_rows) for level in LEVELS}
    totals["agencies"] = len(agency_rows)
    totals["on_time_rate"] = round(100 * totals["on_time"] / totals["required"], 1) if totals["required"] else None
    return {
        "scope": "province",
        "computed_at": now.isoformat(),
        "province": {"id": province.pk, "name": province.name},
        "period": {"name": (period or {}).get("name", ""), "kind": (period or {}).get("kind", ""),
                   "start": start.isoformat(), "end": end.isoformat()},
        "levels": LEVELS,
        "agencies": agency_rows,
        "periods": period_rows,
        "totals": totals,
    }


def is_province_figures(figures):
    return figures.get("scope") == "province"
