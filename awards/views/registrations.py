"""Registrations (đăng ký thi đua): the unit head's form, the Office's receipt, the Department roll-up."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import queries, rules
from awards.documents import office_chief_signature, rollup_issued
from awards.forms import RegistrationForm, registration_lines_formset
from awards.models import Registration
from awards.views.documents import issue_form
from awards.workflow import REGISTRATION_WORKFLOW, act_on_registration
from emulation.documents import SignAuthority
from emulation.exports import Sheet, workbook_response
from emulation.params import year_param
from emulation.permissions import require
from emulation.sorting import sort_by
from emulation.workflow_views import perform_from_post


@login_required
def registration_list(request):
    require(rules.can_view_registrations(request.user))
    year = year_param(request)
    registrations = (
        Registration.objects.visible_to(request.user).filter(year=year)
        .select_related("unit", "collective_title").annotate(people=Count("lines"))
    )
    registrations, sort = sort_by(request, registrations, REGISTRATION_SORTS, default=("unit__path",))
    return render(request, "awards/registration_list.html", {
        "registrations": registrations, "year": year, "can_register": rules.can_register(request.user),
        "is_office": rules.can_check(request.user), "sort": sort,
    })


REGISTRATION_SORTS = {"unit": ("unit__path",), "title": ("collective_title__order", "collective_title__name"),
                      "people": ("people",), "status": ("status",)}


@login_required
def registration_edit(request, pk=None):
    registration = get_object_or_404(Registration.objects.visible_to(request.user), pk=pk) if pk else None
    if registration:
        require(rules.can_edit_registration(request.user, registration))
        unit = registration.unit
    else:
        require(rules.can_register(request.user))
        unit = request.user.unit
    instance = registration or Registration(unit=unit, year=timezone.localdate().year)
    form = RegistrationForm(request.POST or None, instance=instance)
    lines = registration_lines_formset(unit)(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        if not registration and Registration.objects.filter(unit=unit, year=form.cleaned_data["year"]).exists():
            form.add_error("year", _("Your unit has already registered for this year."))
        else:
            with transaction.atomic():
                registration = form.save()
                lines.instance = registration
                lines.save()
            messages.success(request, _("The registration has been saved."))
            return redirect("awards:registration_detail", pk=registration.pk)
    return render(request, "awards/registration_form.html", {"form": form, "lines": lines, "registration": registration})


@login_required
def registration_detail(request, pk):
    registration = get_object_or_404(Registration.objects.visible_to(request.user).select_related("unit", "collective_title"), pk=pk)
    return render(request, "awards/registration_detail.html", {
        "registration": registration,
        "lines": registration.lines.select_related("staff", "award_type"),
        "buttons": REGISTRATION_WORKFLOW.buttons(
            registration, request.user, reverse("awards:registration_act", args=[registration.pk])),
        "timeline": REGISTRATION_WORKFLOW.timeline(registration),
        "can_edit": rules.can_edit_registration(request.user, registration),
    })


@login_required
@require_POST
def registration_act(request, pk):
    registration = get_object_or_404(Registration.objects.visible_to(request.user), pk=pk)
    perform_from_post(request, registration, REGISTRATION_WORKFLOW, act_on_registration)
    return redirect("awards:registration_detail", pk=pk)


@login_required
def registration_rollup(request):
    require(rules.can_view_rollup(request.user))
    year = year_param(request)
    agency = request.user.agency
    return render(request, "awards/registration_rollup.html", {
        "year": year, **queries.registration_rollup(year, agency), "issued": rollup_issued(year, agency),
        "can_issue": rules.can_check(request.user),
        "issue_form": issue_form(signer_authority=SignAuthority.OFFICE_CHIEF, signer_name=office_chief_signature(agency).name),
    })


@login_required
def registration_rollup_export(request):
    require(rules.can_view_rollup(request.user))
    year = year_param(request)
    data = queries.registration_rollup(year, request.user.agency)
    rows = [[name, str(_("Collective")), count] for name, count in data["collective"]]
    rows += [[name, str(_("Individual")), count] for name, count in data["individual"]]
    rows += [[unit.name, str(_("Not registered")), 0] for unit in data["missing"]]
    headers = [_("Title"), _("Awarded to"), _("Number registered")]
    names = []
    for entry in data["by_unit"]:
        if entry["collective"]:
            names.append([entry["unit"], entry["collective"], entry["unit"]])
        names += [[entry["unit"], title, person] for title, people in entry["people"] for person in people]
    return workbook_response(f"dang-ky-thi-dua-{year}", Sheet(f"Đăng ký thi đua {year}", headers, rows),
                             Sheet("Danh sách đăng ký", [_("Unit"), _("Title"), _("Person or unit")], names))
