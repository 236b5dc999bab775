"""Rounds, registrations (đăng ký thi đua), nominations and their dossier files."""
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from simple_history.models import HistoricalRecords
from django.db.models import FilteredRelation, Q, Value
from django.utils.translation import gettext_lazy as _

from awards.models.history import AwardKind
from emulation import scoping
from emulation.models import Staff, Unit, fill_agency
from emulation.text import fold


class AwardRoundQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The rounds of the user's agency (who may do what with them: awards.rules)."""
        return scoping.scope_by_agency(self, user)


class AwardRound(models.Model):
    """An award round: the annual review, a thematic campaign's summing-up, or an ad hoc award.

    A thematic round may belong to the emulation plan whose movement it sums up. A round is its agency's:
    its nominations, council sessions and decisions belong to that agency through it.
    """

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=AwardKind.choices, default=AwardKind.REGULAR)
    year = models.PositiveSmallIntegerField(_("year"))
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    is_open = models.BooleanField(_("open"), default=True)
    plan = models.ForeignKey(
        "campaigns.Plan", verbose_name=_("emulation plan"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="award_rounds", help_text=_("For a thematic round: the plan whose movement it sums up."),
    )
    agency = models.ForeignKey("emulation.Agency", verbose_name=_("agency"), null=True, editable=False,
                               on_delete=models.PROTECT, related_name="award_rounds")

    objects = AwardRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("award round")
        verbose_name_plural = _("award rounds")
        ordering = ["-year", "-opens_on"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        fill_agency(self)
        super().save(*args, **kwargs)


class RegistrationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scoping.scope_by_unit(self, user)


class Registration(models.Model):
    """A unit's registration for a year: the collective title it aims for and its people's titles."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for changes")
        RECEIVED = "received", _("Received")

    EDITABLE = {Status.DRAFT, Status.RETURNED}

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="award_registrations")
    year = models.PositiveSmallIntegerField(_("year"))
    collective_title = models.ForeignKey(
        "awards.AwardType", verbose_name=_("collective title aimed for"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", limit_choices_to={"subject": "collective"},
    )
    commitment = models.TextField(_("commitments"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-year", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="registration_unit_year")]

    def __str__(self):
        return f"{self.unit} {self.year}"

    @property
    def editable(self):
        return self.status in self.EDITABLE


class RegistrationSummary(models.Model):
    """An agency's summary of one year's registrations, once issued (its PDF is in the archive)."""

    year = models.PositiveSmallIntegerField(_("year"))
    agency = models.ForeignKey("emulation.Agency", verbose_name=_("agency"), null=True, editable=False,
                               on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("registration summary")
        verbose_name_plural = _("registration summaries")
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="registration_summary_agency_year")]

    def save(self, *args, **kwargs):
        fill_agency(self)
        super().save(*args, **kwargs)

    def __str__(self):
        return str(self.year)


class RegistrationLine(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="lines")
    staff = models.ForeignKey(Staff, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    award_type = models.ForeignKey(
        "awards.AwardType", verbose_name=_("title aimed for"), on_delete=models.PROTECT, related_name="+",
        limit_choices_to={"subject": "individual"},
    )
    commitment = models.CharField(_("commitment"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("registered person")
        verbose_name_plural = _("registered people")
        constraints = [models.UniqueConstraint(fields=["registration", "staff"], name="registration_line_once")]


class NominationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Unit heads: their subtree's nominations; council members: nominations of open rounds that
        reached the Office's check; Office, Director, administrator: all."""
        if scoping.is_council_member(user):
            return scoping.scope_by_agency(self, user, "round__agency").filter(round__is_open=True).exclude(
                status__in=Nomination.BEFORE_COUNCIL)
        return scoping.scope_by_unit(self, user)

    def with_related(self):
        return self.select_related("award_type", "round", "unit", "staff", "nominee_unit", "outsider")

    def with_agency_vote(self, session=False):
        """Each nomination with its agency council's result (`agency_vote`, or None) in the same query: a
        join on the one vote of the agency's level (NominationVote's unique nomination and level)."""
        fields = ["agency_vote_row__session"] if session else ["agency_vote_row"]
        return self.annotate(agency_vote_row=FilteredRelation("votes", condition=Q(votes__province_level=False)),
                             agency_vote_joined=Value(True, output_field=models.BooleanField())).select_related(*fields)

    def without_agency_vote(self):
        return self.exclude(votes__province_level=False)


class Nomination(models.Model):
    """A proposal to award a person or a unit one award in one round."""

    class Path(models.TextChoices):
        """The criterion the proposing unit relies on where an award has several (e.g. Bằng khen of the
        province, Luật Thi đua, khen thưởng Điều 74): empty means the criteria read from the history."""

        HISTORY = "", _("From the award history (titles, evaluations, initiatives)")
        MOVEMENT = "movement", _("Outstanding achievement in an emulation movement")
        AD_HOC = "ad_hoc", _("Ad hoc achievement with influence in a field")
        CONTRIBUTION = "contribution", _("Contribution to socio-economic development or social work")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted by the unit")
        RETURNED = "returned", _("Returned by the Office")
        CHECKED = "checked", _("Passed to the council")
        VOTED = "voted", _("Council result recorded")
        APPROVED = "approved", _("Approved by the Director")
        FORWARDED = "forwarded", _("Forwarded to the higher authority")
        DECIDED = "decided", _("Decided")
        REJECTED = "rejected", _("Not approved")

    EDITABLE = {Status.DRAFT, Status.RETURNED}
    BEFORE_COUNCIL = {Status.DRAFT, Status.SUBMITTED, Status.RETURNED}
    FINAL = {Status.DECIDED, Status.REJECTED}

    round = models.ForeignKey(AwardRound, verbose_name=_("round"), on_delete=models.PROTECT, related_name="nominations")
    award_type = models.ForeignKey("awards.AwardType", verbose_name=_("award"), on_delete=models.PROTECT, related_name="nominations")
    unit = models.ForeignKey(Unit, verbose_name=_("proposing unit"), on_delete=models.PROTECT, related_name="award_nominations")
    staff = models.ForeignKey(Staff, verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT, related_name="nominations")
    nominee_unit = models.ForeignKey(Unit, verbose_name=_("collective"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    outsider = models.ForeignKey("awards.Outsider", verbose_name=_("outside nominee"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="nominations")
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    achievements = models.TextField(_("achievements summary"))
    path = models.CharField(_("criterion relied on"), max_length=20, choices=Path.choices, blank=True, default="")
    initiatives = models.ManyToManyField("awards.Initiative", verbose_name=_("initiatives used"), blank=True, related_name="nominations")
    reports = models.ManyToManyField(
        "campaigns.UnitReport", verbose_name=_("accepted unit reports"), blank=True, related_name="nominations",
        help_text=_("The proposing unit's accepted reports that show the achievements."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    frozen = models.JSONField(_("approved content"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    search_text = models.CharField(max_length=400, editable=False, default="")

    # Field changes, old → new, who and when (issue 31 §9; emulation.history.change_history reads them).
    history = HistoricalRecords(excluded_fields=["search_text", "frozen", "created_at"])
    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-year", "award_type__order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(staff__isnull=False, nominee_unit__isnull=True, outsider__isnull=True)
                | Q(staff__isnull=True, nominee_unit__isnull=False, outsider__isnull=True)
                | Q(staff__isnull=True, nominee_unit__isnull=True, outsider__isnull=False),
                name="nomination_one_subject",
            ),
            # The same person (or unit) for the same award in the same year only once, unless rejected.
            models.UniqueConstraint(
                fields=["staff", "award_type", "year"], condition=Q(staff__isnull=False) & ~Q(status="rejected"),
                name="nomination_person_once_a_year",
            ),
            models.UniqueConstraint(
                fields=["nominee_unit", "award_type", "year"], condition=Q(nominee_unit__isnull=False) & ~Q(status="rejected"),
                name="nomination_unit_once_a_year",
            ),
            models.UniqueConstraint(
                fields=["outsider", "award_type", "year"], condition=Q(outsider__isnull=False) & ~Q(status="rejected"),
                name="nomination_outsider_once_a_year",
            ),
        ]

    def __str__(self):
        return f"{self.award_type}: {self.nominee_name}"

    @property
    def nominee_name(self):
        if self.outsider_id:
            return self.outsider.display_name
        return self.staff.full_name if self.staff_id else self.nominee_unit.name

    @property
    def holder_unit(self):
        """The unit that holds the award record: the collective, the person's unit, or for an outside
        nominee the unit that proposed it (its award history is then in that unit's scope)."""
        if self.outsider_id:
            return self.unit
        return self.staff.unit if self.staff_id else self.nominee_unit

    @property
    def holder_unit_id(self):
        """`holder_unit`'s id, without loading the unit."""
        if self.outsider_id:
            return self.unit_id
        return self.staff.unit_id if self.staff_id else self.nominee_unit_id

    @property
    def nominee_kind(self):
        """The kind of nominee in words: the outsider's kind, else "" (the agency's staff or unit)."""
        return self.outsider.get_kind_display() if self.outsider_id else ""

    @property
    def agency_vote(self):
        """The result of the agency council's vote (awards.NominationVote), or None: read from
        `with_agency_vote()` when the queryset joined it, else one query."""
        if "agency_vote" not in self.__dict__:
            if "agency_vote_row" in self.__dict__:  # joined, and there is one
                vote = self.__dict__["agency_vote_row"]
            elif getattr(self, "agency_vote_joined", False):  # joined, and there is none
                vote = None
            else:
                vote = self.votes.filter(province_level=False).select_related("session").first()
            self.__dict__["agency_vote"] = vote
        return self.__dict__["agency_vote"]

    @property
    def province_vote(self):
        """The provincial council's result on this forwarded nomination, or None."""
        return self.votes.filter(province_level=True).select_related("session").first()

    @property
    def received_agency_id(self):
        """The province's standing body this nomination was forwarded to (awards.Forwarding), or None: its
        logins may act on the nomination too (emulation.scoping.acts_in_agency_of); which of them may do
        which action is the transition's own rule (the Chủ tịch's decision)."""
        try:
            return self.forwarding.province_id
        except ObjectDoesNotExist:  # not sent to a province in this system
            return None

    @property
    def editable(self):
        return self.status in self.EDITABLE

    def save(self, *args, **kwargs):
        self.year = self.round.year
        self.search_text = fold(self.nominee_name)[:400]
        super().save(*args, **kwargs)

    def snapshot(self):
        """The content the Director approved, kept as it was."""
        return {
            "nominee": self.nominee_name,
            "award": self.award_type.name,
            "year": self.year,
            "unit": self.unit.name,
            "achievements": self.achievements,
            "initiatives": [str(i) for i in self.initiatives.all()],
            "files": [f.name for f in self.files.all()],
        }


def dossier_path(instance, filename):
    return f"awards/dossiers/{instance.nomination_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class DossierFile(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("file"), upload_to=dossier_path, max_length=300)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dossier file")
        verbose_name_plural = _("dossier files")
        ordering = ["uploaded_at", "pk"]


class EligibilityOverride(models.Model):
    """A failed rule set aside for a nomination: who, when, why."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="overrides")
    rule_key = models.CharField(max_length=60)
    rule_text = models.CharField(_("rule"), max_length=300)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("eligibility override")
        verbose_name_plural = _("eligibility overrides")
        constraints = [models.UniqueConstraint(fields=["nomination", "rule_key"], name="override_once")]
