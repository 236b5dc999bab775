"""Council arithmetic, sessions and the recording of votes.

The denominator of every threshold is the council's membership in force on the session's date, not those
present (NĐ 98/2023 Điều 30 khoản 7): 80 % of 9 members needs 8 votes for. A threshold of half is the
law's majority, "more than half" (quá bán; BN86 Điều 8.4.a: the council works by the majority
principle): with 10 members half is 5 and not a majority, 6 are needed. The quorum is a fraction of the
membership present (two thirds by default).

Votes reach a session three ways: a member votes online (đồng ý / không đồng ý) on their phone or computer;
the Office records an absent member's written opinion (phiếu ý kiến); the Office types the totals of
paper ballots for the members who voted on paper, with the reason. That a member voted is stored in a
`VoteCast`, without the choice. When the award type asks for a secret ballot the choice is never stored:
it is added to the nomination's running totals, kept sealed with a key that is not in the database
(`SealedTally`, awards.ballot_box) and deleted at the close, when the totals are written; otherwise
(show of hands) the choice is in an `OpenVote` per member. The `VoteCast` is claimed first: a second
vote of the same member, also from a second tab at the same instant, is refused by the database's unique
constraint and nothing of it is stored. The results are computed when the Office closes the vote
(`close_session`); a member present who did not vote on a nomination counts under "Không biểu quyết".
For a session held wholly on paper the Office may still type a nomination's totals (`record_vote`).

Nothing here assumes one council per installation: every query takes the session or a date.
"""
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import ballot_box
from awards.documents import MINUTES_SERIES, issue_minutes
from awards.models import (
    AwardType, CouncilMember, CouncilSession, Forwarding, Nomination, NominationVote, OpenVote, PaperTally,
    SealedTally, VoteCast,
)
from awards.workflow import NOMINATION_WORKFLOW
from emulation.documents import next_number
from emulation.models import Agency
from django.urls import reverse
from emulation.enums import Role
from emulation.models import User
from emulation.notifications import notify
from awards.forwarding import record_council_results

MAJORITY = 50


