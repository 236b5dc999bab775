"""Vietnamese text helpers: Unicode composition and accent-insensitive search.

Search works on a folded copy of the text stored beside it (lower case, no diacritics, "đ" → "d"),
computed in Python, so that matching is identical on SQLite and PostgreSQL.
"""
import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text):
    """The text in Unicode NFC with surrounding and repeated spaces removed; None stays None."""
    if text is None:
        return None
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(text))).strip()


def fold(text):
    """Lower case ASCII form for matching: "Nguyễn Đức Trung" → "nguyen duc trung"."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text)).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip()


def search(queryset, query, field="search_text"):
    """Filter `queryset` to rows whose folded `field` contains every word of `query`."""
    for word in fold(query).split():
        queryset = queryset.filter(**{f"{field}__contains": word})
    return queryset
