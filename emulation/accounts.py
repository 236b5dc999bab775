"""Logins: the lockout page after too many failures, and unlocking by an administrator.

Failures are counted by django-axes per (user name, address) pair (settings AXES_*); a locked pair
gets `lockout_response` until the cool-off ends or an administrator unlocks the user name.
"""
import functools
import ipaddress

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

    X-Forwarded-For is read only when the request comes straight from one of TRUSTED_PROXIES (the HTTPS
    proxy in front of gunicorn): anyone else who reaches gunicorn directly could send a new header with
    every guess and never be locked. From a trusted proxy, the address is the rightmost entry that is not
    itself a trusted proxy; a client's own forged entries stay on the left. Otherwise: REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted_proxy(remote):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for address in reversed(forwarded):
        if not _is_trusted_proxy(address):
            return address
    return remote


def _is_trusted_proxy(address):
    try:
        address = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(address in network for network in _trusted_networks(tuple(settings.TRUSTED_PROXIES)))


@functools.lru_cache(maxsize=4)
def _trusted_networks(proxies):
    return [ipaddress.ip_network(proxy, strict=False) for proxy in proxies]
