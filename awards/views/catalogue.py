"""The award catalogue and its rule sets, edited by whoever keeps the law for the province
(rules.can_keep_catalogue): the law changes. Every change of a rule set or of one of its rules leaves a
timeline row on the set (who, when, old → new)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards import catalogue as catalogue_changes, rules
from awards.forms import (
    AwardTypeForm, DelegationForm, DisciplineForm, EvaluationForm, InitiativeForm, ReviewFlagForm, RuleForm,
    RuleSetForm,
)
from awards.models import AwardType, Rule, RuleSet
from emulation.permissions import require, scope_choices
from emulation.workflow import labelled_timeline
from awards import resources
from emulation.exports import dataset_sheet, workbook_response


@login_required
def catalogue(request):
    require(rules.can_view_catalogue(request.user))
    return render(request, "awards/catalogue.html", {
        "award_types": AwardType.objects.select_related("quota_base"),
        "rule_sets": RuleSet.objects.all(),
        "can_manage": rules.can_keep_catalogue(request.user),
    })


@login_required
def award_type_edit(request, pk=None):
    require(rules.can_keep_catalogue(request.user))
    award_type = get_object_or_404(AwardType, pk=pk) if pk else None
    form = AwardTypeForm(request.POST or None, instance=award_type)
    if request.method == "POST" and form.is_valid():
        catalogue_changes.save_award_type(form, actor=request.user)
        messages.success(request, _("The award type has been saved."))
        return redirect("awards:catalogue")
    return render(request, "emulation/form.html", {
        "form": form, "title": _("Edit award type") if award_type else _("New award type"), "back": reverse("awards:catalogue"),
    })


@login_required
def rule_set_detail(request, pk):
    """A rule set: its validity, its principles, every rule with its parameters and citation, the history."""
    require(rules.can_view_catalogue(request.user))
    rule_set = get_object_or_404(RuleSet, pk=pk)
    types = {t.code: t for t in AwardType.objects.all()}
    rule_list = list(rule_set.rules.select_related("award_type").order_by("award_type__order", "order", "pk"))
    for rule in rule_list:
        rule.params_text = catalogue_changes.describe_params(rule, types)
    return render(request, "awards/rule_set_detail.html", {
        "rule_set": rule_set,
        "rules": rule_list,
        "history": labelled_timeline(rule_set),
        "can_manage": rules.can_keep_catalogue(request.user),
    })


@login_required
def rule_set_edit(request, pk):
    require(rules.can_keep_catalogue(request.user))
    rule_set = get_object_or_404(RuleSet, pk=pk)
    form = RuleSetForm(request.POST or None, instance=rule_set)
    if request.method == "POST" and form.is_valid():
        catalogue_changes.save_rule_set(form, actor=request.user)
        messages.success(request, _("The rule set has been saved."))
        return redirect("awards:rule_set_detail", pk=rule_set.pk)
    return render(request, "emulation/form.html", {
        "form": form, "title": _("Edit rule set"), "back": reverse("awards:rule_set_detail", args=[rule_set.pk]),
    })


@login_required
def rule_edit(request, pk):
    require(rules.can_keep_catalogue(request.user))
    rule = get_object_or_404(Rule.objects.select_related("rule_set", "award_type"), pk=pk)
    form = RuleForm(request.POST or None, rule=rule)
    if request.method == "POST" and form.is_valid():
        catalogue_changes.save_rule(form, actor=request.user)
        messages.success(request, _("The rule has been saved."))
        return redirect("awards:rule_set_detail", pk=rule.rule_set_id)
    award = rule.award_type.name if rule.award_type_id else _("General principle")
    return render(request, "emulation/form.html", {
        "form": form, "title": f"{award}: {rule.get_kind_display()}",
        "back": reverse("awards:rule_set_detail", args=[rule.rule_set_id]),
    })


# What the rules read besides awards, entered by the Office; the Director's delegations.
RECORDS = {
    "initiative": (InitiativeForm, rules.can_check, gettext_lazy("New initiative")),
    "evaluation": (EvaluationForm, rules.can_check, gettext_lazy("New yearly evaluation")),
    "discipline": (DisciplineForm, rules.can_check, gettext_lazy("New discipline record")),
    "review": (ReviewFlagForm, rules.can_check, gettext_lazy("New review in progress")),
    "delegation": (DelegationForm, rules.can_delegate, gettext_lazy("Delegate to a Deputy Director")),
}


@login_required
def record_create(request, kind):
    form_class, allowed, title = RECORDS.get(kind) or _not_found()
    require(allowed(request.user))
    form = form_class(request.POST or None)
    scope_choices(form, request.user)
    if request.method == "POST" and form.is_valid():
        catalogue_changes.add_record(form, actor=request.user)
        messages.success(request, _("Saved."))
        return redirect("awards:lookup")
    return render(request, "emulation/form.html", {"form": form, "title": title, "back": reverse("awards:lookup")})


def _not_found():
    raise Http404


# The empty files of the award imports (“Download the empty template” on their import pages).
TEMPLATES = {
    "award-history": ("AwardRecordResource", "lich-su-khen-thuong", gettext_lazy("Award history")),
    "evaluations": ("EvaluationResource", "danh-gia-xep-loai", gettext_lazy("Yearly evaluations")),
    "initiatives": ("InitiativeResource", "sang-kien-de-tai", gettext_lazy("Initiatives and research topics")),
}


@login_required
def import_template(request, kind):
    """The column headers of an awards import, with no row: the Office (who imports) only."""
    resource_name, filename, title = TEMPLATES.get(kind) or _not_found()
    require(rules.can_check(request.user))
    resource = getattr(resources, resource_name)()
    dataset = resource.export(resource._meta.model.objects.none())
    return workbook_response(filename, dataset_sheet(dataset, str(title)))
