"""Pages of reporting periods, unit reports and the follow-up board (thin: permission → form → domain)."""
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from campaigns import reporting, rules, workflow
from campaigns.models import Evidence, ReportingPeriod, ReportStatus, UnitReport
from campaigns.report_board import board_workbook, build_board, current_period
from campaigns.reminder_letter import letter_pdf, waiting_cells
from campaigns.reminders import remind_now
from campaigns.forms.reports import (
    BoardFilterForm, DelegatesForm, ItemProgressForm, PeriodFilterForm, PeriodForm, ReturnForm, SectionsForm,
    StandardDuesForm, StandardPeriodsForm, SubmitForm, TargetValueForm,
)
from campaigns.reporting import DraftChanges, ReportError, StaleReport
from emulation import calendar
from emulation.documents import pdf_response
from emulation.exports import xlsx_response
from emulation.models import Unit
from emulation.permissions import require, scope_choices
from emulation.redirects import redirect_next
from emulation.uploads import serve_file
from emulation.workflow import TransitionError
from emulation.workflow_views import perform_from_post

# Periods --------------------------------------------------------------------------------------------


@login_required
def period_list(request):
    require(rules.can_view_periods(request.user))
    form = PeriodFilterForm(request.GET or None)
    scope_choices(form, request.user)
    periods = ReportingPeriod.objects.visible_to(request.user).select_related("plan").annotate(
        unit_count=Count("units", distinct=True), report_count=Count("reports", distinct=True)
    )
    if form.is_valid() and form.cleaned_data["plan"]:
        periods = periods.filter(plan=form.cleaned_data["plan"])
    today = calendar.today()
    periods = list(periods.order_by("-due", "pk"))
    for period in periods:
        period.due_state = calendar.due_state(period.due, today)
    return render(request, "campaigns/reports/period_list.html", {
        "form": form, "periods": periods, "standard_form": scope_choices(StandardPeriodsForm(), request.user),
        "can_manage": rules.can_manage_periods(request.user),
    })


@login_required
def period_edit(request, pk=None):
    require(rules.can_manage_periods(request.user))
    period = get_object_or_404(ReportingPeriod.objects.visible_to(request.user), pk=pk) if pk else None
    form = PeriodForm(request.POST or None, instance=period)
    scope_choices(form, request.user)
    if request.method == "POST" and form.is_valid():
        period = form.save(commit=False)
        period.created_by = period.created_by or request.user
        period.save()
        form.save_m2m()
        messages.success(request, _("The reporting period has been saved."))
        return redirect("campaigns:period_list")
    return render(request, "emulation/form.html", {
        "form": form, "title": _("Edit reporting period") if period else _("New reporting period"),
        "back": reverse("campaigns:period_list"),
    })


@login_required
@require_POST
def period_standard(request):
    require(rules.can_manage_periods(request.user))
    form = scope_choices(StandardPeriodsForm(request.POST), request.user)
    if not form.is_valid():
        messages.error(request, _("Choose an issued plan and a year."))
        return redirect("campaigns:period_list")
    plan, year = form.cleaned_data["plan"], form.cleaned_data["year"]
    periods = reporting.standard_periods(plan, year)
    dues_form = StandardDuesForm(request.POST if "confirm" in request.POST else None, periods=periods)
    if not dues_form.is_bound or not dues_form.is_valid():
        # The preview: what will be created, with due dates the Office may change, and a warning for
        # those already past (nothing is saved yet).
        return render(request, "campaigns/reports/period_standard.html", {
            "form": form, "dues_form": dues_form, "periods": periods, "plan": plan, "year": year,
            "past_due": [period for period in dues_form.periods if period.past_due],
        })
    try:
        created = reporting.create_standard_periods(plan, year, actor=request.user, dues=dues_form.dues())
    except ReportError as error:
        messages.error(request, error.message)
    else:
        if created:
            messages.success(request, _("Created: %(names)s.") % {"names": ", ".join(p.name for p in created)})
        else:
            messages.info(request, _("The standard periods of that year exist already."))
    return redirect("campaigns:period_list")


# Board ----------------------------------------------------------------------------------------------


BOARD_PAGE_SIZE = 50
BOARD_FILTERS = ("plan", "period", "state", "unit")


