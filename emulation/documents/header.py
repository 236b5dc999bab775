"""The header, type name, summary, recipients and signature of a document (Decree 30, Appendix I)."""
from dataclasses import dataclass, field
from types import SimpleNamespace
from datetime import date as date_type

from emulation.documents.fonts import text_width_mm
from emulation.documents.signing import Signature
from emulation.documents.symbols import number_symbol
from django.conf import settings

DATE_BLANK = "\u2003\u2003"  # room to write the day and month by hand on a draft
#: The header's two columns (agency | Quốc hiệu), in mm of the 165 mm text width: print.css gives them the same.
#: The Quốc hiệu is 88.3 mm at 12 pt bold; the longest agency line (28 characters) about 71 mm.
HEADER_COLUMNS_MM = (72, 93)


def day_month(day):
    """“ngày 05 tháng 01”, “ngày 14 tháng 6”: a leading zero for days below 10 and for months 1 and 2
    (Decree 30, Appendix I, II.4)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month}"


def vietnamese_date_line(place, date, year=None):
    """“Quảng Ngãi, ngày 05 tháng 01 năm 2026”. With no date (a draft), blanks for day and month and
    `year` (or the current year)."""
    if date is None:
        year = year or date_type.today().year
        return f"{place}, ngày{DATE_BLANK}tháng{DATE_BLANK}năm {year}"
    return f"{place}, {day_month(date)} năm {date.year}"


def balanced_lines(text, width_mm=HEADER_COLUMNS_MM[0], *, bold=True, size_pt=12):
    """A capitalised name split into lines that fit the header's left column (measured in the documents' font),
    as even as possible, never leaving one word alone (“HỘI ĐỒNG THI ĐUA - / KHEN THƯỞNG” rather than
    “… KHEN / THƯỞNG”; “ỦY BAN NHÂN DÂN / TỈNH QUẢNG NGÃI” rather than a lone “NGÃI”). Explicit line breaks in
    `text` are kept."""
    def width(line):
        return text_width_mm(line, size_pt, bold=bold)

    lines = []
    for part in str(text).splitlines() or [""]:
        words = part.split()
        if width(part.strip()) <= width_mm or len(words) < 2:
            lines.append(part.strip())
            continue
        best = None
        for cut in range(1, len(words)):
            head, tail = " ".join(words[:cut]), " ".join(words[cut:])
            score = (max(width(head), width(tail)) > width_mm,
                     abs(width(head) - width(tail)) - (12 if words[cut - 1] == "-" else 0))
            if best is None or score < best[0]:
                best = (score, head, tail)
        lines.extend(best[1:])
    return lines


def _first_agency_as_set_up():
    """Without an issuer: the first agency as the ORG_* settings describe it (no database needed)."""
    org = settings.ORGANISATION
    return SimpleNamespace(place=org["place"], parent_authority=org["parent_authority"], name=org["name"])


@dataclass
class DocumentHeader:
    """Everything the layout prints around the body (PDF and Word alike). Pass it as ``doc``.

    ``issuer`` (an emulation Agency) gives the letterhead (parent authority, agency) and the place of the
    date line, unless they are given one by one; without it, the first agency's as the ORG_* settings
    describe it (every document of an agency passes its issuer or its own header texts).

    ``signature`` (a `Signature`) is the block on the right; ``left_signature`` a second block on the left
    instead of “Nơi nhận” (minutes: THƯ KÝ; báo cáo thành tích: the head who confirms). The older
    ``signer_lines`` / ``signer_name`` still work and are filled from ``signature`` when it is given.
    """

    type_name: str  # KẾ HOẠCH, QUYẾT ĐỊNH, TỜ TRÌNH, BÁO CÁO, BIÊN BẢN …
    summary: str = ""  # trích yếu, printed in bold under the type name
    number: int | None = None
    symbol: str = ""  # KH-STNMT; before issue the number is left blank: “Số:      /KH-STNMT”
    issue_date: date_type | None = None
    year: int | None = None  # for a draft's date line; the current year by default (the signing year)
    place: str = ""  # these three: from `issuer` when left empty
    parent_authority: str = ""
    agency: str = ""
    signer_lines: list = field(default_factory=list)  # ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    signer_name: str = ""
    recipients: list = field(default_factory=list)  # lines of “Nơi nhận”, each with its “- ” and “;”
    draft: bool = False  # prints “DỰ THẢO” on every page
    title: str = ""  # PDF metadata title; the type name and summary by default
    signature: Signature | None = None
    left_signature: Signature | None = None
    verification: object = None  # set by the archive when issuing: code, URL and QR code of the footer
    issuer: object = None  # the issuing Agency: letterhead and place (the first agency when None)

    def __post_init__(self):
        if not (self.place and self.parent_authority and self.agency):
            issuer = self.issuer or _first_agency_as_set_up()
            self.place = self.place or issuer.place
            self.parent_authority = self.parent_authority or issuer.parent_authority
            self.agency = self.agency or issuer.name
        if self.signature is None and (self.signer_lines or self.signer_name):
            self.signature = Signature.from_lines(self.signer_lines, self.signer_name)
        if self.signature is not None:
            self.signer_lines, self.signer_name = list(self.signature.lines), self.signature.name

    @property
    def signature_lines(self):
        return self.signer_lines

    @property
    def agency_lines(self):
        return balanced_lines(self.agency)

    @property
    def parent_lines(self):
        """The parent authority's lines; none for an issuer without one (a blank ``parent_authority``, e.g.
        the UBND tỉnh itself)."""
        return [line for line in balanced_lines(self.parent_authority, bold=False) if line]

    @property
    def number_line(self):
        if self.number:
            return number_symbol(self.number, self.symbol)
        return f"{DATE_BLANK}/{self.symbol}" if self.symbol else ""

    @property
    def date_line(self):
        return vietnamese_date_line(self.place, self.issue_date, self.year)

    @property
    def document_title(self):
        return self.title or " ".join(part for part in (self.type_name, self.summary) if part)
