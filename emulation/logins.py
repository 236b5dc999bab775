"""The logins of an agency, kept by its Office: create one for a person of the staff, reset its password,
unlock it after too many failed logins, deactivate or reactivate it.

Each change happens inside one transaction with a row on the login's timeline (emulation.workflow
.log_action). A password chosen by somebody else than the login's owner (a new login, a reset) is
temporary: the login must change it at its next login (`User.must_change_password`, enforced by
config.middleware.PasswordChangeRequiredMiddleware). Who may call these is the views' question
(`permissions.can_manage_logins`, the login fetched through `permissions.scope_logins`).
"""
import secrets
import time

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.accounts import unlock_logins
from emulation.models import Staff, User
from emulation.text import fold
from emulation.workflow import log_action, logged_action

LOGIN_CREATED = logged_action("login_created", gettext_lazy("Login created"))
PASSWORD_RESET = logged_action("password_reset", gettext_lazy("Password reset (temporary password)"))
ROLE_CHANGED = logged_action("login_role_changed", gettext_lazy("Role or unit changed"))
LOGIN_UNLOCKED = logged_action("login_unlocked", gettext_lazy("Login unlocked"))
LOGIN_DEACTIVATED = logged_action("login_deactivated", gettext_lazy("Login deactivated"))
LOGIN_REACTIVATED = logged_action("login_reactivated", gettext_lazy("Login reactivated"))

#: Session key holding the time (seconds since the epoch) of the last request seen
#: (config.middleware.IdleSessionMiddleware reads it).
LAST_REQUEST_KEY = "last_request_at"


def stamp_login(sender, request, user, **kwargs):
    """Receiver of `user_logged_in`: the idle clock starts at login."""
    if getattr(request, "session", None) is not None:
        request.session[LAST_REQUEST_KEY] = int(time.time())


class LoginError(Exception):
    """A change that cannot be made; the message is translated and meant for the person."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def temporary_password():
    """A random password of 12 letters and digits, to be read out or written down once."""
    return secrets.token_urlsafe(9)


def search_logins(queryset, text):
    """Logins whose user name, or whose person's name (accents and case ignored), contains every word."""
    for word in text.split():
        queryset = queryset.filter(Q(username__icontains=word) | Q(staff_record__search_text__contains=fold(word)))
    return queryset


def _split_name(full_name):
    """“Lê Thị Thu Hà” → ("Lê Thị Thu", "Hà"): family and middle names, then the given name."""
    family, _sep, given = full_name.strip().rpartition(" ")
    return family, given


def create_login(*, staff, username, role, unit, password, actor):
    """A new active login `username` for `staff` (who has none), with `role` and `unit`, in the unit's agency
    (or the actor's when there is no unit), its password `password` to be changed at its first login.
    Raises LoginError when the person got a login meanwhile. Returns the login."""
    family, given = _split_name(staff.full_name)
    with transaction.atomic():
        login = User(username=username, first_name=given, last_name=family, email=staff.email, role=role,
                     unit=unit, agency_id=actor.agency_id, must_change_password=True)
        login.set_password(password)
        login.save()
        # Conditional: two people creating a login for the same person at once give one login.
        if not Staff.objects.filter(pk=staff.pk, user__isnull=True).update(user=login):
            transaction.set_rollback(True)
            raise LoginError(_("%(name)s already has a login; open it from the list of logins.")
                             % {"name": staff.full_name})
        log_action(login, LOGIN_CREATED, actor=actor, data={"role": role, "unit": unit.pk if unit else None,
                                                            "staff": staff.pk})
    return login


def reset_password(login, *, password, actor):
    """Give `login` the temporary `password` (to be changed at its next login); a timeline row."""
    with transaction.atomic():
        login.set_password(password)
        login.must_change_password = True
        login.save(update_fields=["password", "must_change_password"])
        log_action(login, PASSWORD_RESET, actor=actor)


def unlock(login, *, actor):
    """Forget the failed logins of `login`'s user name from every address (as the administration's “Unlock
    login” action does); a timeline row with how many records went. Returns that number."""
    with transaction.atomic():
        removed = unlock_logins([login.username])
        log_action(login, LOGIN_UNLOCKED, actor=actor, data={"attempts": removed})
    return removed


def change_role(login, *, role, unit, actor):
    """Give `login` another role and/or unit (a unit of the actor's agency); nobody changes their own (an
    Office could take away its own right to keep logins). A timeline row with the old and the new values
    when something changed."""
    if login.pk == actor.pk:
        raise LoginError(_("You cannot change the role of your own login; ask someone else of the Office."))
    before = {"role": login.role, "unit": login.unit_id}
    after = {"role": role, "unit": unit.pk if unit else None}
    if before == after:
        return
    with transaction.atomic():
        login.role, login.unit = role, unit
        login.save(update_fields=["role", "unit", "agency"])
        log_action(login, ROLE_CHANGED, actor=actor, data={"from": before, "to": after})


def set_active(login, active, *, actor):
    """Deactivate (nobody can log in with it any more; its history stays) or reactivate `login`. Nobody
    deactivates their own login: an Office could lock itself out. A timeline row when something changed."""
    if login.pk == actor.pk:
        raise LoginError(_("You cannot deactivate or reactivate your own login."))
    with transaction.atomic():
        if User.objects.filter(pk=login.pk, is_active=not active).update(is_active=active):
            log_action(login, LOGIN_REACTIVATED if active else LOGIN_DEACTIVATED, actor=actor)
    login.is_active = active
