# The Director's delegation moved here from awards (the table keeps its name): every app asks whether a
# Deputy Director acts for the Director (emulation.permissions.acts_for_director). State only: the table
# awards_delegation was created by awards 0001 and is left as it is.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("emulation", "0005_merge_20261129_1219"),
        # The table was created there; later operations on this model must find it.
        ("awards", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Delegation",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("valid_from", models.DateField(verbose_name="from")),
                        ("valid_to", models.DateField(blank=True, null=True, verbose_name="to")),
                        ("document", models.CharField(blank=True, max_length=100, verbose_name="delegation document")),
                        ("deputy", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="award_delegations", to=settings.AUTH_USER_MODEL, verbose_name="deputy director")),
                        ("granted_by", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="granted by")),
                    ],
                    options={
                        "verbose_name": "delegation",
                        "verbose_name_plural": "delegations",
                        "db_table": "awards_delegation",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
