"""Long work off the request (long PDFs, large exports, imports), with progress a page can poll.

The queue is Django's task API (`django-tasks` on Django 5.2, the API Django 6 adopted) with the
`django-tasks-db` backend: jobs wait in our own database and `manage.py run_worker` runs them (started
by `make run` beside the web server; see README, "Background work"). A `Job` row is what people see:
who started it, its progress, its error message, and the finished file, downloadable only by them.

An app registers a kind of job once (in its AppConfig.ready)::

    from emulation.jobs.kinds import register
    register("summary-pdf", render_summary_pdf, title=_("PDF of a summary report"))

where ``render_summary_pdf(job, progress)`` reads ``job.params``, calls ``progress(percent, step)``
now and then, and returns ``JobResult(data, filename, content_type)``; a ``JobError`` ends the job with
its message shown to the person. A view starts one with ``start_job("summary-pdf", user, pk=5)`` and
shows ``{% include "jobs/job_status.html" %}`` (htmx polling until it is done).
"""
