"""Reading common values from a request's address, the same way on every page."""
from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext as _


def year_param(request):
    """The year asked for with `?year=` (kept within 2000–2100), else the current one. A year typed with
    letters is said so (a message on the page), not dropped silently."""
    typed = (request.GET.get("year") or "").strip()
    try:
        year = int(typed or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
        messages.warning(request, _("“%(typed)s” is not a year: type it in digits, for example %(year)s. The page "
                                    "shows %(year)s.") % {"typed": typed[:20], "year": year})
    return min(max(year, 2000), 2100)
