"""Filters of the LOGGING setting."""
import logging
import os
import traceback

from django.conf import settings
from django.core.exceptions import PermissionDenied

_PERMISSIONS_MODULE = os.path.join("emulation", "permissions.py")


class OneLineRefusals(logging.Filter):
    """Make Django's warning about a 403 (`django.request`, logged with the whole traceback) one line:
    who, what and why. A refusal is the app working as intended; a traceback for each one buries real
    errors in the log. Refusals carry no message (`permissions.require` raises a bare PermissionDenied),
    so "why" is the message if there is one, and the line of our code that refused."""

    def filter(self, record):
        exc_info = record.exc_info
        if not (exc_info and isinstance(exc_info[1], PermissionDenied)):
            return True
        request = getattr(record, "request", None)
        user = getattr(request, "user", None)
        who = f"user {user.get_username()} (id {user.pk})" if user is not None and user.is_authenticated else "anonymous"
        what = f"{request.method} {request.path}" if request is not None else "?"
        reasons = [str(exc_info[1])] if str(exc_info[1]) else []
        place = _refusing_line(exc_info[2])
        if place:
            reasons.append(f"refused in {place}")
        record.msg = "Forbidden: %s %s: %s"
        # Escaped as Django escapes its own arguments: a path or name cannot start a forged log line.
        record.args = tuple(_escaped(part) for part in (who, what, "; ".join(reasons) or "no reason given"))
        record.exc_info = None
        record.exc_text = None
        return True


def _refusing_line(tb):
    """The innermost frame of the project's own code outside the permission helpers, as "path:line in
    function" relative to the project."""
    base = str(settings.BASE_DIR) + os.sep
    place = ""
    for frame in traceback.extract_tb(tb):
        if frame.filename.startswith(base) and ".venv" not in frame.filename \
                and not frame.filename.endswith(_PERMISSIONS_MODULE):
            place = f"{frame.filename[len(base):]}:{frame.lineno} in {frame.name}"
    return place


def _escaped(text):
    return text.encode("unicode_escape").decode("ascii")
