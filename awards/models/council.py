"""The emulation and commendation council (Hội đồng TĐKT), its sessions and votes, and decisions."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.models.nominations import AwardRound, Nomination
from emulation import scoping
from emulation.documents.signing import SignAuthority, Signature
from emulation.models import fill_agency


class CouncilMemberQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The members of the council of the user's agency."""
        return scoping.scope_by_agency(self, user)


class CouncilMember(models.Model):
    class Position(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice chair")
        SECRETARY = "secretary", _("Member and secretary")
        MEMBER = "member", _("Member")

    full_name = models.CharField(_("full name"), max_length=150)
    title = models.CharField(_("position at work"), max_length=200, blank=True)
    position = models.CharField(_("position in the council"), max_length=12, choices=Position.choices, default=Position.MEMBER)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("login"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Each agency has its own council (the province's is the provincial council).
    agency = models.ForeignKey("emulation.Agency", verbose_name=_("agency"), null=True, editable=False,
                               on_delete=models.PROTECT, related_name="+")

    objects = CouncilMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        fill_agency(self)
        super().save(*args, **kwargs)


class CouncilSessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The sessions of the user's agency's rounds."""
        return scoping.scope_by_agency(self, user, "round__agency")


class CouncilSession(models.Model):
    """A meeting of the council: who was there, who gave a written opinion, and the minutes' number."""

    round = models.ForeignKey(AwardRound, verbose_name=_("round"), on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    total_members = models.PositiveSmallIntegerField(_("members of the council"), editable=False)
    present = models.ManyToManyField(CouncilMember, verbose_name=_("members present"), related_name="+")
    written = models.ManyToManyField(CouncilMember, verbose_name=_("written opinions of absent members"), blank=True, related_name="+")
    minutes_number = models.PositiveIntegerField(_("minutes number"), editable=False)

    minutes_year = models.PositiveSmallIntegerField(editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("closed by"), null=True, blank=True,
                                  editable=False, on_delete=models.SET_NULL, related_name="+")

    objects = CouncilSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["-held_on", "-pk"]
        # Minutes numbers are unique per agency and year through the agency's number series (each agency's
        # council numbers its minutes from 1), which a constraint on this table cannot express.

    def __str__(self):
        return _("Council session of %(date)s") % {"date": self.held_on.strftime("%d/%m/%Y")}

    @property
    def issuing_agency_id(self):
        return self.round.agency_id

    @property
    def is_closed(self):
        """Closed: its minutes are issued and archived, and no vote can be added."""
        return self.closed_at is not None


class NominationVote(models.Model):
    """The count of one nomination's vote in a session, entered by the Office."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="votes")
    nomination = models.OneToOneField(Nomination, on_delete=models.CASCADE, related_name="vote")
    votes_for = models.PositiveSmallIntegerField(_("for"))
    votes_against = models.PositiveSmallIntegerField(_("against"), default=0)
    abstentions = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    secret_ballot = models.BooleanField(_("secret ballot"))
    needed = models.PositiveSmallIntegerField(_("votes needed"))
    passed = models.BooleanField(_("passed"))

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")


class DecisionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The decisions of the user's agency's rounds."""
        return scoping.scope_by_agency(self, user, "round__agency")


class Decision(models.Model):
    """A decision (quyết định) of the Director awarding the approved nominations listed in it."""

    round = models.ForeignKey(AwardRound, verbose_name=_("round"), on_delete=models.PROTECT, related_name="decisions")
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("symbol"), max_length=40)
    signed_on = models.DateField(_("signed on"))
    signer_name = models.CharField(_("signer"), max_length=150)
    signer_authority = models.CharField(
        _("signing authority"), max_length=20, choices=SignAuthority.choices, default=SignAuthority.DIRECTOR)
    summary = models.CharField(_("summary"), max_length=300)
    nominations = models.ManyToManyField(Nomination, verbose_name=_("awardees"), related_name="decisions")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-signed_on", "-number"]

    def __str__(self):
        return self.reference

    @property
    def signature(self):
        return Signature.of(self.signer_authority, self.signer_name)

    @property
    def issuing_agency_id(self):
        return self.round.agency_id

    @property
    def reference(self):
        return f"{self.number:02d}/{self.symbol}"
