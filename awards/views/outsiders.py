"""The register of outside nominees (awards.Outsider): list, one nominee with its award history, add and
correct an entry; the communes of a province for the address field."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from awards import addresses, documents, rules
from awards.forms import OutsiderFilterForm, OutsiderForm
from awards.models import AwardRecord, Nomination, Outsider
from awards.outsiders import save_outsider
from emulation.concurrency import StaleEdit
from emulation.documents import docx_response, pdf_response
from emulation.permissions import require
from emulation.text import search

PAGE_SIZE = 50


@login_required
def outsider_list(request):
    require(rules.can_view_outsiders(request.user))
    form = OutsiderFilterForm(request.GET or None)
    outsiders = Outsider.objects.visible_to(request.user)
    if form.is_valid():
        outsiders = search(outsiders, form.cleaned_data["q"])
        if form.cleaned_data["kind"]:
            outsiders = outsiders.filter(kind=form.cleaned_data["kind"])
    page = Paginator(outsiders.order_by("search_text", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "awards/outsider_list.html", {
        "form": form, "page": page, "can_add": rules.can_add_outsider(request.user),
    })


@login_required
def outsider_detail(request, pk):
    require(rules.can_view_outsiders(request.user))
    outsider = get_object_or_404(Outsider.objects.visible_to(request.user), pk=pk)
    return render(request, "awards/outsider_detail.html", {
        "outsider": outsider,
        # Records and nominations through their own scopes: a unit head sees those of their units.
        "records": AwardRecord.objects.visible_to(request.user).filter(outsider=outsider).select_related(
            "award_type").order_by("-year", "award_order", "pk"),
        "nominations": Nomination.objects.visible_to(request.user).filter(outsider=outsider).select_related(
            "award_type", "round", "unit").order_by("-year", "pk"),
        "can_edit": rules.can_keep_outsider(request.user, outsider),
        "can_propose": rules.can_propose_outsider(request.user),
    })


@login_required
def outsider_edit(request, pk=None):
    if pk:
        outsider = get_object_or_404(Outsider.objects.visible_to(request.user), pk=pk)
        require(rules.can_keep_outsider(request.user, outsider))
    else:
        outsider = None
        require(rules.can_add_outsider(request.user))
    form = OutsiderForm(request.POST or None, instance=outsider, agency=request.user.agency)
    if request.method == "POST" and form.is_valid():
        try:
            outsider = save_outsider(form, actor=request.user)
        except StaleEdit as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The nominee has been saved in the register."))
            return redirect("awards:outsider_detail", pk=outsider.pk)
    return render(request, "awards/outsider_form.html", {"form": form, "outsider": outsider})


@login_required
def communes(request):
    """The <select> of a province's communes, filtered by the search box (an htmx fragment)."""
    require(rules.can_add_outsider(request.user) or rules.can_view_outsiders(request.user))
    text = request.GET.get("commune_search", "")
    options, more = addresses.search_communes(request.GET.get("province_code"), text)
    return render(request, "awards/widgets/commune_options.html", {
        "options": options, "more": more, "searched": bool(text.strip())})





@login_required
def outsider_history_file(request, pk, fmt="pdf"):
    """The extract of an outside nominee's award history (PDF or Word): the awards the user may see."""
    require(rules.can_view_outsiders(request.user))
    outsider = get_object_or_404(Outsider.objects.visible_to(request.user), pk=pk)
    records = AwardRecord.objects.visible_to(request.user).filter(outsider=outsider).select_related(
        "award_type").order_by("year", "award_type__order")
    data = documents.history_file(outsider, records, is_unit=False, fmt=fmt)
    stem = f"trich-luc-khen-thuong-ngoai-co-quan-{outsider.pk}"
    return docx_response(data, f"{stem}.docx") if fmt == "docx" else pdf_response(data, f"{stem}.pdf", request=request)
