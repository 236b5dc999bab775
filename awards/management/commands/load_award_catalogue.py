"""Add the award types and rule sets of awards.catalogue_data that are missing. Safe to run twice."""
from django.core.management.base import BaseCommand

from awards.catalogue_data import load, load_rewards
from awards.models import AwardType, BaseSalary, Rule, RuleSet


class Command(BaseCommand):
    help = "Add missing award types and rule sets from the built-in catalogue (existing rows are kept)."

    def handle(self, *args, **options):
        types, sets = load(AwardType, RuleSet, Rule)
        load_rewards(AwardType, BaseSalary)
        self.stdout.write(f"{types} award types and {sets} rule sets added.")
