"""Indexes of the archive's search (reports.archive) over 100,000 documents.

On PostgreSQL, trigram (pg_trgm) GIN indexes on the folded search columns, so that the search page's
`LIKE '%word%'` reads the index instead of every row. SQLite (development) cannot index such a pattern: it
gets a covering index of the folded columns instead (SQLITE_INDEX). Both are created only on their own
database (RunPython checks the vendor). B-tree indexes: kind + date, date, symbol + number (0001, 0002),
and the number alone (here: a typed number is matched exactly).
"""
from django.db import migrations, models

INDEXES = {
    "issued_document_search_trgm": "search_text",
    "issued_document_signer_trgm": "signer_search",
}


#: SQLite cannot index `LIKE '%word%'`; a covering index of the folded columns lets it count the matches
#: by reading this narrow index instead of every row with its PDF (100,000 rows: about 5 times faster).
SQLITE_INDEX = "issued_document_search_cover"


def create(apps, schema_editor):
    table = apps.get_model("documents", "IssuedDocument")._meta.db_table
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {SQLITE_INDEX} ON {table} (search_text, signer_search, issue_date, kind)")
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {SQLITE_INDEX}")
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0003_verification_code"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="issueddocument",
            index=models.Index(fields=["number"], name="issued_document_number"),
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
