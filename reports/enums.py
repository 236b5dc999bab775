"""The summary report's states: below the models and the rules (reports.rules scopes by them), as
campaigns.enums is for plans and unit reports."""
from django.db import models
from django.utils.translation import pgettext_lazy


class SummaryStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("summary status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("summary status", "Submitted to the Director")
    RETURNED = "returned", pgettext_lazy("summary status", "Returned")
    APPROVED = "approved", pgettext_lazy("summary status", "Approved")
    ISSUED = "issued", pgettext_lazy("summary status", "Issued")
