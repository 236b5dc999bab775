"""The register of exemplary models: its workflow (a unit proposes, the Office accepts or returns with a
reason) through the one engine (emulation.workflow), and what an accepted model starts: a nomination for an
ad hoc (đột xuất) award, prefilled."""
from django.utils.translation import gettext_lazy as _

from awards.models import AwardKind, AwardRound, Exemplar
from awards.rules import can_check, can_edit_exemplar
from emulation.workflow import Transition, Workflow

E = Exemplar.Status

EXEMPLAR_WORKFLOW = Workflow([
    Transition((E.DRAFT, E.RETURNED), "submit", E.SUBMITTED, _("Propose to the Office"), can_edit_exemplar),
    Transition((E.SUBMITTED,), "accept", E.ACCEPTED, _("Accept into the register"), lambda user, e: can_check(user),
               style="success"),
    Transition((E.SUBMITTED,), "return", E.RETURNED, _("Return to the unit"), lambda user, e: can_check(user),
               reason_required=True, style="warning"),
])


def act_on_exemplar(exemplar, action, *, actor, reason=""):
    """The one entry for the register's transitions (see emulation.workflow.Workflow.perform)."""
    return EXEMPLAR_WORKFLOW.perform(exemplar, action, actor=actor, reason=reason)


def nomination_initial(exemplar, user):
    """What a nomination started from an accepted model begins with: the open ad hoc round of the user's
    agency (when there is one), the person or collective, and the deed as the achievements."""
    round_ = (AwardRound.objects.visible_to(user).filter(is_open=True, kind=AwardKind.AD_HOC).order_by("-opens_on").first())
    initial = {"achievements": exemplar.deed, "staff": exemplar.staff_id, "nominee_unit": exemplar.nominee_unit_id}
    if round_ is not None:
        initial["round"] = round_.pk
    return initial
