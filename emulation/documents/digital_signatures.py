"""Digital signatures in issued PDFs (PAdES, keeping PDF/A), in the format of Decree 30/2020/NĐ-CP,
Appendix I (see docs/documents.md): the signer's signature shows the image of their handwritten signature
between their title and their name; the agency's shows its seal at real size over the left third of that
image, with the agency's name and the signing time (ISO 8601, Vietnam's time zone).

Where the key is kept is pluggable behind one interface, `KeySource`: ``open()`` is a context manager that
yields a pyHanko ``Signer`` (it signs the hash of the signed attributes) and closes whatever it opened
(a token's session). Three kinds: `Pkcs12File` (a certificate file: tests and the demo), `Pkcs11Token`
(a USB token or an HSM through PKCS#11) and `remote_signing.RemoteKey` (ký số từ xa: a provider's service
signs the hash once the signer confirms on their phone).

Signatures are added as incremental updates: the bytes of the PDF/A before them stay as they were, so its
XMP metadata and output intent remain, and each signature covers everything before it.
"""
import asyncio
import concurrent.futures
import contextlib
import datetime
import io
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from PIL import Image
from pkcs11.exceptions import PinIncorrect, PKCS11Error
from pyhanko.pdf_utils.content import ImportedPdfPage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.config.pkcs11 import TokenCriteria
from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.stamp import StaticStampStyle
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcherResponse

from emulation.documents.rendering import DOCUMENT_BASE_URL, StaticOnlyURLFetcher

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
SIGNER_FIELD = "ChuKyNguoiCoThamQuyen"
AGENCY_FIELD = "ChuKyCoQuan"
ANNEX_FIELD = "ChuKyCoQuanPhuLuc"


class SigningError(Exception):
    """A signature that could not be made; the message is for the person (Vietnamese through gettext)."""


class KeySource(Protocol):
    """Where a signing key is kept. ``open()`` yields a pyHanko Signer ready to sign, and releases
    whatever it held when the block ends."""

    def open(self) -> contextlib.AbstractContextManager[signers.Signer]: ...


@dataclass(frozen=True)
class Pkcs12File:
    """A key and certificate in a PKCS#12 file (with the chain it carries). For tests and the demo: a
    real agency keeps its keys in a token, an HSM or at a remote-signing provider."""

    data: bytes
    passphrase: bytes

    @contextlib.contextmanager
    def open(self):
        try:
            signer = signers.SimpleSigner.load_pkcs12_data(self.data, other_certs=(), passphrase=self.passphrase)
        except ValueError as error:
            raise SigningError(_("The certificate file could not be opened with its passphrase.")) from error
        yield signer


@dataclass(frozen=True)
class Pkcs11Token:
    """A key on a PKCS#11 token (USB token, HSM, SoftHSM2 in the tests): the module's path, the token's
    label, the key's and certificate's label on it, and the user PIN."""

    module: str
    token_label: str
    key_label: str
    pin: str
    cert_label: str = ""

    @contextlib.contextmanager
    def open(self):
        try:
            session = open_pkcs11_session(self.module, token_criteria=TokenCriteria(label=self.token_label),
                                          user_pin=self.pin)
        except PinIncorrect as error:
            raise SigningError(_("The token refused its PIN: check the PIN and sign again.")) from error
        except (PKCS11Error, SigningError) as error:
            raise SigningError(_("The signing token could not be opened: check that it is plugged in and sign again."
                                 )) from error
        try:
            yield PKCS11Signer(session, cert_label=self.cert_label or self.key_label, key_label=self.key_label)
        finally:
            session.close()


@dataclass(frozen=True)
class Mark:
    """Where a signature shows: page index (negative counts from the end), box in PDF points from the
    page's lower left corner (x1, y1, x2, y2), and the appearance drawn in it (PDF bytes of one page of
    the box's size), or None for a signature without an image."""

    page: int
    box: tuple
    appearance: bytes | None = None


def vietnam_time(moment=None):
    """`moment` (now by default) in Vietnam's time zone, to the second."""
    moment = moment or datetime.datetime.now(datetime.UTC)
    return moment.astimezone(VIETNAM).replace(microsecond=0)


def iso_time(moment):
    """“2026-12-07T10:15:30+07:00”: ISO 8601 with Vietnam's offset, as the decree asks."""
    return vietnam_time(moment).isoformat()


def timestamper():
    """The timestamp authority's client when settings.SIGNING_TSA_URL is set, else None."""
    url = getattr(settings, "SIGNING_TSA_URL", "")
    return HTTPTimeStamper(url, timeout=getattr(settings, "SIGNING_TSA_TIMEOUT", 10)) if url else None


