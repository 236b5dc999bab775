"""The plan's statuses and their named groups: the lowest layer of campaigns, imported by the models and
by the rules alike (so that neither imports the other inside a function)."""
from django.db import models
from django.utils.translation import pgettext_lazy


class PlanStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("plan status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("plan status", "Submitted to the Director")
    RETURNED = "returned", pgettext_lazy("plan status", "Returned")
    APPROVED = "approved", pgettext_lazy("plan status", "Approved")
    ISSUED = "issued", pgettext_lazy("plan status", "Issued")
    CLOSED = "closed", pgettext_lazy("plan status", "Closed")


#: Statuses in which the Office may change the plan's text.
EDITABLE_STATUSES = {PlanStatus.DRAFT, PlanStatus.RETURNED}
#: Statuses of a plan that is an official document (readable by every logged-in role).
PUBLISHED_STATUSES = {PlanStatus.ISSUED, PlanStatus.CLOSED}
