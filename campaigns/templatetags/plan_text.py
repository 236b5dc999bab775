"""Template filters for printing plan text in documents."""
from django import template

register = template.Library()


@register.filter
def paragraphs(text):
    """The non-empty lines of `text`: each line typed by the clerk is one paragraph of the document."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