def _board(request, per_page=None):
    """The board's filter and content. Without any filter in the URL it opens on the current period."""
    require(rules.can_view_board(request.user))
    data = request.GET.copy()
    current = None
    if not any(name in data for name in BOARD_FILTERS):
        current = current_period(request.user)
        if current:
            data["period"] = str(current.pk)
    form = BoardFilterForm(data, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    board = build_board(
        request.user, plan=filters.get("plan"), period=filters.get("period"), state=filters.get("state", ""),
        unit=filters.get("unit"), page=request.GET.get("page"), per_page=per_page,
    )
    board.current = current
    return form, board


@login_required
def board(request):
    form, board = _board(request, per_page=BOARD_PAGE_SIZE)
    filters = {name: form.data.get(name, "") for name in BOARD_FILTERS}
    return render(request, "campaigns/reports/board.html", {
        "form": form, "board": board, "page": board.page, "export_query": urlencode(filters),
        "can_remind": rules.can_review_reports(request.user),
    })


@login_required
def board_export(request):
    _form, board = _board(request)
    return xlsx_response("theo-doi-bao-cao", workbook=board_workbook(board))


def _chosen_cells(request, values):
    """The (period, unit) cells named by `values` (“period:unit”) that the user may see and where the unit
    must report; anything else is left out silently (it cannot be told apart from a stale page)."""
    wanted = set()
    for value in values:
        period_id, _sep, unit_id = value.partition(":")
        if period_id.isdigit() and unit_id.isdigit():
            wanted.add((int(period_id), int(unit_id)))
    periods = ReportingPeriod.objects.visible_to(request.user).select_related("plan__issuer").in_bulk(
        {p for p, _u in wanted})
    units = Unit.objects.visible_to(request.user).in_bulk({u for _p, u in wanted})
    required = set(ReportingPeriod.units.through.objects.filter(reportingperiod_id__in=periods)
                   .values_list("reportingperiod_id", "unit_id"))
    cells = [(periods[p], units[u]) for p, u in wanted if p in periods and u in units and (p, u) in required]
    return sorted(cells, key=lambda cell: (cell[1].path, cell[0].due, cell[0].pk))


def _unit_names(cells, limit=20):
    names = list(dict.fromkeys(unit.name for _period, unit in cells))
    if len(names) > limit:
        return _("%(names)s and %(count)s more units") % {"names": ", ".join(names[:limit]), "count": len(names) - limit}
    return ", ".join(names)


@login_required
@require_POST
def board_remind(request):
    """“Nhắc”: the Office reminds the units of the chosen cells (“period:unit”) now, and hears which units
    were reached and which were not (with a printable letter for those)."""
    require(rules.can_review_reports(request.user))
    cells = _chosen_cells(request, request.POST.getlist("cells"))
    if not cells:
        messages.error(request, _("Choose the units to remind."))
        return redirect_next(request, reverse("campaigns:report_board"))
    nudge = remind_now(cells, actor=request.user)
    if nudge.reached:
        count = len({unit.pk for _period, unit in nudge.reached})
        messages.success(request, ngettext(
            "Reminded %(count)s unit (in the app, and by e-mail where there is an address): %(names)s.",
            "Reminded %(count)s units (in the app, and by e-mail where there is an address): %(names)s.", count,
        ) % {"count": count, "names": _unit_names(nudge.reached)})
    if nudge.already:
        count = len({unit.pk for _period, unit in nudge.already})
        messages.info(request, ngettext(
            "%(count)s unit was already reminded today; nothing was sent again: %(names)s.",
            "%(count)s units were already reminded today; nothing was sent again: %(names)s.", count,
        ) % {"count": count, "names": _unit_names(nudge.already)})
    if nudge.skipped:
        messages.info(request, _("Already submitted, not reminded: %(names)s.") % {"names": _unit_names(nudge.skipped)})
    if nudge.unreached:
        count = len({unit.pk for _period, unit in nudge.unreached})
        letter = reverse("campaigns:report_board_letter") + "?" + urlencode(
            [("cells", f"{period.pk}:{unit.pk}") for period, unit in nudge.unreached])
        messages.warning(request, format_html(
            "{} <a href=\"{}\" data-testid=\"reminder-letter\">{}</a>",
            ngettext(
                "Could not remind %(count)s unit: it has no login account and no e-mail address: %(names)s.",
                "Could not remind %(count)s units: they have no login account and no e-mail address: %(names)s.",
                count,
            ) % {"count": count, "names": _unit_names(nudge.unreached)},
            letter,
            _("Print a reminder letter (công văn đôn đốc) for them, or add the unit's e-mail address in the unit list."),
        ))
    return redirect_next(request, reverse("campaigns:report_board"))


@login_required
def board_letter(request):
    """The printable reminder (công văn đôn đốc, PDF) to the units of the chosen cells that still have not
    submitted; the Office prints, signs and sends it on paper."""
    require(rules.can_review_reports(request.user))
    waiting = waiting_cells(_chosen_cells(request, request.GET.getlist("cells")))
    if not waiting:
        messages.info(request, _("Every chosen unit has submitted its report: there is no one to remind."))
        return redirect("campaigns:report_board")
    return pdf_response(letter_pdf(waiting), "cong-van-don-doc-bao-cao.pdf", request=request)


# Reports --------------------------------------------------------------------------------------------


def _visible_report(request, pk):
    return get_object_or_404(
        UnitReport.objects.visible_to(request.user).select_related("period__plan", "unit", "updated_by"), pk=pk
    )


@login_required
def report_open(request, period_pk, unit_pk):
    """A board cell: the report if it exists, otherwise a page to start it (POST creates it)."""
    period = get_object_or_404(ReportingPeriod.objects.visible_to(request.user).select_related("plan"), pk=period_pk)
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=unit_pk)
    existing = UnitReport.objects.visible_to(request.user).filter(period=period, unit=unit).first()
    if existing:
        return redirect("campaigns:report_detail", pk=existing.pk)
    if not period.units.filter(pk=unit.pk).exists():
        raise Http404
    can_start = rules.can_write_for(request.user, unit)
    if request.method == "POST":
        require(can_start)
        report = reporting.start_report(period, unit, actor=request.user)
        if "copy" in request.POST:
            _copy_previous(request, report)
        return redirect("campaigns:report_edit", pk=report.pk)
    previous = reporting.previous_report(UnitReport(period=period, unit=unit)) if can_start else None
    return render(request, "campaigns/reports/report_start.html", {
        "period": period, "unit": unit, "can_start": can_start, "previous": previous,
        "on_behalf": can_start and not rules.heads_unit(request.user, unit),
        "due_state": calendar.due_state(period.due),
    })


