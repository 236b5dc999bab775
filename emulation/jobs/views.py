"""The progress of a job (an htmx fragment polled until it is done) and its finished file."""
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation.jobs.models import Job, JobStatus
from emulation.jobs.kinds import reloads_page
from emulation.jobs.runner import JobError, fail_if_orphaned, rerun_job, with_live_progress
from emulation.workflow import TransitionError


def start_and_follow(request, start, page_url, *, message="", anchor="#job", refused_url=None):
    """The one way a view starts background work: `start()` queues the job and returns it (`start_job(...)`
    or a domain function that checks the person may do it first); the person is sent to `page_url` with
    `?job=<pk>` (the page shows the job's progress, polled until it is done), `message` said. When
    `start()` refuses (a TransitionError or a JobError), its message is said and the person goes back to
    `refused_url` (default: `page_url`), no job started."""
    try:
        job = start()
    except (TransitionError, JobError) as error:
        messages.error(request, error.message)
        return redirect(refused_url or page_url)
    if message:
        messages.info(request, message)
    return redirect(f"{page_url}{'&' if '?' in page_url else '?'}job={job.pk}{anchor}")


@login_required
def job_status(request, pk):
    job = with_live_progress(get_object_or_404(Job.objects.visible_to(request.user).defer("result"), pk=pk))
    if fail_if_orphaned(job):  # its worker died: say so now
        job.refresh_from_db()
    template = "jobs/job_status.html" if request.htmx else "jobs/job_page.html"
    response = render(request, template, {"job": job})
    if request.htmx and job.finished and reloads_page(job.kind):
        # Only a page that was still polling asks: it reloads once and then shows the finished job.
        response["HX-Refresh"] = "true"
    return response


@login_required
def job_download(request, pk):
    job = get_object_or_404(Job.objects.visible_to(request.user), pk=pk)
    if job.status != JobStatus.DONE or job.result is None:
        raise Http404
    response = HttpResponse(bytes(job.result), content_type=job.content_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, job.filename or f"job-{job.pk}")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@login_required
def job_rerun(request, pk):
    """“Run again” of a failed job, by its owner only (anyone else: 404). The person goes back to the page
    they were on (`next`), now following the new job."""
    job = get_object_or_404(Job.objects.visible_to(request.user).defer("result"), pk=pk)
    page = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(page, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        page = ""
    page = _without_job(page.split("#")[0])
    own_page = reverse("jobs:job_status", args=[job.pk])
    if page and page != own_page:
        return start_and_follow(request, lambda: rerun_job(job, request.user), page,
                                message=_("The job was started again."))
    # From the job's own page (or none): the new job's own page.
    try:
        again = rerun_job(job, request.user)
    except (TransitionError, JobError) as error:
        messages.error(request, error.message)
        return redirect(own_page)
    messages.info(request, _("The job was started again."))
    return redirect("jobs:job_status", again.pk)


def _without_job(url):
    """`url` without its `job` query parameter (the page then follows the new job)."""
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key != "job"]
    return urlunsplit(parts._replace(query=urlencode(query)))
