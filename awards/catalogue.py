"""Changes to what the eligibility rules read: the award catalogue, the rule sets, and the records the
Office enters beside the award history (initiatives, evaluations, discipline, reviews) and the
Director's delegations. Each change leaves a row on the changed object's timeline (emulation.workflow
.log_action): the law changes, and who changed what when must be answerable.
"""
from django.db import transaction
from django.utils.translation import gettext_lazy

from emulation.models import Delegation
from emulation.workflow import log_action, logged_action
from awards.forms import RULE_PARAMETERS

CATALOGUE_CREATED = logged_action("catalogue_created", gettext_lazy("Catalogue entry created"))
CATALOGUE_CHANGED = logged_action("catalogue_changed", gettext_lazy("Catalogue entry changed"))
RULES_CREATED = logged_action("rules_created", gettext_lazy("Rule set created"))
RULES_CHANGED = logged_action("rules_changed", gettext_lazy("Rule set changed"))
RULE_CHANGED = logged_action("rule_changed", gettext_lazy("Rule changed"))
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


def _shown(field, value):
    """A value as a person reads it in the history (dates dd/mm/yyyy, choices by label, awards by name)."""
    if value in (None, ""):
        return "—"
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    choices = dict(getattr(field, "choices", None) or [])
    if choices and not hasattr(field, "queryset"):
        return str(choices.get(value, choices.get(str(value), value)))
    if hasattr(field, "queryset"):
        found = next((o for o in field.queryset if getattr(o, "code", None) == value or o == value), None)
        return str(found) if found is not None else str(value)
    return str(value)


def save_rule_set(form, *, actor):
    """Save a valid RuleSetForm; a timeline row on the rule set naming each changed field, old → new."""
    changes = [
        [str(form.fields[name].label), _shown(form.fields[name], form.initial.get(name)),
         _shown(form.fields[name], form.cleaned_data[name])]
        for name in form.changed_data
    ]
    with transaction.atomic():
        rule_set = form.save()
        if changes:
            log_action(rule_set, RULES_CHANGED, actor=actor, data={"fields": sorted(form.changed_data), "changes": changes})
    return rule_set


def save_rule(form, *, actor):
    """Save a valid RuleForm on its rule: the parameters and the legal citation; a timeline row on the
    rule's set naming the rule and each change, old → new. Nothing is written when nothing changed."""
    rule = form.rule
    params = form.params()
    changes = []
    for name, field in form.parameters:
        old, new = rule.params.get(name), params[name]
        if str(old) != str(new):
            changes.append([str(field.label), _shown(field, old), _shown(field, new)])
    basis = form.cleaned_data["legal_basis"].strip()
    if basis != rule.legal_basis:
        changes.append([str(form.fields["legal_basis"].label), rule.legal_basis, basis])
    if not changes:
        return rule
    with transaction.atomic():
        rule.params = {**rule.params, **params}
        rule.legal_basis = basis
        rule.save(update_fields=["params", "legal_basis"])
        award = rule.award_type.name if rule.award_type_id else gettext_lazy("general principle")
        log_action(rule.rule_set, RULE_CHANGED, actor=actor,
                   data={"rule": rule.pk, "text": f"{award}: {rule.get_kind_display()}", "changes": changes})
    return rule


def describe_params(rule, types):
    """“Label: value; …” of a rule's parameters as the rule form labels them (`types`: award types by code)."""
    parts = []
    for name, field in RULE_PARAMETERS.get(rule.kind, dict)().items():
        value = rule.params.get(name)
        if name == "award":
            shown = types[value].name if value in types else str(value)
        else:
            shown = _shown(field, value)
        parts.append(f"{field.label}: {shown}")
    return "; ".join(parts)
