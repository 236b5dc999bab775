"""The money of awards: the base salary table (kept by whoever keeps the law for the province,
rules.can_keep_catalogue; every change leaves a row on the changed level's timeline)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from awards import fund as fund_changes, rules
from awards.forms import BaseSalaryForm
from awards.models import BaseSalary
from emulation.permissions import require
from emulation.workflow import labelled_timeline

PAGE = 50


@login_required
def base_salary_list(request):
    require(rules.can_view_catalogue(request.user))
    page = Paginator(BaseSalary.objects.all(), PAGE).get_page(request.GET.get("page"))
    return render(request, "awards/base_salary_list.html", {
        "page": page, "can_manage": rules.can_keep_catalogue(request.user),
    })


@login_required
def base_salary_edit(request, pk=None):
    require(rules.can_keep_catalogue(request.user))
    level = get_object_or_404(BaseSalary, pk=pk) if pk else None
    form = BaseSalaryForm(request.POST or None, instance=level)
    if request.method == "POST" and form.is_valid():
        fund_changes.save_base_salary(form, actor=request.user)
        messages.success(request, _("The base salary has been saved."))
        return redirect("awards:base_salary_list")
    return render(request, "awards/base_salary_form.html", {
        "form": form, "level": level, "history": labelled_timeline(level) if level else [],
        "back": reverse("awards:base_salary_list"),
    })
