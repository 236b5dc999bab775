"""The register of exemplary models: the list of a year, a model's page (its workflow buttons, its
timeline, and for an accepted one the way to a prefilled ad hoc nomination), proposing and editing."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import rules
from awards.exemplars import EXEMPLAR_WORKFLOW, act_on_exemplar
from awards.forms import ExemplarForm
from awards.models import Exemplar
from emulation.permissions import require
from emulation.workflow_views import perform_from_post

PAGE = 50


def _visible(request, pk):
    require(rules.can_view_exemplars(request.user))
    return get_object_or_404(Exemplar.objects.visible_to(request.user).select_related("unit", "staff", "nominee_unit", "plan"), pk=pk)


@login_required
def exemplar_list(request):
    require(rules.can_view_exemplars(request.user))
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    exemplars = (Exemplar.objects.visible_to(request.user).filter(year=year)
                 .select_related("unit", "staff", "nominee_unit", "plan"))
    page = Paginator(exemplars, PAGE).get_page(request.GET.get("page"))
    return render(request, "awards/exemplar_list.html", {
        "page": page, "year": year, "can_propose": rules.can_propose_exemplar(request.user),
    })


@login_required
def exemplar_edit(request, pk=None):
    exemplar = _visible(request, pk) if pk else None
    require(rules.can_edit_exemplar(request.user, exemplar) if exemplar else rules.can_propose_exemplar(request.user))
    initial = {"year": timezone.localdate().year, "unit": request.user.unit_id}
    form = ExemplarForm(request.POST or None, instance=exemplar, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        if exemplar is None:
            form.instance.created_by = request.user
        exemplar = form.save()
        messages.success(request, _("The model has been saved. Propose it to the Office when it is ready."))
        return redirect("awards:exemplar_detail", pk=exemplar.pk)
    return render(request, "emulation/form.html", {
        "form": form, "title": _("Edit the exemplary model") if exemplar else _("New exemplary model"),
        "back": reverse("awards:exemplar_detail", args=[pk]) if pk else reverse("awards:exemplar_list"),
    })


@login_required
def exemplar_detail(request, pk):
    exemplar = _visible(request, pk)
    user = request.user
    nominate = None
    if exemplar.status == Exemplar.Status.ACCEPTED and exemplar.inside and rules.can_register(user):
        nominate = f"{reverse('awards:nomination_create')}?{urlencode({'exemplar': exemplar.pk})}"
    return render(request, "awards/exemplar_detail.html", {
        "exemplar": exemplar, "nominate": nominate,
        "can_edit": rules.can_edit_exemplar(user, exemplar),
        "buttons": EXEMPLAR_WORKFLOW.buttons(exemplar, user, reverse("awards:exemplar_act", args=[exemplar.pk])),
        "timeline": EXEMPLAR_WORKFLOW.timeline(exemplar),
    })


@login_required
@require_POST
def exemplar_act(request, pk):
    exemplar = _visible(request, pk)
    perform_from_post(request, exemplar, EXEMPLAR_WORKFLOW, act_on_exemplar)
    return redirect("awards:exemplar_detail", pk=pk)
