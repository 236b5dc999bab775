"""A background job as people see it: owner, progress, error, the finished file."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from emulation.jobs import kinds


class JobStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("job status", "Waiting")
    RUNNING = "running", pgettext_lazy("job status", "Running")
    DONE = "done", pgettext_lazy("job status", "Finished")
    FAILED = "failed", pgettext_lazy("job status", "Failed")


class JobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A job is its owner's: nobody else sees its progress or downloads its file."""
        if not user or not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)


class Job(models.Model):
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=300, blank=True)
    params = models.JSONField(default=dict, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("started by"), on_delete=models.CASCADE,
                              related_name="jobs")
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=300, blank=True)
    error = models.TextField(_("error"), blank=True)
    result = models.BinaryField(_("file"), null=True, blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    #: Written by the worker while the job runs (its progress and a ticker thread): a running job whose
    #: heartbeat is older than JOB_STALE_SECONDS lost its worker (runner.fail_orphaned_jobs).
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["owner", "kind", "created_at"])]

    def __str__(self):
        return self.title or self.kind

    @property
    def result_url(self):
        """The page showing what the job did, for a job whose result is a change, not a file."""
        return kinds.result_url(self)

    @property
    def finished(self):
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
