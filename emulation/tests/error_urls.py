"""The project's URLs plus views that fail on purpose, for the error page tests."""
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def forbidden(request):
    raise PermissionDenied("secret-detail: forbidden for internal reason")


def broken(request):
    raise RuntimeError("secret-detail: /etc/thidua/database password=hunter2")


def locked(request):
    raise OperationalError("database is locked (secret-detail)")


urlpatterns = [path("test-forbidden/", forbidden), path("test-broken/", broken), path("test-locked/", locked),
               *project_urlpatterns]
