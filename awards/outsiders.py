"""Keeping the register of outside nominees (awards.Outsider): every save leaves a timeline row, and a
correction is refused when somebody saved the entry after the form was opened."""
from django.db import transaction
from django.utils.translation import gettext_lazy

from emulation.concurrency import claim_revision
from emulation.workflow import log_action, logged_action

OUTSIDER_ADDED = logged_action("outsider_added", gettext_lazy("Outside nominee added to the register"))
OUTSIDER_CHANGED = logged_action("outsider_changed", gettext_lazy("Outside nominee corrected"))


def save_outsider(form, *, actor):
    """Save a valid awards.forms.OutsiderForm: a new entry (`actor` added it) or a correction (claimed at
    the revision the form was opened at: StaleEdit when somebody saved it since, nothing written); a
    timeline row with the changed fields. Returns the entry."""
    created = form.instance.pk is None
    with transaction.atomic():
        outsider = form.save(commit=False)
        if created:
            outsider.created_by = actor
        else:
            claim_revision(outsider, form.cleaned_data.get("revision"))
        outsider.save()
        log_action(outsider, OUTSIDER_ADDED if created else OUTSIDER_CHANGED, actor=actor,
                   data={"fields": sorted(form.changed_data)})
    return outsider
