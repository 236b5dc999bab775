"""Nominations: list, create/edit with the eligibility panel, detail with timeline, actions, dossier files."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import dossier, rules
from awards.decisions import record_outcome
from awards.eligibility import evaluate_nomination, quota_warnings, set_aside
from awards.forms import (
    BulkActionForm, DossierFileForm, NominationFilterForm, NominationForm, OutcomeForm, OverrideForm,
)
from awards.documents import share_percent
from awards.forwarding import FORWARDING_WORKFLOW
from awards.models import AwardRound, DossierFile, Exemplar, Forwarding, Nomination
from awards.exemplars import nomination_initial
from awards.resources import NominationResource
from emulation.exports import list_response
from emulation.redirects import is_safe_next, redirect_next
from emulation.uploads import serve_file
from awards.voting import threshold_words
from awards.workflow import NOMINATION_WORKFLOW, act, act_on_many
from emulation.history import change_history
from emulation.permissions import require
from emulation.sorting import sort_by
from emulation.text import search
from emulation.workflow import TransitionError
from emulation.workflow_views import perform_from_post

PAGE_SIZE = 50


def _visible(request, pk):
    return get_object_or_404(Nomination.objects.visible_to(request.user).with_related(), pk=pk)


@login_required
def nomination_list(request):
    require(rules.can_view_nominations(request.user))
    form = NominationFilterForm(request.GET or None, user=request.user)
    # The eligibility the round's last background check stored (awards.jobs): read, never computed, here.
    nominations = Nomination.objects.visible_to(request.user).with_related().with_agency_vote().select_related("eligibility_check")
    if form.is_valid():
        nominations = search(nominations, form.cleaned_data["q"])
        if form.cleaned_data["round"]:
            nominations = nominations.filter(round=form.cleaned_data["round"])
        if form.cleaned_data["status"]:
            nominations = nominations.filter(status=form.cleaned_data["status"])
    nominations, sort = sort_by(request, nominations, NOMINATION_SORTS, default=("-year", "unit__path", "award_type__order"))
    page = Paginator(nominations, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    warnings = quota_warnings(page.object_list)  # set-wise: the Department's quotas, in the list itself
    for nomination in page.object_list:
        nomination.quota_warning = warnings.get(nomination.pk, "")
    can_decide = rules.can_decide(request.user)
    return render(request, "awards/nomination_list.html", {
        "form": form, "page": page, "can_decide": can_decide,
        "bulk_form": BulkActionForm(queryset=Nomination.objects.none()) if can_decide else None,
        "can_create": rules.can_register(request.user) or rules.can_propose_outsider(request.user),
        "import_rounds": AwardRound.objects.visible_to(request.user).filter(is_open=True) if rules.can_register(request.user)
        or rules.can_check(request.user) else [],
        "sees_all": rules.sees_every_unit(request.user), "sort": sort,
        "can_follow_forwarded": rules.can_follow_forwarded(request.user),
    })


NOMINATION_SORTS = {"name": ("search_text",), "award": ("award_type__order", "award_type__name"), "status": ("status",),
                    "unit": ("unit__path",), "round": ("round__name",)}


@login_required
def nomination_edit(request, pk=None):
    nomination = _visible(request, pk) if pk else None
    if nomination:
        require(rules.can_edit_nomination(request.user, nomination))
    else:
        require(rules.can_register(request.user) or rules.can_propose_outsider(request.user))
    # From an outside nominee's page (`?outsider=`) the form starts with that nominee chosen; from an accepted
    # exemplary model's page, with the model's person and deed.
    initial = None
    if nomination is None:
        initial = ({"outsider": request.GET["outsider"]} if request.GET.get("outsider", "").isdigit()
                   else _from_exemplar(request))
    form = NominationForm(request.POST or None, instance=nomination, user=request.user, initial=initial)
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


def _from_exemplar(request):
    """The initial values of a new nomination started from an accepted exemplary model (?exemplar=pk)."""
    pk = request.GET.get("exemplar", "")
    if not pk.isdigit():
        return None
    exemplar = get_object_or_404(Exemplar.objects.visible_to(request.user).filter(status=Exemplar.Status.ACCEPTED), pk=pk)
    return nomination_initial(exemplar, request.user)


@login_required
def nomination_detail(request, pk):
    nomination = _visible(request, pk)
    user = request.user
    vote = nomination.agency_vote
    forwarding = Forwarding.objects.select_related("province", "decision").filter(nomination=nomination).first()
    can_upload = rules.can_edit_nomination(user, nomination) or rules.can_complete_forwarded(user, nomination)
    return render(request, "awards/nomination_detail.html", {
        "forwarding": forwarding,
        # The list of forwarded dossiers and the province's decision: whoever follows them (a council member
        # reads the nomination, not the province's answer).
        "can_follow_forwarded": rules.can_follow_forwarded(user),
        "province_vote": nomination.province_vote if forwarding else None,
        "forwarding_buttons": FORWARDING_WORKFLOW.buttons(
            forwarding, user, reverse("awards:forwarded_act", args=[forwarding.pk])) if forwarding else [],
        "nomination": nomination,
        "verdict": evaluate_nomination(nomination),
        "timeline": NOMINATION_WORKFLOW.timeline(nomination),
        "history": change_history(nomination),
        "buttons": NOMINATION_WORKFLOW.buttons(nomination, user, reverse("awards:nomination_act", args=[nomination.pk])),
        "files": nomination.files.all(),
        "initiatives": nomination.initiatives.all(),
        "reports": nomination.reports.select_related("unit", "period"),
        "vote": vote,
        "vote_share": share_percent(vote.votes_for, vote.session.total_members) if vote else "",
        "vote_rule": threshold_words(nomination.award_type.vote_threshold),
        "can_edit": rules.can_edit_nomination(user, nomination),
        "can_view_outsider": rules.can_view_outsiders(user),
        "can_override": rules.can_override(user, nomination),
        "can_record_outcome": rules.can_record_outcome(user, nomination),
        "upload_form": DossierFileForm() if can_upload else None,
        "outcome_form": OutcomeForm(),
    })


@login_required
@require_POST
def nomination_act(request, pk):
    nomination = _visible(request, pk)
    perform_from_post(request, nomination, NOMINATION_WORKFLOW, act)
    return redirect("awards:nomination_detail", pk=pk)


@login_required
@require_POST
def nomination_bulk(request):
    require(rules.can_decide(request.user))
    form = BulkActionForm(request.POST, queryset=Nomination.objects.visible_to(request.user).with_related())
    if not form.is_valid():
        messages.error(request, _("Choose the nominations and the action."))
        return redirect("awards:nomination_list")
    if "confirmed" not in request.POST:
        # First what is about to be decided (names, award, council result), then the decision.
        chosen = form.cleaned_data["nominations"].with_agency_vote().order_by("unit__path", "award_type__order", "pk")
        return render(request, "awards/nomination_bulk_confirm.html", {
            "form": form, "nominations": chosen, "action_label": dict(form.fields["action"].choices)[form.cleaned_data["action"]],
            "next": request.POST["next"] if is_safe_next(request, request.POST.get("next")) else reverse("awards:nomination_list"),
        })
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
    require(rules.can_edit_nomination(request.user, nomination) or rules.can_complete_forwarded(request.user, nomination))
    form = DossierFileForm(request.POST, request.FILES)
    if form.is_valid():
        dossier.add_file(nomination, form.cleaned_data["file"], actor=request.user)
        messages.success(request, _("The file has been added to the dossier."))
    else:
        for error in form.errors.get("file", []):
            messages.error(request, error)
    return redirect("awards:nomination_detail", pk=pk)


@login_required
def dossier_file(request, pk):
    """A dossier file, only for those who may see its nomination (another unit's file is a 404)."""
    document = get_object_or_404(DossierFile.objects.filter(nomination__in=Nomination.objects.visible_to(request.user)), pk=pk)
    return serve_file(document.file, document.name, allowed=True, request=request)


@login_required
@require_POST
def nomination_override(request, pk):
    nomination = _visible(request, pk)
    require(rules.can_override(request.user, nomination))
    form = OverrideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for setting this condition aside."))
        return redirect("awards:nomination_detail", pk=pk)
    try:
        set_aside(nomination, form.cleaned_data["rule_key"], form.cleaned_data["reason"], actor=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The condition has been set aside; your reason is recorded."))
    return redirect("awards:nomination_detail", pk=pk)


@login_required
@require_POST
def nomination_outcome(request, pk):
    nomination = _visible(request, pk)
    require(rules.can_check(request.user))
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


@login_required
def nomination_export(request, round_pk):
    """The nominations of a round the user may see, plain or in the office layout (`?layout=office`);
    `?template=1`: the empty list a unit fills in. The import of a unit's list reads either back."""
    require(rules.can_view_nominations(request.user))
    round_ = get_object_or_404(AwardRound.objects.visible_to(request.user), pk=round_pk)
    nominations = Nomination.objects.visible_to(request.user).filter(round=round_).with_related().order_by(
        "unit__path", "award_type__order", "search_text", "pk")
    dataset = NominationResource(round=round_).export(nominations.none() if request.GET.get("template") else nominations)
    return list_response(request, "de-nghi-khen-thuong", dataset,
                         title=_("List of proposed awardees"), subtitle=round_.name)
