"""`manage.py restore FILE [--force]` (make restore FILE=…): restores an archive made by `backup`."""
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from emulation.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = ("Restores a backup archive into an empty database after checking every checksum; "
            "--force replaces a database and uploaded files that already hold data.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="archive written by the backup command")
        parser.add_argument("--force", action="store_true", help="replace the data already present")

    def handle(self, *args, file, force=False, **options):
        try:
            result = restore_backup(file, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(_("Restored %(path)s: %(tables)d tables, %(rows)d rows, %(files)d files, all checked.") % {
            "path": result.path, "tables": len(result.tables), "rows": result.rows, "files": result.files,
        })
