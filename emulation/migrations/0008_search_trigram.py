"""Trigram indexes on the folded names of staff and units (PostgreSQL only: emulation.trigram)."""
from django.db import migrations

from emulation.trigram import trigram_index


class Migration(migrations.Migration):

    dependencies = [
        ("emulation", "0007_merge_0006_delegation_0006_import_mapping"),
    ]

    operations = [
        trigram_index("emulation_staff", "search_text", "staff_search_trgm"),
        trigram_index("emulation_unit", "search_text", "unit_search_trgm"),
    ]
