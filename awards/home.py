"""The home page cards ("Việc cần làm") of the awards app, one count query per card."""
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from awards import rules
from awards.models import CouncilMember, CouncilSession, Nomination, Registration, VoteCast
from emulation import calendar
from emulation import permissions as core
from emulation.agency_setup import Need
from emulation.navigation import Task

S = Nomination.Status


def _nominations(status, user):
    return Nomination.objects.visible_to(user).filter(status__in=status)


def _url(status):
    return f"{reverse('awards:nomination_list')}?status={status}"


def _ballots_to_cast(user):
    """For a member of the council of their agency: each open session of which they have not voted on every
    nomination (two queries for a user who is a member, one for anybody else)."""
    # The seats of the user's own agency only: a seat elsewhere (the administration pages could give one)
    # shows no card of another agency.
    memberships = list(core.scope_by_agency(CouncilMember.objects.filter(user=user), user))
    if not memberships:
        return []
    tasks = []
    sessions = CouncilSession.objects.filter(closed_at__isnull=True, round__agency__in={m.agency_id for m in memberships})
    for session in sessions.select_related("round").order_by("held_on", "pk")[:5]:
        member = next((m for m in memberships if m.agency_id == session.round.agency_id and m.in_force_on(session.held_on)), None)
        if member is None:
            continue
        waiting = session.agenda.filter(status=S.CHECKED).exclude(
            pk__in=VoteCast.objects.filter(session=session, member=member).values("nomination")).count()
        if waiting:
            tasks.append(Task(_("Vote in the council session of %(date)s") % {"date": session.held_on.strftime("%d/%m/%Y")},
                              reverse("awards:session_ballot", args=[session.pk]), waiting, urgent=True))
    return tasks


def tasks_for(user):
    tasks = []
    if core.is_unit_head(user):
        count = _nominations([S.DRAFT, S.RETURNED], user).count()
        tasks.append(Task(_("Nominations to finish or fix"), reverse("awards:nomination_list"), count,
                          _("Drafts and nominations returned by the Office"), urgent=_nominations([S.RETURNED], user).exists()))
    if rules.can_check(user):
        tasks.append(Task(_("Nominations to check"), _url(S.SUBMITTED), _nominations([S.SUBMITTED], user).count()))
        tasks.append(Task(_("Council results to enter"), reverse("awards:session_list"), _nominations([S.CHECKED], user).count()))
        tasks.append(Task(_("Registrations to receive"), reverse("awards:registration_list"),
                          Registration.objects.visible_to(user).filter(status=Registration.Status.SUBMITTED).count()))
    if rules.can_decide(user):
        tasks.append(Task(_("Nominations to approve"), _url(S.VOTED), _nominations([S.VOTED], user).count()))
    if core.is_council_member(user):
        tasks.append(Task(_("Nominations to vote on"), _url(S.CHECKED), _nominations([S.CHECKED], user).count()))
    tasks.extend(_ballots_to_cast(user))
    staff_id = core.own_staff_id(user)
    if staff_id:
        tasks.append(Task(_("My awards"), reverse("awards:person_history", args=[staff_id]), None,
                          _("your award history over the years")))
    return tasks


def setup_needs(user, agency):
    """The agency's set-up (emulation.agency_setup): the members of its council in office today."""
    today = calendar.today()
    members = CouncilMember.objects.filter(agency=agency, valid_from__lte=today).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)).count()
    return [Need(_("Members of the council"), members > 0, _("%(count)d members in office") % {"count": members},
                 reverse("awards:member_list"), _("Enter the members of the council"))]
