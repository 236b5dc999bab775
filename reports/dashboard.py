"""The Director's dashboard: the same figures as a summary report, live, for the current period.

A fixed number of queries whatever the number of units: the summary figures of the period
(reports.summaries) plus two aggregates (nominations waiting, awards of the year). The figures are kept
in the cache for a minute so that the page and its four chart images compute them once.
"""
from django.core.cache import cache
from django.db.models import Count, Q

from awards.models import AwardRecord, Nomination
from campaigns.models import PlanStatus, ReportingPeriod
from emulation import calendar
from reports.summaries import compute_figures
from datetime import date
from reports.province import compute_province_figures

CACHE_SECONDS = 60
WAITING = {
    Nomination.Status.SUBMITTED: "office", Nomination.Status.CHECKED: "council", Nomination.Status.VOTED: "director",
    Nomination.Status.FORWARDED: "province",
}


def dashboard_periods(user):
    """The periods of the published plans of the user's agency."""
    return (ReportingPeriod.objects.visible_to(user).filter(plan__status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED])
            .select_related("plan").order_by("-end", "-due", "-pk"))


def current_period(user, today=None):
    """The latest period that has started (the one the Director asks about), or None."""
    today = today or calendar.today()
    return dashboard_periods(user).filter(start__lte=today).first()


def live_figures(period):
    key = f"reports:dashboard:{period.pk}"
    figures = cache.get(key)
    if figures is None:
        figures = compute_figures(period)
        cache.set(key, figures, CACHE_SECONDS)
    return figures


def dashboard_data(period):
    figures = live_figures(period)
    year = period.end.year
    agency_id = period.plan.issuer_id  # the period's agency's nominations and awards only
    waiting = Nomination.objects.filter(round__agency_id=agency_id).aggregate(**{
        key: Count("pk", filter=Q(status=status)) for status, key in WAITING.items()
    })
    awards = list(AwardRecord.objects.filter(year=year, holder_unit__agency_id=agency_id).values("award_type__name")
                  .annotate(n=Count("pk")).order_by("-n", "award_type__name"))
    units = [unit for unit in figures["units"] if unit["completion"] is not None]
    ranked = sorted(units, key=lambda unit: (unit["completion"], unit["name"]))
    return {
        "figures": figures, "year": year, "waiting": waiting, "waiting_total": sum(waiting.values()),
        "awards_of_year": awards, "awards_total": sum(row["n"] for row in awards),
        **completion_lists(ranked),
    }


def completion_lists(ranked, size=5):
    """The `size` units of lowest and of highest completion (`ranked` from lowest to highest), never one unit
    in both: with 2 × `size` units or fewer, every unit is in the one list `lowest_units` (lowest first)
    and `highest_units` is empty, so that the page shows one ranking instead of two overlapping ones."""
    if len(ranked) <= 2 * size:
        return {"lowest_units": ranked, "highest_units": []}
    return {"lowest_units": ranked[:size], "highest_units": list(reversed(ranked[-size:]))}


# The province's dashboard (its standing body's Office and the Chủ tịch) ------------------------------------


def latest_province_year(province, today=None):
    """The year of the latest period of the province's agencies that has started, or None. 1 query."""
    today = today or calendar.today()
    end = (ReportingPeriod.objects.filter(plan__issuer__province=province, start__lte=today,
                                          plan__status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED])
           .order_by("-end").values_list("end", flat=True).first())
    return end.year if end else None


def province_live_figures(province, year, today=None):
    """The province's summary figures of `year` so far (reports.province), kept a minute in the cache like
    an agency's (the page and its two chart images compute them once)."""

    today = today or calendar.today()
    key = f"reports:province-dashboard:{province.pk}:{year}"
    figures = cache.get(key)
    if figures is None:
        end = min(date(year, 12, 31), max(today, date(year, 1, 1)))
        figures = compute_province_figures(province, date(year, 1, 1), end,
                                           period={"name": f"năm {year}", "kind": "year"})
        cache.set(key, figures, CACHE_SECONDS)
    return figures

