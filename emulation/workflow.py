"""Workflow transitions: one table per workflow, one function that performs any transition; and
`log_action` for every other change that must leave a row on the same timeline.

Plans, unit reports, registrations, nominations and summary reports each declare a `Workflow` made of
`Transition` rows: (from states, action) → to state, who may, whether a reason is required. `perform`
checks the row and the permission, changes the status with a conditional update inside a transaction
(so two people acting at once cannot both succeed), and writes the timeline entry.
"""
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation import scoping
from emulation.models import TimelineEntry


class TransitionError(Exception):
    """A transition that cannot be done; the message is translated and meant for the person."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Transition:
    sources: tuple
    action: str
    target: str
    label: str
    allowed: Callable = field(compare=False)  # allowed(user, obj) -> bool
    reason_required: bool = False
    style: str = "primary"
    #: False for an action that needs its own form (a vote, a decision, the province's answer): it is never
    #: offered as a button and the generic action endpoints refuse it.
    button: bool = True
    # A legal gate: condition(obj) returns None when the transition may happen, else the translated
    # reason it may not (e.g. "the council vote did not pass"). Checked by `perform`, not only by buttons.
    condition: Callable | None = field(default=None, compare=False)
    #: For what cannot be undone (accepting, submitting to the Director, approving, issuing): the translated
    #: question asked first. The button then needs its "confirmed" box ticked, and the action endpoints
    #: refuse the action without it (emulation.workflow_views.unconfirmed), so it holds without JS too.
    confirm: str = ""

    def refusal(self, obj):
        return self.condition(obj) if self.condition else None


@dataclass(frozen=True)
class Button:
    """A transition offered to a person, with the URL its form posts to (see includes/transition_buttons.html)."""

    transition: Transition
    url: str

    @property
    def action(self):
        return self.transition.action

    @property
    def label(self):
        return self.transition.label

    @property
    def style(self):
        return self.transition.style

    @property
    def reason_required(self):
        return self.transition.reason_required

    @property
    def confirm(self):
        return self.transition.confirm


class Workflow:
    def __init__(self, transitions, *, on_transition=None):
        self.transitions = list(transitions)
        #: on_transition(changes): who must hear of transitions (emulation.notifications); called once the
        #: transaction has committed, once per `perform`/`perform_many`, with every (object, timeline entry)
        #: it changed, so that a decision of 500 awards tells each person once, in a few queries.
        self.on_transition = on_transition
        self._groups = threading.local()

    def _after_commit(self, changes):
        if self.on_transition is None or not changes:
            return
        groups = getattr(self._groups, "stack", None)
        if groups:  # inside `grouped()`: heard with the rest of the block, once it has committed
            group = groups[-1]
            transaction.on_commit(lambda: group.extend(changes))
        else:
            transaction.on_commit(lambda: self.on_transition(changes))

    @contextmanager
    def grouped(self, *, heard=True):
        """Within this block, `on_transition` hears every transition the block made, once, after they have
        committed: a bulk action that performs each object in its own transaction (so that one refusal does
        not undo the others) still tells each person once, with one e-mail. A transition rolled back is not
        heard of. `heard=False`: nobody hears of them (the demo's past reports)."""
        group = []
        stack = self._groups.__dict__.setdefault("stack", [])
        stack.append(group)
        try:
            yield
        finally:
            stack.pop()
            if heard and self.on_transition is not None:
                transaction.on_commit(lambda: group and self.on_transition(group))

    def find(self, obj, action):
        for transition in self.transitions:
            if transition.action == action and obj.status in transition.sources:
                return transition
        return None

    def available(self, obj, user):
        """The transitions `user` may perform on `obj` now, in table order."""
        return [
            t for t in self.transitions
            if obj.status in t.sources and t.allowed(user, obj) and scoping.acts_in_agency_of(user, obj)
            and t.refusal(obj) is None
        ]

    @property
    def button_actions(self):
        """The actions a generic action endpoint accepts: those the table offers as buttons."""
        return {t.action for t in self.transitions if t.button}

    def buttons(self, obj, user, url):
        """The button transitions `user` may perform on `obj` now, each with the URL to post to.

        `url` is the endpoint (a string) or a function of the action giving it."""
        return [
            Button(t, url(t.action) if callable(url) else url)
            for t in self.available(obj, user) if t.button
        ]

    def perform(self, obj, action, *, actor, reason="", data=None, changes=None):
        """Perform `action` on `obj` as `actor`; return the entry written on the timeline.

        Raises TransitionError when the action does not apply to the current status, the actor may not
        do it, a required reason is missing, the transition's legal condition is not met, or somebody
        changed the status meanwhile. `changes` are
        extra field values saved in the same update (e.g. the issue number).
        """
        return self.perform_many([obj], action, actor=actor, reason=reason, data=data, changes=changes)[0]

    def perform_many(self, objs, action, *, actor, reason="", data=None, changes=None):
        """`perform` on every object of `objs` (all of one model) at once: the same checks for each, one
        conditional update per starting status and the timeline entries written in bulk, so the cost in
        queries does not grow with the number of objects. All or nothing: raises TransitionError (and
        changes nothing) when any object may not make the transition or changed meanwhile. `data`: one
        dict for all, or a function of the object giving each its own; `changes`: extra field values saved
        in the same update (the same for all). Returns the entries."""
        objs = list(objs)
        if not objs:
            return []
        reason = (reason or "").strip()
        by_status = {}
        for obj in objs:
            transition = self.find(obj, action)
            if transition is None:
                raise TransitionError(
                    _("This action is not possible now: the status is “%(status)s”.")
                    % {"status": obj.get_status_display()}
                )
            if not (transition.allowed(actor, obj) and scoping.acts_in_agency_of(actor, obj)):
                raise TransitionError(_("You are not allowed to do this."))
            if transition.reason_required and not reason:
                raise TransitionError(_("Please give a reason."))
            refusal = transition.refusal(obj)
            if refusal:
                raise TransitionError(refusal)
            by_status.setdefault((obj.status, transition.target), []).append(obj)
        model = type(objs[0])
        content_type = ContentType.objects.get_for_model(model)
        now = timezone.now()
        entries = []
        with transaction.atomic():
            for (old_status, target), group in by_status.items():
                values = {"status": target, **(changes or {})}
                updated = model.objects.filter(pk__in=[obj.pk for obj in group], status=old_status).update(**values)
                if updated != len(group):
                    raise TransitionError(
                        _("Somebody else has changed this meanwhile. Reload the page to see its current state.")
                    )
                for obj in group:
                    for name, value in values.items():
                        setattr(obj, name, value)
                    entries.append(TimelineEntry(
                        content_type=content_type, object_id=obj.pk, action=action, from_status=old_status,
                        to_status=target, actor=actor if actor and actor.is_authenticated else None, at=now,
                        reason=reason, data=(data(obj) if callable(data) else data) or {},
                    ))
            TimelineEntry.objects.bulk_create(entries)
            self._after_commit(list(zip([obj for group in by_status.values() for obj in group], entries)))
        return entries

    def timeline(self, obj):
        """The timeline of `obj` with human labels: `label` (the action), `from_label`, `to_label`.
        Rows written by `log_action` (changes that are not transitions) carry their registered label."""
        actions = {**LOGGED_ACTIONS, **{t.action: t.label for t in self.transitions}}
        statuses = dict(type(obj)._meta.get_field("status").flatchoices)
        entries = list(timeline_of(obj))
        for entry in entries:
            entry.label = actions.get(entry.action, entry.action)
            entry.from_label = statuses.get(entry.from_status, "")
            entry.to_label = statuses.get(entry.to_status, "")
        return entries


#: Labels of the actions written by `log_action`: action → translated label. Each domain module registers
#: its own with `logged_action` so that no raw code reaches a timeline.
LOGGED_ACTIONS = {}


def logged_action(action, label):
    """Register the human label of an action written by `log_action`; returns `action`."""
    LOGGED_ACTIONS[action] = label
    return action


def log_action(obj, action, *, actor, reason="", data=None):
    """Write a timeline row for a change of `obj` that is not a status transition (a condition set aside,
    a file added or removed, a delegation granted, a catalogue entry changed), the status unchanged.
    `action` must have been registered with `logged_action`. Returns the entry."""
    if action not in LOGGED_ACTIONS:
        raise ValueError(f"unregistered timeline action: {action}")
    status = getattr(obj, "status", "") or ""
    return TimelineEntry.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        action=action,
        from_status=status,
        to_status=status,
        actor=actor if actor and actor.is_authenticated else None,
        at=timezone.now(),
        reason=(reason or "").strip(),
        data=data or {},
    )


def labelled_timeline(obj):
    """The timeline of an object that has no workflow (a catalogue entry, a delegation), with labels."""
    entries = list(timeline_of(obj))
    for entry in entries:
        entry.label = LOGGED_ACTIONS.get(entry.action, entry.action)
    return entries


def timeline_of(obj):
    """The timeline entries of `obj`, oldest first, with their actors."""
    return TimelineEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("actor")


#: The colour of a status badge (Bootstrap's `text-bg-*`), shared by every workflow so that the same word
#: looks the same everywhere: waiting on somebody is blue, sent back is amber, done is green.
STATUS_STYLES = {
    "draft": "secondary",
    "returned": "warning", "more_docs": "warning",
    "submitted": "primary", "resubmitted": "primary", "checked": "primary",
    "voted": "info", "forwarded": "info", "reviewing": "info",
    "approved": "success", "accepted": "success", "received": "success", "decided": "success",
    "issued": "success",
    "closed": "dark",
    "rejected": "danger",
}


def status_style(status):
    return STATUS_STYLES.get(status, "secondary")
