"""Numbers and symbols of issued documents (Decree 30, Điều 15).

Numbers run from 1 on 1 January to 31 December, unique within the agency (the `agency` of each series) per document type (a series,
named by its symbol such as "KH-STNMT") per year; an advisory council using the agency's seal keeps its
own series ("QĐ-HĐTĐKT"). Numbers below 10 are written with a leading zero.
"""
from django.db import transaction
from django.db.models import F

from emulation.documents.models import NumberSeries
from emulation.models import primary_agency_id


def _agency_id(agency):
    if agency is None:
        return primary_agency_id()
    return agency if isinstance(agency, int) else agency.pk


def next_number(series, year, agency=None):
    """The next number of `series` in `year` of `agency` (an Agency or its key; the first agency when
    None), reserved for the caller. Each agency's series run independently. Run it inside the transaction
    that issues the document: if that transaction rolls back, the number is given back."""
    with transaction.atomic():
        row, _ = NumberSeries.objects.get_or_create(agency_id=_agency_id(agency), series=series, year=year)
        NumberSeries.objects.filter(pk=row.pk).update(last_number=F("last_number") + 1)
        row.refresh_from_db(fields=["last_number"])
        return row.last_number


def peek_number(series, year, agency=None):
    """The number `next_number` would give now in `agency`'s series, without reserving it: what a long
    document is rendered with before the short transaction that issues it (which checks that `next_number`
    gives the same)."""
    last = NumberSeries.objects.filter(agency_id=_agency_id(agency), series=series, year=year).values_list(
        "last_number", flat=True).first()
    return (last or 0) + 1


def reserve_number(series, year, number, agency=None):
    """Record that `number` of `series` in `year` (of `agency`) is used (documents numbered outside the
    software, e.g. an imported plan), so that `next_number` continues after it."""
    with transaction.atomic():
        row, _ = NumberSeries.objects.get_or_create(agency_id=_agency_id(agency), series=series, year=year)
        NumberSeries.objects.filter(pk=row.pk, last_number__lt=number).update(last_number=number)
