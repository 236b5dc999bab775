"""Uploaded evidence and dossier files: what is accepted, where it is kept, how it goes out.

- `validate_upload(file)` accepts PDF, images (PNG, JPEG, GIF, WebP) and Office documents (Word, Excel,
  PowerPoint, old and new formats, and OpenDocument) up to `settings.UPLOAD_MAX_BYTES`. The extension
  AND the first bytes of the content must agree (a renamed executable is refused); the error message is
  translated and names the file. Usable as a model-field validator or through `UploadField` in forms.
- `UploadTo("evidence")` is an `upload_to` for FileFields: files are stored under MEDIA_ROOT with a random
  name (`evidence/2026/11/<uuid>.pdf`), never the name the person gave; MEDIA_ROOT is never served.
- `serve_file(file, filename, allowed=..., request=...)` sends a stored file through a view after the
  permission check (403 when `allowed` is false), with a safe file name and `nosniff`: a PDF opens in the
  browser's viewer (`inline`) unless the link asks `?download=1`, every other type is an attachment.
- `opens_inline(request, content_type)` is that one rule, shared with `emulation.documents.pdf_response`;
  templates link both ways with `{% load files %}{% file_buttons url label %}`.
"""
import os
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

from emulation import permissions

PDF = b"%PDF-"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003, Excel 97-2003, PowerPoint 97-2003
ZIP = b"PK\x03\x04"  # Office Open XML and OpenDocument are ZIP archives


@dataclass(frozen=True)
class FileType:
    content_type: str
    signatures: tuple  # the content starts with one of these
    zip_member: str = ""  # for ZIP-based formats: a member name (prefix) the archive must contain


FILE_TYPES = {
    "pdf": FileType("application/pdf", (PDF,)),
    "png": FileType("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": FileType("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": FileType("image/jpeg", (b"\xff\xd8\xff",)),
    "gif": FileType("image/gif", (b"GIF87a", b"GIF89a")),
    "webp": FileType("image/webp", (b"RIFF",)),
    "doc": FileType("application/msword", (OLE,)),
    "xls": FileType("application/vnd.ms-excel", (OLE,)),
    "ppt": FileType("application/vnd.ms-powerpoint", (OLE,)),
    "docx": FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (ZIP,), "word/"),
    "xlsx": FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP,), "xl/"),
    "pptx": FileType("application/vnd.openxmlformats-officedocument.presentationml.presentation", (ZIP,), "ppt/"),
    "odt": FileType("application/vnd.oasis.opendocument.text", (ZIP,), "content.xml"),
    "ods": FileType("application/vnd.oasis.opendocument.spreadsheet", (ZIP,), "content.xml"),
    "odp": FileType("application/vnd.oasis.opendocument.presentation", (ZIP,), "content.xml"),
}
ACCEPT_ATTRIBUTE = ",".join(f".{extension}" for extension in FILE_TYPES)


def extension_of(name):
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def _head(file, length=16):
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(length)
    file.seek(position)
    return head


def _zip_has_member(file, prefix):
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            return any(name.startswith(prefix) for name in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        file.seek(0)


def validate_upload(file):
    """Refuse a file that is too big, of a type not allowed, or whose content does not match its
    extension. Returns the content type of an accepted file. Reads only the head (and, for ZIP-based
    formats, the archive's directory); leaves the file position at 0."""
    name = os.path.basename(getattr(file, "name", "") or "")
    limit = settings.UPLOAD_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            _("The file “%(name)s” is too big (%(size)s); the largest allowed is %(limit)s.")
            % {"name": name, "size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="too_big",
        )
    if file.size == 0:
        raise ValidationError(_("The file “%(name)s” is empty.") % {"name": name}, code="empty")
    file_type = FILE_TYPES.get(extension_of(name))
    if file_type is None:
        raise ValidationError(
            _("The file “%(name)s” is not of an allowed type. Allowed: PDF, images (PNG, JPEG, GIF, WebP) "
              "and Office documents (Word, Excel, PowerPoint).") % {"name": name},
            code="type",
        )
    head = _head(file)
    matches = any(head.startswith(signature) for signature in file_type.signatures)
    if matches and extension_of(name) == "webp":
        matches = head[8:12] == b"WEBP"
    if matches and file_type.zip_member:
        matches = _zip_has_member(file, file_type.zip_member)
    if not matches:
        raise ValidationError(
            _("The content of “%(name)s” does not match its extension “.%(extension)s”: the file may be "
              "damaged or renamed.") % {"name": name, "extension": extension_of(name)},
            code="content",
        )
    return file_type.content_type


class UploadField(forms.FileField):
    """A form file field that applies `validate_upload` and tells the browser which types to offer."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if value and value is not initial and hasattr(value, "size"):
            validate_upload(value)
        return value


@deconstructible
class UploadTo:
    """`upload_to` giving a random stored name under `<folder>/<year>/<month>/`, keeping the extension."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        today = timezone.localdate()
        return f"{self.folder}/{today:%Y}/{today:%m}/{uuid.uuid4().hex}.{extension_of(filename) or 'bin'}"

    def __eq__(self, other):
        return isinstance(other, UploadTo) and other.folder == self.folder


def safe_filename(name, default="tep"):
    """A file name safe for a Content-Disposition header and any file system: no folders, no control
    characters, Vietnamese letters kept (NFC), at most 150 characters."""
    name = unicodedata.normalize("NFC", os.path.basename((name or "").replace("\\", "/")))
    name = "".join(c for c in name if c.isprintable() and c not in '<>:"/\\|?*').strip(" .")
    if not name:
        return default
    stem, extension = os.path.splitext(name)
    return stem[: 150 - len(extension)] + extension


#: The query parameter of a file link asking for a download instead of the browser's viewer.
DOWNLOAD_PARAM = "download"
#: What a browser shows itself (its PDF viewer); everything else is always an attachment.
INLINE_CONTENT_TYPES = frozenset({"application/pdf"})


def wants_download(request):
    return request is not None and request.GET.get(DOWNLOAD_PARAM) == "1"


def opens_inline(request, content_type):
    """True when a file of `content_type` is sent `inline` (opens in the browser's PDF viewer): PDFs,
    unless the link asked `?download=1` (the "Tải về" button)."""
    return content_type in INLINE_CONTENT_TYPES and not wants_download(request)


def serve_file(file, filename, *, allowed, request=None):
    """Return the stored `file` (a FieldFile) named `filename`, or raise PermissionDenied when `allowed`
    is false. A PDF opens inline unless `request` asks `?download=1`; other types are attachments. The
    caller fetches the owning object through its `visible_to(user)` first, so objects outside the user's
    scope are a 404 before this is reached."""
    permissions.require(allowed)
    file_type = FILE_TYPES.get(extension_of(filename))
    content_type = file_type.content_type if file_type else "application/octet-stream"
    response = FileResponse(
        file.open("rb"),
        as_attachment=not opens_inline(request, content_type),
        filename=safe_filename(filename),
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
