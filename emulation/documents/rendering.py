"""Rendering documents to PDF (WeasyPrint) and to HTML previews, with a static-only URL fetcher."""
import logging
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import content_disposition_header
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from emulation.uploads import opens_inline

logger = logging.getLogger(__name__)

#: Base URL of documents rendered to PDF: `{% static %}` URLs resolve under it, and only there.
DOCUMENT_BASE_URL = "https://documents.invalid/"

CONTENT_TYPES = {
    ".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2",
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml",
}


class RefusedURL(ValueError):
    """A document referenced something outside the static files; WeasyPrint leaves it out."""


def static_file_for(url):
    """The path of the static file `url` names (as `{% static %}` wrote it under DOCUMENT_BASE_URL),
    or None for anything else: another scheme or host, a path outside STATIC_URL, traversal, a file
    that no static finder knows."""
    parts = urlsplit(url)
    base = urlsplit(DOCUMENT_BASE_URL)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        return None
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    path = posixpath.normpath(unquote(parts.path))
    if not path.startswith(prefix) or "\x00" in path:
        return None
    relative = path[len(prefix):]
    if not relative or relative.startswith("/") or ".." in relative.split("/"):
        return None
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        return None
    if not found and settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT, relative).resolve()
        found = str(candidate) if candidate.is_file() and candidate.is_relative_to(
            Path(settings.STATIC_ROOT).resolve()) else None
    return Path(found) if found else None


class StaticOnlyURLFetcher(URLFetcher):
    """Serves WeasyPrint the project's static files and nothing else (no network, no other file)."""

    def fetch(self, url, headers=None):
        path = static_file_for(url)
        if path is None:
            logger.warning("Document refused to fetch %s", url[:200])
            raise RefusedURL(f"Only static files may be used in documents: {url[:200]}")
        content_type = CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})


def _render(template_name, context, request=None):
    with translation.override("vi"):
        return render_to_string(template_name, context, request=request)


def render_html(template_name, context, *, request=None):
    """The document as an HTML page (a preview with the same layout and stylesheet)."""
    return _render(template_name, {**context, "preview": True}, request)


def render_pdf(template_name, context, *, pdf_variant=None):
    """The document as PDF bytes (A4, fonts embedded). Fetches only static files. The PDF's metadata
    carry the document's title, the agency as author and Vietnamese as language; `pdf_variant`
    ("pdf/a-3b") makes an archival PDF/A."""
    return render_laid_out(template_name, context).write_pdf(**({"pdf_variant": pdf_variant} if pdf_variant else {}))


def render_laid_out(template_name, context):
    """The document laid out in pages by WeasyPrint (its boxes tell where the signature block fell);
    ``.write_pdf()`` gives the bytes."""
    html = _render(template_name, {**context, "preview": False})
    document = HTML(string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=StaticOnlyURLFetcher()).render()
    doc = context.get("doc")
    if doc is not None:
        document.metadata.authors = [doc.agency]
        document.metadata.lang = "vi-VN"
        if doc.issue_date:
            document.metadata.created = doc.issue_date.isoformat()
    return document


def pdf_response(data, filename, *, request=None, inline=None):
    """An HTTP response carrying PDF bytes; `filename` is quoted by Django (no header injection). It opens
    in the browser's viewer (`inline`) unless `request` asks `?download=1` (`emulation.uploads.opens_inline`);
    `inline` given explicitly overrides that."""
    if inline is None:
        inline = opens_inline(request, "application/pdf")
    response = HttpResponse(bytes(data), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response
