"""A nomination's dossier (hồ sơ): the files a unit adds, each leaving a row on the nomination's timeline.

Checks of the file itself (size, type) are the upload field's (emulation.uploads); who may add is
awards.rules.can_edit_nomination, asked by the view.
"""
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext_lazy

from awards.models import DossierFile
from emulation.workflow import log_action, logged_action

FILE_ADDED = logged_action("dossier_file_added", gettext_lazy("File added to the dossier"))


def add_file(nomination, upload, *, actor):
    """Add `upload` to the dossier of `nomination` under its own base name; a timeline row
    ("dossier_file_added", the file's name) in the same transaction. Returns the DossierFile."""
    name = Path(upload.name).name
    with transaction.atomic():
        document = DossierFile.objects.create(nomination=nomination, name=name, file=upload, uploaded_by=actor)
        log_action(nomination, FILE_ADDED, actor=actor, data={"file": name, "id": document.pk})
    return document
