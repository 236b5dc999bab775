"""Logins: the lockout page after too many failures, and unlocking by an administrator.

Failures are counted by django-axes per (user name, address) pair (settings AXES_*); a locked pair
gets `lockout_response` until the cool-off ends or an administrator unlocks the user name.
"""
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.utils import timezone


def lockout_response(request, original_response=None, credentials=None):
    """The Vietnamese lockout page (HTTP 429), saying how long the lock lasts."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60) if settings.AXES_COOLOFF_TIME else None
    return render(request, "registration/locked_out.html", {
        "failure_limit": settings.AXES_FAILURE_LIMIT, "lockout_minutes": minutes,
    }, status=429)


def login_locked_expression():
    """A query expression, for a queryset of users: is the user name locked from some address now?"""
    attempts = AccessAttempt.objects.filter(
        username=OuterRef("username"), failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
    )
    if settings.AXES_COOLOFF_TIME:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    return Exists(attempts)


def unlock_logins(usernames):
    """Forgets the failed logins of these user names from every address; returns how many records went."""
    return sum(reset(username=username) for username in usernames)


def client_address(request):
    """The address of the person logging in, for the lockout (AXES_CLIENT_IP_CALLABLE).

    Behind TRUSTED_PROXY_COUNT proxies (an HTTPS proxy in front of gunicorn: 1), the address is the one
    the outermost trusted proxy saw, read from the right of X-Forwarded-For; a client cannot forge it
    by sending its own header, whose entries stay on the left. Without proxies: REMOTE_ADDR.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
