"""The archive's scope and order in one index: an agency's documents by date, with id and kind, so that a
unit head's page (kind = plan OR id IN their units' documents, newest first) is a walk of this index and
its count is read from the index alone (reports.rules.scope_documents)."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0006_pdf_apart"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="issueddocument",
            index=models.Index(fields=["agency", "issue_date", "id", "kind"], name="issued_document_scope"),
        ),
    ]