class VotingError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def ceil_share(total, numerator, denominator):
    """The smallest whole number ≥ total × numerator / denominator, in integers (no float rounding)."""
    return -(-total * numerator // denominator)


def votes_needed(total_members, threshold_percent):
    """Votes for needed: "at least p %" of the membership, except half, which is "more than half"."""
    if threshold_percent == MAJORITY:
        return total_members // 2 + 1
    return ceil_share(total_members, threshold_percent, 100)


def threshold_words(threshold_percent):
    if threshold_percent == MAJORITY:
        return _("more than half of all members")
    return _("at least %(percent)s %% of all members") % {"percent": threshold_percent}


def quorum_needed(total_members, award_type):
    return ceil_share(total_members, award_type.quorum_numerator, award_type.quorum_denominator)


def members_in_force(day, agency_id):
    """The membership of agency `agency_id`'s council on `day` (each agency has its own council)."""
    return CouncilMember.objects.in_force(day, agency_id=agency_id)


def session_members(session):
    """The members of the council of the session's round's agency in force on the session's date."""
    return members_in_force(session.held_on, session.round.agency_id)


def sits_in(session, member):
    """`member` is a member of the session's council (its agency's) on the session's date."""
    return member.agency_id == session.round.agency_id and member.in_force_on(session.held_on)


def member_of(session, user):
    """The council member `user` is on the session's date, or None."""
    if not user.is_authenticated:
        return None
    return session_members(session).filter(user=user).first()


def open_session(*, round, held_on, place="", agenda=(), present=(), written=(), actor=None):
    """A session with the membership in force on `held_on` counted and the next number of the council's
    own minutes series (Decree 30: an advisory council keeps its own numbering); `agenda` are the
    nominations to vote on. Members are notified (in the app and by e-mail) once the session is saved."""
    with transaction.atomic():
        session = CouncilSession.objects.create(
            round=round, held_on=held_on, place=place,
            total_members=members_in_force(held_on, round.agency_id).count(),  # the round's agency's council
            minutes_year=held_on.year, minutes_number=next_number(MINUTES_SERIES, held_on.year, round.agency_id),
            opened_by=actor,
        )
        session.agenda.set(agenda)
        session.present.set(present)
        session.written.set(written)
        transaction.on_commit(lambda: notify_session(session, opened=True))
    return session


def is_provincial(round_):
    """A round of a provincial standing body: its council is the provincial council, which votes on the
    dossiers the agencies forwarded and the province accepted (awards.forwarding), not on nominations of
    the round itself."""
    return round_.agency is not None and round_.agency.kind == Agency.Kind.PROVINCE


def awaiting_vote(round_, nominations):
    """Of `nominations`, those the council of `round_`'s agency is still to vote on. An agency's council:
    its round's nominations passed to the council, without the agency's vote. The provincial council: the
    dossiers forwarded to the province and accepted (at the council), without the province's vote."""
    if is_provincial(round_):
        return nominations.filter(status=Nomination.Status.FORWARDED, forwarding__province=round_.agency_id,
                                  forwarding__status=Forwarding.Status.ACCEPTED).exclude(votes__province_level=True)
    return nominations.filter(round=round_, status=Nomination.Status.CHECKED).without_agency_vote()


def open_agenda(round_, award_types=()):
    """The nominations the council may put on a new session's agenda of `round_`: waiting for its vote
    (`awaiting_vote`) and not on the agenda of another session of its agency still open."""
    on_open_agenda = CouncilSession.agenda.through.objects.filter(councilsession__closed_at__isnull=True,
                                                                  councilsession__round__agency=round_.agency_id)
    nominations = awaiting_vote(round_, Nomination.objects.all()).exclude(pk__in=on_open_agenda.values("nomination"))
    if award_types:
        nominations = nominations.filter(award_type__in=award_types)
    return nominations


def notify_session(session, *, opened):
    """Tell the members in force, the Office and the Director that `session` opened or closed."""

    members = session_members(session).exclude(user=None).values("user")
    recipients = User.objects.filter(is_active=True).filter(
        Q(pk__in=members) | Q(role__in=[Role.OFFICE, Role.DIRECTOR, Role.DEPUTY_DIRECTOR],
                              agency_id=session.round.agency_id)).order_by("pk")
    values = {"date": session.held_on.strftime("%d/%m/%Y"), "round": session.round.name}
    if opened:
        text = _("The council session of %(date)s (%(round)s) is open: mark your attendance and vote.") % values
    else:
        text = _("The council session of %(date)s (%(round)s) is closed: its results and minutes are issued.") % values
    link = reverse("awards:session_detail", args=[session.pk])
    for user in recipients:
        notify(user, text, link=link, event_key=f"council-session:{session.pk}:{'open' if opened else 'closed'}")


def _open_session_locked(session):
    """Inside a transaction: lock the session row and refuse when it is closed."""
    if not CouncilSession.objects.select_for_update().filter(pk=session.pk, closed_at__isnull=True).exists():
        raise VotingError(_("This session is closed: its minutes are issued."))


def mark_attendance(session, member, *, present=True):
    """`member` is present (or, with present=False, no longer marked present)."""
    if not sits_in(session, member):
        raise VotingError(_("%(name)s is not a member of the council on the session's date.") % {"name": member})
    with transaction.atomic():
        _open_session_locked(session)
        if present:
            if session.written.filter(pk=member.pk).exists():
                raise VotingError(_("%(name)s gave a written opinion: a member who did not attend.") % {"name": member})
            session.present.add(member)
        else:
            if VoteCast.objects.filter(session=session, member=member, method=VoteCast.Method.ONLINE).exists():
                raise VotingError(_("%(name)s has already voted in the session.") % {"name": member})
            session.present.remove(member)


def _check_can_vote(session, nomination, member):
    if session.is_closed:
        raise VotingError(_("This session is closed: its minutes are issued."))
    if not awaiting_vote(session.round, session.agenda.filter(pk=nomination.pk)).exists():
        raise VotingError(_("This nomination is not on the session's agenda."))
    if not sits_in(session, member):
        raise VotingError(_("%(name)s is not a member of the council on the session's date.") % {"name": member})


def cast_vote(session, nomination, member, *, agrees, method=VoteCast.Method.ONLINE):
    """`member` votes on `nomination`: online (the member, who must be present) or as a written opinion
    (recorded by the Office for a member who did not attend). Secret when the award type asks for it."""
    _check_can_vote(session, nomination, member)
    is_present = session.present.filter(pk=member.pk).exists()
    if method == VoteCast.Method.ONLINE and not is_present:
        raise VotingError(_("Mark your attendance before voting."))
    if method == VoteCast.Method.WRITTEN and is_present:
        raise VotingError(_("%(name)s is present: a member present votes in the session.") % {"name": member})
    try:
        with transaction.atomic():
            _open_session_locked(session)
            # The claim comes first: of two votes of one member at once, the second fails here.
            VoteCast.objects.create(session=session, nomination=nomination, member=member, method=method)
            if nomination.award_type.ballot_required:
                _add_to_sealed_tally(session, nomination, agrees)
            else:
                OpenVote.objects.create(session=session, nomination=nomination, member=member, agrees=agrees)
            if method == VoteCast.Method.WRITTEN:
                session.written.add(member)
    except IntegrityError:
        raise VotingError(_("%(name)s has already voted on %(nominee)s: a vote cannot be cast twice.") % {
            "name": member, "nominee": nomination.nominee_name})


def change_open_vote(session, nomination, member, *, agrees):
    """`member` changes their show-of-hands vote on `nomination` until the session closes (issue 26 item 6):
    the one `OpenVote` of the member takes the new choice, so it is still counted once. A secret ballot
    cannot be changed: its earlier choice is kept nowhere (docs/security.md, "Changing a secret vote before
    the close"). Raises VotingError (closed session, secret ballot, no vote yet)."""
    if nomination.award_type.ballot_required:
        raise VotingError(_("A secret ballot cannot be changed once cast: nothing keeps which choice it was, "
                            "so that nobody can find out."))
    _check_can_vote(session, nomination, member)
    with transaction.atomic():
        _open_session_locked(session)
        changed = OpenVote.objects.filter(session=session, nomination=nomination, member=member).update(agrees=agrees)
    if not changed:
        raise VotingError(_("%(name)s has not voted on %(nominee)s yet: there is no vote to change.") % {
            "name": member, "nominee": nomination.nominee_name})


def _add_to_sealed_tally(session, nomination, agrees):
    """Inside the vote's transaction, after its claim (which holds the write lock on SQLite; the session's
    row lock serialises a session's votes on PostgreSQL): open the nomination's sealed totals, add the
    choice, seal them again with a fresh nonce. The row is replaced, never a row added per vote: nothing
    stored in the tables can be paired with the `VoteCast` written beside it (docs/security.md)."""
    tally = SealedTally.objects.select_for_update().filter(session=session, nomination=nomination).first()
    votes_for, votes_against = _unseal(tally) if tally else (0, 0)
    sealed = ballot_box.seal(votes_for + agrees, votes_against + (not agrees),
                             session_id=session.pk, nomination_id=nomination.pk)
    if tally:
        SealedTally.objects.filter(pk=tally.pk).update(sealed=sealed)
    else:
        SealedTally.objects.create(session=session, nomination=nomination, sealed=sealed)


def _unseal(tally):
    try:
        return ballot_box.unseal(tally.sealed, session_id=tally.session_id, nomination_id=tally.nomination_id)
    except ballot_box.Unreadable:
        raise VotingError(_("The secret ballots of this session cannot be read: the application's secret key "
                            "was changed while the session was open. Ask the system administrator to add the "
                            "previous key back as a fallback key, then try again."))


def record_paper(session, nomination, *, members, votes_for, votes_against, reason, actor):
    """The totals of the paper ballots cast by `members` on `nomination`, with the reason they voted on
    paper; the members count as present and cannot vote again."""
    if not members:
        raise VotingError(_("Choose the members who voted on paper."))
    if votes_for + votes_against > len(members):
        raise VotingError(_("More votes (%(votes)s) than members voting (%(voters)s).") % {
            "votes": votes_for + votes_against, "voters": len(members)})
    for member in members:
        _check_can_vote(session, nomination, member)
    written = set(session.written.values_list("pk", flat=True))
    if any(member.pk in written for member in members):
        raise VotingError(_("A member who gave a written opinion did not attend."))
    try:
        with transaction.atomic():
            _open_session_locked(session)
            VoteCast.objects.bulk_create([VoteCast(session=session, nomination=nomination, member=member,
                                                   method=VoteCast.Method.PAPER) for member in members])
            session.present.add(*members)
            return PaperTally.objects.create(session=session, nomination=nomination, votes_for=votes_for,
                                             votes_against=votes_against, ballots=len(members), reason=reason,
                                             recorded_by=actor)
    except IntegrityError:
        raise VotingError(_("One of these members has already voted on %(nominee)s.") % {"nominee": nomination.nominee_name})


def casts(session, nomination_ids):
    """{nomination id: {"cast", "written"}}: how many members voted on each so far (online, on paper or by
    a written opinion), and how many of them by a written opinion (members who did not attend)."""
    result = {pk: {"cast": 0, "written": 0} for pk in nomination_ids}
    for row in VoteCast.objects.filter(session=session, nomination__in=nomination_ids).values("nomination").annotate(
            n=Count("pk"), w=Count("pk", filter=Q(method=VoteCast.Method.WRITTEN))).order_by():
        result[row["nomination"]] = {"cast": row["n"], "written": row["w"]}
    return result


def tallies(session, nomination_ids):
    """{nomination id: {"cast", "written", "for", "against"}} of the votes so far, in four queries; the
    secret ballots' totals are opened from their seals (VotingError when the key to them is lost)."""
    result = {pk: {**counted, "for": 0, "against": 0} for pk, counted in casts(session, nomination_ids).items()}
    for tally in SealedTally.objects.filter(session=session, nomination__in=nomination_ids):
        votes_for, votes_against = _unseal(tally)
        result[tally.nomination_id]["for"] += votes_for
        result[tally.nomination_id]["against"] += votes_against
    for row in OpenVote.objects.filter(session=session, nomination__in=nomination_ids).values("nomination").annotate(
            f=Count("pk", filter=Q(agrees=True)), a=Count("pk", filter=Q(agrees=False))).order_by():
        result[row["nomination"]]["for"] += row["f"]
        result[row["nomination"]]["against"] += row["a"]
    for row in PaperTally.objects.filter(session=session, nomination__in=nomination_ids).values("nomination").annotate(
            f=Sum("votes_for"), a=Sum("votes_against")).order_by():
        result[row["nomination"]]["for"] += row["f"]
        result[row["nomination"]]["against"] += row["a"]
    return result


def session_quorum(session, present_count=None):
    """(present, needed): the members present and the quorum the strictest award type on the agenda asks."""
    present = session.present.count() if present_count is None else present_count
    types = AwardType.objects.filter(pk__in=session.agenda.values("award_type")) if session.pk else []
    needed = max([quorum_needed(session.total_members, award) for award in types]
                 or [ceil_share(session.total_members, 2, 3)])
    return present, needed


def close_vote(session, actor):
    """Inside the closing transaction: count the membership in force again, refuse without quorum, and
    record the result of every agenda nomination still waiting: for, against, and under "Không biểu quyết"
    the members present who did not vote on it and the blank paper ballots. The sealed totals of the secret
    ballots are deleted: only the results outlive the session. Returns the results recorded."""
    total = session_members(session).count()
    if total != session.total_members:
        CouncilSession.objects.filter(pk=session.pk).update(total_members=total)
        session.total_members = total
    waiting = list(awaiting_vote(session.round, session.agenda.with_related()))
    results = []
    if waiting:
        present, needed = session_quorum(session)
        if present < needed:
            raise VotingError(_("No quorum: %(present)s of %(total)s members present, %(needed)s needed.") % {
                "present": present, "total": total, "needed": needed})
        counts = tallies(session, [n.pk for n in waiting])
        results = _record_results(session, [
            (nomination, counts[nomination.pk]["for"], counts[nomination.pk]["against"],
             _not_voting(present, counts[nomination.pk])) for nomination in waiting], actor=actor)
    SealedTally.objects.filter(session=session).delete()
    return results


def _not_voting(present, count):
    """Those who did not vote (không biểu quyết) on a nomination: the members present without a vote on it
    (a written opinion comes from a member who did not attend) and the blank paper ballots."""
    return (present - (count["cast"] - count["written"])) + (count["cast"] - count["for"] - count["against"])


def close_session(session, actor):
    """Close the vote: the results of the agenda are computed, no vote can be added any more, and the
    minutes are issued and archived as they stand (a later session gets its own); everyone is notified.
    Raises VotingError when the session is already closed, has no quorum, or no result at all."""
    with transaction.atomic():
        if not CouncilSession.objects.filter(pk=session.pk, closed_at__isnull=True).update(
                closed_at=timezone.now(), closed_by=actor):
            raise VotingError(_("This session is already closed."))
        session.refresh_from_db()
        close_vote(session, actor)
        if not session.votes.exists():
            raise VotingError(_("Record at least one vote before closing the session."))
        document = issue_minutes(session, actor)
        transaction.on_commit(lambda: notify_session(session, opened=False))
    return document


def _result(session, nomination, votes_for, votes_against, abstentions):
    award = nomination.award_type
    needed = votes_needed(session.total_members, award.vote_threshold)
    return NominationVote(session=session, nomination=nomination, votes_for=votes_for, votes_against=votes_against,
                          abstentions=abstentions, secret_ballot=award.ballot_required, needed=needed,
                          passed=votes_for >= needed, province_level=is_provincial(session.round))


def _record_results(session, counted, *, actor):
    """The council's results of many nominations at once ((nomination, for, against, abstentions) each): one
    transition of them all (NOMINATION_WORKFLOW.perform_many: one update, the timeline rows in bulk) and
    the votes written in bulk, so that closing a session of 5,000 nominations costs the queries of one."""
    votes = [_result(session, nomination, *numbers) for nomination, *numbers in counted]
    data = {vote.nomination.pk: {"for": vote.votes_for, "against": vote.votes_against, "abstentions": vote.abstentions,
                                 "needed": vote.needed, "passed": vote.passed} for vote in votes}
    if is_provincial(session.round):  # the forwarded dossiers move on (awards.forwarding), the agencies told

        record_council_results(votes, actor=actor, data=data)
    else:
        NOMINATION_WORKFLOW.perform_many([vote.nomination for vote in votes], "record_vote", actor=actor,
                                         data=lambda nomination: data[nomination.pk])
    return NominationVote.objects.bulk_create(votes, batch_size=1000)


def _record_result(session, nomination, *, votes_for, votes_against, abstentions, actor):
    return _record_results(session, [(nomination, votes_for, votes_against, abstentions)], actor=actor)[0]


def record_vote(session, nomination, *, votes_for, votes_against=0, abstentions=0, actor):
    """For a session held wholly on paper: record the typed count for `nomination` and move it to
    "council result recorded"; return the vote."""
    present = session.present.count()
    voters = present + session.written.count()
    award = nomination.award_type
    # An agency's nomination as the clerk saw it (of two clerks at once, the second hears "somebody else has
    # changed this" from the transition); a forwarded dossier as it stands.
    waiting = (awaiting_vote(session.round, Nomination.objects.filter(pk=nomination.pk)).exists()
               if is_provincial(session.round) else nomination.status == Nomination.Status.CHECKED)
    if not waiting:
        raise VotingError(_("This nomination is not waiting for the council."))
    if present < quorum_needed(session.total_members, award):
        raise VotingError(_("No quorum: %(present)s of %(total)s members present, %(needed)s needed.") % {
            "present": present, "total": session.total_members, "needed": quorum_needed(session.total_members, award),
        })
    if votes_for + votes_against + abstentions > voters:
        raise VotingError(_("More votes (%(votes)s) than members voting (%(voters)s).") % {
            "votes": votes_for + votes_against + abstentions, "voters": voters,
        })
    # The transition's conditional update comes first: of two people recording at once, the second
    # finds the status changed and hears "somebody else has changed this", never a database error.
    try:
        with transaction.atomic():
            _open_session_locked(session)
            if VoteCast.objects.filter(session=session, nomination=nomination).exists():
                raise VotingError(_("Members have voted on this nomination in the session: its result is "
                                    "computed when the vote is closed."))
            return _record_result(session, nomination, votes_for=votes_for, votes_against=votes_against,
                                  abstentions=abstentions, actor=actor)
    except IntegrityError:
        raise VotingError(_("Somebody else has recorded this vote meanwhile. Reload the page to see it."))
