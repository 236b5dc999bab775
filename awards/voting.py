"""Council arithmetic and the recording of votes.

The pass mark is a share of the council's TOTAL membership, not of those present (NĐ 98/2023 Điều 30
khoản 7): 80 % of 9 members needs 8 votes for. The quorum is a fraction of the membership present
(two thirds by default). Counts are entered by the Office; absent members' written opinions count.
"""
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from awards.documents import MINUTES_SERIES
from awards.models import CouncilMember, CouncilSession, Nomination, NominationVote
from awards.workflow import act
from emulation.documents import next_number


class VotingError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def ceil_share(total, numerator, denominator):
    """The smallest whole number ≥ total × numerator / denominator, in integers (no float rounding)."""
    return -(-total * numerator // denominator)


def votes_needed(total_members, threshold_percent):
    return ceil_share(total_members, threshold_percent, 100)


def quorum_needed(total_members, award_type):
    return ceil_share(total_members, award_type.quorum_numerator, award_type.quorum_denominator)


def open_session(*, round, held_on, present, written=(), place=""):
    """A session with the council's membership counted now and the next number of the council's own
    minutes series (Decree 30: an advisory council keeps its own numbering)."""
    with transaction.atomic():
        total = CouncilMember.objects.filter(active=True, agency_id=round.agency_id).count()  # the round's agency's council
        session = CouncilSession.objects.create(
            round=round, held_on=held_on, place=place, total_members=total,
            minutes_year=held_on.year, minutes_number=next_number(MINUTES_SERIES, held_on.year, round.agency_id),
        )
        session.present.set(present)
        session.written.set(written)
    return session


def record_vote(session, nomination, *, votes_for, votes_against=0, abstentions=0, actor):
    """Record the count for `nomination` and move it to "council result recorded"; return the vote."""
    present = session.present.count()
    voters = present + session.written.count()
    award = nomination.award_type
    if nomination.status != Nomination.Status.CHECKED:
        raise VotingError(_("This nomination is not waiting for the council."))
    if present < quorum_needed(session.total_members, award):
        raise VotingError(_("No quorum: %(present)s of %(total)s members present, %(needed)s needed.") % {
            "present": present, "total": session.total_members, "needed": quorum_needed(session.total_members, award),
        })
    if votes_for + votes_against + abstentions > voters:
        raise VotingError(_("More votes (%(votes)s) than members voting (%(voters)s).") % {
            "votes": votes_for + votes_against + abstentions, "voters": voters,
        })
    needed = votes_needed(session.total_members, award.vote_threshold)
    passed = votes_for >= needed
    # The transition's conditional update comes first: of two people recording at once, the second
    # finds the status changed and hears "somebody else has changed this", never a database error.
    try:
        with transaction.atomic():
            if not CouncilSession.objects.select_for_update().filter(pk=session.pk, closed_at__isnull=True).exists():
                raise VotingError(_("This session is closed: its minutes are issued."))
            act(nomination, "record_vote", actor=actor, data={
                "for": votes_for, "against": votes_against, "abstentions": abstentions, "needed": needed, "passed": passed,
            })
            return NominationVote.objects.create(
                session=session, nomination=nomination, votes_for=votes_for, votes_against=votes_against,
                abstentions=abstentions, secret_ballot=award.ballot_required, needed=needed, passed=passed,
            )
    except IntegrityError:
        raise VotingError(_("Somebody else has recorded this vote meanwhile. Reload the page to see it."))
