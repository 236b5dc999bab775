"""The summary report's workflow: draft → submitted → returned (with a reason) / approved → issued.

The Office creates, edits, refreshes the figures, submits and issues; the Director or a Deputy Director
approves or returns. Issuing (a background job, reports.jobs) gives the report its number in the year's
“BC-<agency>” series, renders its PDF once and keeps the bytes in the core archive (emulation.documents),
and freezes the report: the
figures snapshot and the narrative never change afterwards. Every transition is on the timeline; the
issue entry also records the SHA-256 of the figures the PDF was made from.
"""
import copy
import hashlib
import json
from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.documents import issue_document, next_number, number_symbol, peek_number, render_for_archive
from emulation.notifications import tell_the_office
from emulation.phrases import CONFIRM_APPROVE_SUMMARY, CONFIRM_ISSUE, CONFIRM_SUBMIT_TO_DIRECTOR
from emulation.workflow import Transition, TransitionError, Workflow
from reports import rules
from reports.documents import SUMMARY_DOCUMENT_KIND, TEMPLATE, summary_context
from reports.models import SECTIONS, SummaryReport, SummaryStatus
from reports.summaries import compute_figures
from reports.models import KIND_SUMMARY_WORDS
from reports.models import PROVINCE_PERIOD_NAMES, province_recipients
from reports.province import compute_province_figures

S = SummaryStatus


def _office(user, report):
    return rules.can_manage_summaries(user)


def _director(user, report):
    return rules.can_decide_summary(user, report)


def _has_narrative(report):
    if not any(getattr(report, name).strip() for name in SECTIONS):
        return _("Write the narrative before submitting the report.")
    return None


def _summary_message(report, entry):
    if entry.action == "approve":
        return _("The Director approved the summary report “%(report)s”.") % {"report": report}
    return _("The Director returned the summary report “%(report)s” for changes.") % {"report": report}


WORKFLOW = Workflow([
    Transition((S.DRAFT, S.RETURNED), "submit", S.SUBMITTED, gettext_lazy("Submit to the Director"), _office,
               condition=_has_narrative, confirm=CONFIRM_SUBMIT_TO_DIRECTOR),
    Transition((S.SUBMITTED,), "approve", S.APPROVED, gettext_lazy("Approve"), _director, style="success",
               confirm=CONFIRM_APPROVE_SUMMARY),
    Transition((S.SUBMITTED,), "return", S.RETURNED, gettext_lazy("Return for changes"), _director,
               reason_required=True, style="warning"),
    Transition((S.APPROVED,), "issue", S.ISSUED, gettext_lazy("Issue (assign the number)"), _office,
               style="success", confirm=CONFIRM_ISSUE),
], on_transition=tell_the_office({"approve", "return"}, _summary_message, "reports:summary_detail"))
#: Actions offered as plain buttons; "return" has its own form with the reason.
BUTTON_ACTIONS = {"submit", "approve", "issue"}


class StaleSummary(TransitionError):
    """The narrative form was opened on an older version; nothing was saved."""


def create_summary(period, kind, *, actor, title=""):
    """A new draft summary report of `period` with its figures computed now."""
    if not rules.can_manage_summaries(actor):
        raise TransitionError(_("You are not allowed to do this."))

    title = title.strip() or (
        f"{KIND_SUMMARY_WORDS[kind]} phong trào thi đua {period.name[:1].lower()}{period.name[1:]}"
    )
    return SummaryReport.objects.create(
        plan=period.plan, period=period, kind=kind, title=title, figures=compute_figures(period),
        figures_at=timezone.now(), signer_name=period.plan.signer_name,
        signer_authority=period.plan.signer_authority, created_by=actor, updated_by=actor,
        symbol=period.plan.issuer.symbol("BC"), issuer_id=period.plan.issuer_id,
    )


def create_province_summary(province, kind, year, *, actor, title=""):
    """A new draft of the province's own summary (reports.province) for the span `kind` of `year`, its
    figures computed now across every agency linked to `province`. Only the province's Office."""
    if not rules.can_manage_summaries(actor) or actor.agency_id != province.pk or not province.is_province:
        raise TransitionError(_("You are not allowed to do this."))
    span = PROVINCE_PERIOD_NAMES[kind] % {"year": year}
    report = SummaryReport(
        issuer=province, kind=kind, year=year, symbol=province.symbol("BC"), recipients=province_recipients(),
        title=title.strip() or f"{KIND_SUMMARY_WORDS[kind]} công tác thi đua, khen thưởng {span} trên địa bàn tỉnh",
        created_by=actor, updated_by=actor,
    )
    report.figures, report.figures_at = compute(report), timezone.now()
    report.save()
    return report


def compute(report):
    """The figures of `report` from the data as it is now: an agency's period, or the province's span."""
    if report.is_province:
        return compute_province_figures(report.issuer, report.period_start, report.period_end,
                                        period={"name": report.period_label, "kind": report.kind})
    return compute_figures(report.period)


def refresh_figures(report, *, actor):
    """Recompute the figures of an editable report from the data as it is now."""
    if not rules.can_edit_summary(actor, report):
        raise TransitionError(_("The figures of this report can no longer change: its status is “%(status)s”.")
                              % {"status": report.get_status_display()})
    figures = compute(report)
    updated = SummaryReport.objects.filter(pk=report.pk, status__in=[S.DRAFT, S.RETURNED]).update(
        figures=figures, figures_at=timezone.now(), updated_by=actor, version=F("version") + 1)
    if not updated:
        raise TransitionError(_("Somebody else has changed this meanwhile. Reload the page to see its current state."))
    report.refresh_from_db()
    return report


