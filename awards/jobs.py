"""Long work of the awards app, run off the request by emulation.jobs (the worker, `make worker`):

- "round-eligibility": the eligibility of every nomination of a round (5,000 at province scale), started
  by the Office from the round's page; set-wise (awards.eligibility.evaluate_many, chunk by chunk with the
  progress shown) and stored as one EligibilityCheck per nomination, which the nomination list shows;
- "council-close": closing a council session whose agenda is larger than COUNCIL_CLOSE_BACKGROUND
  (awards.voting.close_session: the results recorded set-wise, the minutes issued; the job's file).
"""
import json

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import rules
from awards.eligibility import BATCH_SIZE, evaluate_many, quota_warnings
from awards.models import AwardRound, CouncilSession, EligibilityCheck, Nomination
from awards.voting import VotingError, close_session
from emulation.jobs.models import Job, JobStatus
from emulation.jobs.runner import JobError, JobResult, fail_if_orphaned, start_job
from emulation.workflow import TransitionError

ELIGIBILITY_KIND = "round-eligibility"
PENDING = (JobStatus.QUEUED, JobStatus.RUNNING)


def pending_check(round_):
    """The eligibility job of `round_` that is waiting or running (whoever started it), or None: the round's
    "being checked" lock; one whose worker died is marked failed first (it holds nothing then)."""
    jobs = Job.objects.defer("result").filter(kind=ELIGIBILITY_KIND, params__round=round_.pk, status__in=PENDING)
    job = jobs.first()
    return None if fail_if_orphaned(job) else job


def rerun_round_check(job, user):
    """A failed eligibility job started again, with the checks of start_round_check."""
    round_ = AwardRound.objects.filter(pk=job.params.get("round")).first()
    if round_ is None:
        raise JobError(_("The round does not exist any more, or you may no longer check it."))
    return start_round_check(round_, user)


def start_round_check(round_, actor):
    """Queue the eligibility check of every nomination of `round_` by `actor`; returns the Job. Raises
    TransitionError at once when `actor` may not (only the Office of the round's agency), when the round
    has no nominations, or when its check is already waiting or running."""
    if not (rules.can_check(actor) and AwardRound.objects.visible_to(actor).filter(pk=round_.pk).exists()):
        raise TransitionError(_("You are not allowed to do this."))
    if not round_.nominations.exists():
        raise TransitionError(_("This round has no nominations to check."))
    if pending_check(round_) is not None:
        raise TransitionError(_("The eligibility of this round is already being checked. Wait for it to finish."))
    return start_job(ELIGIBILITY_KIND, actor, title=_("Eligibility of the nominations of “%(round)s”") % {
        "round": round_.name[:200]}, round=round_.pk)


def check_round(job, progress):
    """The worker's half of start_round_check: every nomination's verdict, BATCH_SIZE at a time (a fixed
    number of queries per chunk), then the quota warnings of the whole round; the checks of the round
    replaced in one transaction. The job's file is a JSON summary; its page links to the nomination list."""
    owner = job.owner
    round_ = AwardRound.objects.visible_to(owner).filter(pk=job.params.get("round")).first()
    if round_ is None or not rules.can_check(owner):
        raise JobError(_("The round does not exist any more, or you may no longer check it."))
    nominations = list(Nomination.objects.filter(round=round_).with_related().order_by("pk"))
    verdicts = {}
    for start in range(0, len(nominations), BATCH_SIZE):
        chunk = nominations[start:start + BATCH_SIZE]
        verdicts.update(evaluate_many(chunk, with_quota=False))
        progress(5 + 85 * (start + len(chunk)) // max(1, len(nominations)),
                 _("%(done)d of %(total)d nominations checked") % {"done": start + len(chunk), "total": len(nominations)})
    for pk, warning in quota_warnings(nominations).items():
        verdicts[pk].warnings.append(warning)
    progress(92, _("Saving the results"))
    now = timezone.now()
    checks = [EligibilityCheck(nomination_id=pk, eligible=verdict.eligible, checked_at=now,
                               failed=[str(check.requirement) for check in verdict.failed],
                               warnings=[*verdict.cautions, *(str(warning) for warning in verdict.warnings)])
              for pk, verdict in verdicts.items()]
    with transaction.atomic():
        EligibilityCheck.objects.filter(nomination__round=round_).delete()
        EligibilityCheck.objects.bulk_create(checks, batch_size=1000)
    eligible = sum(check.eligible for check in checks)
    summary = {"round": round_.pk, "nominations": len(checks), "eligible": eligible, "not_eligible": len(checks) - eligible}
    return JobResult(json.dumps(summary).encode(), f"du-dieu-kien-{round_.pk}.json", "application/json")


def round_summary(round_):
    """What the round's page shows of the stored checks: counts and the time of the last check."""
    summary = Nomination.objects.filter(round=round_).aggregate(
        total=Count("pk"), checked=Count("eligibility_check"),
        eligible=Count("pk", filter=Q(eligibility_check__eligible=True)),
        not_eligible=Count("pk", filter=Q(eligibility_check__eligible=False)),
        checked_at=Max("eligibility_check__checked_at"))
    summary["unchecked"] = summary["total"] - summary["checked"]
    return summary


# Closing a large council session ----------------------------------------------------------------------------

CLOSE_KIND = "council-close"


def close_in_background(session):
    """A session whose agenda is larger than COUNCIL_CLOSE_BACKGROUND nominations (setting, default 200) is
    closed by the worker: counting, recording thousands of results and laying out their minutes."""
    return session.agenda.count() > settings.COUNCIL_CLOSE_BACKGROUND


def pending_close(session):
    """The close job of `session` that is waiting or running, or None: the session's "being closed" lock;
    one whose worker died is marked failed first (it holds nothing then)."""
    jobs = Job.objects.defer("result").filter(kind=CLOSE_KIND, params__session=session.pk, status__in=PENDING)
    job = jobs.first()
    return None if fail_if_orphaned(job) else job


def rerun_close(job, user):
    """A failed close job started again, with the checks of start_close."""
    session = CouncilSession.objects.filter(pk=job.params.get("session")).first()
    if session is None:
        raise JobError(_("The session does not exist any more, or you may no longer close it."))
    return start_close(session, user)


def start_close(session, actor):
    """Queue the close of `session` by `actor`; returns the Job. Raises TransitionError at once when `actor`
    may not close it, it is already closed, or its close is already waiting or running."""
    if not (rules.can_manage_council(actor) and CouncilSession.objects.visible_to(actor).filter(pk=session.pk).exists()):
        raise TransitionError(_("You are not allowed to do this."))
    if session.is_closed:
        raise TransitionError(_("This session is already closed."))
    if pending_close(session) is not None:
        raise TransitionError(_("This session is already being closed. Wait for it to finish."))
    return start_job(CLOSE_KIND, actor, title=_("Closing “%(session)s”") % {"session": str(session)[:200]},
                     session=session.pk)


def close_council_session(job, progress):
    """The worker's half of start_close: awards.voting.close_session (set-wise results, the minutes issued
    and archived); the job's file is the archived minutes."""
    owner = job.owner
    session = CouncilSession.objects.visible_to(owner).select_related("round__agency").filter(
        pk=job.params.get("session")).first()
    if session is None or not rules.can_manage_council(owner):
        raise JobError(_("The session does not exist any more, or you may no longer close it."))
    progress(10, _("Counting the votes and recording the results"))
    try:
        document = close_session(session, owner)
    except (TransitionError, VotingError) as error:
        raise JobError(error.message) from error
    return JobResult(bytes(document.pdf), document.filename)
