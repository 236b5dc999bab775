"""Pages of summary reports, the unit report PDF and the Director's dashboard (thin: permission → form →
domain → message → redirect)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.models import AwardType
from campaigns.models import ReportStatus, UnitReport
from emulation.documents import pdf_response
from emulation.exports import xlsx_response
from emulation.jobs.models import Job
from emulation.models import Agency
from emulation.jobs.runner import start_job
from emulation.jobs.views import start_and_follow
from emulation.permissions import require
from emulation.sorting import sort_by
from emulation.workflow import TransitionError
from emulation.workflow_views import unconfirmed
from reports import jobs as report_jobs
from reports import rules, workflow
from reports.charts import chart_svg, charts_for
from reports.dashboard import (current_period, dashboard_data, dashboard_periods, latest_province_year, live_figures,
                               province_live_figures)
from reports.documents import summary_filename, summary_pdf, unit_report_pdf
from reports.docx import summary_docx
from reports.exports import summary_workbook
from reports.forms import AgencySummaryFilterForm, NarrativeForm, ProvinceSummaryCreateForm, ReturnForm, SummaryCreateForm, SummaryFilterForm
from reports.models import SummaryReport, SummaryStatus
from reports.summaries import unit_texts
from reports.tables import summary_tables

PAGE_SIZE = 25
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: An SVG image may use its own inline styles (pygal's), and nothing else.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def _visible(request, pk, *, readable=False):
    """A report the user may act on (every change goes through here); `readable`: one the user may read,
    also, for the province's logins, one its agencies issued."""
    reports = SummaryReport.objects.readable_by(request.user) if readable else SummaryReport.objects.visible_to(
        request.user)
    return get_object_or_404(reports.select_related("plan", "period", "updated_by", "issuer"), pk=pk)


def _readable(request, pk):
    return _visible(request, pk, readable=True)


@login_required
def summary_list(request):
    require(rules.can_view_summaries(request.user))
    form = SummaryFilterForm(request.GET or None)
    reports = SummaryReport.objects.visible_to(request.user).select_related("plan", "period").defer("figures")
    if form.is_valid() and form.cleaned_data["status"]:
        reports = reports.filter(status=form.cleaned_data["status"])
    page = Paginator(reports.order_by("-period__end", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/summary_list.html", {
        "form": form, "page": page, "can_manage": rules.can_manage_summaries(request.user),
        "sees_agencies": rules.can_read_agency_summaries(request.user),
    })


