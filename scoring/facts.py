"""What the plan's unit reports say about each unit, read set-wise for a scoring table: the value reached
on each target (the latest report that has one) and the share of the required reports sent on time and
accepted. A bounded number of queries, whatever the number of units."""
from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from campaigns.models import ReportingPeriod, ReportStatus, TargetResult, UnitReport

SENT = (ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED, ReportStatus.ACCEPTED)


def _periods(table):
    if table.plan_id is None:
        return ReportingPeriod.objects.none()
    return ReportingPeriod.objects.filter(plan_id=table.plan_id, start__year=table.year)


def required_units(table):
    """The units that must report in the table's plan during its year (their ids)."""
    through = ReportingPeriod.units.through.objects.filter(reportingperiod__in=_periods(table))
    return set(through.values_list("unit_id", flat=True))


def report_shares(table, unit_ids):
    """unit id → (share in %, the fact in words) of the unit's required reports sent on time and accepted."""
    periods = _periods(table)
    required = defaultdict(int)
    for unit_id in ReportingPeriod.units.through.objects.filter(
            reportingperiod__in=periods, unit_id__in=unit_ids).values_list("unit_id", flat=True):
        required[unit_id] += 1
    good = defaultdict(int)
    for unit_id in UnitReport.objects.filter(period__in=periods, unit_id__in=unit_ids, status=ReportStatus.ACCEPTED,
                                             late=False).values_list("unit_id", flat=True):
        good[unit_id] += 1
    shares = {}
    for unit_id in unit_ids:
        if required[unit_id]:
            share = Decimal(good[unit_id] * 100) / required[unit_id]
            fact = _("%(good)s of %(required)s required reports sent on time and accepted") % {
                "good": good[unit_id], "required": required[unit_id]}
            shares[unit_id] = (share.quantize(Decimal("0.01")), fact)
        else:
            shares[unit_id] = (Decimal(100), _("No report was required"))
    return shares


def target_values(table, target_ids, unit_ids):
    """(unit id, target id) → (value, fact): the value of the latest sent report of the plan that has one."""
    rows = TargetResult.objects.filter(
        target_id__in=target_ids, report__unit_id__in=unit_ids, report__status__in=SENT, value__isnull=False,
        report__period__plan_id=table.plan_id,
    ).order_by("report__period__end", "report_id").values_list(
        "report__unit_id", "target_id", "value", "report__period__name", "target__target_value")
    values = {}
    for unit_id, target_id, value, period, target_value in rows:
        values[(unit_id, target_id)] = (value, _("%(period)s: %(value)s of %(target)s") % {
            "period": period, "value": f"{value.normalize():f}", "target": f"{target_value.normalize():f}"})
    return values
