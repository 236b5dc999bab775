"""Background rendering of a summary report's PDF (a thousand units make a long document).

Registered with emulation.jobs as "summary-pdf": the worker renders the report the person asked for,
with progress, and keeps the file for them to download.
"""
from django.utils.translation import gettext as _

from emulation.jobs.runner import JobError, JobResult
from reports.models import SummaryReport


def render_summary_pdf(job, progress):
    from reports.documents import summary_context, summary_filename, summary_pdf
    from reports.rules import can_view_summaries

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
