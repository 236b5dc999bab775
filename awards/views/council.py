"""Rounds, council sessions with vote counts, and decisions (Office), readable by the Director."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import permissions
from awards.decisions import issue_decision
from awards.forms import DecisionForm, RoundForm, SessionForm, VoteForm
from awards.models import AwardRound, CouncilSession, Decision, Nomination
from awards.voting import VotingError, open_session, quorum_needed, record_vote, votes_needed
from emulation import permissions as core
from emulation.documents import SignAuthority
from emulation.permissions import require
from emulation.workflow import TransitionError


def can_read(user):
    return core.sees_all_units(user) or core.is_council_member(user)


@login_required
def round_list(request):
    require(can_read(request.user))
    rounds = AwardRound.objects.select_related("plan")
    page = Paginator(rounds, 50).get_page(request.GET.get("page"))
    return render(request, "awards/round_list.html", {"page": page, "can_manage": permissions.can_check(request.user)})


@login_required
def round_edit(request, pk=None):
    require(permissions.can_check(request.user))
    round_ = get_object_or_404(AwardRound, pk=pk) if pk else None
    form = RoundForm(request.POST or None, instance=round_)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The round has been saved."))
        return redirect("awards:round_list")
    return render(request, "emulation/form.html", {
        "form": form, "title": _("Edit round") if round_ else _("New round"), "back": reverse("awards:round_list"),
    })


@login_required
def session_list(request):
    require(can_read(request.user))
    sessions = CouncilSession.objects.select_related("round")
    page = Paginator(sessions, 50).get_page(request.GET.get("page"))
    return render(request, "awards/session_list.html", {"page": page, "can_manage": permissions.can_check(request.user)})


@login_required
def session_create(request):
    require(permissions.can_check(request.user))
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = open_session(**form.cleaned_data)
        messages.success(request, _("The session has been recorded."))
        return redirect("awards:session_detail", pk=session.pk)
    return render(request, "emulation/form.html", {"form": form, "title": _("New council session"), "back": reverse("awards:session_list")})


@login_required
def session_detail(request, pk):
    require(can_read(request.user))
    session = get_object_or_404(CouncilSession.objects.select_related("round"), pk=pk)
    present = list(session.present.all())
    written = list(session.written.all())
    waiting = Nomination.objects.with_related().filter(round=session.round, status=Nomination.Status.CHECKED)
    for nomination in waiting:
        nomination.needed = votes_needed(session.total_members, nomination.award_type.vote_threshold)
        nomination.quorum = quorum_needed(session.total_members, nomination.award_type)
    return render(request, "awards/session_detail.html", {
        "session": session, "present": present, "written": written,
        "votes": session.votes.select_related("nomination__award_type", "nomination__staff", "nomination__nominee_unit", "nomination__unit"),
        "waiting": waiting if permissions.can_check(request.user) and not session.is_closed else [],
        "can_close": permissions.can_check(request.user) and not session.is_closed,
        "vote_form": VoteForm(),
    })


@login_required
@require_POST
def session_vote(request, pk, nomination_pk):
    require(permissions.can_check(request.user))
    session = get_object_or_404(CouncilSession, pk=pk)
    nomination = get_object_or_404(Nomination.objects.with_related(), pk=nomination_pk, round=session.round)
    form = VoteForm(request.POST)
    if form.is_valid():
        try:
            vote = record_vote(session, nomination, actor=request.user, **form.cleaned_data)
        except (VotingError, TransitionError) as error:
            messages.error(request, error.message)
        else:
            messages.success(request, (_("%(name)s: passed (%(votes)s of %(needed)s needed).") if vote.passed
                                       else _("%(name)s: not passed (%(votes)s, %(needed)s needed).")) % {
                "name": nomination, "votes": vote.votes_for, "needed": vote.needed,
            })
    else:
        messages.error(request, _("Enter the numbers of votes."))
    return redirect("awards:session_detail", pk=pk)


@login_required
def decision_list(request):
    require(core.sees_all_units(request.user))
    decisions = Decision.objects.select_related("round")
    page = Paginator(decisions, 50).get_page(request.GET.get("page"))
    return render(request, "awards/decision_list.html", {"page": page, "can_manage": permissions.can_check(request.user)})


@login_required
def decision_create(request):
    require(permissions.can_check(request.user))
    approved = Nomination.objects.with_related().filter(status=Nomination.Status.APPROVED).order_by("round", "award_type__order", "pk")
    organisation = settings.ORGANISATION
    form = DecisionForm(request.POST or None, queryset=approved, initial={
        "symbol": f"QĐ-{organisation['abbreviation']}", "signer_authority": SignAuthority.DIRECTOR,
        "summary": _("Awarding emulation titles and commendations"), "nominations": approved,
    })
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data.pop("nominations"))
        rounds = {n.round for n in chosen}
        if len(rounds) != 1:
            form.add_error("nominations", _("Choose nominations of one round."))
        else:
            try:
                decision = issue_decision(round=rounds.pop(), nominations=chosen, actor=request.user, **form.cleaned_data)
            except TransitionError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The decision has been issued and the awards recorded."))
                return redirect("awards:decision_detail", pk=decision.pk)
    return render(request, "awards/decision_form.html", {"form": form})


@login_required
def decision_detail(request, pk):
    require(core.sees_all_units(request.user))
    decision = get_object_or_404(Decision.objects.select_related("round"), pk=pk)
    return render(request, "awards/decision_detail.html", {
        "decision": decision,
        "awardees": decision.nominations.with_related().order_by("award_type__order", "pk"),
    })
