"""Public disclosure of the proposed awardees (awards.disclosure): the list, comments and answers."""
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from awards import disclosure as disclosure_domain, rules
from awards.models import AwardRound, Disclosure, DisclosureComment
from emulation.forms import numbers_as_text
from emulation.permissions import require, scope_by_agency, scope_choices
from emulation.workflow import TransitionError, labelled_timeline


@numbers_as_text
class PublishForm(forms.Form):
    round = forms.ModelChoiceField(label=_("Round"), queryset=AwardRound.objects.filter(is_open=True))
    days = forms.IntegerField(label=_("Days open for comments"), min_value=1, max_value=60, initial=10)
    note = forms.CharField(label=_("Note to staff"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 2}))


@login_required
def disclosure_list(request):
    require(rules.can_read_disclosure(request.user))
    page = Paginator(scope_by_agency(Disclosure.objects.select_related("round"), request.user, "round__agency"), 20).get_page(request.GET.get("page"))
    return render(request, "awards/disclosure_list.html", {
        "page": page, "today": timezone.localdate(), "can_publish": rules.can_publish_disclosure(request.user),
    })


@login_required
def disclosure_create(request):
    require(rules.can_publish_disclosure(request.user))
    form = scope_choices(PublishForm(request.POST or None), request.user)
    if request.method == "POST" and form.is_valid():
        try:
            disclosure = disclosure_domain.publish(form.cleaned_data["round"], days=form.cleaned_data["days"],
                                                   note=form.cleaned_data["note"], actor=request.user)
        except TransitionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The list is published; every staff member has been notified."))
            return redirect("awards:disclosure_detail", pk=disclosure.pk)
    return render(request, "emulation/form.html", {"form": form, "title": _("Publish the proposed awardees"),
                                                   "back": reverse("awards:disclosure_list")})


@login_required
def disclosure_detail(request, pk):
    """Everyone reads the list; the Office reads every comment, others only their own."""
    require(rules.can_read_disclosure(request.user))
    disclosure = get_object_or_404(scope_by_agency(Disclosure.objects.select_related("round__agency"), request.user, "round__agency"), pk=pk)
    office = rules.can_publish_disclosure(request.user)
    comments = disclosure.comments.select_related("author", "answered_by")
    if not office:
        comments = comments.filter(author=request.user)
    open_now = disclosure_domain.is_open(disclosure)
    return render(request, "awards/disclosure_detail.html", {
        "disclosure": disclosure, "comments": comments, "office": office, "open_now": open_now,
        "comment_form": CommentForm() if open_now else None, "answer_form": AnswerForm() if office else None,
        "timeline": labelled_timeline(disclosure) if office else [],
    })


@login_required
@require_POST
def disclosure_comment(request, pk):
    require(rules.can_read_disclosure(request.user))
    disclosure = get_object_or_404(scope_by_agency(Disclosure.objects.all(), request.user, "round__agency"), pk=pk)
    form = CommentForm(request.POST)
    try:
        disclosure_domain.add_comment(disclosure, form.data.get("text", ""), author=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your comment has been sent to the Office."))
    return redirect("awards:disclosure_detail", pk=pk)


@login_required
@require_POST
def disclosure_public(request, pk):
    """The Office shows the list on its agency's public page (public=1) or takes it off (public=0)."""
    require(rules.can_publish_disclosure(request.user))
    disclosure = get_object_or_404(scope_by_agency(Disclosure.objects.select_related("round"), request.user, "round__agency"), pk=pk)
    public = request.POST.get("public") == "1"
    disclosure_domain.set_public(disclosure, public, actor=request.user)
    if public:
        messages.success(request, _("The list is on the public page of the agency; anyone may read it and send a comment."))
    else:
        messages.success(request, _("The list is no longer on the public page."))
    return redirect("awards:disclosure_detail", pk=pk)


@login_required
@require_POST
def disclosure_answer(request, pk):
    require(rules.can_publish_disclosure(request.user))
    comment = get_object_or_404(scope_by_agency(DisclosureComment.objects.select_related("disclosure__round", "author"),
                                        request.user, "disclosure__round__agency"), pk=pk)
    try:
        disclosure_domain.answer(comment, request.POST.get("text", ""), actor=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The answer has been sent."))
    return redirect("awards:disclosure_detail", pk=comment.disclosure_id)
