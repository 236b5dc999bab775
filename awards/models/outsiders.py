"""Nominees outside the agency's staff list: a register the Office keeps (one row per person, household,
enterprise, collective of another agency or foreigner), so that a second award reads the first from the
award history (AwardRecord.outsider) through the same eligibility machinery as the staff's."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards import addresses
from emulation import scoping
from emulation.models import fill_agency
from emulation.text import fold, nfc


class OutsiderQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The register of the user's agency: its Office, Director and deputies and its unit heads (who
        propose outsiders); nobody of another agency (awards.rules.can_view_outsiders says who reads it)."""
        return scoping.scope_by_agency(self, user)


class Outsider(models.Model):
    """A nominee outside the agency's staff and units (Luật Thi đua, khen thưởng Điều 74, 75: cá nhân, tập
    thể, hộ gia đình; Điều 8: khen thưởng đối ngoại for foreigners)."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person outside the agency")
        HOUSEHOLD = "household", _("Household")
        ENTERPRISE = "enterprise", _("Enterprise or cooperative")
        COLLECTIVE = "collective", _("Collective of another agency or level")
        FOREIGNER = "foreigner", _("Foreigner")

    #: The kinds awarded an individual's form (Giấy khen, Bằng khen of an individual); the others a
    #: collective's (a household is commended as a family, Luật Điều 74 khoản 3, Điều 75 khoản 3).
    INDIVIDUAL_KINDS = {Kind.PERSON, Kind.FOREIGNER}

    agency = models.ForeignKey("emulation.Agency", verbose_name=_("agency"), null=True, editable=False,
                               on_delete=models.PROTECT, related_name="outsiders")
    kind = models.CharField(_("kind of nominee"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200,
                            help_text=_("A person's full name; a household's head; an enterprise's or collective's full name."))
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    id_number = models.CharField(_("identity number"), max_length=20, blank=True,
                                 help_text=_("Citizen identity card number, or a foreigner's passport number, when given."))
    workplace = models.CharField(_("workplace or occupation"), max_length=200, blank=True)
    nationality = models.CharField(_("nationality"), max_length=100, blank=True)
    tax_code = models.CharField(_("tax code"), max_length=14, blank=True)
    parent_body = models.CharField(_("belongs to (agency or level)"), max_length=200, blank=True,
                                   help_text=_("For a collective of another agency: the agency or level it belongs to."))
    province_code = models.PositiveIntegerField(_("province"), null=True, blank=True)
    commune_code = models.PositiveIntegerField(_("commune, ward"), null=True, blank=True)
    street = models.CharField(_("house number, street, village"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=400, editable=False, default="")
    note = models.CharField(_("note"), max_length=300, blank=True)
    search_text = models.CharField(max_length=400, editable=False, default="", db_index=True)
    revision = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, editable=False, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OutsiderQuerySet.as_manager()

    class Meta:
        verbose_name = _("outside nominee")
        verbose_name_plural = _("outside nominees")
        ordering = ["search_text", "pk"]
        constraints = [
            # One enterprise per tax code in an agency's register (a second award finds the first).
            models.UniqueConstraint(fields=["agency", "tax_code"], condition=~Q(tax_code=""),
                                    name="outsider_tax_code_once"),
            models.UniqueConstraint(fields=["agency", "id_number"], condition=~Q(id_number=""),
                                    name="outsider_id_number_once"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The name as documents write it: "Hộ gia đình ông (bà) <head>" for a household."""
        return self.name_as_written(self.kind, self.name)

    @classmethod
    def name_as_written(cls, kind, name):
        """display_name from the two columns (for reads of values(), e.g. the summary reports)."""
        return f"Hộ gia đình ông (bà) {name}" if kind == cls.Kind.HOUSEHOLD else name

    @classmethod
    def is_collective_kind(cls, kind):
        return kind not in cls.INDIVIDUAL_KINDS

    @property
    def individual(self):
        return self.kind in self.INDIVIDUAL_KINDS

    @property
    def subject(self):
        """The AwardType.Subject of the awards this nominee may receive."""
        return "individual" if self.individual else "collective"

    @property
    def details(self):
        """One line for lists and documents: what identifies this nominee beside the name."""
        parts = []
        if self.birth_year:
            parts.append(f"sinh năm {self.birth_year}")
        if self.nationality:
            parts.append(f"quốc tịch {self.nationality}")
        if self.workplace:
            parts.append(self.workplace)
        if self.parent_body:
            parts.append(f"thuộc {self.parent_body}")
        if self.tax_code:
            parts.append(f"mã số thuế {self.tax_code}")
        if self.address:
            parts.append(self.address)
        return "; ".join(parts)

    def save(self, *args, **kwargs):
        fill_agency(self)
        for field in ("name", "workplace", "nationality", "parent_body", "street", "note"):
            setattr(self, field, nfc(getattr(self, field)).strip())
        self.tax_code, self.id_number = self.tax_code.strip(), self.id_number.strip()
        self.address = addresses.full_address(self.street, self.commune_code, self.province_code)
        self.search_text = fold(f"{self.display_name} {self.tax_code} {self.id_number}")[:400]
        super().save(*args, **kwargs)
