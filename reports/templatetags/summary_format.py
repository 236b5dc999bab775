"""Numbers as Vietnamese documents write them: 1.234,5 (dot for thousands, comma for decimals)."""
from django import template
from reports.labels import AWARD_LEVELS

register = template.Library()


@register.filter
def vn_number(value):
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


@register.filter
def award_level(level):
    """“Cấp tỉnh”: an award level as the document prints it."""
    return AWARD_LEVELS.get(level, level)


@register.filter
def numeric_column(index, table):
    return index in table.numeric


@register.filter
def texts_of(texts, item_id):
    """What units wrote on one item (reports.summaries.unit_texts), empty when nobody wrote anything."""
    return (texts or {}).get(item_id) or {"texts": [], "more": 0}
