"""The award catalogue and the prerequisite rules, as data with validity dates and legal citations.

A change of law is a new RuleSet (new validity dates, new legal basis), never an edit of an old one:
a nomination is always judged by the set in force for its year, so past verdicts stay as they were.
"""
from datetime import date

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AwardType(models.Model):
    """A danh hiệu thi đua or a hình thức khen thưởng, with how it is decided."""

    class Category(models.TextChoices):
        TITLE = "title", _("Emulation title")
        FORM = "form", _("Form of commendation")

    class Level(models.TextChoices):
        DEPARTMENT = "department", _("Department level")
        PROVINCE = "province", _("Province level")
        MINISTRY = "ministry", _("Ministry level")
        NATIONAL = "national", _("National level")

    class Subject(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        COLLECTIVE = "collective", _("Collective")

    class Authority(models.TextChoices):
        IN_HOUSE = "in_house", _("Decided by the Director")
        FORWARDED = "forwarded", _("Proposed to a higher authority")

    class QuotaRounding(models.TextChoices):
        """How an agency turns its quota's share into a number of people (its own regulation says)."""

        DOWN = "down", _("round down")
        HALF_UP = "half_up", _("round half up")
        UP = "up", _("round up")

    class StatisticsColumn(models.TextChoices):
        """The column of Thông tư 02/2023/TT-BNV where an award of a higher authority is counted."""

        ORDER_MEDAL = "order_medal", _("0602.N: orders and medals")
        HO_CHI_MINH_PRIZE = "hcm_prize", _("0602.N: Ho Chi Minh Prize")
        STATE_PRIZE = "state_prize", _("0602.N: State Prize")
        HONORARY_TITLE = "honorary_title", _("0602.N: State honorary title")
        GOVERNMENT_FLAG = "government_flag", _("0602.N: Government emulation flag")
        PM_CERTIFICATE = "pm_certificate", _("0602.N: Prime Minister's certificate of merit")
        NATIONAL_FIGHTER = "national_fighter", _("0602.N: National emulation fighter")
        STATE_OTHER = "state_other", _("0602.N: other state-level award")
        CERTIFICATE = "certificate", _("0603.N: certificate of merit (ministry or province)")
        FIGHTER = "fighter", _("0603.N: emulation fighter (ministry or province)")
        FLAG = "flag", _("0603.N: emulation flag (ministry or province)")
        BADGE = "badge", _("0603.N: commemorative badge (ministry or province)")

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    subject = models.CharField(_("awarded to"), max_length=12, choices=Subject.choices)
    authority = models.CharField(_("deciding authority"), max_length=12, choices=Authority.choices)
    deciding_body = models.CharField(_("decided by"), max_length=200, blank=True)
    vote_threshold = models.PositiveSmallIntegerField(
        _("vote threshold (%)"), default=50,
        help_text=_("Share of the council's TOTAL membership that must vote for (e.g. 80)."),
    )
    ballot_required = models.BooleanField(_("secret ballot required"), default=False)
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum numerator"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum denominator"), default=3)
    quota_percent = models.PositiveSmallIntegerField(
        _("quota (%)"), null=True, blank=True,
        help_text=_("Internal cap per unit and round, as a share of the base below; a warning only."),
    )
    quota_base = models.ForeignKey(
        "self", verbose_name=_("quota base"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text=_("The award whose nominations the quota is counted on; empty: the unit's headcount."),
    )
    quota_basis = models.CharField(
        _("source of the quota"), max_length=300, blank=True,
        help_text=_("The Department's own regulation that sets the quota (the 2022 Law sets no cap), "
                    "named in the warning."),
    )
    quota_rounding = models.CharField(
        _("quota rounding"), max_length=8, choices=QuotaRounding.choices, default=QuotaRounding.DOWN,
        help_text=_("How the share is turned into a number of people, as the regulation of the quota says."),
    )
    quota_minimum = models.PositiveSmallIntegerField(
        _("quota: at least per unit"), default=0,
        help_text=_("Nominations allowed to every unit whatever the share (e.g. 1: at least one per unit); 0: none."),
    )
    counts_toward_lookbacks = models.BooleanField(
        _("counts toward yearly look-backs"), default=True,
        help_text=_("Whether this award is a basis for the consecutive-year checks of higher titles."),
    )
    legal_basis = models.TextField(_("legal basis"), blank=True)
    dossier_documents = models.TextField(_("required dossier documents"), blank=True, help_text=_("One per line."))
    statistics_column = models.CharField(
        _("column in the statistical forms"), max_length=20, choices=StatisticsColumn.choices, blank=True,
        help_text=_("Thông tư 02/2023/TT-BNV, biểu 0602.N or 0603.N; empty: not counted there (e.g. awards of the Director)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(pgettext_lazy("in force", "active"), default=True)
    reward_coefficient = models.DecimalField(
        _("reward (times the base salary)"), max_digits=5, decimal_places=2, null=True, blank=True,
        help_text=_("The money that goes with the award, as a multiple of the base salary the law gives; "
                    "empty: the award carries no money."))
    reward_basis = models.CharField(
        _("legal basis of the reward"), max_length=300, blank=True,
        help_text=_("The article that sets the multiple, cited beside the amount."))

    class Meta:
        verbose_name = _("award type")
        verbose_name_plural = _("award types")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    @property
    def in_house(self):
        return self.authority == self.Authority.IN_HOUSE

    @property
    def collective(self):
        return self.subject == self.Subject.COLLECTIVE

    def quota_allowed(self, base):
        """How many nominations the internal quota allows on `base` (a headcount or a number of nominations
        of the base award): the share rounded as `quota_rounding` says, never below `quota_minimum`."""
        share = base * self.quota_percent
        if self.quota_rounding == self.QuotaRounding.UP:
            allowed = -(-share // 100)
        elif self.quota_rounding == self.QuotaRounding.HALF_UP:
            allowed = (share * 2 + 100) // 200
        else:
            allowed = share // 100
        return max(allowed, self.quota_minimum)

    @property
    def quota_rule(self):
        """The rounding rule in words, as shown with a quota warning ("round down, at least 1 per unit")."""
        text = str(self.QuotaRounding(self.quota_rounding).label)
        if self.quota_minimum:
            text = gettext("%(rounding)s, at least %(count)s per unit") % {"rounding": text, "count": self.quota_minimum}
        return text

    def documents(self):
        return [line.strip() for line in self.dossier_documents.splitlines() if line.strip()]

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Award records keep a copy of the order for the lookup's index (AwardRecord.award_order).
        self.records.exclude(award_order=self.order).update(award_order=self.order)


class RuleSetQuerySet(models.QuerySet):
    def in_force_on(self, day):
        return self.filter(models.Q(valid_from__lte=day), models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day))


class RuleSet(models.Model):
    """The prerequisites in force during a period, with the legal texts they come from."""

    name = models.CharField(_("name"), max_length=200)
    legal_basis = models.TextField(_("legal basis"))
    cited_texts = models.TextField(
        _("legal texts cited in decisions"), blank=True,
        help_text=_("One text per line, as a decision cites it after “Căn cứ”: kind, number, date and title."))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    # General principles the engine applies while reading the history, cited in the reasons it gives.
    lookback_basis = models.CharField(
        _("legal basis: ad hoc and thematic awards do not count toward look-backs"), max_length=300, blank=True,
        help_text=_("Cited when an ad hoc or thematic award is left out of a consecutive-year check."))
    initiative_basis = models.CharField(
        _("legal basis: an initiative supports one award only"), max_length=300, blank=True,
        help_text=_("Cited when an initiative already used for another award is not counted again."))

    objects = RuleSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        ordering = ["-valid_from"]

    def __str__(self):
        return self.name

    @classmethod
    def for_year(cls, year):
        """The rule set in force at the end of `year` (the annual review), or None."""
        return cls.objects.in_force_on(date(year, 12, 31)).order_by("-valid_from").first()


class Rule(models.Model):
    """One prerequisite. Rules of one award with the same `alternative` group are alternatives (OR;
    within the group, rules of the same `branch` go together); every other rule must be met (AND). A rule without an award type is a general principle that
    applies to every award of its subject."""

    class Kind(models.TextChoices):
        CONSECUTIVE_AWARDS = "consecutive_awards", _("Award in consecutive years")
        EVALUATION = "evaluation", _("Yearly evaluation at least")
        INITIATIVE = "initiative", _("Recognised initiatives")
        SERVICE_MONTHS = "service_months", _("Minimum months of service")
        NO_DISCIPLINE = "no_discipline", _("No discipline in force")
        NOT_UNDER_REVIEW = "not_under_review", _("Not under investigation, inspection or complaint")
        UNIT_EXISTS = "unit_exists", _("Unit not dissolved or merged")
        MEMBER_SHARE = "member_share", _("Share of members with an award")
        MEMBER_EVALUATION = "member_evaluation", _("Share of members with an evaluation")
        MEMBER_AWARD_COUNT = "member_award_count", _("Members with an award")
        NO_MEMBER_DISCIPLINE = "no_member_discipline", _("No member disciplined")
        DECLARED_PATH = "declared_path", _("Path stated by the proposing unit")
        LEADS_BLOCK = "leads_block", _("Leads its emulation block or cluster (issued ranking)")
        NOT_AWARDED_IN_YEAR = "not_awarded_in_year", _("No other award of the same year")

    rule_set = models.ForeignKey(RuleSet, verbose_name=_("rule set"), on_delete=models.CASCADE, related_name="rules")
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("award type"), null=True, blank=True, on_delete=models.CASCADE, related_name="rules",
    )
    subject = models.CharField(
        _("applies to"), max_length=12, choices=AwardType.Subject.choices, blank=True,
        help_text=_("For a general principle (no award type): individuals, collectives, or both when empty."),
    )
    class Nominees(models.TextChoices):
        """Whom a rule judges: the law's general principles bind every nominee, but most conditions read
        what the agency keeps only of its own people and units (yearly evaluations, service, discipline,
        initiatives, members); an outside nominee is judged by the criteria of the form it is proposed for
        (Luật Thi đua, khen thưởng Điều 74, 75) and by its own award history."""

        STAFF = "staff", _("The agency's staff and units only")
        ALL = "all", _("Every nominee, the agency's and outside")
        OUTSIDERS = "outsiders", _("Outside nominees only")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    nominees = models.CharField(_("judges"), max_length=10, choices=Nominees.choices, default=Nominees.STAFF)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    alternative = models.CharField(_("alternative group"), max_length=20, blank=True)
    branch = models.CharField(
        _("branch"), max_length=10, blank=True,
        help_text=_("Inside an alternative group, rules of the same branch must all be met together."),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("rule")
        verbose_name_plural = _("rules")
        ordering = ["rule_set", "order", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.params}"
