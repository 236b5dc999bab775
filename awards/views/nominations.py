"""Nominations: list, create/edit with the eligibility panel, detail with timeline, actions, dossier files."""
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import permissions
from awards.decisions import record_outcome
from awards.eligibility import evaluate_nomination
from awards.forms import (
    ActionForm, BulkActionForm, DossierFileForm, NominationFilterForm, NominationForm, OutcomeForm, OverrideForm,
)
from awards.models import DossierFile, EligibilityOverride, Nomination
from emulation.redirects import redirect_next
from emulation.uploads import serve_file
from awards.workflow import NOMINATION_WORKFLOW, act_by_button, act_on_many, buttons
from emulation.permissions import require, sees_all_units
from emulation.text import search
from emulation.workflow import TransitionError

PAGE_SIZE = 50


def _visible(request, pk):
    return get_object_or_404(Nomination.objects.visible_to(request.user).with_related(), pk=pk)


@login_required
def nomination_list(request):
    require(permissions.can_view_nominations(request.user))
    form = NominationFilterForm(request.GET or None)
    nominations = Nomination.objects.visible_to(request.user).with_related().select_related("vote")
    if form.is_valid():
        nominations = search(nominations, form.cleaned_data["q"])
        if form.cleaned_data["round"]:
            nominations = nominations.filter(round=form.cleaned_data["round"])
        if form.cleaned_data["status"]:
            nominations = nominations.filter(status=form.cleaned_data["status"])
    page = Paginator(nominations.order_by("-year", "unit__path", "award_type__order", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    can_decide = permissions.can_decide(request.user)
    return render(request, "awards/nomination_list.html", {
        "form": form, "page": page, "can_decide": can_decide,
        "bulk_form": BulkActionForm(queryset=Nomination.objects.none()) if can_decide else None,
        "can_create": permissions.can_register(request.user),
        "sees_all": sees_all_units(request.user),
    })


@login_required
def nomination_edit(request, pk=None):
    nomination = _visible(request, pk) if pk else None
    if nomination:
        require(permissions.can_edit_nomination(request.user, nomination))
    else:
        require(permissions.can_register(request.user))
    form = NominationForm(request.POST or None, instance=nomination, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if nomination is None:
                form.instance.created_by = request.user
            nomination = form.save()
        messages.success(request, _("The nomination has been saved. Check the conditions below, then submit it."))
        return redirect("awards:nomination_detail", pk=nomination.pk)
    return render(request, "awards/nomination_form.html", {
        "form": form, "nomination": nomination,
        "verdict": evaluate_nomination(nomination) if nomination else None,
        "back": reverse("awards:nomination_detail", args=[pk]) if pk else reverse("awards:nomination_list"),
    })


@login_required
def nomination_detail(request, pk):
    nomination = _visible(request, pk)
    user = request.user
    return render(request, "awards/nomination_detail.html", {
        "nomination": nomination,
        "verdict": evaluate_nomination(nomination),
        "timeline": NOMINATION_WORKFLOW.timeline(nomination),
        "buttons": buttons(nomination, user),
        "files": nomination.files.all(),
        "initiatives": nomination.initiatives.all(),
        "reports": nomination.reports.select_related("unit", "period"),
        "vote": getattr(nomination, "vote", None),
        "can_edit": permissions.can_edit_nomination(user, nomination),
        "can_override": permissions.can_override(user, nomination),
        "can_record_outcome": nomination.status == Nomination.Status.FORWARDED and permissions.can_check(user),
        "upload_form": DossierFileForm() if permissions.can_edit_nomination(user, nomination) else None,
        "outcome_form": OutcomeForm(),
    })


@login_required
@require_POST
def nomination_act(request, pk):
    nomination = _visible(request, pk)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            act_by_button(nomination, form.cleaned_data["action"], actor=request.user, note=form.cleaned_data["note"])
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Done: %(status)s.") % {"status": nomination.get_status_display()})
    return redirect("awards:nomination_detail", pk=pk)


@login_required
@require_POST
def nomination_bulk(request):
    require(permissions.can_decide(request.user))
    form = BulkActionForm(request.POST, queryset=Nomination.objects.visible_to(request.user).with_related())
    if not form.is_valid():
        messages.error(request, _("Choose the nominations and the action."))
        return redirect("awards:nomination_list")
    done, failed = act_on_many(
        form.cleaned_data["nominations"], form.cleaned_data["action"], actor=request.user, note=form.cleaned_data["note"],
    )
    if done:
        messages.success(request, _("%(count)s nomination(s) done.") % {"count": len(done)})
    for nomination, message in failed:
        messages.warning(request, f"{nomination}: {message}")
    return redirect_next(request, reverse("awards:nomination_list"))


@login_required
@require_POST
def nomination_upload(request, pk):
    nomination = _visible(request, pk)
    require(permissions.can_edit_nomination(request.user, nomination))
    form = DossierFileForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        DossierFile.objects.create(nomination=nomination, name=Path(upload.name).name, file=upload, uploaded_by=request.user)
        messages.success(request, _("The file has been added to the dossier."))
    else:
        for error in form.errors.get("file", []):
            messages.error(request, error)
    return redirect("awards:nomination_detail", pk=pk)


@login_required
def dossier_file(request, pk):
    """A dossier file, only for those who may see its nomination (another unit's file is a 404)."""
    document = get_object_or_404(DossierFile.objects.filter(nomination__in=Nomination.objects.visible_to(request.user)), pk=pk)
    return serve_file(document.file, document.name, allowed=True)


@login_required
@require_POST
def nomination_override(request, pk):
    nomination = _visible(request, pk)
    require(permissions.can_override(request.user, nomination))
    form = OverrideForm(request.POST)
    verdict = evaluate_nomination(nomination)
    failed = {check.key: check for check in verdict.failed if check.can_be_set_aside}
    if form.is_valid() and form.cleaned_data["rule_key"] in failed:
        check = failed[form.cleaned_data["rule_key"]]
        EligibilityOverride.objects.create(
            nomination=nomination, rule_key=check.key, rule_text=check.requirement[:300],
            reason=form.cleaned_data["reason"], by=request.user,
        )
        messages.success(request, _("The condition has been set aside; your reason is recorded."))
    else:
        messages.error(request, _("Give a reason for setting this condition aside."))
    return redirect("awards:nomination_detail", pk=pk)


@login_required
@require_POST
def nomination_outcome(request, pk):
    nomination = _visible(request, pk)
    require(permissions.can_check(request.user))
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            record_outcome(nomination, actor=request.user, **form.cleaned_data)
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The outcome has been recorded."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("awards:nomination_detail", pk=pk)
