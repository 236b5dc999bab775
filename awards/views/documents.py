"""The awards documents as PDF and Word, each behind the same permission as the page it belongs to, and
the Office's issue steps (close a council session, issue a tờ trình or the registration summary)."""
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from awards import documents, queries, rules
from awards import jobs as award_jobs
from awards.models import AwardRound, CouncilSession, Decision, Nomination
from awards.voting import VotingError, close_session
from emulation.documents import Signature, SignAuthority, docx_response, pdf_response
from emulation.forms import DateInput
from emulation.jobs.views import start_and_follow
from emulation.models import Staff, Unit
from emulation.params import year_param
from emulation.permissions import require
from emulation.workflow import TransitionError


def _send(request, data, stem, fmt):
    if fmt == "docx":
        return docx_response(data, f"{stem}.docx")
    return pdf_response(data, f"{stem}.pdf", request=request)


@login_required
def decision_file(request, pk, fmt="pdf"):
    require(rules.can_view_decisions(request.user))
    decision = get_object_or_404(Decision.objects.visible_to(request.user).select_related("round__agency"), pk=pk)
    data = documents.decision_docx(decision) if fmt == "docx" else documents.decision_pdf(decision)
    return _send(request, data, decision.reference.replace("/", "-"), fmt)


@login_required
def minutes_file(request, pk, fmt="pdf"):
    require(rules.can_read_council(request.user))
    session = get_object_or_404(CouncilSession.objects.visible_to(request.user).select_related("round__agency"), pk=pk)
    data = documents.minutes_docx(session) if fmt == "docx" else documents.minutes_pdf(session)
    return _send(request, data, f"bien-ban-{session.minutes_number:02d}-{session.minutes_year}", fmt)


@login_required
@require_POST
def session_close(request, pk):
    require(rules.can_manage_council(request.user))
    session = get_object_or_404(CouncilSession.objects.visible_to(request.user).select_related("round__agency"), pk=pk)
    if award_jobs.close_in_background(session):  # a large agenda: the worker counts, records and lays out
        return start_and_follow(
            request, lambda: award_jobs.start_close(session, request.user),
            reverse("awards:session_detail", args=[pk]),
            message=_("The session is being closed in the background: its results are recorded and its minutes "
                      "issued when the job has finished."))
    try:
        close_session(session, request.user)
    except (TransitionError, VotingError) as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The session is closed; its minutes are issued and archived."))
    return redirect("awards:session_detail", pk=pk)


@login_required
def proposal_file(request, pk, fmt="pdf"):
    require(rules.can_view_decisions(request.user))
    round_ = get_object_or_404(AwardRound.objects.visible_to(request.user).select_related("agency"), pk=pk)
    to_province = request.GET.get("to") == "province"
    return _send(request, documents.proposal_file(round_, to_province, fmt), f"to-trinh-{round_.pk}{'-tinh' if to_province else ''}", fmt)


class IssueForm(forms.Form):
    """Number and date are given on issue; who signs is chosen (Decree 30 signing authorities)."""

    issue_date = forms.DateField(label=gettext_lazy("Issue date"), widget=DateInput())
    signer_authority = forms.ChoiceField(label=gettext_lazy("Signing authority"), choices=SignAuthority.choices)
    signer_name = forms.CharField(label=gettext_lazy("Signer"), max_length=150)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"

    def signature(self):
        return Signature.of(self.cleaned_data["signer_authority"], self.cleaned_data["signer_name"])


@login_required
@require_POST
def proposal_issue(request, pk):
    require(rules.can_check(request.user))
    round_ = get_object_or_404(AwardRound.objects.visible_to(request.user).select_related("agency"), pk=pk)
    to_province = request.POST.get("to") == "province"
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the issue date, the signing authority and the signer."))
    else:
        try:
            issued = documents.issue_proposal(round_, to_province, issue_date=form.cleaned_data["issue_date"],
                                              signature=form.signature(), actor=request.user)
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Proposal %(number)s issued and archived.") % {"number": issued.number_symbol})
    return redirect("awards:round_documents", pk=pk)


@login_required
@require_POST
def rollup_issue(request):
    require(rules.can_check(request.user))
    year = year_param(request)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the issue date, the signing authority and the signer."))
    else:
        try:
            issued = documents.issue_rollup(year, queries.registration_rollup(year, request.user.agency), request.user.agency,
                                            issue_date=form.cleaned_data["issue_date"],
                                            signature=form.signature(), actor=request.user)
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Summary %(number)s issued and archived.") % {"number": issued.number_symbol})
    return redirect(f"{redirect('awards:registration_rollup').url}?year={year}")


@login_required
def rollup_file(request, fmt="pdf"):
    require(rules.can_view_rollup(request.user))
    year = year_param(request)
    return _send(request, documents.rollup_file(year, queries.registration_rollup(year, request.user.agency), request.user.agency, fmt), f"tong-hop-dang-ky-{year}", fmt)


@login_required
def achievements_file(request, pk, fmt="pdf"):
    nomination = get_object_or_404(Nomination.objects.visible_to(request.user).with_related(), pk=pk)
    return _send(request, documents.achievements_file(nomination, fmt), f"bao-cao-thanh-tich-{nomination.pk}", fmt)


@login_required
def person_history_file(request, pk, fmt="pdf"):
    """The extract of a person's award history: whoever may see the person (a staff member: their own)."""
    person = get_object_or_404(Staff.objects.visible_to(request.user).select_related("unit"), pk=pk)
    records = person.award_records.select_related("award_type").order_by("year", "award_type__order")
    return _send(request, documents.history_file(person, records, is_unit=False, fmt=fmt), f"trich-luc-khen-thuong-{person.pk}", fmt)


@login_required
def unit_history_file(request, pk, fmt="pdf"):
    require(rules.can_view_history(request.user))
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=pk)
    records = unit.award_records.select_related("award_type").with_names().order_by("year", "award_type__order")
    return _send(request, documents.history_file(unit, records, is_unit=True, fmt=fmt), f"trich-luc-khen-thuong-don-vi-{unit.pk}", fmt)


def issue_form(auto_id="id_%s", **initial):
    return IssueForm(initial={"issue_date": timezone.localdate(), **initial}, auto_id=auto_id)


@login_required
def round_documents(request, pk):
    """The round's two tờ trình (to the Director, to the province): draft or issued, PDF and Word, and the
    Office's form to issue each."""
    require(rules.can_view_decisions(request.user))
    round_ = get_object_or_404(AwardRound.objects.visible_to(request.user).select_related("agency"), pk=pk)
    proposals = []
    for to_province in (False, True):
        issued = documents.issued_document(round_, documents.PROPOSAL_KINDS[to_province])
        count = len(documents.proposal_nominations(round_, to_province))
        proposals.append({
            "to_province": to_province, "issued": issued, "count": count,
            "form": issue_form(auto_id=f"id_{'province' if to_province else 'director'}_%s", **({"signer_authority": SignAuthority.DIRECTOR} if to_province else {
                "signer_authority": SignAuthority.OFFICE_CHIEF,
                "signer_name": documents.office_chief_signature(round_.agency).name})),
        })
    return render(request, "awards/round_documents.html", {
        "round": round_, "proposals": proposals, "can_issue": rules.can_check(request.user),
    })
