"""Load the demo data of every app (its `demo.seed()`), in the order of INSTALLED_APPS. Idempotent."""
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from emulation.demo import DEMO_LOGINS, DEMO_PASSWORD
from emulation.demo_agencies import DEMO_LOGINS as SECOND_AGENCY_LOGINS
from emulation.demo_agencies import PROVINCE_DEMO_LOGINS


class Command(BaseCommand):
    help = "Load the demo data (safe to run twice: what exists is kept)."

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            if find_spec(f"{config.name}.demo") is None:
                continue
            with transaction.atomic():
                summary = import_module(f"{config.name}.demo").seed()
            self.stdout.write(f"{config.name}: {summary}")
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
        for username, role in DEMO_LOGINS:
            self.stdout.write(f"  {username:<14} {role.label}")
        self.stdout.write("Sở Y tế (a second agency):")
        for username, role in SECOND_AGENCY_LOGINS:
            self.stdout.write(f"  {username:<14} {role.label}")
        self.stdout.write("Ban Thi đua - Khen thưởng tỉnh (the province):")
        for username, role in PROVINCE_DEMO_LOGINS:
            self.stdout.write(f"  {username:<14} {role.label}")
