from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from campaigns.reminders import send_reminders


class Command(BaseCommand):
    help = "Remind unit heads of reports due soon or overdue (in the app and by e-mail). Safe to run again."

    def handle(self, *args, **options):
        summary = send_reminders()
        self.stdout.write(_("Reminders sent: %(due)d due soon, %(overdue)d overdue.") % {
            "due": summary.due_soon, "overdue": summary.overdue})
