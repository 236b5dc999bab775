"""What an agency forwards to the province (hồ sơ trình tỉnh), and the province's decisions.

A `Forwarding` is one nomination of an agency sent to the agency's provincial standing body
(`Agency.province`): the same nomination, its dossier files, its round's tờ trình and council minutes,
read by the province where they are (nothing is copied or typed again). It moves through its own
workflow (awards.forwarding): received → under review → accepted (at the provincial council) → passed by
the provincial council's online vote (or not passed: the end) → decided by the Chủ tịch UBND tỉnh; or returned to the agency with a reason / more documents asked, after which the
agency's Office completes the dossier and forwards it again.

A `ProvinceDecision` is the decision of the Chủ tịch UBND tỉnh issued in the province's name (the header
of the UBND tỉnh, the number series of the province's agency) for forwardings of any agency the
provincial council passed.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from emulation import scoping
from emulation.documents.signing import Signature


class ForwardingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The province's users: what was forwarded to their province; an agency's users: what their
        agency forwarded (of their units, for a unit head). See emulation.scoping.scope_forwardings."""
        return scoping.scope_forwardings(self, user)

    def with_related(self):
        return self.select_related(
            "agency", "province", "decision", "nomination__award_type", "nomination__round", "nomination__unit",
            "nomination__staff", "nomination__nominee_unit", "nomination__outsider")


class Forwarding(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received by the province")
        REVIEWING = "reviewing", _("Under review at the province")
        RETURNED = "returned", _("Returned to the agency")
        MORE_DOCUMENTS = "more_docs", _("More documents asked")
        ACCEPTED = "accepted", _("Accepted: at the provincial council")
        PASSED = "passed", _("Passed by the provincial council")
        NOT_PASSED = "not_passed", _("Not passed by the provincial council")
        DECIDED = "decided", _("Decided by the province")

    #: The agency may complete the dossier (add files) and forward it again.
    WITH_THE_AGENCY = {Status.RETURNED, Status.MORE_DOCUMENTS}

    nomination = models.OneToOneField("awards.Nomination", verbose_name=_("nomination"), on_delete=models.PROTECT,
                                      related_name="forwarding")
    agency = models.ForeignKey("emulation.Agency", verbose_name=_("forwarding agency"), on_delete=models.PROTECT,
                               related_name="forwardings")
    province = models.ForeignKey("emulation.Agency", verbose_name=_("provincial standing body"),
                                 on_delete=models.PROTECT, related_name="received_forwardings")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    forwarded_at = models.DateTimeField(_("forwarded at"))
    reason = models.TextField(_("the province's last request"), blank=True)
    decision = models.ForeignKey("awards.ProvinceDecision", verbose_name=_("decision"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="forwardings")

    objects = ForwardingQuerySet.as_manager()

    class Meta:
        verbose_name = _("forwarded dossier")
        verbose_name_plural = _("forwarded dossiers")
        ordering = ["agency_id", "-forwarded_at", "pk"]
        indexes = [models.Index(fields=["province", "status"])]

    def __str__(self):
        return str(self.nomination)

    @property
    def received_agency_id(self):
        """The agency that received it (emulation.scoping.acts_in_agency_of lets it act too)."""
        return self.province_id

    @property
    def with_the_agency(self):
        return self.status in self.WITH_THE_AGENCY


class ProvinceDecisionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Decisions of the Chủ tịch UBND tỉnh the user may open: a province's login, its province's; an
        agency's login, those deciding a dossier the user sees among its agency's forwarded ones
        (`scoping.scope_forwardings`: the Office and the Director every one, a unit head their units').
        Another agency, with no dossier in the decision, gets nothing."""
        if scoping.is_province_user(user):
            return scoping.scope_by_agency(self, user)
        seen = scoping.scope_forwardings(Forwarding.objects.filter(decision__isnull=False), user)
        return self.filter(pk__in=seen.values("decision"))


class ProvinceDecision(models.Model):
    """A decision of the Chủ tịch UBND tỉnh awarding accepted forwarded dossiers."""

    class Authority(models.TextChoices):
        CHAIRMAN = "chairman", "CHỦ TỊCH"
        VICE = "vice", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"

    agency = models.ForeignKey("emulation.Agency", verbose_name=_("agency"), on_delete=models.PROTECT,
                               related_name="province_decisions")
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("symbol"), max_length=40)
    signed_on = models.DateField(_("signed on"))
    signer_name = models.CharField(_("signer"), max_length=150)
    signer_authority = models.CharField(_("signing authority"), max_length=10, choices=Authority.choices,
                                        default=Authority.CHAIRMAN)
    summary = models.CharField(_("summary"), max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = ProvinceDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision of the province")
        verbose_name_plural = _("decisions of the province")
        ordering = ["-signed_on", "-number"]

    def __str__(self):
        return self.reference

    @property
    def reference(self):
        return f"{self.number:02d}/{self.symbol}"

    @property
    def signature(self):
        if self.signer_authority == self.Authority.VICE:
            return Signature("PHÓ CHỦ TỊCH", self.signer_name, "KT.", "CHỦ TỊCH")
        return Signature("CHỦ TỊCH", self.signer_name)
