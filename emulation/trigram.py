"""Trigram indexes for the folded search columns, on PostgreSQL only.

`emulation.text.search` filters with `search_text LIKE '%word%'`, which no B-tree index can serve. On
PostgreSQL a GIN index with `pg_trgm`'s `gin_trgm_ops` serves it (the planner uses it for LIKE with a
leading wildcard). SQLite has no such index: there the filter scans, which stays within the targets of
issue 17 for our sizes. Each app's migration calls `trigram_index(...)` for its own tables; the
extension is created by the first of them (IF NOT EXISTS: safe to run twice, and trusted since
PostgreSQL 13, so the database owner may create it).
"""
from django.db import migrations


def trigram_index(table, column, name):
    """A migration operation creating (and on reverse dropping) a GIN trigram index `name` on
    `table`(`column`) when the database is PostgreSQL; nothing elsewhere."""

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} USING gin ({quote(column)} gin_trgm_ops)"
        )

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")

    return migrations.RunPython(forward, backward, elidable=False)
