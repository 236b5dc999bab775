"""Read-side aggregates of the awards app: what several pages, exports and documents count or list.

Nothing here writes; each function's docstring says what it returns and how many queries it costs.
"""
from django.db.models import Count

from awards.models import Nomination, Registration, RegistrationLine
from emulation.models import Unit


def registration_rollup(year):
    """Counts per title (collective and individual) of the registrations received or submitted, and the
    active units (below the Department) that have not registered."""
    registrations = Registration.objects.filter(year=year).exclude(status=Registration.Status.DRAFT)
    collective = list(registrations.exclude(collective_title=None).values("collective_title__name").annotate(n=Count("pk")).order_by("collective_title__name"))
    individual = list(
        RegistrationLine.objects.filter(registration__in=registrations).values("award_type__name").annotate(n=Count("pk")).order_by("award_type__name")
    )
    missing = Unit.objects.filter(active=True, parent__isnull=False).exclude(award_registrations__in=registrations).order_by("path")
    return {
        "collective": [(row["collective_title__name"], row["n"]) for row in collective],
        "individual": [(row["award_type__name"], row["n"]) for row in individual],
        "missing": list(missing),
        "registered": registrations.count(),
    }


def approved_for_decision():
    """Approved nominations waiting for a decision, by round and the catalogue's order."""
    return Nomination.objects.with_related().filter(status=Nomination.Status.APPROVED).order_by(
        "round", "award_type__order", "pk")
