"""The awards documents as PDF, each behind the same permission as the page it belongs to."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404

from awards import documents
from awards.models import AwardRound, CouncilMember, CouncilSession, Decision, Nomination
from awards import rules
from emulation.documents import pdf_response
from emulation.permissions import require


@login_required
def decision_pdf(request, pk):
    require(rules.can_view_decisions(request.user))
    decision = get_object_or_404(Decision, pk=pk)
    return pdf_response(documents.decision_pdf(decision), f"{decision.reference.replace('/', '-')}.pdf", inline=False)


@login_required
def minutes_pdf(request, pk):
    require(rules.can_read_council(request.user))
    session = get_object_or_404(CouncilSession.objects.select_related("round"), pk=pk)
    present = {m.position: m.full_name for m in session.present.filter(
        position__in=[CouncilMember.Position.CHAIR, CouncilMember.Position.SECRETARY])}
    data = documents.minutes_pdf(session, present.get(CouncilMember.Position.CHAIR, ""), present.get(CouncilMember.Position.SECRETARY, ""))
    return pdf_response(data, f"bien-ban-{session.minutes_number:02d}-{session.minutes_year}.pdf")


@login_required
def proposal_pdf(request, pk):
    require(rules.can_view_decisions(request.user))
    round_ = get_object_or_404(AwardRound, pk=pk)
    to_province = request.GET.get("to") == "province"
    return pdf_response(documents.proposal_pdf(round_, to_province), f"to-trinh-{round_.pk}{'-tinh' if to_province else ''}.pdf")


@login_required
def achievements_pdf(request, pk):
    nomination = get_object_or_404(Nomination.objects.visible_to(request.user).with_related(), pk=pk)
    return pdf_response(documents.achievements_pdf(nomination), f"bao-cao-thanh-tich-{nomination.pk}.pdf")
