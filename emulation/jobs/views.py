"""The progress of a job (an htmx fragment polled until it is done) and its finished file."""
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header

from emulation.jobs.models import Job, JobStatus
from emulation.jobs.runner import reloads_page


@login_required
def job_status(request, pk):
    job = get_object_or_404(Job.objects.visible_to(request.user).defer("result"), pk=pk)
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
