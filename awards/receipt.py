"""The province's receipt of a forwarded nomination, and what each side is told when a dossier moves.

Below both awards.workflow (the Director's "forward" calls `receive` in its transaction) and awards.forwarding
(the province's workflow tells the other side with `notify_change`), so that neither imports the other.
"""
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from awards import rules
from awards.models import Forwarding
from emulation.models import User
from emulation.notifications import notify
from emulation.workflow import log_action, logged_action

RECEIVED = logged_action("forwarding_received", gettext_lazy("Received from the agency"))

#: What each side is told when a dossier moves: action → (text, whom: "agency" or "province").
NOTICES = {
    "review": (gettext_lazy("The province started reviewing the dossier “%(name)s”."), "agency"),
    "accept": (gettext_lazy("The province accepted the dossier “%(name)s”: it goes to the provincial council."), "agency"),
    "ask_documents": (gettext_lazy("The province asks for more documents for “%(name)s”: %(reason)s"), "agency"),
    "return": (gettext_lazy("The province returned the dossier “%(name)s”: %(reason)s"), "agency"),
    "forward_again": (gettext_lazy("%(agency)s forwarded the dossier “%(name)s” again."), "province"),
    "decide": (gettext_lazy("The province decided “%(name)s”: decision %(decision)s."), "agency"),
    "council_pass": (gettext_lazy("The provincial council passed the dossier “%(name)s”: it goes to the Chủ tịch's "
                                  "decision."), "agency"),
    "council_fail": (gettext_lazy("The provincial council did not pass the dossier “%(name)s”."), "agency"),
    "receive": (gettext_lazy("%(agency)s forwarded the dossier “%(name)s”."), "province"),
}


def offices_of(agency_id):
    """The Office logins of an agency (whom its dossiers' news reach)."""
    return [user for user in User.objects.filter(is_active=True, agency_id=agency_id) if rules.can_check(user)]


def notify_change(forwarding, action, *, entry_key, reason="", decision="", offices=None):
    """Tell the other side of one dossier's move. `offices` ({agency id: logins}, filled as it goes): a caller
    telling many dossiers at once (a council's results, a decision) passes one dict, so that each agency's
    Office is read once, not once per dossier."""
    text, side = NOTICES[action]
    nomination = forwarding.nomination
    message = str(text) % {"name": nomination, "reason": reason, "agency": forwarding.agency.name.title(),
                           "decision": decision}
    offices = {} if offices is None else offices
    told = forwarding.agency_id if side == "agency" else forwarding.province_id
    if told not in offices:
        offices[told] = offices_of(told)
    if side == "agency":
        link = reverse("awards:nomination_detail", args=[nomination.pk])
    else:
        link = reverse("awards:forwarded_detail", args=[forwarding.pk])
    for user in offices[told]:
        notify(user, message, link=link, event_key=f"forwarding:{forwarding.pk}:{entry_key}")


def receive(nomination, *, actor):
    """The province's copy of a forwarded nomination: its Forwarding (received), a timeline row, the
    province's Office told. None when the agency has no province in this system (its Office then types
    the province's answer, awards.decisions.record_outcome)."""
    agency = nomination.round.agency
    if agency is None or agency.province_id is None:
        return None
    forwarding = Forwarding.objects.create(nomination=nomination, agency=agency, province_id=agency.province_id,
                                           forwarded_at=timezone.now())
    entry = log_action(forwarding, RECEIVED, actor=actor, data={"agency": agency.abbreviation})
    notify_change(forwarding, "receive", entry_key=entry.pk)
    return forwarding
