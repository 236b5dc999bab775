"""Rounds, the council (members, sessions, online votes) and decisions.

The Office manages the council's membership and opens and closes sessions; members mark attendance and
vote from the session's ballot page (made for a phone); the Office records written opinions and paper
ballots. Every page of a session shows its agenda a page at a time (AGENDA_PAGE)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import jobs as award_jobs
from awards import rules
from awards.decisions import OneRoundOnly, decision_defaults, issue_decision_for
from awards.documents import share_percent
from awards.forms import CouncilMemberForm, DecisionForm, PaperTallyForm, RoundForm, SessionForm
from awards.money import decision_money, money
from awards.models import AwardRound, CouncilMember, CouncilSession, Decision, NominationVote, OpenVote, VoteCast
from awards.queries import approved_for_decision
from awards.voting import (
    VotingError, cast_vote, casts, change_open_vote, is_provincial, mark_attendance, member_of, open_agenda, open_session, record_paper,
    session_members, session_quorum, threshold_words, votes_needed,
)
from emulation.jobs.models import Job
from emulation import permissions
from emulation.permissions import require
from emulation.workflow import TransitionError

AGENDA_PAGE = 25


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
def member_list(request):
    require(rules.can_read_council(request.user))
    members = CouncilMember.objects.visible_to(request.user).select_related("user").order_by("valid_to", "order", "pk")
    page = Paginator(members, 50).get_page(request.GET.get("page"))
    return render(request, "awards/member_list.html", {
        "page": page, "can_manage": rules.can_manage_council(request.user), "today": timezone.localdate(),
    })


@login_required
def member_edit(request, pk=None):
    require(rules.can_manage_council(request.user))
    member = get_object_or_404(CouncilMember.objects.visible_to(request.user).select_related("user"), pk=pk) if pk else None
    form = CouncilMemberForm(request.POST or None, instance=member, agency_id=request.user.agency_id)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The council member has been saved."))
        return redirect("awards:member_list")
    return render(request, "emulation/form.html", {
        "form": form, "title": _("Edit council member") if member else _("New council member"),
        "back": reverse("awards:member_list"),
    })


@login_required
def session_list(request):
    require(rules.can_read_council(request.user) or CouncilMember.objects.filter(user=request.user).exists())
    sessions = CouncilSession.objects.visible_to(request.user).select_related("round")
    page = Paginator(sessions, 50).get_page(request.GET.get("page"))
    return render(request, "awards/session_list.html", {"page": page, "can_manage": rules.can_check(request.user)})


@login_required
def session_create(request):
    require(rules.can_manage_council(request.user))
    form = SessionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        session = open_session(round=data["round"], held_on=data["held_on"], place=data["place"],
                               agenda=open_agenda(data["round"], data["award_types"]), actor=request.user)
        messages.success(request, _("The session is open; the members have been notified."))
        return redirect("awards:session_detail", pk=session.pk)
    return render(request, "emulation/form.html", {"form": form, "title": _("New council session"), "back": reverse("awards:session_list")})


def _session_for(request, pk):
    session = get_object_or_404(CouncilSession.objects.visible_to(request.user).select_related("round__agency"), pk=pk)
    member = member_of(session, request.user)
    require(rules.can_read_session(request.user, member))
    if not session.is_closed:  # the membership may have changed since the opening: count it as the close will
        session.total_members = session_members(session).count()
    return session, member


def _agenda_page(request, session):
    agenda = permissions.scope_agenda(session, request.user).with_related().order_by("award_type__order", "unit__path", "pk")
    if is_provincial(session.round):  # forwarded dossiers: their forwarding agency and the dossier's page
        agenda = agenda.select_related("round__agency", "forwarding")
    return Paginator(agenda, AGENDA_PAGE).get_page(request.GET.get("page"))


@login_required
def session_detail(request, pk):
    """The session: attendance and live quorum, then its agenda a page at a time, each nomination with the
    votes cast so far (the results once closed) and, for the Office, the paper ballots' form."""
    session, member = _session_for(request, pk)
    manage = rules.can_manage_council(request.user) and not session.is_closed
    present = list(session.present.all())
    written = list(session.written.all())
    page = _agenda_page(request, session)
    rows = list(page)
    counts = casts(session, [n.pk for n in rows])  # how many voted; the choices are counted at the close
    results = {vote.nomination_id: vote for vote in NominationVote.objects.filter(session=session, nomination__in=rows)}
    for nomination in rows:
        nomination.tally = counts[nomination.pk]
        nomination.result = results.get(nomination.pk)
        if nomination.result:
            nomination.result.share = share_percent(nomination.result.votes_for, session.total_members)
            if not nomination.tally["cast"]:  # a session held on paper: the totals the Office typed
                nomination.tally["cast"] = (nomination.result.votes_for + nomination.result.votes_against
                                            + nomination.result.abstentions)
        nomination.needed = votes_needed(session.total_members, nomination.award_type.vote_threshold)
        nomination.threshold = threshold_words(nomination.award_type.vote_threshold)
    in_force = list(session_members(session)) if manage else []
    present_count, quorum = session_quorum(session, len(present))
    closing = award_jobs.pending_close(session) if manage else None  # a large session closed by the worker
    job = closing if closing is not None and closing.owner_id == request.user.pk else None
    if job is None and request.GET.get("job", "").isdigit():
        job = Job.objects.visible_to(request.user).defer("result").filter(
            pk=request.GET["job"], kind=award_jobs.CLOSE_KIND, params__session=session.pk).first()
    return render(request, "awards/session_detail.html", {
        "session": session, "present": present, "written": written, "page": page, "rows": rows,
        "member": member, "member_present": member is not None and member in present,
        "can_vote": rules.can_vote(member, session), "manage": manage, "in_force": in_force,
        "present_ids": {m.pk for m in present}, "written_ids": {m.pk for m in written},
        "quorum": quorum, "has_quorum": present_count >= quorum,
        "can_read_nominations": rules.can_read_council(request.user), "closing": closing, "job": job,
        # The provincial council's agenda: forwarded dossiers, opened from the province's inbox.
        "provincial": is_provincial(session.round),
        "can_read_dossiers": rules.can_use_province_inbox(request.user),
    })


