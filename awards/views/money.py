"""The money of awards: the base salary table (kept by whoever keeps the law for the province,
rules.can_keep_catalogue; every change leaves a row on the changed level's timeline) and the agency's
emulation and commendation fund per year (its sources entered by the Office; the statement as a page, a
PDF report and an Excel workbook for the Director and the province)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import fund as fund_changes, rules
from awards.forms import BaseSalaryForm, FundSourceForm, FundYearForm
from awards.models import BaseSalary, RewardFund
from emulation import scoping
from emulation.documents import pdf_response, render_pdf
from emulation.exports import workbook_response
from emulation.permissions import require
from emulation.workflow import labelled_timeline

PAGE = 50


@login_required
def base_salary_list(request):
    require(rules.can_view_catalogue(request.user))
    page = Paginator(BaseSalary.objects.all(), PAGE).get_page(request.GET.get("page"))
    return render(request, "awards/base_salary_list.html", {
        "page": page, "can_manage": rules.can_keep_catalogue(request.user),
    })


@login_required
def base_salary_edit(request, pk=None):
    require(rules.can_keep_catalogue(request.user))
    level = get_object_or_404(BaseSalary, pk=pk) if pk else None
    form = BaseSalaryForm(request.POST or None, instance=level)
    if request.method == "POST" and form.is_valid():
        fund_changes.save_base_salary(form, actor=request.user)
        messages.success(request, _("The base salary has been saved."))
        return redirect("awards:base_salary_list")
    return render(request, "awards/base_salary_form.html", {
        "form": form, "level": level, "history": labelled_timeline(level) if level else [],
        "back": reverse("awards:base_salary_list"),
    })


# The fund ---------------------------------------------------------------------------------------------------

@login_required
def fund_list(request):
    """The agency's funds by year with what came in, what was committed and what is left; the Office opens
    a year (POST)."""
    require(rules.can_view_fund(request.user))
    form = FundYearForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST":
        require(rules.can_keep_fund(request.user))
        if form.is_valid():
            fund = fund_changes.open_fund(request.user.agency, form.cleaned_data["year"])
            return redirect("awards:fund_detail", pk=fund.pk)
    funds = RewardFund.objects.visible_to(request.user).annotate(received=Sum("sources__amount")).order_by("-year")
    page = Paginator(funds, PAGE).get_page(request.GET.get("page"))
    committed = fund_changes.committed_by_year(scoping.agency_id_of(request.user), [fund.year for fund in page])
    for fund in page:
        fund.received = fund.received or 0
        fund.committed = committed.get(fund.year, 0)
        fund.balance = fund.received - fund.committed
    return render(request, "awards/fund_list.html", {
        "page": page, "form": form, "can_manage": rules.can_keep_fund(request.user),
    })


def _fund_for(request, pk):
    require(rules.can_view_fund(request.user))
    return get_object_or_404(RewardFund.objects.visible_to(request.user), pk=pk)


@login_required
def fund_detail(request, pk):
    """The statement of one year's fund; the Office enters a source (POST)."""
    fund = _fund_for(request, pk)
    form = FundSourceForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST":
        require(rules.can_keep_fund(request.user))
        if form.is_valid():
            fund_changes.add_source(form, fund, actor=request.user)
            messages.success(request, _("The source has been added to the fund."))
            return redirect("awards:fund_detail", pk=fund.pk)
    return render(request, "awards/fund_detail.html", {
        "fund": fund, "statement": fund_changes.statement(fund), "form": form,
        "can_manage": rules.can_keep_fund(request.user), "history": labelled_timeline(fund),
    })


@login_required
def fund_pdf(request, pk):
    fund = _fund_for(request, pk)
    return pdf_response(render_pdf(*fund_changes.statement_document(fund_changes.statement(fund))),
                        f"quy-thi-dua-khen-thuong-{fund.year}.pdf", request=request)


@login_required
def fund_xlsx(request, pk):
    fund = _fund_for(request, pk)
    return workbook_response(f"quy-thi-dua-khen-thuong-{fund.year}", *fund_changes.statement_sheets(fund_changes.statement(fund)))
