"""The award catalogue, edited by the Office: the law changes. Rule sets stay in the administration
(a change of law is a new rule set with its own validity dates, entered once)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from awards import permissions
from awards.forms import AwardTypeForm
from awards.models import AwardType, RuleSet
from emulation import permissions as core
from emulation.permissions import require


@login_required
def catalogue(request):
    require(core.sees_all_units(request.user))
    return render(request, "awards/catalogue.html", {
        "award_types": AwardType.objects.select_related("quota_base"),
        "rule_sets": RuleSet.objects.all(),
        "can_manage": permissions.can_check(request.user),
    })


@login_required
def award_type_edit(request, pk=None):
    require(permissions.can_check(request.user))
    award_type = get_object_or_404(AwardType, pk=pk) if pk else None
    form = AwardTypeForm(request.POST or None, instance=award_type)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The award type has been saved."))
        return redirect("awards:catalogue")
    return render(request, "emulation/form.html", {
        "form": form, "title": _("Edit award type") if award_type else _("New award type"), "back": reverse("awards:catalogue"),
    })