@login_required
def session_quorum_fragment(request, pk):
    """The live quorum (htmx polls it while the session is open)."""
    session, _member = _session_for(request, pk)
    present = list(session.present.all())
    present_count, quorum = session_quorum(session, len(present))
    return render(request, "awards/includes/quorum.html", {
        "session": session, "present": present, "quorum": quorum, "has_quorum": present_count >= quorum,
    })


@login_required
@require_POST
def session_attend(request, pk):
    """A member marks their own attendance; the Office marks any member's (present, absent)."""
    session, member = _session_for(request, pk)
    if request.POST.get("member"):
        require(rules.can_manage_council(request.user))
        member = get_object_or_404(session_members(session), pk=request.POST["member"])
    require(member is not None)
    try:
        mark_attendance(session, member, present=request.POST.get("present", "1") == "1")
    except VotingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Attendance of %(name)s recorded.") % {"name": member})
    return redirect("awards:session_ballot" if request.POST.get("next") == "ballot" else "awards:session_detail", pk=pk)


@login_required
def session_ballot(request, pk, member_pk=None):
    """The voting page, made for a phone: each nomination of the agenda with “đồng ý” and “không đồng
    ý”; for the Office with `member_pk`, the written opinion of a member who did not attend."""
    session, member = _session_for(request, pk)
    if member_pk is not None:
        require(rules.can_manage_council(request.user))
        member = get_object_or_404(session_members(session), pk=member_pk)
    require(member is not None)
    page = _agenda_page(request, session)
    rows = list(page)
    voted = set(VoteCast.objects.filter(session=session, member=member, nomination__in=rows).values_list("nomination", flat=True))
    shown = dict(OpenVote.objects.filter(session=session, member=member, nomination__in=rows).values_list("nomination", "agrees"))
    for nomination in rows:
        nomination.voted = nomination.pk in voted
        nomination.shown_choice = shown.get(nomination.pk)
    return render(request, "awards/session_ballot.html", {
        "session": session, "member": member, "page": page, "rows": rows, "written": member_pk is not None,
        "present": session.present.filter(pk=member.pk).exists(), "open": not session.is_closed,
    })


