"""Choosing a person or a unit among thousands: a search-as-you-type field instead of a <select> of all.

One widget (`PickerWidget`) for any ModelChoiceField or ModelMultipleChoiceField of staff or units, and
one endpoint (`pick`) that answers its searches. The field renders a search box and a <select> holding
only the current choice; typing asks the endpoint (htmx, no script of our own) for up to `LIMIT` matches
within the person's scope, which replace the <select>, the current choice kept on top. The form's own
queryset still decides what may be posted: an id typed in by hand outside it is refused by the field.

Kinds (`KINDS`): "staff" (people at work), "unit" (active units) and "unit-all" (also dissolved or merged
units, for searching the history). Each is scoped by `visible_to(user)`; the endpoint itself is open only to
the roles that see units or staff (`can_view_units`, `can_view_staff_list`).
"""
from dataclasses import dataclass
from typing import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.http import urlencode

from emulation import permissions
from emulation.models import Staff, Unit
from emulation.text import search

LIMIT = 20


@dataclass(frozen=True)
class PickerKind:
    rows: Callable  # rows(user) -> the queryset of what `user` may pick
    label: Callable  # label(obj) -> the text of its option
    order: tuple
    allowed: Callable  # allowed(user) -> may use the endpoint


def _staff_label(person):
    return f"{person.full_name} ({person.unit.short_name or person.unit.name})"


KINDS = {
    "staff": PickerKind(lambda user: Staff.objects.visible_to(user).filter(active=True).select_related("unit"),
                        _staff_label, ("search_text", "pk"), permissions.can_view_staff_list),
    "unit": PickerKind(lambda user: Unit.objects.visible_to(user).filter(active=True), lambda unit: unit.name,
                       ("path",), permissions.can_view_units),
    # Dissolved and merged units say so, so that a reader choosing one knows before posting.
    "unit-all": PickerKind(lambda user: Unit.objects.visible_to(user).select_related("merged_into"),
                           lambda unit: f"{unit.name} ({unit.departure})" if unit.departure else unit.name, ("path",),
                           permissions.can_view_units),
}


def matches(kind, user, text, limit=LIMIT):
    """Up to `limit` rows of `kind` that `user` may pick whose folded text contains every word of
    `text` (nothing for an empty text), and whether there are more."""
    spec = KINDS[kind]
    if not text.strip():
        return [], False
    rows = list(search(spec.rows(user), text).order_by(*spec.order)[:limit + 1])
    return rows[:limit], len(rows) > limit


def chosen(kind, user, values):
    """The rows among `values` (ids as posted) that `user` may pick, in the kind's order."""
    ids = [int(v) for v in values if str(v).isdigit()]
    if not ids:
        return []
    return list(KINDS[kind].rows(user).filter(pk__in=ids).order_by(*KINDS[kind].order))


class PickerWidget(forms.Widget):
    """A search box and a <select> of the current choice (see the module docstring). Use it as the widget
    of a model choice field: `forms.ModelChoiceField(queryset=…, widget=PickerWidget("staff"))`, or
    `use_picker(form, "staff", "staff")` on a ModelForm's field."""

    template_name = "emulation/widgets/picker.html"

    def __init__(self, kind, attrs=None, multiple=False):
        super().__init__(attrs)
        if kind not in KINDS:
            raise KeyError(kind)
        self.kind, self.allow_multiple_selected = kind, multiple
        self.choices = ()  # the field's ModelChoiceIterator: its queryset gives the current choice's row

    def value_from_datadict(self, data, files, name):
        if self.allow_multiple_selected:
            getter = getattr(data, "getlist", None)
            return getter(name) if getter else data.get(name)
        return data.get(name)

    def format_value(self, value):
        if value is None or value == "":
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        return [str(getattr(v, "pk", v)) for v in values if v not in (None, "")]

    def _current(self, values):
        queryset = getattr(self.choices, "queryset", None)
        if queryset is None or not values:
            return []
        if self.kind == "staff":
            queryset = queryset.select_related("unit")
        try:
            rows = list(queryset.filter(pk__in=values))
        except (ValueError, TypeError, ValidationError):
            return []
        return [(str(row.pk), KINDS[self.kind].label(row)) for row in rows]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget_id = widget["attrs"].get("id") or f"id_{name}"
        query = {"name": name, "id": widget_id}
        if self.allow_multiple_selected:
            query["multiple"] = "1"
        widget.update({
            "id": widget_id, "kind": self.kind, "multiple": self.allow_multiple_selected,
            "options": [(v, label, True) for v, label in self._current(widget["value"])],
            "url": f"{reverse('pick', args=[self.kind])}?{urlencode(query)}",
            "invalid": "is-invalid" in str(widget["attrs"].get("class", "")),
        })
        return context


class PickerMultipleWidget(PickerWidget):
    def __init__(self, kind, attrs=None):
        super().__init__(kind, attrs, multiple=True)


def use_picker(form, field_name, kind):
    """Give the model choice field `field_name` of `form` the picker of `kind` (its queryset unchanged)."""
    field = form.fields[field_name]
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    widget = PickerWidget(kind, multiple=multiple)
    widget.is_required = field.required
    widget.choices = field.choices
    field.widget = widget
