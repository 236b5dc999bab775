"""Pages of the statistical forms: the list, one form for a year with its drill-down, PDF and Excel, and
the Office's page for the movements' statistical data."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from campaigns.enums import PUBLISHED_STATUSES
from campaigns.models import Plan
from emulation.documents import pdf_response
from emulation.exports import xlsx_response
from emulation.params import year_param
from emulation.permissions import require
from reports import rules
from reports.statistics import output, tables
from reports.statistics.entry import MovementFormSet
from reports.statistics.forms import FORMS, item_subjects


def _form(slug):
    if slug not in FORMS:
        raise Http404
    return FORMS[slug]


@login_required
def form_list(request):
    require(rules.can_view_statistics(request.user))
    year = year_param(request)
    return render(request, "reports/statistics/form_list.html", {
        "year": year, "forms": [(form, item_subjects()[form.slug]) for form in FORMS.values()],
        "can_classify": rules.can_classify_movements(request.user),
    })


@login_required
def form_detail(request, slug):
    require(rules.can_view_statistics(request.user))
    form, year = _form(slug), year_param(request)
    table = tables.build(form, year, request.user.agency)
    drill = None
    row_code, column_key = request.GET.get("row"), request.GET.get("col")
    if row_code and column_key:
        try:
            cell = table.cell(row_code, column_key)
        except KeyError:
            cell = None
        if cell is not None:
            drill = {"row": next(r.row for r in table.rows if r.row.code == row_code), "column": column_key,
                     "items": [tables.item_label(form, item) for item in cell.items]}
    return render(request, "reports/statistics/form_detail.html", {
        "form": form, "table": table, "year": year, "drill": drill, "subject": item_subjects()[form.slug],
        "can_classify": rules.can_classify_movements(request.user),
    })


@login_required
def form_pdf(request, slug):
    require(rules.can_view_statistics(request.user))
    form, year = _form(slug), year_param(request)
    data = output.form_pdf(tables.build(form, year, request.user.agency), output.signatures(request.user))
    return pdf_response(data, f"bieu-{form.slug}-N-{year}.pdf", request=request)


@login_required
def form_xlsx(request, slug):
    require(rules.can_view_statistics(request.user))
    form, year = _form(slug), year_param(request)
    book = output.form_workbook(tables.build(form, year, request.user.agency), output.signatures(request.user))
    return xlsx_response(f"bieu-{form.slug}-N-{year}", workbook=book)


@login_required
def movements(request):
    """The Office sets, for the movements of a year, what biểu 0601.N counts them by."""
    require(rules.can_classify_movements(request.user))
    year = year_param(request)
    plans = Plan.objects.visible_to(request.user).filter(
        status__in=PUBLISHED_STATUSES, year_from__lte=year, year_to__gte=year).order_by("year_from", "number", "pk")
    formset = MovementFormSet(request.POST or None, queryset=plans, prefix="m")
    if request.method == "POST" and formset.is_valid():
        formset.save()
        messages.success(request, _("The movements' statistical data are saved."))
        return redirect(f"{request.path}?year={year}")
    return render(request, "reports/statistics/movements.html", {"formset": formset, "year": year})
