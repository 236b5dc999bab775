"""Read-side aggregates of the awards app: what several pages, exports and documents count or list.

Nothing here writes; each function's docstring says what it returns and how many queries it costs.
"""
from django.db.models import Count

from awards.models import AwardRecord, Nomination, Registration, RegistrationLine
from awards.models.history import LOOKUP_ORDER
from emulation.models import Unit
from emulation.text import search
from awards.forms import LookupForm


def registration_rollup(year, agency):
    """Counts per title (collective and individual) of `agency`'s registrations received or submitted, and
    its active units (below the top unit) that have not registered."""
    registrations = Registration.objects.filter(year=year, unit__agency=agency).exclude(status=Registration.Status.DRAFT)
    collective = list(registrations.exclude(collective_title=None).values("collective_title__name").annotate(n=Count("pk")).order_by("collective_title__name"))
    individual = list(
        RegistrationLine.objects.filter(registration__in=registrations).values("award_type__name").annotate(n=Count("pk")).order_by("award_type__name")
    )
    missing = Unit.objects.filter(active=True, parent__isnull=False, agency=agency).exclude(award_registrations__in=registrations).order_by("path")
    return {
        "collective": [(row["collective_title__name"], row["n"]) for row in collective],
        "individual": [(row["award_type__name"], row["n"]) for row in individual],
        "missing": list(missing),
        "registered": registrations.count(),
        "by_unit": _registered_by_unit(registrations),
    }


def _registered_by_unit(registrations):
    """Who registered, by unit in the tree's order: [{"unit", "collective" (title or None), "people": [(title,
    [names])]}], titles in the catalogue's order, names alphabetical. Two queries whatever the size."""
    units = {}
    for pk, name, title in registrations.order_by("unit__path").values_list(
            "pk", "unit__name", "collective_title__name"):
        units[pk] = {"unit": name, "collective": title, "people": {}}
    for registration, title, person in RegistrationLine.objects.filter(registration__in=registrations).order_by(
            "award_type__order", "award_type__name", "staff__search_text").values_list(
            "registration_id", "award_type__name", "staff__full_name"):
        units[registration]["people"].setdefault(title, []).append(person)
    return [{**entry, "people": list(entry["people"].items())} for entry in units.values()]


def approved_for_decision(agency):
    """`agency`'s approved nominations waiting for a decision, by round and the catalogue's order."""
    return Nomination.objects.with_related().filter(status=Nomination.Status.APPROVED, round__agency=agency).order_by(
        "round", "award_type__order", "pk")


def lookup_records(user, data):
    """The award lookup as `user` sees it, filtered by the lookup form's `data` (a query dict, or None for
    no filter): (form, records in LOOKUP_ORDER, which the index "award_record_lookup_order" serves). One
    function for the page, its export in the request and the export job."""
    units = Unit.objects.visible_to(user).order_by("path")
    form = LookupForm(data, units=units)
    records = AwardRecord.objects.visible_to(user).select_related("award_type", "staff", "unit", "outsider", "holder_unit").with_names()
    if form.is_valid():
        data = form.cleaned_data
        records = search(records, data["q"])
        if data["award_type"]:
            records = records.filter(award_type=data["award_type"])
        if data["level"]:
            records = records.filter(award_type__level=data["level"])
        if data["year_from"]:
            records = records.filter(year__gte=data["year_from"])
        if data["year_to"]:
            records = records.filter(year__lte=data["year_to"])
        if data["unit"]:
            records = records.filter(holder_unit__path__startswith=data["unit"].path)
        if data["decision"]:
            records = search(records, data["decision"])
    return form, records.order_by(*LOOKUP_ORDER)
