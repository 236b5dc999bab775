"""Public disclosure (công khai) of the proposed awardees before the decision, and staff comments."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Disclosure(models.Model):
    """The list of a round's proposed awardees, published to every staff member of the Department for a
    set number of days before the Director's decision. The list is kept as published (`entries`)."""

    round = models.ForeignKey("awards.AwardRound", verbose_name=_("round"), on_delete=models.PROTECT,
                              related_name="disclosures")
    published_on = models.DateField(_("published on"))
    ends_on = models.DateField(_("comments until"))
    note = models.TextField(_("note to staff"), blank=True)
    entries = models.JSONField(_("proposed awardees as published"), default=list, editable=False)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # The Office's choice to show the list also on the agency's page for the public (/cong-khai/<agency>/),
    # where anyone may send a comment without an account (awards.disclosure.add_public_comment).
    public = models.BooleanField(_("shown to the public"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("public disclosure")
        verbose_name_plural = _("public disclosures")
        ordering = ["-published_on", "-pk"]

    def __str__(self):
        return str(self.round)


class DisclosureComment(models.Model):
    """A comment (phản ánh) on a disclosed list, by a staff member (`author`) or by a member of the public
    on the public page (no author: `sender` and `contact` as they gave them); the Office must answer it
    before a decision of the round can be issued."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sender = models.CharField(_("name of the sender"), max_length=150, blank=True)
    contact = models.CharField(_("contact of the sender"), max_length=200, blank=True)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("comment on a disclosure")
        verbose_name_plural = _("comments on disclosures")
        ordering = ["created_at", "pk"]
