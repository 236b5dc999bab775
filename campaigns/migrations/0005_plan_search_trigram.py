"""A trigram index on the folded text of plans (PostgreSQL only: emulation.trigram)."""
from django.db import migrations

from emulation.trigram import trigram_index


class Migration(migrations.Migration):

    dependencies = [
        ("campaigns", "0004_merge_0003_revision_locks_0003_statistics"),
    ]

    operations = [
        trigram_index("campaigns_plan", "search_text", "plan_search_trgm"),
    ]