def _copy_previous(request, report):
    try:
        previous = reporting.copy_previous(report, version=report.version, actor=request.user)
    except ReportError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Copied from the report of %(period)s: check each item and change what is "
                                    "different in this period.") % {"period": previous.period.name})


@login_required
@require_POST
def report_copy(request, pk):
    """“Chép từ kỳ trước” on a draft: its texts and figures replaced by the previous period's."""
    report = _visible_report(request, pk)
    require(rules.can_edit_report(request.user, report))
    _copy_previous(request, report)
    return redirect("campaigns:report_edit", pk=pk)


@login_required
def report_detail(request, pk):
    report = _visible_report(request, pk)
    rows, goal_results = reporting.report_rows(report)
    user = request.user
    workflow.mark_opened(report, user)
    buttons = workflow.REPORT_WORKFLOW.buttons(
        report, user, lambda action: reverse("campaigns:report_transition", args=[report.pk, action]))
    timeline = workflow.REPORT_WORKFLOW.timeline(report)
    notes = [entry for entry in timeline if entry.action in SUBMIT_ACTIONS and entry.reason]
    return render(request, "campaigns/reports/report_detail.html", {
        "unit_note": notes[-1] if notes and report.awaits_review else None,
        "report": report, "rows": rows, "goal_results": goal_results,
        "due_state": calendar.due_state(report.period.due),
        # A submission goes through its confirmation page (what is empty, a note to the Office).
        "buttons": [b for b in buttons if b.action not in SUBMIT_ACTIONS],
        "can_submit": any(b.action in SUBMIT_ACTIONS for b in buttons),
        "progress": reporting.progress_of(rows),
        "is_unit_side": rules.can_write_for(user, report.unit) and not rules.can_review_report(user, report),
        "return_form": ReturnForm(rows=rows) if rules.can_review_report(user, report) and report.awaits_review else None,
        "can_edit": rules.can_edit_report(user, report),
        "can_delegate": rules.can_delegate(user, report),
        "changes": reporting.changes_since_last_submission(report) if report.awaits_review else [],
        "versions": report.versions.select_related("author"),
        "timeline": timeline,
        "fix_rows": [row for row in rows if row.progress.to_fix],
        "can_view_board": rules.can_view_board(user),
    })


@login_required
def report_version(request, pk, number):
    """One submitted version of a report as it was submitted, with its files; `?with=<number>` compares it
    with another version (older → newer). Whoever may read the report."""
    report = _visible_report(request, pk)
    versions = list(report.versions.select_related("author"))
    version = next((v for v in versions if v.number == number), None)
    if version is None:
        raise Http404
    other = next((v for v in versions if str(v.number) == request.GET.get("with") and v.number != number), None)
    changes = None
    if other is not None:
        old, new = sorted([version, other], key=lambda v: v.number)
        changes = reporting.changes_between(report, old.snapshot, new.snapshot)
    sections, items, targets = reporting.version_contents(report, version)
    return render(request, "campaigns/reports/report_version.html", {
        "report": report, "version": version, "versions": versions, "other": other, "changes": changes,
        "sections": sections, "items": items, "targets": targets,
    })


