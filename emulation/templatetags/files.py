"""Links to a file that the browser can show: the one pair of buttons, "open" (the browser's PDF viewer)
and "Tải về" (the same URL with ?download=1, served as an attachment; see emulation.uploads.opens_inline)."""
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django import template

from emulation.uploads import DOWNLOAD_PARAM

register = template.Library()


def with_query(url, **params):
    """`url` with `params` added to its query (replacing those of the same name)."""
    parts = urlsplit(str(url))
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key not in params]
    return urlunsplit(parts._replace(query=urlencode([*query, *params.items()])))


def download_url(url):
    """`url` with ?download=1 added (its other query parameters kept)."""
    return with_query(url, **{DOWNLOAD_PARAM: "1"})


register.filter("download_url", download_url)


@register.inclusion_tag("includes/file_buttons.html")
def file_buttons(url, label, size="", testid="", **query):
    """`{% file_buttons url label year=year %}`: the open button (new tab, the browser's viewer) and
    "Tải về"; other keyword arguments go into both links' query. `size="sm"` for table rows; `testid`
    names both buttons for tests (`<testid>` and `<testid>-download`)."""
    url = with_query(url, **{key: value for key, value in query.items() if value not in (None, "")})
    return {"url": url, "download": download_url(url), "label": label, "small": size == "sm", "testid": testid}
