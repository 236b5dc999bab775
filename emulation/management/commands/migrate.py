"""Django's `migrate`, which may create a missing SQLite database file (see config.sqlite).

The permission covers `execute`, not only `handle`: the system checks that run first already open the
database (a fresh clone has no file yet)."""
from django.core.management.commands.migrate import Command as MigrateCommand

from config.sqlite.base import allow_create


class Command(MigrateCommand):
    def execute(self, *args, **options):
        with allow_create():
            return super().execute(*args, **options)
