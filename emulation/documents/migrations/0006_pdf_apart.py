"""The PDF bytes of issued documents move out of their row into IssuedDocumentFile (one row each).

The archive's lists, searches and counts scan, sort and scope `documents_issueddocument` by the hundred
thousand; with the bytes in the row every such scan read every PDF (on SQLite a column after the bytes is
reached only through the row's overflow pages). The bytes are copied set-wise (one INSERT … SELECT, on
SQLite and PostgreSQL alike), then the column is dropped; back again the same way. The SHA-256, size and
verification code stay on the document, now with an index on the SHA-256 (the public page's lookup of an
uploaded copy).
"""
import copy

import django.db.models.deletion
from django.db import migrations, models

DOCUMENTS = "documents_issueddocument"
FILES = "documents_issueddocumentfile"


def copy_bytes(apps, schema_editor):
    quote = schema_editor.quote_name
    schema_editor.execute(
        f"INSERT INTO {quote(FILES)} ({quote('document_id')}, {quote('pdf')}) "
        f"SELECT {quote('id')}, {quote('pdf')} FROM {quote(DOCUMENTS)}")


def copy_bytes_back(apps, schema_editor):
    quote = schema_editor.quote_name
    schema_editor.execute(
        f"UPDATE {quote(DOCUMENTS)} SET {quote('pdf')} = (SELECT f.{quote('pdf')} FROM {quote(FILES)} f "
        f"WHERE f.{quote('document_id')} = {quote(DOCUMENTS)}.{quote('id')})")


class RemoveColumnKeepingRows(migrations.RemoveField):
    """RemoveField whose reverse adds the column back with an empty default, so that it can be added to a
    table that has rows (copy_bytes_back then fills it); the field's state is unchanged."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        to_model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, to_model):
            field = copy.copy(to_model._meta.get_field(self.name))
            field.default = b""
            schema_editor.add_field(from_state.apps.get_model(app_label, self.model_name), field)


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0005_agencies"),
    ]

    operations = [
        migrations.CreateModel(
            name="IssuedDocumentFile",
            fields=[
                ("document", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                                                  related_name="content", serialize=False,
                                                  to="documents.issueddocument", verbose_name="issued document")),
                ("pdf", models.BinaryField(verbose_name="PDF")),
            ],
            options={
                "verbose_name": "issued document file",
                "verbose_name_plural": "issued document files",
            },
        ),
        migrations.RunPython(copy_bytes, copy_bytes_back, elidable=False),
        RemoveColumnKeepingRows(
            model_name="issueddocument",
            name="pdf",
        ),
        migrations.AddIndex(
            model_name="issueddocument",
            index=models.Index(fields=["sha256"], name="issued_document_sha256"),
        ),
    ]
