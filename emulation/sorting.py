"""Lists sorted by their columns, the one way: `?sort=<key>` ascending, `?sort=-<key>` descending, keys
whitelisted by the view; the column headers link to the other direction keeping every other GET
parameter (filters), and the pagination (includes/pagination.html) keeps the sort.

    staff, sort = sort_by(request, staff, {"name": ("full_name",), "unit": ("unit__path",)},
                          default=("unit__path", "search_text"))
    ... {"sort": sort}   and in the template: {% load sorting %}<th>{% sort_header sort "name" _("Full name") %}</th>
"""
from dataclasses import dataclass

from django.http import QueryDict

SORT_PARAM = "sort"


@dataclass(frozen=True)
class Sort:
    key: str  # the chosen column ("" = the list's default order)
    descending: bool
    params: QueryDict

    def link(self, key):
        """The query string sorting by `key`: ascending, or descending when it is already ascending."""
        params = self.params.copy()
        params.pop("page", None)
        params[SORT_PARAM] = f"-{key}" if key == self.key and not self.descending else key
        return "?" + params.urlencode()

    def direction(self, key):
        """"ascending" / "descending" for the column sorted by now, else "" (for aria-sort)."""
        if key != self.key:
            return ""
        return "descending" if self.descending else "ascending"


def sort_by(request, queryset, keys, *, default):
    """`queryset` ordered as `?sort=` asks when its key is one of `keys` (key → field names), else by
    `default`; the primary key ends every order so that pages never overlap. Returns (queryset, Sort)."""
    raw = request.GET.get(SORT_PARAM, "")
    descending, key = raw.startswith("-"), raw.lstrip("-")
    if key not in keys:
        return queryset.order_by(*default, "pk"), Sort("", False, request.GET)
    fields = [f"-{name}" if descending else name for name in keys[key]]
    return queryset.order_by(*fields, "-pk" if descending else "pk"), Sort(key, descending, request.GET)
