"""Django's `migrate`, which may create a missing SQLite database file (see emulation.sqlite)."""
from django.core.management.commands.migrate import Command as MigrateCommand

from emulation.sqlite.base import allow_create


class Command(MigrateCommand):
    def handle(self, *args, **options):
        with allow_create():
            return super().handle(*args, **options)
