"""Values of a file that match nothing we know, mapped once per agency and remembered (issue 25 §4).

After the columns are matched, the cells of the "coded" columns of an import (an award, a unit, a choice
such as the evaluation level: the columns whose widget has a `value_kind`) are read as they will be
imported. A value another system wrote ("A1", "BK-UB") that matches nothing is listed once, with how
many rows have it, and the person chooses what it means; the choice is kept for their agency and the
import kind (`ImportValueMapping`) and applied before the cells are read on every later file of the same
kind, so the second file goes straight through. An agency's choices are never read for another agency,
and a chosen unit must be one the person may import into.

Widgets taking part give `value_kind` ("award", "unit", "choice"), raise `UnknownValue` for a value that
matches nothing, and give `target_label(target)` (None for a target that does not exist) and, except units,
`value_options()` ([(target, label)]).
"""
from collections import Counter
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from emulation.columns import key
from emulation.import_errors import ImportFileError
from emulation.models import ImportValueMapping, Unit
from emulation.resources import UnknownValue

MAX_LISTED = 30  # unknown values listed per column: more means a wrongly matched column, not codes to map


@dataclass
class Unmatched:
    """A value of `column` that matches nothing, on `count` rows; `options` [(target, label)] to choose from
    (empty for units, chosen with a search field)."""

    column: str
    value: str
    count: int
    kind: str
    options: list = field(default_factory=list)


@dataclass
class Mapped:
    """A value read as a remembered choice: `value` → `label`, on `count` rows."""

    column: str
    value: str
    label: str
    count: int


def coded_columns(resource):
    """{our column name: widget} of the columns whose values may be mapped."""
    columns = {f.column_name: f.widget for f in resource.get_import_fields()
               if f.column_name and getattr(f.widget, "value_kind", None)}
    columns.update(getattr(resource, "coded_columns", lambda: {})())
    return columns


def mapping_kind(kind):
    return kind.split(":")[0]  # "nominations:<round>": one mapping for every round's lists


def remembered(resource, kind):
    return ImportValueMapping.remembered(resource.agency_id, mapping_kind(kind))


def apply(dataset, resource, mappings):
    """Replace, in `dataset`, each cell of a coded column that `mappings` ({column: {folded value:
    target}}) knows by its target, before any cell is read. Returns the Mapped values, in column order."""
    widgets = coded_columns(resource)
    headers = list(dataset.headers or [])
    counts = {}
    for column, known in mappings.items():
        if column not in headers or column not in widgets or not known:
            continue
        position = headers.index(column)
        folded = {}  # each distinct cell folded once
        for index, row in enumerate(dataset):
            value = row[position]
            if value in (None, ""):
                continue
            if value not in folded:
                folded[value] = key(str(value))
            target = known.get(folded[value])
            if target is None:
                continue
            row = list(row)
            row[position] = target
            dataset[index] = row
            counts.setdefault((column, str(value).strip(), target), 0)
            counts[(column, str(value).strip(), target)] += 1
    return [Mapped(column, value, widgets[column].target_label(target) or target, count)
            for (column, value, target), count in counts.items()]


def unmatched(dataset, resource):
    """The values of the coded columns of `dataset` that match nothing, once each, with their row counts."""
    headers = list(dataset.headers or [])
    found = []
    for column, widget in coded_columns(resource).items():
        if column not in headers:
            continue
        counts, first = {}, {}
        # Folded once per distinct cell, not once per row (a column of 50,000 rows holds a few values).
        for value, times in Counter(dataset.get_col(headers.index(column))).items():
            folded = key(str(value)) if value not in (None, "") else ""
            if not folded:
                continue
            first.setdefault(folded, str(value).strip())
            counts[folded] = counts.get(folded, 0) + times
        unknown = []
        for folded, text in first.items():
            try:
                widget.clean(text)
            except UnknownValue:
                unknown.append(Unmatched(column, text, counts[folded], widget.value_kind))
            except ValueError:
                continue  # ambiguous or malformed: said on its rows, never mapped
            if len(unknown) >= MAX_LISTED:
                break
        if unknown:
            options = widget.value_options() if widget.value_kind != "unit" else []
            for item in unknown:
                item.options = options
            found += unknown
    return found


def choose(resource, kind, items, posted, *, user):
    """Keep what the person chose for the unknown values `items` (as listed by the last check: dicts of
    their column and value) from `posted` ({position in items: target as posted: a code, a choice or a unit's key}),
    for their agency. All choices are checked before any is kept; a unit outside the units the person may
    import into, or a target that does not exist, raises ImportFileError and keeps nothing."""
    if resource.agency_id is None:
        raise ImportFileError(_("Only someone of an agency can have values remembered."))
    widgets = coded_columns(resource)
    chosen = {}
    for position, target in posted.items():
        if not target or not 0 <= position < len(items):
            continue
        item = items[position]
        widget = widgets.get(item["column"])
        if widget is None:
            continue
        if widget.value_kind == "unit":
            unit = Unit.objects.filter(pk=int(target) if str(target).isdigit() else None,
                                       agency_id=resource.agency_id).first()
            if unit is None or not resource.in_scope(unit.pk):
                raise ImportFileError(_("You may not choose this unit for “%(value)s”: choose one of the units you "
                                        "manage.") % {"value": item["value"]})
            target = unit.code
        elif widget.target_label(target) is None:
            raise ImportFileError(_("“%(target)s” is not a value of “%(column)s”.") % {
                "target": target, "column": item["column"]})
        chosen[(item["column"], key(item["value"]))] = target
    ImportValueMapping.remember(resource.agency_id, mapping_kind(kind), chosen, user)
    return chosen


def to_data(values):
    return [asdict(value) for value in values]