@login_required
@require_POST
def session_cast(request, pk, nomination_pk, member_pk=None):
    session, member = _session_for(request, pk)
    method = VoteCast.Method.ONLINE
    if member_pk is not None:
        require(rules.can_manage_council(request.user))
        member, method = get_object_or_404(session_members(session), pk=member_pk), VoteCast.Method.WRITTEN
    require(rules.can_vote(member, session))
    nomination = get_object_or_404(permissions.scope_agenda(session, request.user).with_related(), pk=nomination_pk)
    agrees = request.POST.get("choice")
    changing = request.POST.get("change") == "1"  # a show-of-hands vote changed before the close
    if agrees not in ("yes", "no"):
        messages.error(request, _("Choose “agree” or “disagree”."))
    elif request.POST.get("confirmed") != "on":
        # A secret vote cannot be changed once cast (docs/security.md, “The secret ballot”): the choice is
        # shown first and recorded only when confirmed. Rendered, not redirected, so no URL carries the choice.
        return render(request, "awards/vote_confirm.html", {
            "session": session, "member": member, "nomination": nomination, "agrees": agrees == "yes",
            "choice": agrees, "page": request.POST.get("page", ""), "written": member_pk is not None,
            "action": request.path, "changing": changing,
            "back": reverse("awards:session_written", args=[pk, member_pk]) if member_pk
            else reverse("awards:session_ballot", args=[pk]),
        })
    elif changing:
        try:
            change_open_vote(session, nomination, member, agrees=agrees == "yes")
        except VotingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your vote on %(nominee)s has been changed.") % {"nominee": nomination.nominee_name})
    else:
        try:
            cast_vote(session, nomination, member, agrees=agrees == "yes", method=method)
        except VotingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your vote on %(nominee)s has been recorded.") % {"nominee": nomination.nominee_name}
                             if method == VoteCast.Method.ONLINE else
                             _("The written opinion of %(name)s on %(nominee)s has been recorded.") % {
                                 "name": member, "nominee": nomination.nominee_name})
    target = reverse("awards:session_written", args=[pk, member_pk]) if member_pk else reverse("awards:session_ballot", args=[pk])
    page = request.POST.get("page", "")
    return redirect(f"{target}?page={page}" if page.isdigit() else target)


@login_required
@require_POST
def session_paper(request, pk, nomination_pk):
    """The Office types the totals of paper ballots, for the members who voted on paper, with the reason."""
    require(rules.can_manage_council(request.user))
    session = get_object_or_404(CouncilSession.objects.visible_to(request.user).select_related("round__agency"), pk=pk)
    nomination = get_object_or_404(permissions.scope_agenda(session, request.user).with_related(), pk=nomination_pk)
    form = PaperTallyForm(request.POST, members=session_members(session))
    if form.is_valid():
        data = form.cleaned_data
        try:
            record_paper(session, nomination, members=list(data["members"]), votes_for=data["votes_for"],
                         votes_against=data["votes_against"], reason=data["reason"], actor=request.user)
        except VotingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The paper ballots on %(nominee)s have been recorded.") % {"nominee": nomination.nominee_name})
    else:
        # What is wrong with which field (letters in a number: "Hãy nhập một số nguyên …"), then what to give.
        wrong = [f"{capfirst(form.fields[name].label)}: {' '.join(errors)}" for name, errors in form.errors.items()
                 if name in form.fields and form[name].value() not in (None, "", [])]
        messages.error(request, " ".join([*wrong, str(_("Choose the members, enter the numbers of votes and the reason."))]))
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
    form = DecisionForm(request.POST or None, queryset=approved, agency=request.user.agency,
                        initial={**decision_defaults(request.user.agency), "nominations": approved})
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data.pop("nominations"))
        form.cleaned_data.pop("confirm_warnings", None)
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
    awardees = list(decision.nominations.with_related().order_by("award_type__order", "pk"))
    lines, total = decision_money(decision, awardees)
    for nomination in awardees:
        nomination.reward = (lines or {}).get(nomination.pk)
    return render(request, "awards/decision_detail.html", {
        "decision": decision, "awardees": awardees, "reward_total": money(total) if lines is not None else None,
    })
