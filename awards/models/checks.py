"""The stored eligibility of a nomination: what the background check of a whole round found (awards.jobs),
so that the nomination list shows each nomination's eligibility without computing it per request. The
nomination's own page still computes its verdict live, with every condition."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.models.nominations import Nomination


class EligibilityCheck(models.Model):
    nomination = models.OneToOneField(Nomination, verbose_name=_("nomination"), primary_key=True,
                                      on_delete=models.CASCADE, related_name="eligibility_check")
    eligible = models.BooleanField(_("eligible"))
    #: The requirements the nomination failed (not set aside), in the words the detail page shows.
    failed = models.JSONField(_("failed conditions"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    checked_at = models.DateTimeField(_("checked at"))

    class Meta:
        verbose_name = _("eligibility check")
        verbose_name_plural = _("eligibility checks")

    def __str__(self):
        return f"{self.nomination_id}: {self.eligible}"
