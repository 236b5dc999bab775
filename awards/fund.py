"""Changes to the money data: the base salary table (the province's standing body keeps it) and each
agency's emulation and commendation fund. Each change leaves a timeline row (emulation.workflow.log_action)
naming what changed, old → new."""
from django.db import transaction
from django.utils.translation import gettext_lazy

from awards.money import money
from emulation.workflow import log_action, logged_action

BASE_SALARY_CREATED = logged_action("base_salary_created", gettext_lazy("Base salary level added"))
BASE_SALARY_CHANGED = logged_action("base_salary_changed", gettext_lazy("Base salary level changed"))


def _shown(value):
    """A value as a person reads it in the history: dates dd/mm/yyyy, amounts with their thousands dots."""
    if value in (None, ""):
        return "—"
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int):
        return money(value)
    return str(value)


def save_base_salary(form, *, actor):
    """Save a valid BaseSalaryForm; a timeline row on the level with each changed field, old → new."""
    created = form.instance.pk is None
    changes = [[str(form.fields[name].label), _shown(form.initial.get(name)), _shown(form.cleaned_data[name])]
               for name in form.changed_data]
    with transaction.atomic():
        level = form.save()
        log_action(level, BASE_SALARY_CREATED if created else BASE_SALARY_CHANGED, actor=actor,
                   data={"changes": changes})
    return level