def _edit_forms(report, rows, data=None, files=None):
    sections = SectionsForm(data, instance=report, initial={"version": report.version})
    item_forms = [
        (row, ItemProgressForm(data, files, instance=row.progress, prefix=f"item-{row.item.pk}",
                               number=row.number),
         [(result, TargetValueForm(data, prefix=f"target-{result.target_id}", initial={"value": result.value}))
          for result in row.targets])
        for row in rows
    ]
    return sections, item_forms


def _goal_forms(goal_results, data=None):
    return [(r, TargetValueForm(data, prefix=f"target-{r.target_id}", initial={"value": r.value})) for r in goal_results]


def _changes(sections, item_forms, goal_forms, with_files):
    targets = {}
    for result, form in [pair for _row, _form, pairs in item_forms for pair in pairs] + goal_forms:
        targets[result.target_id] = form.cleaned_data.get("value")
    files = []
    if with_files:
        files = [(row.item.pk, form.cleaned_data["evidence"]) for row, form, _pairs in item_forms
                 if form.cleaned_data.get("evidence")]
    return DraftChanges(
        sections={name: sections.cleaned_data[name] for name in reporting.SECTIONS},
        items={row.item.pk: {k: form.cleaned_data[k] for k in ("status", "percent", "text")}
               for row, form, _pairs in item_forms},
        targets=targets,
        files=files,
    )


def _bound(request, report, rows, goal_results, with_files=True):
    sections, item_forms = _edit_forms(report, rows, request.POST, request.FILES if with_files else None)
    goal_forms = _goal_forms(goal_results, request.POST)
    forms = [sections] + [form for _result, form in goal_forms]
    for _row, item_form, pairs in item_forms:
        forms += [item_form] + [form for _result, form in pairs]
    valid = all([form.is_valid() for form in forms])
    return sections, item_forms, goal_forms, valid


SUBMIT_ACTIONS = ("submit", "resubmit")


@login_required
def report_edit(request, pk):
    report = _visible_report(request, pk)
    require(rules.can_edit_report(request.user, report))
    rows, goal_results = reporting.report_rows(report)
    stale = None
    if request.method == "POST":
        sections, item_forms, goal_forms, valid = _bound(request, report, rows, goal_results)
        if valid:
            try:
                reporting.save_draft(report, _changes(sections, item_forms, goal_forms, True),
                                     version=sections.cleaned_data["version"], actor=request.user)
                if "submit" in request.POST:
                    return redirect("campaigns:report_confirm", pk=report.pk)
            except StaleReport as error:
                stale = error.current
                messages.error(request, error.message)
            except ReportError as error:
                messages.error(request, error.message)
                return redirect("campaigns:report_detail", pk=report.pk)
            else:
                messages.success(request, _("The report has been saved."))
                return redirect("campaigns:report_edit", pk=report.pk)
        else:
            messages.error(request, _("Please correct the errors below."))
            _keep_files(request, report, item_forms)
    else:
        sections, item_forms = _edit_forms(report, rows)
        goal_forms = _goal_forms(goal_results)
    return render(request, "campaigns/reports/report_edit.html", {
        "report": report, "sections": sections, "item_forms": item_forms, "goal_forms": goal_forms,
        "progress": reporting.progress_of(rows), "previous": reporting.previous_report(report),
        "stale": stale, "due_state": calendar.due_state(report.period.due),
        "can_submit": rules.can_submit_report(request.user, report),
        "on_behalf": rules.writes_on_behalf(request.user, report.unit),
    })


def _keep_files(request, report, item_forms):
    """The form could not be saved: keep the evidence files that were valid themselves (a browser never
    re-fills a file field, so they would be lost) and say so."""
    files = [(row, form.cleaned_data["evidence"]) for row, form, _pairs in item_forms
             if not form.has_error("evidence") and form.cleaned_data.get("evidence")]
    if not files:
        return
    kept = reporting.keep_evidence(report, [(row.item.pk, file) for row, file in files], actor=request.user)
    for (row, _file), evidence in zip(files, kept):
        row.evidence.append(evidence)
    messages.info(request, _("The evidence files you chose were kept: %(names)s.")
                  % {"names": ", ".join(e.original_name for e in kept)})


