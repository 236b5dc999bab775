"""The province's pages: the inbox of dossiers forwarded by the agencies, a dossier with its documents and
the thẩm định buttons, the documents forwarded with it, and the Chủ tịch's decisions.

Every object is looked up through emulation.scoping (`scope_forwardings`, `forwarded_to`): a province's
login reaches only what was forwarded to its province; an agency's login reaches none of these pages but
the action endpoint of its own dossiers (forwarding again after a return)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import forwarding as province, rules
from awards.documents import proposal_file, minutes_pdf
from awards.eligibility import evaluate_nomination
from awards.forms import ForwardingFilterForm, ForwardingStatusForm, ProvinceDecisionForm
from awards.models import AwardRound, CouncilSession, DossierFile, Forwarding, ProvinceDecision
from awards.views.documents import _send
from emulation import permissions
from emulation.permissions import require
from emulation.text import search
from emulation.uploads import serve_file
from emulation.workflow import TransitionError
from emulation.workflow_views import perform_from_post
from awards.workflow import NOMINATION_WORKFLOW

PAGE_SIZE = 50


def _dossier(request, pk):
    return get_object_or_404(Forwarding.objects.visible_to(request.user).with_related(), pk=pk)


@login_required
def forwarded_list(request):
    """The inbox: dossiers forwarded to the province, grouped by agency, filtered by agency, state, name."""
    require(rules.can_use_province_inbox(request.user))
    form = ForwardingFilterForm(request.GET or None, province_id=request.user.agency_id)
    dossiers = Forwarding.objects.visible_to(request.user).with_related().order_by(
        "agency_id", "-forwarded_at", "pk")
    if form.is_valid():
        data = form.cleaned_data
        if data["agency"]:
            dossiers = dossiers.filter(agency=data["agency"])
        if data["status"]:
            dossiers = dossiers.filter(status=data["status"])
        if data["q"]:
            dossiers = search(dossiers, data["q"], "nomination__search_text")
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "awards/forwarded_list.html", {
        "form": form, "page": page, "can_decide": rules.can_issue_province_decision(request.user)})


@login_required
def forwarded_detail(request, pk):
    """One forwarded dossier as the province reads it: the nomination as approved, its files, the round's
    tờ trình and the council minutes, the eligibility with the whole province's history, the timeline."""
    require(rules.can_use_province_inbox(request.user))
    dossier = _dossier(request, pk)
    nomination = dossier.nomination
    vote = nomination.agency_vote
    return render(request, "awards/forwarded_detail.html", {
        "dossier": dossier, "nomination": nomination, "vote": vote, "province_vote": nomination.province_vote,
        "files": nomination.files.all(),
        # The rules read every award record of the person or unit, whichever agency decided it.
        "verdict": evaluate_nomination(nomination),
        "timeline": province.FORWARDING_WORKFLOW.timeline(dossier),
        "nomination_timeline": _nomination_timeline(nomination),
        "buttons": province.FORWARDING_WORKFLOW.buttons(dossier, request.user,
                                                         reverse("awards:forwarded_act", args=[dossier.pk])),
    })


def _nomination_timeline(nomination):
    return NOMINATION_WORKFLOW.timeline(nomination)


@login_required
@require_POST
def forwarded_act(request, pk):
    """A step of the dossier's workflow: the province's thẩm định, or the agency's forwarding again."""
    dossier = _dossier(request, pk)
    perform_from_post(request, dossier, province.FORWARDING_WORKFLOW, province.act)
    if rules.can_use_province_inbox(request.user):
        return redirect("awards:forwarded_detail", pk=pk)
    return redirect("awards:nomination_detail", pk=dossier.nomination_id)


@login_required
def forwarded_file(request, pk):
    """A file of a dossier forwarded to the user's province."""
    document = get_object_or_404(permissions.forwarded_to(DossierFile.objects, request.user, "nomination__forwarding"),
                                 pk=pk)
    return serve_file(document.file, document.name, allowed=True, request=request)


@login_required
def forwarded_proposal(request, pk):
    """The tờ trình to the province of a round that forwarded a dossier to the user's province."""
    round_ = get_object_or_404(permissions.forwarded_to(AwardRound.objects, request.user, "nominations__forwarding")
                               .select_related("agency"), pk=pk)
    return _send(request, proposal_file(round_, True), f"to-trinh-{round_.pk}-tinh", "pdf")


@login_required
def forwarded_minutes(request, pk):
    """The minutes of the agency's council session that voted on a dossier forwarded to the user's province."""
    session = get_object_or_404(permissions.forwarded_to(CouncilSession.objects, request.user,
                                                         "votes__nomination__forwarding").select_related("round__agency"),
                                pk=pk)
    return _send(request, minutes_pdf(session), f"bien-ban-{session.minutes_number:02d}-{session.minutes_year}", "pdf")


@login_required
def agency_forwarded_list(request):
    """The agency's side: its dossiers forwarded to the province, each with its state as it moves (received,
    under review, returned, at the provincial council, passed or not, decided) and the province's decision
    to open; a unit head sees their units' ones."""
    require(rules.can_follow_forwarded(request.user))
    dossiers = Forwarding.objects.visible_to(request.user).with_related().order_by("-forwarded_at", "pk")
    form = ForwardingStatusForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["status"]:
        dossiers = dossiers.filter(status=form.cleaned_data["status"])
    return render(request, "awards/agency_forwarded_list.html", {
        "page": Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page")), "form": form})


@login_required
def province_decision_list(request):
    require(rules.can_use_province_inbox(request.user))
    decisions = ProvinceDecision.objects.visible_to(request.user).order_by("-signed_on", "-number")
    return render(request, "awards/province_decision_list.html", {
        "page": Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_decide": rules.can_issue_province_decision(request.user)})


@login_required
def province_decision_create(request):
    """The Chủ tịch decides accepted dossiers in bulk."""
    require(rules.can_issue_province_decision(request.user))
    accepted = (Forwarding.objects.visible_to(request.user).with_related()
                .filter(status=Forwarding.Status.PASSED).order_by("agency_id", "nomination__award_type__order", "pk"))
    initial = {**province.decision_defaults(request.user.agency), "signer_name": request.user.get_full_name()}
    form = ProvinceDecisionForm(request.POST or None, queryset=accepted, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = province.issue_province_decision(
                data["forwardings"], actor=request.user, signed_on=data["signed_on"], signer_name=data["signer_name"],
                signer_authority=data["signer_authority"], summary=data["summary"])
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Decision %(number)s issued.") % {"number": decision.reference})
            return redirect("awards:province_decision_list")
    return render(request, "awards/province_decision_form.html", {"form": form, "accepted": accepted})


@login_required
def province_decision_file(request, pk, fmt="pdf"):
    """The decision of the Chủ tịch (PDF or Word): the province's logins, and the logins of an agency who
    see a dossier it decided (ProvinceDecision.visible_to); anybody else 404."""
    decision = get_object_or_404(ProvinceDecision.objects.visible_to(request.user).select_related("agency"), pk=pk)
    return _send(request, province.decision_file(decision, fmt), decision.reference.replace("/", "-"), fmt)
