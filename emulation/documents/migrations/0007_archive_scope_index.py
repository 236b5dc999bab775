"""The archive's indexes now that every search is within one agency (documents 0005 gave each document
its agency, and reports.rules.scope_documents filters by it first):

- agency, date, id and kind: the archive's scope and order in one index, so that a list (newest first) is
  a walk of it and a unit head's page (kind = plan OR id IN their units' documents) and its count are
  decided from the index alone;
- agency, number and date instead of the number alone: a typed number within the agency, newest first
  (without statistics SQLite walked the agency's documents by date rather than look the number up);
- on SQLite, the covering index of the folded search columns (0004) led by the agency and the date, so
  that a search's count reads that narrow index again, only the dates asked when a date is given
  (PostgreSQL keeps its trigram indexes, 0004).
"""
from django.db import migrations, models

TABLE = "documents_issueddocument"
SQLITE_INDEX = "issued_document_search_cover"


def sqlite_cover(columns):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute(f"DROP INDEX IF EXISTS {SQLITE_INDEX}")
            schema_editor.execute(f"CREATE INDEX {SQLITE_INDEX} ON {TABLE} ({columns})")

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0006_pdf_apart"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="issueddocument",
            index=models.Index(fields=["agency", "issue_date", "id", "kind"], name="issued_document_scope"),
        ),
        migrations.RemoveIndex(
            model_name="issueddocument",
            name="issued_document_number",
        ),
        migrations.AddIndex(
            model_name="issueddocument",
            index=models.Index(fields=["agency", "number", "issue_date"], name="issued_document_agency_number"),
        ),
        migrations.RunPython(
            sqlite_cover("agency_id, issue_date, kind, signer_search, search_text"),
            sqlite_cover("search_text, signer_search, issue_date, kind"),
            elidable=False,
        ),
    ]