@login_required
def report_confirm(request, pk):
    """“Lưu và nộp” leads here: how much is filled in, which items are still empty (a note saying why
    is then required), an optional answer to a return, and what happens after submitting."""
    report = _visible_report(request, pk)
    require(rules.can_submit_report(request.user, report))
    if not report.is_editable:
        messages.info(request, _("This report has already been submitted."))
        return redirect("campaigns:report_detail", pk=pk)
    rows, _goal_results = reporting.report_rows(report)
    progress = reporting.progress_of(rows)
    resubmit = report.status == ReportStatus.RETURNED
    form = SubmitForm(request.POST or None, empty_count=len(progress.empty), resubmit=resubmit)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.submit_report(report, actor=request.user, note=form.cleaned_data["note"])
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The report has been submitted to the Office."))
        return redirect("campaigns:report_detail", pk=pk)
    return render(request, "campaigns/reports/report_confirm.html", {
        "report": report, "progress": progress, "form": form, "resubmit": resubmit,
        "due_state": calendar.due_state(report.period.due),
    })


@login_required
@require_POST
def report_autosave(request, pk):
    """The draft saved by autosave.js: every field, and an evidence file as soon as it is chosen.
    Answers JSON: the new version and the evidence files saved now, or 409 with the message when the
    report changed meanwhile."""
    report = _visible_report(request, pk)
    if not rules.can_edit_report(request.user, report):
        return JsonResponse({"error": _("You cannot change this report now.")}, status=403)
    rows, goal_results = reporting.report_rows(report)
    sections, item_forms, goal_forms, valid = _bound(request, report, rows, goal_results)
    if not valid:
        return JsonResponse({"error": _("Not saved automatically: some values are not valid.")}, status=400)
    before = set(report.evidence.values_list("pk", flat=True))
    try:
        reporting.save_draft(report, _changes(sections, item_forms, goal_forms, True),
                             version=sections.cleaned_data["version"], actor=request.user)
    except ReportError as error:
        return JsonResponse({"error": error.message}, status=409)
    new_files = report.evidence.exclude(pk__in=before)
    return JsonResponse({
        "version": report.version,
        "files": [{"item": e.item_id, "name": e.original_name,
                   "url": reverse("campaigns:evidence_download", args=[e.pk])} for e in new_files],
        "message": _("Saved automatically at %(time)s") % {"time": timezone.localtime().strftime("%H:%M:%S")},
    })


@login_required
@require_POST
def report_transition(request, pk, action):
    """A button action (submit, resubmit, accept) through the generic helper; a return with its form."""
    report = _visible_report(request, pk)
    if action == "return":
        return _return_report(request, report)
    perform_from_post(request, report, workflow.REPORT_WORKFLOW, workflow.act_on_report, action=action,
                      done=REPORT_DONE.get)
    return redirect("campaigns:report_detail", pk=pk)


REPORT_DONE = {
    "submit": gettext_lazy("The report has been submitted to the Office."),
    "resubmit": gettext_lazy("The report has been submitted to the Office."),
    "accept": gettext_lazy("The report has been accepted."),
    "withdraw": gettext_lazy("The report has been withdrawn: you can change it and submit it again."),
}


def _return_report(request, report):
    require(rules.can_review_reports(request.user))
    rows, _goal_results = reporting.report_rows(report)
    form = ReturnForm(request.POST, rows=rows)
    if not form.is_valid():
        messages.error(request, _("Please give a reason."))
        return redirect("campaigns:report_detail", pk=report.pk)
    try:
        workflow.return_report(report, actor=request.user, reason=form.cleaned_data["reason"],
                               items_to_fix=form.items_to_fix())
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The report has been returned to the unit."))
    return redirect("campaigns:report_detail", pk=report.pk)


@login_required
def report_delegates(request, pk):
    report = _visible_report(request, pk)
    require(rules.can_delegate(request.user, report))
    form = DelegatesForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The staff who may write this report have been saved."))
        return redirect("campaigns:report_detail", pk=pk)
    return render(request, "emulation/form.html", {
        "form": form, "title": _("Who may write this report"), "back": reverse("campaigns:report_detail", args=[pk]),
    })


@login_required
def evidence_download(request, pk):
    evidence = get_object_or_404(
        Evidence.objects.filter(report__in=UnitReport.objects.visible_to(request.user)), pk=pk
    )
    return serve_file(evidence.file, evidence.original_name, allowed=True, request=request)


@login_required
@require_POST
def evidence_delete(request, pk):
    evidence = get_object_or_404(
        Evidence.objects.filter(report__in=UnitReport.objects.visible_to(request.user)).select_related("report"), pk=pk
    )
    require(rules.can_edit_report(request.user, evidence.report))
    reporting.delete_evidence(evidence, actor=request.user)
    messages.success(request, _("The evidence file has been removed."))
    return redirect("campaigns:report_edit", pk=evidence.report_id)
