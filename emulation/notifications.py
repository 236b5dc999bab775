"""In-app notifications and their e-mail copy.

`notify(recipient, text, link=..., event_key=...)` records a Notification and queues its e-mail
(`emulation.mail`: sent by the worker after the transaction commits, with a timeout and retries; the
back end and server come from the environment, the demo prints to the console). With an `event_key` it
does both at most once per recipient and event, also when two processes race: the database's unique
constraint decides, and the loser sends nothing. The unread count shown in the
navigation is loaded with the user itself (`AuthBackend`), so pages pay no extra query for it.
"""
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db import IntegrityError, transaction
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from emulation.mail import queue_email
from emulation.models import Notification, User
from emulation.models import Role
from django.utils.translation import ngettext
from django.utils.translation import gettext as _
from django.urls import reverse
from emulation.scoping import object_agency_id



def email_of(user):
    """The login's e-mail, or else the e-mail of the person's staff record, or ""."""
    if user.email:
        return user.email
    record = getattr(user, "staff_record", None)
    return record.email if record else ""


def notify(recipient, text, *, link="", event_key="", subject=""):
    """Notify `recipient` in the app and by e-mail; return the Notification, or None when this event
    was already notified to them (nothing is sent again). The e-mail is queued for after the commit
    (`emulation.mail.queue_email`): a slow or absent mail server never holds up the caller."""
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient, text=text[:500], link=link, event_key=event_key or ""
            )
    except IntegrityError:
        return None
    address = email_of(recipient)
    if address:
        body = text
        if link:
            body += "\n\n" + settings.SITE_URL.rstrip("/") + link
        queue_email(subject or text[:100], body, address)
    return notification


def office_users(agency_ids):
    """The Office of each agency of `agency_ids`, as {agency id: [users]}: who hears of what the Director
    decides there. One query."""
    return _grouped(User.objects.filter(is_active=True, role=Role.OFFICE, agency_id__in=set(agency_ids)), "agency_id")


def unit_heads(unit_ids):
    """The heads of each unit of `unit_ids`, as {unit id: [users]}. One query."""
    return _grouped(User.objects.filter(is_active=True, role=Role.UNIT_HEAD, unit_id__in=set(unit_ids)), "unit_id")


def _grouped(users, field):
    grouped = {}
    for user in users.select_related("staff_record"):
        grouped.setdefault(getattr(user, field), []).append(user)
    return grouped


def notify_transitions(messages):
    """Notify of workflow transitions; `messages` are (recipients, text, link, entry) for each changed
    object. Each recipient hears once (never the person who acted): of the one change, or of the first
    with the number of the others, so that a decision of 500 awards is one notification and one e-mail to
    each unit head, not one per award. For `Workflow(on_transition=...)` hooks."""
    by_recipient = {}
    for recipients, text, link, entry in messages:
        for user in recipients:
            if user.pk != entry.actor_id:
                by_recipient.setdefault(user.pk, (user, []))[1].append((text, link, entry))
    for user, items in by_recipient.values():
        text, link, entry = items[0]
        if len(items) > 1:
            text = ngettext("%(text)s And %(count)s more change like it.", "%(text)s And %(count)s more changes like it.",
                            len(items) - 1) % {"text": text, "count": len(items) - 1}
        key = f"transition:{entry.content_type_id}:{entry.object_id}:{entry.pk or entry.at.isoformat()}"
        notify(user, text, link=link, event_key=key)


def with_reason(text, entry):
    return _("%(text)s Reason: %(reason)s") % {"text": text, "reason": entry.reason} if entry.reason else text


def tell_the_office(actions, message, url_name):
    """A `Workflow(on_transition=...)` hook: the Office of the object's agency hears of `actions` (the
    Director's decisions) with `message(obj, entry)`, linked to the object's page `url_name`."""

    def hook(changes):
        changes = [(obj, entry) for obj, entry in changes if entry.action in actions]
        if not changes:
            return
        offices = office_users(object_agency_id(obj) for obj, _entry in changes)
        notify_transitions([(offices.get(object_agency_id(obj), []), with_reason(message(obj, entry), entry),
                             reverse(url_name, args=[obj.pk]), entry) for obj, entry in changes])

    return hook


def mark_read(user, pk=None):
    """Mark one notification (or, without `pk`, every unread one) of `user` as read; return how many."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if pk is not None:
        unread = unread.filter(pk=pk)
    return unread.update(read_at=timezone.now())


def with_unread_count(users):
    """Annotate `unread_notifications` on a User queryset (one subquery, no extra round trip)."""
    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return users.annotate(
        unread_notifications=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0))
    )


class AuthBackend(ModelBackend):
    """Django's model back end whose `get_user` also loads the unread notification count and the kind of the
    login's agency (`agency_kind`: emulation.scoping.is_province_user asks it on every page's menu)."""

    def get_user(self, user_id):
        try:
            user = with_unread_count(User._default_manager).annotate(agency_kind=F("agency__kind")).get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
