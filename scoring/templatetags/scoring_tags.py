from django import template

from scoring.ranking import points_text

register = template.Library()


@register.filter
def points(value):
    """Points the Vietnamese way (92,5); empty for None."""
    return points_text(value) if value is not None else ""
