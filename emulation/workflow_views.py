"""The one view helper every workflow's action endpoint uses (plans, unit reports, registrations,
nominations): read the action and the reason from a POST, refuse what the table does not offer as a
button, perform it through the app's workflow entry, and turn a TransitionError into a message.
"""
from django.contrib import messages
from django.utils.translation import gettext as _

from emulation.workflow import TransitionError


def unconfirmed(request, workflow, obj, action):
    """True (with a message asking to confirm) when `action` on `obj` asks for a confirmation and this POST
    does not carry the ticked "confirmed" box; nothing must then change. Only asked of a person who may do
    it now: anybody else gets the workflow's own refusal."""
    transition = workflow.find(obj, action)
    if transition is None or not transition.confirm or request.POST.get("confirmed") == "on":
        return False
    if transition not in workflow.available(obj, request.user):
        return False
    messages.warning(request, _("%(question)s Nothing has been done yet: tick “Yes, I confirm”, then press the "
                                "button again.") % {"question": transition.confirm})
    return True


def perform_from_post(request, obj, workflow, perform, *, action=None, done=None):
    """Perform the button action of this POST on `obj`; return True when it was done.

    - `workflow`: the object's `Workflow` table; only its button actions are accepted (an action that
      needs its own form, such as a council vote or a decision, is refused with a message).
    - `perform(obj, action, *, actor, reason)`: the app's one entry (`<app>/workflow.py`).
    - `action`: taken from the URL when given, else from the POST's `action` field; the reason from
      the POST's `reason` field.
    - `done`: the success message, or a function of the action giving it; by default "Done: <status>".
    A transition marked `confirm` is refused, with a message, unless the POST carries `confirmed=on`.
    Every refusal (wrong status, wrong person, missing reason, somebody else acted meanwhile) becomes an
    error message; nothing is raised.
    """
    action = action or request.POST.get("action", "")
    reason = request.POST.get("reason", "")
    if action not in workflow.button_actions:
        if any(t.action == action for t in workflow.transitions):
            messages.error(request, _("This action can only be done through its own form."))
        else:
            messages.error(request, _("This action is not possible now: the status is “%(status)s”.")
                           % {"status": obj.get_status_display()})
        return False
    if unconfirmed(request, workflow, obj, action):
        return False
    try:
        perform(obj, action, actor=request.user, reason=reason)
    except TransitionError as error:
        messages.error(request, error.message)
        return False
    if callable(done):
        message = done(action)
    else:
        message = done or _("Done: %(status)s.") % {"status": obj.get_status_display()}
    messages.success(request, message)
    return True
