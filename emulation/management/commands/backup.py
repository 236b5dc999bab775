"""`manage.py backup [--output PATH]` (make backup): one archive of the database and uploaded files."""
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from emulation.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Writes one archive: database dump, uploaded files and a manifest with counts and SHA-256 checksums."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="archive file or folder (default: BACKUP_DIR, var/backups)")

    def handle(self, *args, output=None, **options):
        try:
            result = create_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(_("Backup written to %(path)s: %(tables)d tables, %(rows)d rows, %(files)d files.") % {
            "path": result.path, "tables": len(result.tables), "rows": result.rows, "files": result.files,
        })
