"""Lookup (tra cứu) of award history, its Excel export and import, and the history pages."""
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from awards import rules
from awards.models.history import LOOKUP_ORDER
from awards.queries import lookup_records
from awards.resources import AwardRecordResource
from django.utils.translation import gettext as _

from emulation.exports import dataset_sheet, list_response, workbook_response
from emulation.large_exports import large_export
from emulation.models import Staff, Unit
from emulation.permissions import require
from emulation.sorting import sort_by


def _records(request):
    return lookup_records(request.user, request.GET or None)


@login_required
def lookup(request):
    require(rules.can_view_history(request.user))
    form, records = _records(request)
    records, sort = sort_by(request, records, LOOKUP_SORTS, default=LOOKUP_ORDER)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    return render(request, "awards/lookup.html", {
        "form": form, "page": page, "can_import": rules.can_check(request.user),
        "can_delegate": rules.can_delegate(request.user), "sort": sort,
    })


# Only what an index serves: the year (leading column of "award_record_lookup_order") and the name
# (search_text, the folded holder's name first, has its own b-tree index).
LOOKUP_SORTS = {"year": ("year",), "name": ("search_text",)}


@login_required
def lookup_export(request):
    require(rules.can_view_history(request.user))
    background = large_export(request, "award-history")  # thousands of rows: made by a job, offered when ready
    if background:
        return background
    form, records = _records(request)
    dataset = AwardRecordResource().export(records)
    if request.GET.get("layout") != "office":
        return workbook_response("khen-thuong", dataset_sheet(dataset, "Lịch sử khen thưởng"))
    unit = form.cleaned_data.get("unit") if form.is_bound and form.is_valid() else None
    return list_response(request, "khen-thuong", dataset, title=_("Award history"), subtitle=unit.name if unit else "")


@login_required
def person_history(request, pk):
    """A person's awards over the years: whoever may see the person (a staff member: their own)."""
    person = get_object_or_404(Staff.objects.visible_to(request.user).select_related("unit"), pk=pk)
    return render(request, "awards/history.html", {
        "subject": person, "unit": person.unit, "can_lookup": rules.can_view_history(request.user),
        "records": person.award_records.select_related("award_type").order_by("-year", "award_type__order"),
        "evaluations": person.evaluations.order_by("-year"),
        "initiatives": person.initiatives.order_by("-year"),
        "disciplines": person.disciplines.all(),
    })


@login_required
def unit_history(request, pk):
    require(rules.can_view_history(request.user))
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=pk)
    return render(request, "awards/history.html", {
        "subject": unit, "is_unit": True, "can_lookup": True,
        "records": unit.award_records.select_related("award_type").with_names().order_by("-year", "award_type__order"),
        "evaluations": unit.evaluations.order_by("-year"),
    })


