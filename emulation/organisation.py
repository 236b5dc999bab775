"""Changes to the organisation that must keep history: renaming and merging units."""
from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from emulation.models import Staff, Unit, UnitName
from emulation.text import nfc


class OrganisationError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@transaction.atomic
def rename_unit(unit, *, name, short_name, on_date):
    """Give `unit` a new name from `on_date`; the old name stays valid until the day before.

    Names bore before are kept as UnitName rows so documents and award history of past years show the
    name of their time (`Unit.name_on`).
    """
    name, short_name = nfc(name), nfc(short_name) or ""
    if name == unit.name and short_name == unit.short_name:
        raise OrganisationError(_("The new name is the same as the current one."))
    current = unit.names.filter(valid_to__isnull=True).first()
    if current and current.valid_from and on_date <= current.valid_from:
        raise OrganisationError(_("The rename date must be after the date the current name took effect."))
    if current is None:
        current = UnitName(unit=unit, name=unit.name, short_name=unit.short_name, valid_from=None)
    current.valid_to = on_date - timedelta(days=1)
    current.save()
    UnitName.objects.create(unit=unit, name=name, short_name=short_name, valid_from=on_date)
    unit.name, unit.short_name = name, short_name
    unit.save()
    return unit


@transaction.atomic
def merge_unit(unit, *, successor, on_date):
    """Merge `unit` into `successor` on `on_date`.

    The unit stays (its history, reports and awards keep pointing at it), becomes inactive and points to
    its successor; its active staff and its sub-units move to the successor.
    """
    if successor.pk == unit.pk or successor.path.startswith(unit.path):
        raise OrganisationError(_("A unit cannot be merged into itself or into one of its sub-units."))
    if not successor.active:
        raise OrganisationError(_("The successor unit is no longer active."))
    if unit.merged_into_id:
        raise OrganisationError(_("This unit has already been merged."))
    for staff in Staff.objects.filter(unit=unit, active=True):
        staff.unit = successor
        staff.save()
    for child in Unit.objects.filter(parent=unit):
        child.parent = successor
        child.save()
    unit.merged_into = successor
    unit.dissolved_on = on_date
    unit.active = False
    unit.save()
    return unit