def run_async(coroutine):
    """Runs one of pyHanko's coroutines to its end, also where an event loop already runs in this thread
    (an async view, a browser test's driver): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def sign_pdf(data, source, *, field_name, mark=None, reason="", location=""):
    """`data` (a PDF) with one more PAdES signature made by `source` (a KeySource), appended as an
    incremental update; returns the new bytes. With `mark`, the signature shows in its box with its
    appearance; without, it is invisible. A timestamp is added when a TSA is configured.
    Raises SigningError when the key cannot sign."""
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    page_count = int(writer.root["/Pages"]["/Count"])
    spec = fields.SigFieldSpec(sig_field_name=field_name)
    style = None
    with tempfile.TemporaryDirectory() as folder:
        if mark is not None:
            spec = fields.SigFieldSpec(sig_field_name=field_name, on_page=mark.page % page_count,
                                       box=tuple(round(v, 2) for v in mark.box))
            if mark.appearance:
                path = Path(folder, "appearance.pdf")
                path.write_bytes(mark.appearance)
                style = StaticStampStyle(background=ImportedPdfPage(str(path)), border_width=0,
                                         background_opacity=1.0)
        metadata = signers.PdfSignatureMetadata(
            field_name=field_name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
            reason=reason or None, location=location or None,
        )
        out = io.BytesIO()
        with source.open() as signer:
            pdf_signer = signers.PdfSigner(metadata, signer=signer, timestamper=timestamper(), stamp_style=style,
                                           new_field_spec=spec)
            run_async(pdf_signer.async_sign_pdf(writer, output=out))
    return out.getvalue()


# ---- Where the signatures go, and what they show (Decree 30, Appendix I) ----

PX_TO_PT = 0.75  # WeasyPrint lays out in CSS pixels (96 per inch); PDF boxes are in points (72 per inch)
MM_TO_PT = 72 / 25.4
#: The signer's image at most this size (mm), centred in the room between the title and the name.
SIGNATURE_IMAGE_MAX = (45, 24)
#: Annex first page: the agency's signature information (no image) in a box at the top right.
ANNEX_BOX_MM = (62, 12)
#: The signer's name under the room (14 pt bold, line height 1.3) and two lines of 10 pt information.
NAME_LINE_PT = 14 * 1.3 + 2
INFO_LINES_PT = 3 * 10 * 1.15 + 2  # room for a long agency name on two lines
IMAGE_URL = "https://documents.invalid/signature-image/"


@dataclass(frozen=True)
class Places:
    """Where a laid-out document leaves room for its signatures: the signer's (page index and the box of
    the room between title and name, in points) and the first page of each annex (``.annex-title``)."""

    signer_page: int | None
    signer_room: tuple | None
    annex_pages: tuple = ()
    page_size: tuple = (595.28, 841.89)


def _classes(box):
    element = getattr(box, "element", None)
    return (element.get("class") or "").split() if element is not None else []


def places_of(document):
    """The `Places` of a WeasyPrint document laid out from "documents/base.html"."""
    signer_page = signer_room = None
    annex_pages = []
    for index, page in enumerate(document.pages):
        height = page.height * PX_TO_PT
        for box in page._page_box.descendants():
            classes = _classes(box)
            if "signature-space" in classes and "signer-room" in classes and signer_page is None:
                x, y = box.border_box_x(), box.border_box_y()
                signer_page = index
                signer_room = (x * PX_TO_PT, height - (y + box.border_height()) * PX_TO_PT,
                               (x + box.border_width()) * PX_TO_PT, height - y * PX_TO_PT)
            if "annex-title" in classes and index not in annex_pages:
                annex_pages.append(index)
        page_size = (page.width * PX_TO_PT, height)
    return Places(signer_page, signer_room, tuple(annex_pages), page_size)


def _image_size(png):
    with Image.open(io.BytesIO(png)) as image:
        return image.size


def signer_image_box(places, png):
    """The box (points) of the signer's image: fitted within SIGNATURE_IMAGE_MAX keeping its proportions,
    centred in the room between the title and the name."""
    x1, y1, x2, y2 = places.signer_room
    width_px, height_px = _image_size(png)
    max_w, max_h = (v * MM_TO_PT for v in SIGNATURE_IMAGE_MAX)
    scale = min(max_w / width_px, max_h / height_px, (y2 - y1) / height_px)
    w, h = width_px * scale, height_px * scale
    cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def seal_box(image_box, seal_mm):
    """The seal's box at its real diameter `seal_mm`, over the left third of the signer's image: its right
    edge a third of the way into the image, centred on the image's height."""
    size = seal_mm * MM_TO_PT
    x1, y1, x2, y2 = image_box
    right = x1 + (x2 - x1) / 3
    cy = (y1 + y2) / 2
    return (right - size, cy - size / 2, right, cy + size / 2)


def annex_box(places):
    """The top right corner of an annex's first page, inside the margins (20 mm top, 15 mm right)."""
    width, height = places.page_size
    w, h = (v * MM_TO_PT for v in ANNEX_BOX_MM)
    right, top = width - 15 * MM_TO_PT, height - 20 * MM_TO_PT
    return (right - w, top - h + 10 * MM_TO_PT, right, top + 10 * MM_TO_PT)


