"""Seed the award catalogue and the rule sets (NĐ 98/2023, NĐ 152/2025) on every install.

The catalogue must exist in a fresh production database, not only in the demo, so it is a data
migration; `manage.py load_award_catalogue` adds entries appended later. Existing rows are never changed.
"""
from django.db import migrations


def load(apps, schema_editor):
    from awards.catalogue_data import load as load_catalogue

    load_catalogue(apps.get_model("awards", "AwardType"), apps.get_model("awards", "RuleSet"), apps.get_model("awards", "Rule"))


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
