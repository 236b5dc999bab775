"""Registrations (đăng ký thi đua): the unit head's form, the Office's receipt, the Department roll-up."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import permissions
from awards.forms import ActionForm, RegistrationForm, registration_lines_formset
from awards.models import Registration, RegistrationLine
from awards.workflow import REGISTRATION_WORKFLOW
from emulation import permissions as core
from emulation.exports import Sheet, workbook_response
from emulation.models import Unit
from emulation.permissions import require
from emulation.workflow import TransitionError


def _year(request):
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


@login_required
def registration_list(request):
    require(core.sees_all_units(request.user) or core.is_unit_head(request.user))
    year = _year(request)
    registrations = (
        Registration.objects.visible_to(request.user).filter(year=year)
        .select_related("unit", "collective_title").annotate(people=Count("lines"))
    )
    return render(request, "awards/registration_list.html", {
        "registrations": registrations, "year": year, "can_register": permissions.can_register(request.user),
        "is_office": permissions.can_check(request.user),
    })


@login_required
def registration_edit(request, pk=None):
    registration = get_object_or_404(Registration.objects.visible_to(request.user), pk=pk) if pk else None
    if registration:
        require(permissions.can_edit_registration(request.user, registration))
        unit = registration.unit
    else:
        require(permissions.can_register(request.user))
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
        "buttons": REGISTRATION_WORKFLOW.available(registration, request.user),
        "timeline": REGISTRATION_WORKFLOW.timeline(registration),
        "can_edit": permissions.can_edit_registration(request.user, registration),
    })


@login_required
@require_POST
def registration_act(request, pk):
    registration = get_object_or_404(Registration.objects.visible_to(request.user), pk=pk)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            REGISTRATION_WORKFLOW.perform(registration, form.cleaned_data["action"], actor=request.user, reason=form.cleaned_data["note"])
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Done: %(status)s.") % {"status": registration.get_status_display()})
    return redirect("awards:registration_detail", pk=pk)


def rollup(year):
    """Counts per title (collective and individual) of the registrations received or submitted, and the
    active units (below the Department) that have not registered."""
    registrations = Registration.objects.filter(year=year).exclude(status=Registration.Status.DRAFT)
    collective = list(registrations.exclude(collective_title=None).values("collective_title__name").annotate(n=Count("pk")).order_by("collective_title__name"))
    individual = list(
        RegistrationLine.objects.filter(registration__in=registrations).values("award_type__name").annotate(n=Count("pk")).order_by("award_type__name")
    )
    missing = Unit.objects.filter(active=True, parent__isnull=False).exclude(award_registrations__in=registrations).order_by("path")
    return {
        "collective": [(row["collective_title__name"], row["n"]) for row in collective],
        "individual": [(row["award_type__name"], row["n"]) for row in individual],
        "missing": list(missing),
        "registered": registrations.count(),
    }


@login_required
def registration_rollup(request):
    require(core.sees_all_units(request.user))
    year = _year(request)
    from awards.documents import office_chief_signature, rollup_issued
    from awards.views.documents import issue_form
    from emulation.documents import SignAuthority

    return render(request, "awards/registration_rollup.html", {
        "year": year, **rollup(year), "issued": rollup_issued(year), "can_issue": permissions.can_check(request.user),
        "issue_form": issue_form(signer_authority=SignAuthority.OFFICE_CHIEF, signer_name=office_chief_signature().name),
    })


@login_required
def registration_rollup_export(request):
    require(core.sees_all_units(request.user))
    year = _year(request)
    data = rollup(year)
    rows = [[name, str(_("Collective")), count] for name, count in data["collective"]]
    rows += [[name, str(_("Individual")), count] for name, count in data["individual"]]
    rows += [[unit.name, str(_("Not registered")), 0] for unit in data["missing"]]
    headers = [_("Title"), _("Awarded to"), _("Number registered")]
    return workbook_response(f"dang-ky-thi-dua-{year}", Sheet(f"Đăng ký thi đua {year}", headers, rows))
