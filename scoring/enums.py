"""The words of the scoring app: kinds of criteria, the two workflows' states, the tie-break rules."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Method(models.TextChoices):
    """How a criterion is scored (scoring.arithmetic.criterion_points)."""

    MANUAL = "manual", _("Points given by hand")
    TARGET = "target", _("From a target of the plan (share reached)")
    REPORTS = "reports", _("From the unit's reports (on time and accepted)")
    YES_NO = "yes_no", _("Yes or no")


class Category(models.TextChoices):
    REGULAR = "regular", _("Regular criterion")
    BONUS = "bonus", _("Bonus points")
    DEDUCTION = "deduction", _("Deduction points")


class TableStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("scoring table", "Being prepared")
    SCORING = "scoring", _("Scoring under way")
    ISSUED = "issued", _("Result issued")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("assessment", "Not submitted")
    RETURNED = "returned", _("Returned to the unit")
    SUBMITTED = "submitted", _("Being reviewed by the Office")
    REVIEWED = "reviewed", _("Awaiting the Director's approval")
    APPROVED = "approved", _("Approved")


#: The self-assessment may be written by the unit in these states.
EDITABLE = (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED)
#: The Office may change scores (with a reason) in these states.
UNDER_REVIEW = (AssessmentStatus.SUBMITTED,)


class TieBreak(models.TextChoices):
    """Rules that order units of equal total, applied in the order the table lists them."""

    BASE = "base", _("More points from the criteria (before bonus and deduction)")
    DEDUCTIONS = "deductions", _("Fewer deduction points")
    BONUS = "bonus", _("More bonus points")
    SUBMITTED = "submitted", _("Self-assessment submitted earlier")


class BlockKind(models.TextChoices):
    KHOI = "khoi", _("Emulation block (khối)")
    CUM = "cum", _("Emulation cluster (cụm)")
