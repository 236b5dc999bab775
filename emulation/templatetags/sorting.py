"""`{% sort_header sort key label %}`: a column header that sorts the list (emulation.sorting)."""
from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

ARROWS = {"ascending": " ▲", "descending": " ▼", "": ""}


@register.simple_tag
def sort_header(sort, key, label):
    direction = sort.direction(key)
    return format_html('<a class="sort-link link-body-emphasis" href="{}" data-sort="{}"{}>{}</a><span aria-hidden="true">{}</span>',
                       sort.link(key), key, mark_safe(' aria-current="true"') if direction else "", label,
                       ARROWS[direction])
