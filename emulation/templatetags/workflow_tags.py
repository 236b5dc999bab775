"""Template helpers of the one status badge (templates/includes/status_badge.html)."""
from django import template

from emulation.workflow import status_style as _status_style

register = template.Library()


@register.filter
def status_style(obj):
    """The Bootstrap colour of `obj`'s status badge."""
    return _status_style(getattr(obj, "status", ""))