def save_narrative(report, *, sections, item_notes, header, version, actor):
    """Save the narrative of an editable report opened at `version`; StaleSummary when somebody saved
    meanwhile (nothing written). `header`: signer_name, signer_authority, recipients, title."""
    if not rules.can_edit_summary(actor, report):
        raise TransitionError(_("You cannot change this report now."))
    values = {name: sections[name] for name in SECTIONS if name in sections}
    values.update(header)
    known = {str(item["id"]) for item in report.figures.get("items", [])}
    values["item_notes"] = {key: text for key, text in item_notes.items() if key in known and text.strip()}
    updated = SummaryReport.objects.filter(pk=report.pk, version=version, status__in=[S.DRAFT, S.RETURNED]).update(
        **values, version=F("version") + 1, updated_by=actor, updated_at=timezone.now())
    if not updated:
        current = SummaryReport.objects.select_related("updated_by").get(pk=report.pk)
        if not current.is_editable:
            raise TransitionError(_("This report can no longer be changed: its status is “%(status)s”.")
                                  % {"status": current.get_status_display()})
        raise StaleSummary(
            _("This report was changed by %(who)s at %(when)s after you opened it. Your changes were NOT saved: "
              "reload the page, then make them again.")
            % {"who": current.updated_by or _("someone"),
               "when": timezone.localtime(current.updated_at).strftime("%H:%M %d/%m/%Y")})
    report.refresh_from_db()
    return report


def submit(report, actor):
    return WORKFLOW.perform(report, "submit", actor=actor)


def approve(report, actor):
    return WORKFLOW.perform(report, "approve", actor=actor)


def return_report(report, actor, reason):
    return WORKFLOW.perform(report, "return", actor=actor, reason=reason)


def figures_digest(figures):
    return hashlib.sha256(json.dumps(figures, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


#: How often issuing renders the PDF again when other documents of the series took the number meanwhile.
ISSUE_ATTEMPTS = 3


class _NumberMoved(Exception):
    """Another document of the series took the number the PDF was rendered with (rolls the issue back)."""


def check_issuable(report, actor):
    """Raise TransitionError now if `actor` cannot issue `report` (before any long rendering starts)."""
    transition = WORKFLOW.find(report, "issue")
    if transition is None:
        raise TransitionError(_("This action is not possible now: the status is “%(status)s”.")
                              % {"status": report.get_status_display()})
    if not transition.allowed(actor, report):
        raise TransitionError(_("You are not allowed to do this."))


def _as_issued(report, number, issue_date):
    """An unsaved copy of `report` as it will read once issued (what the PDF prints)."""
    issued = copy.copy(report)
    issued.number, issued.number_year, issued.issue_date, issued.status = number, issue_date.year, issue_date, S.ISSUED
    return issued


def issue(report, actor, issue_date=None, progress=None):
    """Issue an approved report: next number of its series, status issued, PDF archived; returns the
    IssuedDocument.

    The long part, laying out the PDF with the number it will carry (`peek_number`), runs first and
    outside any transaction: it holds no lock and `progress(percent, step)` is visible meanwhile. Then one
    short transaction takes the number, changes the status (conditionally: a second issue is refused) and
    archives those exact bytes. If that fails, nothing is saved: the report stays approved and the number
    is not used. If another document of the series took the number meanwhile, the PDF is laid out again
    with the next one (ISSUE_ATTEMPTS times at most)."""
    progress = progress or (lambda percent, step="": None)
    issue_date = issue_date or date.today()
    check_issuable(report, actor)
    for attempt in range(ISSUE_ATTEMPTS):
        number = peek_number(report.symbol, issue_date.year, report.issuer_id)
        progress(10 + 20 * attempt, _("Preparing the tables and charts"))
        context = summary_context(_as_issued(report, number, issue_date))
        progress(30 + 20 * attempt, _("Laying out the pages with the number %(number)s")
                 % {"number": number_symbol(number, report.symbol)})
        rendered = render_for_archive(TEMPLATE, context)
        progress(90, _("Saving the issued report in the archive"))
        try:
            with transaction.atomic():
                if next_number(report.symbol, issue_date.year, report.issuer_id) != number:
                    raise _NumberMoved
                WORKFLOW.perform(
                    report, "issue", actor=actor,
                    data={"number": number, "figures_sha256": figures_digest(report.figures),
                          "figures_at": report.figures_at.isoformat() if report.figures_at else None},
                    changes={"number": number, "number_year": issue_date.year, "issue_date": issue_date},
                )
                return issue_document(
                    report, SUMMARY_DOCUMENT_KIND, TEMPLATE, context, number=number, symbol=report.symbol,
                    issue_date=issue_date, title=report.title, actor=actor, rendered=rendered,
                )
        except _NumberMoved:
            continue
    raise TransitionError(_("Other documents of the series were being issued at the same time. Nothing was "
                            "saved: issue the report again."))


ACTIONS = {"submit": submit, "approve": approve, "issue": issue}


def perform(report, action, actor, reason=""):
    """Perform `action` on `report` as `actor`; raises TransitionError."""
    if action == "return":
        return return_report(report, actor, reason)
    if action not in ACTIONS:
        raise TransitionError(_("This action is not possible now: the status is “%(status)s”.")
                              % {"status": report.get_status_display()})
    return ACTIONS[action](report, actor)
