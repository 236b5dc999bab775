# The Delegation model now lives in emulation (emulation 0003) on the same table: forget it here without
# touching the table.
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0004_statistics"),
        ("emulation", "0006_delegation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Delegation")],
            database_operations=[],
        ),
    ]