@login_required
def agency_summary_list(request):
    """The province's Office and Chủ tịch: the summaries its agencies issued, newest first, by agency and year."""
    require(rules.can_read_agency_summaries(request.user))
    sent_up = SummaryReport.objects.sent_up_to(request.user)
    form = AgencySummaryFilterForm(request.GET or None, agencies=Agency.objects.filter(province=request.user.agency_id))
    if form.is_valid():
        if form.cleaned_data["agency"]:
            sent_up = sent_up.filter(issuer=form.cleaned_data["agency"])
        if form.cleaned_data["year"]:
            sent_up = sent_up.filter(issue_date__year=form.cleaned_data["year"])
    sent_up = sent_up.select_related("issuer", "period").defer("figures").order_by("-issue_date", "-pk")
    page = Paginator(sent_up, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/agency_summary_list.html", {"form": form, "page": page})


@login_required
def summary_create(request):
    require(rules.can_manage_summaries(request.user))
    province = rules.province_of(request.user)
    if province is not None:
        return _province_summary_create(request, province)
    form = SummaryCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        report = workflow.create_summary(form.cleaned_data["period"], form.chosen_kind(), actor=request.user,
                                         title=form.cleaned_data["title"])
        messages.success(request, _("The summary report has been created with the figures as of now."))
        return redirect("reports:summary_edit", pk=report.pk)
    return render(request, "emulation/form.html", {
        "form": form, "title": _("New summary report"), "back": reverse("reports:summary_list"),
    })


def _province_summary_create(request, province):
    """The province's Office: its own summary across the agencies, for a span of a year."""
    form = ProvinceSummaryCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = workflow.create_province_summary(province, form.cleaned_data["kind"], form.cleaned_data["year"],
                                                      actor=request.user, title=form.cleaned_data["title"])
        except TransitionError as error:
            messages.error(request, error.message)
            return redirect("reports:summary_list")
        messages.success(request, _("The summary report has been created with the figures as of now."))
        return redirect("reports:summary_edit", pk=report.pk)
    return render(request, "emulation/form.html", {
        "form": form, "title": _("New summary report of the province"), "back": reverse("reports:summary_list"),
    })


@login_required
def summary_detail(request, pk):
    report = _readable(request, pk)
    user = request.user
    job = None
    # First: an issue job whose worker died is marked failed here, and the page shows it so.
    issuing = report_jobs.pending_issue(report) if report.status == SummaryStatus.APPROVED else None
    if request.GET.get("job", "").isdigit():
        job = Job.objects.visible_to(user).defer("result").filter(
            pk=request.GET["job"], kind__in=["summary-pdf", report_jobs.ISSUE_KIND], params__report=report.pk).first()
    if job is None and issuing is not None and issuing.owner_id == user.pk:
        job = issuing
    return render(request, "reports/summary_detail.html", {
        "report": report, "figures": report.figures, "charts": charts_for(report.figures),
        "tables": summary_tables(report.figures),
        "transitions": [t for t in workflow.WORKFLOW.available(report, user)
                        if t.action in workflow.BUTTON_ACTIONS and not (issuing and t.action == "issue")],
        "issuing": issuing,
        "return_form": ReturnForm() if workflow.WORKFLOW.find(report, "return") and rules.can_decide_summary(user)
        else None,
        "can_edit": rules.can_edit_summary(user, report),
        "timeline": workflow.WORKFLOW.timeline(report),
        "job": job,
        "notes": report.item_notes or {},
    })


def _edit_context(report, form, stale=False):
    texts = {} if report.is_province else unit_texts(report.period)
    return {"report": report, "form": form, "texts": texts, "stale": stale}


@login_required
def summary_edit(request, pk):
    report = _visible(request, pk)
    require(rules.can_edit_summary(request.user, report))
    form = NarrativeForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.save_narrative(report, sections=form.sections(), item_notes=form.item_notes(),
                                    header=form.header(), version=form.cleaned_data["version"], actor=request.user)
        except workflow.StaleSummary as error:
            messages.error(request, error.message)
            return render(request, "reports/summary_edit.html", _edit_context(report, form, stale=True))
        except TransitionError as error:
            messages.error(request, error.message)
            return redirect("reports:summary_detail", pk=pk)
        messages.success(request, _("The report has been saved."))
        if "done" in request.POST:
            return redirect("reports:summary_detail", pk=pk)
        return redirect("reports:summary_edit", pk=pk)
    return render(request, "reports/summary_edit.html", _edit_context(report, form))


@login_required
@require_POST
def summary_autosave(request, pk):
    """The narrative saved by autosave.js; JSON: the new version, or 409 when it changed meanwhile."""
    report = _visible(request, pk)
    if not rules.can_edit_summary(request.user, report):
        return JsonResponse({"error": _("You cannot change this report now.")}, status=403)
    form = NarrativeForm(request.POST, report=report)
    if not form.is_valid():
        return JsonResponse({"error": _("Not saved automatically: some values are not valid.")}, status=400)
    try:
        workflow.save_narrative(report, sections=form.sections(), item_notes=form.item_notes(), header=form.header(),
                                version=form.cleaned_data["version"], actor=request.user)
    except TransitionError as error:
        return JsonResponse({"error": error.message}, status=409)
    return JsonResponse({
        "version": report.version,
        "message": _("Saved automatically at %(time)s") % {"time": timezone.localtime().strftime("%H:%M:%S")},
    })


@login_required
@require_POST
def summary_refresh(request, pk):
    report = _visible(request, pk)
    try:
        workflow.refresh_figures(report, actor=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The figures have been computed again from the data as it is now."))
    return redirect("reports:summary_detail", pk=pk)


@login_required
@require_POST
def summary_transition(request, pk, action):
    report = _visible(request, pk)
    if action not in workflow.BUTTON_ACTIONS | {"return"}:
        raise Http404
    reason = ""
    if action == "return":
        form = ReturnForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Please give a reason."))
            return redirect("reports:summary_detail", pk=pk)
        reason = form.cleaned_data["reason"]
    if unconfirmed(request, workflow.WORKFLOW, report, action):
        return redirect("reports:summary_detail", pk=pk)
    if action == "issue":
        return _start_issue(request, report)
    try:
        workflow.perform(report, action, request.user, reason=reason)
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, {
            "submit": _("The report has been submitted to the Director."),
            "approve": _("The report has been approved."),
            "return": _("The report has been returned to the Office."),
        }[action])
    return redirect("reports:summary_detail", pk=pk)


def _start_issue(request, report):
    """Issuing lays out the whole PDF: the worker does it; the page follows its progress."""
    return start_and_follow(
        request, lambda: report_jobs.start_issue(report, request.user),
        reverse("reports:summary_detail", args=[report.pk]),
        message=_("The report is being issued: its number is given and its PDF is stored in the archive when the "
                  "file is ready."))


@login_required
def summary_chart(request, pk, name):
    report = _readable(request, pk)
    if name not in charts_for(report.figures):
        raise Http404
    return _svg_response(chart_svg(name, report.figures))


def _svg_response(svg):
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Security-Policy"] = SVG_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def summary_pdf_view(request, pk):
    """Issued: the archived PDF. Otherwise (GET) nothing to download yet; POST starts the rendering."""
    if request.method == "POST":
        report = _visible(request, pk)
        return start_and_follow(
            request, lambda: start_job("summary-pdf", request.user, report=report.pk,
                                       title=_("PDF of “%(title)s”") % {"title": report.title[:200]}),
            reverse("reports:summary_detail", args=[pk]))
    report = _readable(request, pk)
    if report.status != SummaryStatus.ISSUED:
        raise Http404
    return pdf_response(summary_pdf(report), summary_filename(report, "pdf"), request=request)


@login_required
def summary_xlsx(request, pk):
    report = _readable(request, pk)
    stem = summary_filename(report, "xlsx").removesuffix(".xlsx")
    return xlsx_response(stem, workbook=summary_workbook(report))


@login_required
def summary_docx_view(request, pk):
    report = _readable(request, pk)
    response = HttpResponse(summary_docx(report), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{summary_filename(report, "docx")}"'
    return response


@login_required
def unit_report_list(request):
    """The accepted unit reports the user may see, each with its official PDF (newest period first)."""
    require(rules.can_view_unit_report_pdfs(request.user))
    reports = (UnitReport.objects.visible_to(request.user).filter(status=ReportStatus.ACCEPTED)
               .select_related("period__plan", "unit"))
    reports, sort = sort_by(request, reports, UNIT_REPORT_SORTS, default=("-period__end", "unit__path"))
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/unit_report_list.html", {"page": page, "sort": sort})


UNIT_REPORT_SORTS = {"period": ("period__end", "unit__path"), "unit": ("unit__path", "-period__end"),
                     "submitted": ("submitted_at",)}


@login_required
def unit_report_pdf_view(request, pk):
    """A unit's accepted report as its official PDF, for whoever may see that report."""
    report = get_object_or_404(
        UnitReport.objects.visible_to(request.user).select_related("period__plan", "unit"), pk=pk,
        status=ReportStatus.ACCEPTED)
    return pdf_response(unit_report_pdf(report), f"bao-cao-{report.unit.code}-{report.period.pk}.pdf", request=request)


# Dashboard -----------------------------------------------------------------------------------------------


def _dashboard_period(request):
    require(rules.can_view_dashboard(request.user))
    chosen = request.GET.get("period", "")
    period = (dashboard_periods(request.user).filter(pk=chosen).first() if chosen.isdigit()
              else current_period(request.user))
    return period


#: Agencies a page of the province's dashboard lists (the figures themselves cover every agency).
AGENCIES_PER_PAGE = 25


def _dashboard_year(request, province):
    """The year the province's dashboard shows: ?year=, else the year of the latest period of its agencies
    that has started (as an agency's dashboard opens on its current period), else this year."""
    chosen = request.GET.get("year", "")
    this_year = timezone.localdate().year
    if chosen.isdigit() and 2000 <= int(chosen) <= this_year + 1:
        return int(chosen)
    return latest_province_year(province) or this_year


@login_required
def dashboard(request):
    require(rules.can_view_dashboard(request.user))
    province = rules.province_of(request.user)
    if province is not None:
        return _province_dashboard(request, province)
    period = _dashboard_period(request)
    context = {"period": period, "periods": dashboard_periods(request.user)[:12], "charts": charts_for({})}
    if period is not None:
        context.update(dashboard_data(period))
    return render(request, "reports/dashboard.html", context)


def _province_dashboard(request, province):
    """The same figures as the province's summary, live for the year: the agencies a page at a time."""
    year = _dashboard_year(request, province)
    figures = province_live_figures(province, year)
    this_year = timezone.localdate().year
    page = Paginator(figures["agencies"], AGENCIES_PER_PAGE).get_page(request.GET.get("page"))
    level_labels = [AwardType.Level(level).label for level in figures["levels"]]
    return render(request, "reports/province_dashboard.html", {
        "province": province, "year": year, "years": range(this_year, this_year - 5, -1), "figures": figures,
        "charts": charts_for(figures), "totals": figures["totals"], "page": page, "level_labels": level_labels,
        "rows": [{"agency": agency, "levels": list(zip(level_labels, agency["levels"].values()))} for agency in page],
    })


@login_required
def dashboard_chart(request, name):
    require(rules.can_view_dashboard(request.user))
    province = rules.province_of(request.user)
    if province is not None:
        figures = province_live_figures(province, _dashboard_year(request, province))
        if name not in charts_for(figures):
            raise Http404
        return _svg_response(chart_svg(name, figures))
    period = _dashboard_period(request)
    if period is None or name not in charts_for({}):
        raise Http404
    return _svg_response(chart_svg(name, live_figures(period)))
