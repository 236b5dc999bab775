"""The money that goes with awards: the base salary (mức lương cơ sở) the Government sets, as a dated
table kept by the province's standing body, and each agency's emulation and commendation fund (quỹ thi
đua, khen thưởng) per year with its sources. The amounts themselves are computed in awards.money."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from emulation import scoping


class BaseSalaryQuerySet(models.QuerySet):
    def in_force_on(self, day):
        """The rows already in force on `day`, the latest first (the first one is the one in force)."""
        return self.filter(valid_from__lte=day).order_by("-valid_from")


class BaseSalary(models.Model):
    """One level of the base salary, in force from `valid_from` until the next row's date. A change of the
    level is a new row (the decree that sets it), never an edit of an old one: a decision's amounts are
    computed on the level in force on the day it is signed."""

    amount = models.PositiveIntegerField(_("base salary (đồng a month)"))
    valid_from = models.DateField(_("in force from"), unique=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300,
                                   help_text=_("The decree that sets this level, e.g. “Nghị định 73/2024/NĐ-CP Điều 3 khoản 2”."))

    objects = BaseSalaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["-valid_from"]

    def __str__(self):
        return f"{self.amount:,} đ".replace(",", ".")


class RewardFundQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scoping.scope_by_agency(self, user, "agency")


class RewardFund(models.Model):
    """An agency's emulation and commendation fund of one year: what came in (its sources); what the
    agency's decisions committed is read from the decisions themselves (awards.fund)."""

    agency = models.ForeignKey("emulation.Agency", verbose_name=_("agency"), on_delete=models.PROTECT,
                               related_name="reward_funds")
    year = models.PositiveSmallIntegerField(_("year"))

    objects = RewardFundQuerySet.as_manager()

    class Meta:
        verbose_name = _("emulation and commendation fund")
        verbose_name_plural = _("emulation and commendation funds")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_fund_per_agency_and_year")]

    def __str__(self):
        return str(_("Emulation and commendation fund %(year)s") % {"year": self.year})


class FundSource(models.Model):
    """Money that came into a fund: the balance carried over, the budget allocation, contributions."""

    class Kind(models.TextChoices):
        CARRIED_OVER = "carried_over", _("Balance carried over from the previous year")
        BUDGET = "budget", _("State budget allocation")
        CONTRIBUTION = "contribution", _("Contributions of organisations and individuals")
        OTHER = "other", _("Other lawful sources")

    fund = models.ForeignKey(RewardFund, verbose_name=_("fund"), on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(_("source"), max_length=20, choices=Kind.choices)
    amount = models.PositiveBigIntegerField(_("amount (đồng)"))
    received_on = models.DateField(_("date"))
    reference = models.CharField(_("document"), max_length=200, blank=True,
                                 help_text=_("The document the money comes by, e.g. the budget estimate decision."))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("fund source")
        verbose_name_plural = _("fund sources")
        ordering = ["received_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.amount:,} đ".replace(",", ".")
