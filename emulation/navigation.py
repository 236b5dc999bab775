"""The navigation and the home page ("Việc cần làm"), filled by each app.

Apps register menu entries and task providers from their AppConfig.ready(); the core never imports them.
A menu entry is shown only to users for whom its `visible(user)` predicate (from emulation.permissions
or the app's own rules) is true.
"""
from dataclasses import dataclass
from typing import Callable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The sections of the navigation bar; an entry names its section by key.
GROUPS = {
    "movement": (_("Emulation movement"), 10),
    "awards": (_("Commendation"), 20),
    "organisation": (_("Organisation"), 90),
}


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    visible: Callable
    order: int = 100
    group: str = ""


@dataclass
class Task:
    """One card on the home page: a title, a figure or a short text, and where to go."""

    title: str
    url: str
    count: int | None = None
    detail: str = ""
    urgent: bool = False


_menu: list[MenuEntry] = []
_task_providers: list[tuple[int, Callable]] = []


def register_menu(label, url_name, visible, order=100, group=""):
    """Add an entry; `group` is a key of GROUPS (a dropdown of the bar) or "" for a top-level link."""
    entry = MenuEntry(label, url_name, visible, order, group)
    if entry not in _menu:
        _menu.append(entry)


def register_tasks(provider, order=100):
    """`provider(user)` returns a list of Task for that user's home page."""
    if all(p is not provider for _, p in _task_providers):
        _task_providers.append((order, provider))


def menu_for(user):
    """The bar for `user`: a list of sections {"label", "items": [{"label", "url", "url_name"}]}.

    A section with a single visible entry is shown as that entry alone (label None).
    """
    if not user.is_authenticated:
        return []
    sections = {}
    for entry in sorted((e for e in _menu if e.visible(user)), key=lambda e: e.order):
        key = entry.group or entry.url_name
        label, order = GROUPS.get(entry.group, (None, entry.order))
        section = sections.setdefault(key, {"label": label, "order": order, "items": []})
        section["items"].append({"label": entry.label, "url": reverse(entry.url_name), "url_name": entry.url_name})
    ordered = sorted(sections.values(), key=lambda section: section["order"])
    for section in ordered:
        if len(section["items"]) == 1:
            section["label"] = None
    return ordered


def menu_entries(url_name):
    """The registered menu entries of page `url_name` (their `visible` predicates say who may open it)."""
    return [entry for entry in _menu if entry.url_name == url_name]


def tasks_for(user):
    tasks = []
    for _order, provider in sorted(_task_providers, key=lambda pair: pair[0]):
        tasks.extend(provider(user))
    return tasks


def navigation(request):
    """Template context processor: the menu of the current user."""
    return {"nav_menu": menu_for(request.user) if hasattr(request, "user") else []}
