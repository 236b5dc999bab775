"""The navigation and the home page ("Việc cần làm"), filled by each app.

Apps register menu entries and task providers from their AppConfig.ready(); the core never imports them.
A menu entry is shown only to users for whom its `visible(user)` predicate (from emulation.permissions
or the app's own rules) is true.
"""
from dataclasses import dataclass
from typing import Callable

from django.urls import reverse


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    visible: Callable
    order: int = 100


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


def register_menu(label, url_name, visible, order=100):
    entry = MenuEntry(label, url_name, visible, order)
    if entry not in _menu:
        _menu.append(entry)


def register_tasks(provider, order=100):
    """`provider(user)` returns a list of Task for that user's home page."""
    if all(p is not provider for _, p in _task_providers):
        _task_providers.append((order, provider))


def menu_for(user):
    if not user.is_authenticated:
        return []
    entries = sorted((e for e in _menu if e.visible(user)), key=lambda e: e.order)
    return [{"label": e.label, "url": reverse(e.url_name), "url_name": e.url_name} for e in entries]


def tasks_for(user):
    tasks = []
    for _, provider in sorted(_task_providers, key=lambda pair: pair[0]):
        tasks.extend(provider(user))
    return tasks


def navigation(request):
    """Template context processor: the menu of the current user."""
    return {"nav_menu": menu_for(request.user) if hasattr(request, "user") else []}
