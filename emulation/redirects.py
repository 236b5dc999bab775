"""Following a `next` address only when it stays on this site (no open redirect)."""
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def is_safe_next(request, url):
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def redirect_next(request, fallback):
    """Redirect to the POSTed (or GET) `next` when it is a same-site address, else to `fallback`."""
    url = request.POST.get("next") or request.GET.get("next")
    return redirect(url if is_safe_next(request, url) else fallback)
