"""Public disclosure (công khai) before the decision (issue 13 §3; Luật Thi đua, khen thưởng Điều 84 khoản 5
names the duty, its details are the Department's): the Office publishes a round's proposed awardees to
every staff member for a set number of days; staff send comments (phản ánh); the Office answers each one,
and no decision of the round is issued while a comment waits for its answer.
"""
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.models import Disclosure, DisclosureComment, Nomination
from emulation.models import Notification, User
from emulation.notifications import notify
from emulation.permissions import is_office
from emulation.workflow import TransitionError, log_action, logged_action

PUBLISHED = logged_action("disclosure_published", gettext_lazy("List published for comments"))
ANSWERED = logged_action("disclosure_answered", gettext_lazy("Comment answered"))
SHOWN = logged_action("disclosure_shown", gettext_lazy("List shown on the public page"))
HIDDEN = logged_action("disclosure_hidden", gettext_lazy("List taken off the public page"))

#: The nominations a disclosure lists: passed to the council and not yet decided or refused.
LISTED = (Nomination.Status.CHECKED, Nomination.Status.VOTED, Nomination.Status.APPROVED, Nomination.Status.FORWARDED)


def _entry(nomination):
    """One line of the published list; an outside nominee with its kind and address (never its identity
    number), so that the staff can tell who is meant."""
    entry = {"nominee": nomination.nominee_name, "unit": nomination.unit.name, "award": nomination.award_type.name}
    if nomination.outsider_id:
        entry.update(kind=str(nomination.nominee_kind), address=nomination.outsider.address)
    return entry


def publish(round, *, days, note="", actor, today=None):
    """Publish the proposed awardees of `round` for `days` days from `today`: the list as it stands is kept
    in the disclosure, every active login is notified in the app (in bulk: one insert per 1,000 people),
    and the publication leaves a timeline row. Raises TransitionError without a listed nomination."""
    today = today or timezone.localdate()
    nominations = list(round.nominations.filter(status__in=LISTED).select_related("award_type", "unit", "staff",
                                                                                   "nominee_unit", "outsider")
                       .order_by("award_type__order", "unit__path", "pk"))
    if not nominations:
        raise TransitionError(_("This round has no nomination passed to the council yet: nothing to publish."))
    if days < 1:
        raise TransitionError(_("Publish the list for at least one day."))
    with transaction.atomic():
        disclosure = Disclosure.objects.create(
            round=round, published_on=today, ends_on=today + timedelta(days=days - 1), note=note, published_by=actor,
            entries=[_entry(n) for n in nominations],
        )
        log_action(disclosure, PUBLISHED, actor=actor, data={"count": len(nominations), "days": days})
        text = _("The proposed awardees of “%(round)s” are published until %(date)s: read the list and send a comment if needed.") % {
            "round": round.name, "date": disclosure.ends_on.strftime("%d/%m/%Y")}
        link = reverse("awards:disclosure_detail", args=[disclosure.pk])
        key = f"disclosure:{disclosure.pk}"
        recipients = User.objects.filter(is_active=True, agency_id=round.agency_id).values_list("pk", flat=True).iterator(chunk_size=1000)
        batch = []
        for pk in recipients:
            batch.append(Notification(recipient_id=pk, text=text[:500], link=link, event_key=key))
            if len(batch) == 1000:
                Notification.objects.bulk_create(batch, ignore_conflicts=True)
                batch = []
        Notification.objects.bulk_create(batch, ignore_conflicts=True)
    return disclosure


def is_open(disclosure, today=None):
    return (today or timezone.localdate()) <= disclosure.ends_on


def add_comment(disclosure, text, *, author, today=None):
    """A staff member's comment while the list is published; the Office is notified. TransitionError
    when the period is over or the comment is empty."""
    text = (text or "").strip()
    if not is_open(disclosure, today):
        raise TransitionError(_("The period for comments ended on %(date)s.") % {"date": disclosure.ends_on.strftime("%d/%m/%Y")})
    if not text:
        raise TransitionError(_("Write your comment."))
    comment = DisclosureComment.objects.create(disclosure=disclosure, author=author, text=text)
    _notify_office(comment, _("A comment on the published list of “%(round)s” waits for your answer."))
    return comment


def _notify_office(comment, text):
    """Notify every active Office login of the list's agency (not the comment's author) of `comment`."""
    disclosure = comment.disclosure
    link = reverse("awards:disclosure_detail", args=[disclosure.pk])
    for office in User.objects.filter(is_active=True, agency_id=disclosure.round.agency_id).exclude(pk=comment.author_id):
        if is_office(office):
            notify(office, text % {"round": disclosure.round.name}, link=link, event_key=f"disclosure-comment:{comment.pk}")


def set_public(disclosure, public, *, actor):
    """Show the list on its agency's public page (or take it off); a timeline row when it changes.
    Returns whether anything changed. Permission is the caller's (awards.rules.can_publish_disclosure)."""
    with transaction.atomic():
        changed = Disclosure.objects.filter(pk=disclosure.pk).exclude(public=public).update(public=public)
        if changed:
            log_action(disclosure, SHOWN if public else HIDDEN, actor=actor)
    disclosure.public = public
    return bool(changed)


def add_public_comment(disclosure, *, sender, contact, text, today=None):
    """A comment sent by a member of the public on the public page, kept with the name and contact they
    gave; the Office of the list's agency is notified. TransitionError when the list is not public, the
    period is over, or the name or the comment is missing."""
    sender, contact, text = (sender or "").strip(), (contact or "").strip(), (text or "").strip()
    if not disclosure.public:
        raise TransitionError(_("This list is not public."))
    if not is_open(disclosure, today):
        raise TransitionError(_("The period for comments ended on %(date)s.") % {"date": disclosure.ends_on.strftime("%d/%m/%Y")})
    if not sender or not text:
        raise TransitionError(_("Write your name and your comment."))
    comment = DisclosureComment.objects.create(disclosure=disclosure, sender=sender[:150], contact=contact[:200], text=text)
    _notify_office(comment, _("A comment from the public on the list of “%(round)s” waits for your answer."))
    return comment


def answer(comment, text, *, actor):
    """The Office's answer to `comment` (once: a second answer, also at the same moment, is refused); the
    author is notified. Permission is the caller's (awards.rules.can_answer_disclosure)."""
    text = (text or "").strip()
    if not text:
        raise TransitionError(_("Write the answer."))
    with transaction.atomic():
        done = DisclosureComment.objects.filter(pk=comment.pk, answered_at__isnull=True).update(
            answer=text, answered_by=actor, answered_at=timezone.now())
        if not done:
            raise TransitionError(_("This comment has already been answered."))
        log_action(comment.disclosure, ANSWERED, actor=actor, data={"comment": comment.pk})
    if comment.author_id:
        notify(comment.author, _("Your comment on the list of “%(round)s” has been answered.") % {
            "round": comment.disclosure.round.name}, link=reverse("awards:disclosure_detail", args=[comment.disclosure_id]),
            event_key=f"disclosure-answer:{comment.pk}")
    comment.refresh_from_db()
    return comment


def blocking_reason(round):
    """Why no decision of `round` may be issued yet (a comment on its disclosed list not answered), or None."""
    waiting = DisclosureComment.objects.filter(disclosure__round=round, answered_at__isnull=True).count()
    if waiting:
        return _("%(count)s comment(s) on the published list of this round wait for the Office's answer: answer "
                 "them before issuing the decision.") % {"count": waiting}
    return None
