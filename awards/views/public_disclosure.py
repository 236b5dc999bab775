"""The public page of each agency (no login): the lists its Office chose to make public (awards.Disclosure.public),
and a comment form for anyone, without an account, that reaches the Office (awards.disclosure.add_public_comment).

Only what the published list holds is shown: names, kinds, units and awards, and the decisions of the round;
never an identity number, a birth date or an address."""
from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _, gettext_lazy
from django.views.decorators.http import require_http_methods

from awards import disclosure as disclosure_domain
from awards.models import Disclosure
from emulation.accounts import client_address
from emulation.models import Agency
from emulation.workflow import TransitionError

#: Comments one address may send in an hour: enough for a person, too few for a flood.
COMMENTS_PER_HOUR = 5


class PublicCommentForm(forms.Form):
    sender = forms.CharField(label=gettext_lazy("Your full name"), max_length=150)
    contact = forms.CharField(label=gettext_lazy("Phone or e-mail (so that the Office can answer you)"),
                              max_length=200, required=False)
    text = forms.CharField(label=gettext_lazy("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


def _agency(abbreviation):
    return get_object_or_404(Agency, kind=Agency.Kind.AGENCY, abbreviation=abbreviation)


def _public_lists(agency):
    return Disclosure.objects.filter(public=True, round__agency=agency).select_related("round")


def public_agencies(request):
    """Every issuing agency with the number of its public lists: where the public starts (linked from the login page)."""
    agencies = Agency.objects.filter(kind=Agency.Kind.AGENCY).annotate(
        public_lists=Count("award_rounds__disclosures", filter=Q(award_rounds__disclosures__public=True))).order_by("name")
    page = Paginator(agencies, 20).get_page(request.GET.get("page"))
    return render(request, "awards/public_agencies.html", {"page": page})


def public_disclosures(request, agency):
    """The public lists of one agency, newest first."""
    agency = _agency(agency)
    page = Paginator(_public_lists(agency).prefetch_related("round__decisions"), 10).get_page(request.GET.get("page"))
    return render(request, "awards/public_disclosures.html", {"agency": agency, "page": page})


def _allow_comment(request):
    """True while the address has sent fewer than COMMENTS_PER_HOUR comments this hour (counted in the cache)."""
    key = f"public-comment:{client_address(request)}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) <= COMMENTS_PER_HOUR
    except ValueError:  # expired between add and incr: this is the first of a new hour
        cache.set(key, 1, timeout=3600)
        return True


@require_http_methods(["GET", "POST"])
def public_disclosure(request, agency, pk):
    """One public list (its lines paginated), the round's decisions, and the comment form while it is open."""
    agency = _agency(agency)
    disclosure = get_object_or_404(_public_lists(agency).prefetch_related("round__decisions"), pk=pk)
    open_now = disclosure_domain.is_open(disclosure)
    form = PublicCommentForm(request.POST or None) if open_now else None
    if request.method == "POST" and form is not None and form.is_valid():
        if not _allow_comment(request):
            messages.error(request, _("You have sent many comments in a short time. Please wait an hour and send "
                                      "again, or call the Office."))
            return redirect("public_disclosure", agency=agency.abbreviation, pk=disclosure.pk)
        try:
            disclosure_domain.add_public_comment(disclosure, **form.cleaned_data)
        except TransitionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you. Your comment has been sent to the Office, which will look "
                                        "at it before the decision."))
            return redirect("public_disclosure", agency=agency.abbreviation, pk=disclosure.pk)
    entries = Paginator(disclosure.entries, 50).get_page(request.GET.get("page"))
    return render(request, "awards/public_disclosure.html", {
        "agency": agency, "disclosure": disclosure, "entries": entries, "open_now": open_now, "form": form,
    })
