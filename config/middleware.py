import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.functional import empty
from django.utils.translation import gettext as _

from emulation.concurrency import is_database_busy
from emulation.logins import LAST_REQUEST_KEY

logger = logging.getLogger(__name__)


class LanguageMiddleware:
    """Vietnamese unless the person chose another language with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so most browsers would get
    English; our users expect Vietnamese first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class IdleSessionMiddleware:
    """Logs a person out when more than SESSION_IDLE_MINUTES passed since their last request.

    The time of the last request is written to the session at most once per
    SESSION_IDLE_REFRESH_SECONDS, so a page does not cost a session write; the session therefore ends
    between the idle time and one refresh step earlier. Login stamps the time (see `emulation.logins.stamp_login`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            self._check(request, session)
        return self.get_response(request)

    def _check(self, request, session):
        now = int(time.time())
        last = session.get(LAST_REQUEST_KEY)
        if last is None:
            if SESSION_KEY in session:
                session[LAST_REQUEST_KEY] = now
            return
        if now - last > settings.SESSION_IDLE_MINUTES * 60:
            logout(request)
            messages.info(request, _(
                "You were logged out after %(minutes)d minutes without activity. Please log in again."
            ) % {"minutes": settings.SESSION_IDLE_MINUTES})
        elif now - last >= settings.SESSION_IDLE_REFRESH_SECONDS:
            session[LAST_REQUEST_KEY] = now


class PasswordChangeRequiredMiddleware:
    """A login whose password somebody else chose (`User.must_change_password`: a new login, a reset by
    the Office, the set-up command's first login) is sent to the password-change page from every other
    page until its owner picks their own password (emulation.login_views.OwnPasswordChangeView clears
    the flag). Logging out and switching the language stay open."""

    OPEN_URL_NAMES = ("password_change", "password_change_done", "logout", "set_language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password \
                and request.path not in self._open_paths():
            messages.info(request, _("Your password was set by someone else. Please choose your own password "
                                     "before you go on."))
            return redirect("password_change")
        return self.get_response(request)

    def _open_paths(self):
        return {reverse(name) for name in self.OPEN_URL_NAMES}


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every answer to a logged-in person and on every download.

    Pages of a logged-in person carry personal data (names, identity numbers, evaluations), so no
    browser or proxy cache may keep them. A request with a session cookie counts as logged in: this
    avoids loading the session only to decide about caching.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        logged_in = settings.SESSION_COOKIE_NAME in request.COOKIES or bool(
            user is not None and getattr(user, "_wrapped", None) is not empty and user.is_authenticated
        )
        download = response.get("Content-Disposition", "").startswith(("attachment", "inline"))
        if logged_in or download:
            add_never_cache_headers(response)
        return response


def busy_response():
    """The 503 page asking to try again in a moment, rendered without the request (no database)."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "5"
    return response


class DatabaseBusyMiddleware:
    """A request that found the database busy (another person's import, a worker's job) gets the kind 503
    page, never a 500. What it was writing inside a transaction was rolled back with the error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_busy(exception):
            logger.warning("Database busy: %s %s answered 503 (%s)", request.method, request.path, exception)
            return busy_response()
        return None


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except that a session that cannot be saved because the database is busy gets the kind
    503 page rather than Django's 400 ("the session was deleted before the request completed")."""

    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        except SessionInterrupted as interrupted:
            if not is_database_busy(interrupted):
                raise
            logger.warning("Database busy: the session of %s %s was not saved", request.method, request.path)
            return busy_response()