class _AppearanceFetcher(StaticOnlyURLFetcher):
    """The static files, and the one image of the appearance being drawn."""

    def __init__(self, image):
        super().__init__()
        self.image = image

    def fetch(self, url, *args, **kwargs):
        if self.image is not None and url == IMAGE_URL + "image.png":
            return URLFetcherResponse(url, body=self.image, headers={"Content-Type": "image/png"})
        return super().fetch(url, *args, **kwargs)


def draw_appearance(box, *, image=None, image_box=None, lines=(), info_top=None):
    """One PDF page the size of `box` (points): `image` (PNG bytes) in `image_box` (points, the same
    coordinates as `box`) and `lines` of text in Times (Liberation Serif) 10 pt black, as the decree sets
    for the signature's information: from `info_top` (points, same coordinates) down, else at the bottom."""
    width, height = box[2] - box[0], box[3] - box[1]
    context = {"width": width, "height": height, "lines": lines, "image_url": IMAGE_URL + "image.png" if image else "",
               "info_top": box[3] - info_top if info_top is not None else None}
    if image is not None:
        ix1, iy1, ix2, iy2 = image_box or box
        context.update(image_left=ix1 - box[0], image_top=box[3] - iy2, image_width=ix2 - ix1, image_height=iy2 - iy1)
    with translation.override("vi"):
        html = render_to_string("documents/signature_appearance.html", context)
    return HTML(string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=_AppearanceFetcher(image)).write_pdf(
        stylesheets=[CSS(string=_appearance_css(context))])


def _appearance_css(context):
    """The page of the box's size and the places of the image and the lines (given to WeasyPrint, so that no
    template carries a style element: the CSP test reads every template)."""
    css = f"@page {{ size: {context['width']:.2f}pt {context['height']:.2f}pt; margin: 0; }}"
    if context["info_top"] is not None:
        css += f" .info {{ top: {context['info_top']:.2f}pt; bottom: auto; }}"
    if context["image_url"]:
        css += (f" .image {{ left: {context['image_left']:.2f}pt; top: {context['image_top']:.2f}pt; "
                f"width: {context['image_width']:.2f}pt; height: {context['image_height']:.2f}pt; }}")
    return css


def signer_mark(places, png):
    """The signer's `Mark`: their handwritten signature's image between the title and the name."""
    box = signer_image_box(places, png)
    return Mark(places.signer_page, box, draw_appearance(box, image=png))


def agency_mark(places, signer_png, seal_png, seal_mm, agency_name, moment):
    """The agency's `Mark`: the seal at real size over the left third of the signer's image, with the
    agency's name and the signing time (ISO 8601, Vietnam's time) in two lines under the signer's name, so
    that they cover neither the name nor the image."""
    seal = seal_box(signer_image_box(places, signer_png), seal_mm)
    info_top = places.signer_room[1] - NAME_LINE_PT
    box = (seal[0], min(seal[1], info_top - INFO_LINES_PT), max(seal[2], places.signer_room[2]), seal[3])
    return Mark(places.signer_page, box, draw_appearance(box, image=seal_png, image_box=seal,
                                                         lines=(agency_name, iso_time(moment)), info_top=info_top))


def annex_mark(page, places, reference, moment):
    """The agency's signature on an annex's first page: top right, no image, the number and symbol and
    the signing time."""
    box = annex_box(places)
    return Mark(page, box, draw_appearance(box, lines=(reference, iso_time(moment))))


def sign_as_signer(data, places, source, signature_png):
    """Ký số: the person with authority signs `data` (the approved PDF/A) with their key; their
    handwritten signature's image shows between their title and name."""
    if places.signer_room is None:
        return sign_pdf(data, source, field_name=SIGNER_FIELD)
    return sign_pdf(data, source, field_name=SIGNER_FIELD, mark=signer_mark(places, signature_png))


def sign_as_agency(data, places, source, *, signature_png, seal_png, seal_mm, agency_name, reference, moment=None):
    """Phát hành: the văn thư signs with the agency's key after the signer. The seal goes over the left third
    of the signer's image with the agency's name and the time; each annex's first page gets the agency's
    signature at its top right without an image (the number and symbol, the time)."""
    moment = vietnam_time(moment)
    mark = agency_mark(places, signature_png, seal_png, seal_mm, agency_name, moment) if places.signer_room else None
    data = sign_pdf(data, source, field_name=AGENCY_FIELD, mark=mark)
    for number, page in enumerate(places.annex_pages, start=1):
        data = sign_pdf(data, source, field_name=f"{ANNEX_FIELD}{number}",
                        mark=annex_mark(page, places, reference, moment))
    return data
