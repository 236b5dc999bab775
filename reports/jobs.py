"""Long work of the reports app, run off the request by emulation.jobs (the worker, `make worker`):

- "summary-pdf": the draft PDF of a summary report (a thousand units make a long document);
- "summary-issue": issuing a summary report (number, PDF/A, archive: reports.workflow.issue), started by
  the Office's “Issue” button; a failure leaves the report approved and its number unused;
- "dossier-package": the dossier .zip of a round's forwarded nominations when it is large
  (reports.dossier.is_large; its job function is reports.dossier.build_dossier).
"""
import logging
from datetime import date

from django.utils.translation import gettext as _

from emulation.jobs.models import Job, JobStatus
from emulation.jobs.runner import JobError, JobResult, fail_if_orphaned, start_job
from emulation.workflow import TransitionError
from reports.models import SummaryReport
from reports.documents import summary_context, summary_filename, summary_pdf
from reports.rules import can_view_summaries
from reports import workflow

logger = logging.getLogger(__name__)
ISSUE_KIND = "summary-issue"
PENDING = (JobStatus.QUEUED, JobStatus.RUNNING)


def render_summary_pdf(job, progress):
    report = SummaryReport.objects.filter(pk=job.params.get("report")).select_related("plan", "period").first()
    if report is None or not can_view_summaries(job.owner):
        raise JobError(_("The summary report does not exist any more."))
    units = len(report.figures.get("units", []))
    progress(10, _("Preparing the tables and charts (%(units)d units)") % {"units": units})
    summary_context(report)  # fails early, before the long layout, if the figures are unusable
    progress(30, _("Laying out the pages"))
    data = summary_pdf(report)
    progress(95, _("Saving the file"))
    return JobResult(data, summary_filename(report, "pdf"))


def pending_issue(report):
    """The issue job of `report` that is waiting or running (whoever started it), or None. This job is the
    report's "being issued" lock: one whose worker died is marked failed first (it holds nothing then)."""
    jobs = Job.objects.defer("result").filter(kind=ISSUE_KIND, params__report=report.pk, status__in=PENDING)
    job = jobs.first()
    return None if fail_if_orphaned(job) else job


def start_issue(report, actor, issue_date=None):
    """Queue the issuing of `report` by `actor`; returns the Job. Raises TransitionError at once when
    `actor` may not issue it now or when its issue is already waiting or running."""
    workflow.check_issuable(report, actor)
    if pending_issue(report) is not None:
        raise TransitionError(_("This report is already being issued. Wait for it to finish."))
    return start_job(ISSUE_KIND, actor, title=_("Issuing “%(title)s”") % {"title": report.title[:200]},
                     report=report.pk, issue_date=(issue_date or date.today()).isoformat())


def rerun_issue(job, user):
    """A failed issue job started again: the same checks as the “Issue” button (start_issue)."""
    report = SummaryReport.objects.filter(pk=job.params.get("report")).first()
    if report is None:
        raise JobError(_("The summary report does not exist any more."))
    return start_issue(report, user, date.fromisoformat(job.params["issue_date"]))


def issue_summary(job, progress):
    """The worker's half of start_issue: reports.workflow.issue, then the archived PDF as the job's file."""
    report = SummaryReport.objects.filter(pk=job.params.get("report")).select_related("plan", "period").first()
    if report is None:
        raise JobError(_("The summary report does not exist any more."))
    try:
        document = workflow.issue(report, job.owner, issue_date=date.fromisoformat(job.params["issue_date"]),
                                  progress=progress)
    except TransitionError as error:
        raise JobError(_("The report was not issued: %(reason)s") % {"reason": error.message}) from error
    except Exception as error:  # the details go to the log; the person reads what happened to the report
        logger.exception("Issuing summary report %s failed", report.pk)
        raise JobError(_("The report was not issued: its PDF could not be made. It is still approved and no "
                         "number was used; try again, and if it fails again tell the administrator.")) from error
    return JobResult(bytes(document.pdf), summary_filename(report, "pdf"))
