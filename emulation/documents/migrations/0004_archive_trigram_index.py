"""Indexes of the archive's search (reports.archive) over 100,000 documents.

On PostgreSQL, trigram (pg_trgm) GIN indexes on the folded search columns, so that the search page's
`LIKE '%word%'` reads the index instead of every row: made by the shared helper `emulation.trigram`
(the same `CREATE INDEX IF NOT EXISTS` of the same names as before it existed). SQLite (development)
cannot index such a pattern: it gets a covering index of the folded columns instead (SQLITE_INDEX). Both
are created only on their own database (the operations check the vendor). B-tree indexes: kind + date,
date, symbol + number (0001, 0002), and the number alone (here: a typed number is matched exactly).
"""
from django.db import migrations, models

from emulation.trigram import trigram_index

TABLE = "documents_issueddocument"
INDEXES = {
    "issued_document_search_trgm": "search_text",
    "issued_document_signer_trgm": "signer_search",
}


#: SQLite cannot index `LIKE '%word%'`; a covering index of the folded columns lets it count the matches
#: by reading this narrow index instead of every row with its PDF (100,000 rows: about 5 times faster).
SQLITE_INDEX = "issued_document_search_cover"


def create_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {SQLITE_INDEX} ON {TABLE} (search_text, signer_search, issue_date, kind)")


def drop_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {SQLITE_INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0003_verification_code"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="issueddocument",
            index=models.Index(fields=["number"], name="issued_document_number"),
        ),
        migrations.RunPython(create_sqlite, drop_sqlite, elidable=False),
        *(trigram_index(TABLE, column, name) for name, column in INDEXES.items()),
    ]
