"""The emulation and commendation council (Hội đồng TĐKT), its sessions and votes, and decisions.

How a member voted is never stored when the ballot is secret: a `VoteCast` holds that a member voted and
no choice, and a `SealedTally` per nomination the running totals, sealed with a key that is not in the
database (awards.ballot_box; the threat model in docs/security.md). A show of hands is public and recorded per member (`OpenVote`). Every query here
takes the session or a date: nothing assumes one council for the whole installation.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models.nominations import AwardRound, Nomination
from emulation import scoping
from emulation.documents.signing import SignAuthority, Signature
from emulation.models import fill_agency


class CouncilMemberQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The members of the council of the user's agency."""
        return scoping.scope_by_agency(self, user)

    def in_force(self, on, agency_id=None):
        """The membership of the council on the date `on` (the denominator of every threshold); with
        `agency_id`, of that agency's council only (each agency has its own council)."""
        members = self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on)
        return members if agency_id is None else members.filter(agency_id=agency_id)


class CouncilMember(models.Model):
    class Position(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice chair")
        STANDING = "standing", _("Standing member")
        SECRETARY = "secretary", _("Member and secretary")
        MEMBER = "member", _("Member")

    full_name = models.CharField(_("full name"), max_length=150)
    title = models.CharField(_("position at work"), max_length=200, blank=True)
    position = models.CharField(_("position in the council"), max_length=12, choices=Position.choices, default=Position.MEMBER)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("login"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    valid_from = models.DateField(_("member from"))
    valid_to = models.DateField(_("member until"), null=True, blank=True, help_text=_("Empty: still a member."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Each agency has its own council (the province's is the provincial council).
    agency = models.ForeignKey("emulation.Agency", verbose_name=_("agency"), null=True, editable=False,
                               on_delete=models.PROTECT, related_name="+")

    objects = CouncilMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["order", "pk"]
        constraints = [models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                                              name="council_member_dates_in_order")]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        fill_agency(self)
        super().save(*args, **kwargs)

    def in_force_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)


class CouncilSessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The sessions of the user's agency's rounds."""
        return scoping.scope_by_agency(self, user, "round__agency")


class CouncilSession(models.Model):
    """A meeting of the council: its agenda, who was there, who gave a written opinion, and the minutes'
    number. `total_members` is the membership in force on `held_on`, counted at opening and again at
    closing (the denominator of every threshold)."""

    round = models.ForeignKey(AwardRound, verbose_name=_("round"), on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.ManyToManyField(Nomination, verbose_name=_("agenda"), blank=True, related_name="council_sessions")
    total_members = models.PositiveSmallIntegerField(_("members of the council"), editable=False)
    present = models.ManyToManyField(CouncilMember, verbose_name=_("members present"), blank=True, related_name="+")
    written = models.ManyToManyField(CouncilMember, verbose_name=_("written opinions of absent members"), blank=True, related_name="+")
    minutes_number = models.PositiveIntegerField(_("minutes number"), editable=False)

    minutes_year = models.PositiveSmallIntegerField(editable=False)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("opened by"), null=True, blank=True,
                                  editable=False, on_delete=models.SET_NULL, related_name="+")
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


class VoteCast(models.Model):
    """That `member` has voted on `nomination` in `session`, and how it reached us — never the choice.
    The unique constraint refuses a second vote, also when two requests race."""

    class Method(models.TextChoices):
        ONLINE = "online", _("online")
        WRITTEN = "written", _("written opinion")
        PAPER = "paper", _("paper ballot")

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="casts")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(_("how"), max_length=8, choices=Method.choices)

    class Meta:
        verbose_name = _("member's vote")
        verbose_name_plural = _("members' votes")
        constraints = [models.UniqueConstraint(fields=["session", "nomination", "member"], name="one_vote_per_member")]


class SealedTally(models.Model):
    """The running totals of the secret ballot on `nomination` in `session`, sealed (awards.ballot_box): no
    voter, no time, and no choice readable without the application's key. One row per nomination, replaced
    by each vote and deleted when the session closes, when the totals go into its `NominationVote`."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="sealed_tallies")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="+")
    sealed = models.BinaryField()

    class Meta:
        verbose_name = _("sealed tally of a secret ballot")
        verbose_name_plural = _("sealed tallies of secret ballots")
        constraints = [models.UniqueConstraint(fields=["session", "nomination"], name="one_sealed_tally_per_nomination")]


class OpenVote(models.Model):
    """A vote by show of hands: public, recorded per member."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="open_votes")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    agrees = models.BooleanField(_("agrees"))

    class Meta:
        verbose_name = _("vote by show of hands")
        verbose_name_plural = _("votes by show of hands")
        constraints = [models.UniqueConstraint(fields=["session", "nomination", "member"], name="one_open_vote_per_member")]


class PaperTally(models.Model):
    """The totals of paper ballots cast by the members listed (their `VoteCast`s, method paper), typed by the
    Office or the secretary with the reason the members voted on paper."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="paper_tallies")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="+")
    votes_for = models.PositiveSmallIntegerField(_("for"))
    votes_against = models.PositiveSmallIntegerField(_("against"), default=0)
    ballots = models.PositiveSmallIntegerField(_("ballots"))
    reason = models.CharField(_("reason"), max_length=300)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("paper ballots")
        verbose_name_plural = _("paper ballots")
        constraints = [models.CheckConstraint(condition=Q(ballots__gte=models.F("votes_for") + models.F("votes_against")),
                                              name="paper_tally_within_ballots")]


class NominationVote(models.Model):
    """The result of one nomination's vote in a session: computed when the Office closes the vote (online
    ballots, written opinions and paper ballots), or typed by the Office for a session held on paper.

    A nomination is voted at most once by each council: its agency's (the session of its own round,
    `Nomination.agency_vote`) and, when it was forwarded, the provincial council's (a session of the
    province's round, `province_level`, `Nomination.province_vote`)."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="votes")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="votes")
    # The provincial council's vote on a forwarded dossier (awards.forwarding), not the agency's council's.
    province_level = models.BooleanField(_("provincial council"), default=False, editable=False)
    votes_for = models.PositiveSmallIntegerField(_("for"))
    votes_against = models.PositiveSmallIntegerField(_("against"), default=0)
    abstentions = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    secret_ballot = models.BooleanField(_("secret ballot"))
    needed = models.PositiveSmallIntegerField(_("votes needed"))
    passed = models.BooleanField(_("passed"))

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["session", "nomination"], name="one_result_per_session"),
            models.UniqueConstraint(fields=["nomination", "province_level"], name="one_result_per_council_level"),
        ]


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
    # The money, fixed when the decision is issued (awards.money.decision_lines): what the decision states
    # and what it commits on the agency's fund (awards.fund), whatever the base salary table says later.
    reward_total = models.PositiveBigIntegerField(_("total reward (đồng)"), default=0)
    reward_lines = models.JSONField(_("reward of each awardee"), default=list, blank=True)

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
