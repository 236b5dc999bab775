"""The register of exemplary models (gương điển hình tiên tiến, người tốt - việc tốt) found during the
year: proposed by a unit, accepted by the Office (awards.exemplars.EXEMPLAR_WORKFLOW); an accepted model is
a candidate for an ad hoc (đột xuất) award."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from emulation import scoping
from emulation.models import Staff, Unit


class ExemplarQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The proposing unit's (the unit head's subtree; every unit of the agency for the all-units roles)."""
        return scoping.scope_by_unit(self, user)


class Exemplar(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Proposed to the Office")
        RETURNED = "returned", _("Returned for changes")
        ACCEPTED = "accepted", _("Accepted into the register of models")

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        COLLECTIVE = "collective", _("Collective")

    class Introduced(models.TextChoices):
        NEWS = "news", _("In the press or on the agency's news pages")
        MEETING = "meeting", _("At a meeting or conference")
        PROVINCE = "province", _("In the province's publication of models")
        OTHER = "other", _("Another way")

    EDITABLE = {Status.DRAFT, Status.RETURNED}

    unit = models.ForeignKey(Unit, verbose_name=_("proposing unit"), on_delete=models.PROTECT, related_name="exemplars")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("person or collective"), max_length=12, choices=Kind.choices, default=Kind.PERSON)
    staff = models.ForeignKey(Staff, verbose_name=_("staff member"), null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+", help_text=_("For a person of the agency."))
    nominee_unit = models.ForeignKey(Unit, verbose_name=_("unit of the agency"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+", help_text=_("For a collective of the agency."))
    name = models.CharField(_("name (outside the agency)"), max_length=255, blank=True,
                            help_text=_("For a person or a collective outside the agency: the name, and where they live or work."))
    deed = models.TextField(_("the deed"))
    evidence = models.TextField(_("evidence"), help_text=_("Where the deed is confirmed: documents, articles, letters of thanks."))
    plan = models.ForeignKey("campaigns.Plan", verbose_name=_("emulation movement"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    introduced = models.CharField(_("how it was made known"), max_length=10, choices=Introduced.choices, blank=True)
    introduced_note = models.CharField(_("where and when"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = ExemplarQuerySet.as_manager()

    class Meta:
        verbose_name = _("exemplary model")
        verbose_name_plural = _("exemplary models")
        ordering = ["-year", "-pk"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if self.staff_id:
            return self.staff.full_name
        if self.nominee_unit_id:
            return self.nominee_unit.name
        return self.name

    @property
    def inside(self):
        return bool(self.staff_id or self.nominee_unit_id)

    @property
    def editable(self):
        return self.status in self.EDITABLE
