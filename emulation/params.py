"""Reading common values from a request's address, the same way on every page."""
from django.utils import timezone


def year_param(request):
    """The year asked for with `?year=` (kept within 2000–2100), else the current one."""
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), 2100)
