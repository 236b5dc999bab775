"""Readable change history (who, when, old → new) from django-simple-history records."""
from django.db import models
from django.utils.translation import gettext as _


def _display(field, value, related_names):
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        return related_names.get((field.related_model, value), str(value))
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def change_history(obj, limit=20):
    """The newest `limit` changes of `obj`, each {"at", "user", "created", "changes": [(label, old, new)]}.

    Two queries whatever the number of records: the records, and the names of referenced objects.
    """
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    model = type(obj)
    pairs = []
    for newer, older in zip(records, records[1:] + [None]):
        if len(pairs) == limit:
            break
        if older is None:
            pairs.append((newer, None, []))
            continue
        delta = newer.diff_against(older)
        pairs.append((newer, older, delta.changes))
    wanted = {}
    for _newer, _older, changes in pairs:
        for change in changes:
            field = model._meta.get_field(change.field)
            if isinstance(field, models.ForeignKey):
                wanted.setdefault(field.related_model, set()).update(v for v in (change.old, change.new) if v)
    related_names = {}
    for related_model, pks in wanted.items():
        for item in related_model._default_manager.filter(pk__in=pks):
            related_names[(related_model, item.pk)] = str(item)
    entries = []
    for newer, older, changes in pairs:
        rows = []
        for change in changes:
            field = model._meta.get_field(change.field)
            rows.append((field.verbose_name, _display(field, change.old, related_names), _display(field, change.new, related_names)))
        entries.append({
            "at": newer.history_date,
            "user": newer.history_user,
            "created": older is None and newer.history_type == "+",
            "changes": rows,
        })
    return entries
