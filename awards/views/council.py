"""Rounds, council sessions with vote counts, and decisions (Office), readable by the Director."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import rules
from awards.decisions import OneRoundOnly, decision_defaults, issue_decision_for
from awards.forms import DecisionForm, RoundForm, SessionForm, VoteForm
from awards.models import AwardRound, CouncilSession, Decision, Nomination
from awards.queries import approved_for_decision, waiting_for_vote
from awards.voting import VotingError, open_session, record_vote
from emulation.permissions import require
from emulation.workflow import TransitionError


@login_required
def round_list(request):
    require(rules.can_read_council(request.user))
    rounds = AwardRound.objects.visible_to(request.user).select_related("plan")
    page = Paginator(rounds, 50).get_page(request.GET.get("page"))
    return render(request, "awards/round_list.html", {"page": page, "can_manage": rules.can_check(request.user)})


@login_required
def round_edit(request, pk=None):
    require(rules.can_check(request.user))
    round_ = get_object_or_404(AwardRound.objects.visible_to(request.user), pk=pk) if pk else None
    form = RoundForm(request.POST or None, instance=round_ or AwardRound(agency=request.user.agency))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The round has been saved."))
        return redirect("awards:round_list")
    return render(request, "emulation/form.html", {
        "form": form, "title": _("Edit round") if round_ else _("New round"), "back": reverse("awards:round_list"),
    })


@login_required
def session_list(request):
    require(rules.can_read_council(request.user))
    sessions = CouncilSession.objects.visible_to(request.user).select_related("round")
    page = Paginator(sessions, 50).get_page(request.GET.get("page"))
    return render(request, "awards/session_list.html", {"page": page, "can_manage": rules.can_check(request.user)})


@login_required
def session_create(request):
    require(rules.can_check(request.user))
    form = SessionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        session = open_session(**form.cleaned_data)
        messages.success(request, _("The session has been recorded."))
        return redirect("awards:session_detail", pk=session.pk)
    return render(request, "emulation/form.html", {"form": form, "title": _("New council session"), "back": reverse("awards:session_list")})


@login_required
def session_detail(request, pk):
    require(rules.can_read_council(request.user))
    session = get_object_or_404(CouncilSession.objects.visible_to(request.user).select_related("round"), pk=pk)
    present = list(session.present.all())
    written = list(session.written.all())
    return render(request, "awards/session_detail.html", {
        "session": session, "present": present, "written": written,
        "votes": session.votes.select_related("nomination__award_type", "nomination__staff", "nomination__nominee_unit", "nomination__unit"),
        "waiting": waiting_for_vote(session) if rules.can_check(request.user) and not session.is_closed else [],
        "can_close": rules.can_check(request.user) and not session.is_closed,
        "vote_form": VoteForm(),
    })


@login_required
@require_POST
def session_vote(request, pk, nomination_pk):
    require(rules.can_check(request.user))
    session = get_object_or_404(CouncilSession.objects.visible_to(request.user), pk=pk)
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
    require(rules.can_view_decisions(request.user))
    decisions = Decision.objects.visible_to(request.user).select_related("round")
    page = Paginator(decisions, 50).get_page(request.GET.get("page"))
    return render(request, "awards/decision_list.html", {"page": page, "can_manage": rules.can_check(request.user)})


@login_required
def decision_create(request):
    require(rules.can_check(request.user))
    approved = approved_for_decision(request.user.agency)
    form = DecisionForm(request.POST or None, queryset=approved,
                        initial={**decision_defaults(request.user.agency), "nominations": approved})
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data.pop("nominations"))
        try:
            decision = issue_decision_for(chosen, actor=request.user, **form.cleaned_data)
        except OneRoundOnly as error:
            form.add_error("nominations", error.message)
        except TransitionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The decision has been issued and the awards recorded."))
            return redirect("awards:decision_detail", pk=decision.pk)
    return render(request, "awards/decision_form.html", {"form": form})


@login_required
def decision_detail(request, pk):
    require(rules.can_view_decisions(request.user))
    decision = get_object_or_404(Decision.objects.visible_to(request.user).select_related("round"), pk=pk)
    return render(request, "awards/decision_detail.html", {
        "decision": decision,
        "awardees": decision.nominations.with_related().order_by("award_type__order", "pk"),
    })
