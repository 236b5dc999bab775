"""What each person and unit qualifies for (awards.qualification), and the one click that starts a
nomination from it."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import rules
from awards.forms import QualificationForm
from awards.models import AwardRound, AwardType
from awards.qualification import open_round, qualify_people, qualify_units, start_nomination
from emulation.models import Staff, Unit
from emulation.permissions import require
from emulation.text import search
from emulation.workflow import TransitionError

PAGE_SIZE = 50


def _default_year():
    """The year under review: that of the latest open award round; without one, last year until the end
    of the first quarter, then this year."""
    latest = AwardRound.objects.filter(is_open=True).order_by("-year").values_list("year", flat=True).first()
    if latest:
        return latest
    today = timezone.localdate()
    return today.year - 1 if today.month <= 3 else today.year


@login_required
def qualification(request):
    require(rules.can_view_qualification(request.user))
    default = _default_year()
    form = QualificationForm(request.GET or None, initial={"year": default, "show": "people"})
    year, query, show = default, "", "people"
    if form.is_bound and form.is_valid():
        year, query, show = form.cleaned_data["year"], form.cleaned_data["q"], form.cleaned_data["show"] or "people"
    units = Unit.objects.visible_to(request.user).filter(active=True)
    within = None
    if request.GET.get("unit"):
        within = get_object_or_404(units, pk=request.GET["unit"] if request.GET["unit"].isdigit() else 0)
    if show == "units":
        subjects = search(units, query).order_by("path")
        if within:
            subjects = subjects.filter(path__startswith=within.path)
    else:
        subjects = search(Staff.objects.visible_to(request.user).filter(active=True).select_related("unit"), query)
        if within:
            subjects = subjects.filter(unit__path__startswith=within.path)
        subjects = subjects.order_by("unit__path", "search_text", "pk")
    page = Paginator(subjects, PAGE_SIZE).get_page(request.GET.get("page"))
    lines = qualify_units(page.object_list, year) if show == "units" else qualify_people(page.object_list, year)
    round_ = open_round(year) if rules.can_register(request.user) else None
    for line in lines:
        unit = line.subject if show == "units" else line.subject.unit
        line.can_start = bool(round_ and line.now.award and rules.can_propose_for(request.user, unit))
    return render(request, "awards/qualification.html", {
        "form": form, "page": page, "lines": lines, "year": year, "show": show, "round": round_, "within": within,
        "can_register": rules.can_register(request.user),
    })


@login_required
@require_POST
def qualification_nominate(request):
    """One click: a draft nomination of the person (or unit) for the award, in the open round of the year;
    the unit head then completes it. Only for a unit head, within their subtree."""
    require(rules.can_register(request.user))
    award = get_object_or_404(AwardType, pk=request.POST.get("award") or 0, active=True)
    year = int(request.POST["year"]) if (request.POST.get("year") or "").isdigit() else _default_year()
    staff = unit = None
    if award.collective:
        unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=request.POST.get("unit") or 0)
        require(rules.can_propose_for(request.user, unit))
    else:
        staff = get_object_or_404(Staff.objects.visible_to(request.user).select_related("unit"),
                                  pk=request.POST.get("staff") or 0)
        require(rules.can_propose_for(request.user, staff.unit))
    round_ = open_round(year)
    if round_ is None:
        messages.error(request, _("There is no open award round for %(year)s.") % {"year": year})
        return redirect(f"{reverse('awards:qualification')}?year={year}")
    try:
        nomination = start_nomination(award, round=round_, actor=request.user, staff=staff, unit=unit)
    except TransitionError as error:
        messages.info(request, error.message)
        return redirect(f"{reverse('awards:qualification')}?year={year}")
    messages.success(request, _("The nomination is started: write the achievements, then submit it."))
    return redirect("awards:nomination_edit", pk=nomination.pk)
