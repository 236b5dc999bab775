"""Migration 0006 moves each issued document's PDF bytes out of its row into IssuedDocumentFile (and back
when unapplied): the archive keeps every document it held, byte for byte."""
from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("documents", "0005_agencies")]
AFTER = [("documents", "0006_pdf_apart")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _columns(table):
    with connection.cursor() as cursor:
        return {column.name for column in connection.introspection.get_table_description(cursor, table)}


# Not serialized_rollback: after another transactional test's flush the content types come back with other
# ids, and reloading the serialized ones fails on their unique names. Nothing after it needs the data.
@pytest.mark.django_db(transaction=True)
def test_the_bytes_move_to_their_own_table_and_back_unchanged():
    try:
        apps = _migrate(BEFORE)
        content_type = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
            app_label="documents", model="numberseries")[0]
        document = apps.get_model("documents", "IssuedDocument")
        data = {1: b"%PDF-1.7 first\x00\xff", 2: b"%PDF-1.7 second " + bytes(range(256)) * 40}
        ids = {number: document.objects.create(
            content_type_id=content_type.pk, object_id=number, kind="plan", number=number, symbol="KH-STNMT",
            issue_date=date(2025, 1, number), pdf=pdf, sha256=f"{number:064x}", size=len(pdf),
            verification_code=f"CODE{number:06d}").pk for number, pdf in data.items()}

        apps = _migrate(AFTER)
        files = apps.get_model("documents", "IssuedDocumentFile").objects.all()
        assert {row.document_id: bytes(row.pdf) for row in files} == {ids[n]: pdf for n, pdf in data.items()}
        assert "pdf" not in _columns("documents_issueddocument")
        kept = apps.get_model("documents", "IssuedDocument").objects.order_by("number")
        assert [(d.number, d.sha256, d.size, d.verification_code) for d in kept] == [
            (n, f"{n:064x}", len(pdf), f"CODE{n:06d}") for n, pdf in data.items()]

        apps = _migrate(BEFORE)
        back = apps.get_model("documents", "IssuedDocument").objects.order_by("number")
        assert [bytes(d.pdf) for d in back] == list(data.values())
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
