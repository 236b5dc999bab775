# The Delegation model now lives in emulation (emulation 0003) on the same table: forget it here without
# touching the table.
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0003_round_plan_and_nomination_reports"),
        ("emulation", "0003_delegation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Delegation")],
            database_operations=[],
        ),
    ]
