"""Changes to what the eligibility rules read: the award catalogue, the rule sets, and the records the
Office enters beside the award history (initiatives, evaluations, discipline, reviews) and the
Director's delegations. Each change leaves a row on the changed object's timeline (emulation.workflow
.log_action): the law changes, and who changed what when must be answerable.
"""
from django.db import transaction
from django.utils.translation import gettext_lazy

from emulation.models import Delegation
from emulation.workflow import log_action, logged_action

CATALOGUE_CREATED = logged_action("catalogue_created", gettext_lazy("Catalogue entry created"))
CATALOGUE_CHANGED = logged_action("catalogue_changed", gettext_lazy("Catalogue entry changed"))
RULES_CREATED = logged_action("rules_created", gettext_lazy("Rule set created"))
RULES_CHANGED = logged_action("rules_changed", gettext_lazy("Rule set changed"))
RECORD_ADDED = logged_action("record_added", gettext_lazy("Record added"))
DELEGATION_GRANTED = logged_action("delegation_granted", gettext_lazy("Delegation granted"))


def save_award_type(form, *, actor):
    """Save a valid AwardTypeForm; a timeline row on the award type with the names of the changed fields."""
    created = form.instance.pk is None
    with transaction.atomic():
        award_type = form.save()
        log_action(award_type, CATALOGUE_CREATED if created else CATALOGUE_CHANGED, actor=actor,
                   data={"fields": sorted(form.changed_data)})
    return award_type


def rule_set_saved(rule_set, *, actor, created, fields=()):
    """A timeline row on `rule_set` after it (or one of its rules) was saved in the administration."""
    return log_action(rule_set, RULES_CREATED if created else RULES_CHANGED, actor=actor,
                      data={"fields": sorted(fields)})


def add_record(form, *, actor):
    """Save a valid record form (initiative, evaluation, discipline, review, delegation); a delegation is
    granted by `actor`. A timeline row on the new record. Returns the record."""
    with transaction.atomic():
        record = form.save(commit=False)
        if isinstance(record, Delegation):
            record.granted_by = actor
        record.save()
        form.save_m2m()
        action = DELEGATION_GRANTED if isinstance(record, Delegation) else RECORD_ADDED
        log_action(record, action, actor=actor, data={"model": record._meta.model_name})
    return record
