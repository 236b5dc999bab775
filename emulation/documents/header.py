"""The header, type name, summary, recipients and signature of a document (Decree 30, Appendix I)."""
from dataclasses import dataclass, field
from datetime import date as date_type

from django.conf import settings

from emulation.documents.symbols import number_symbol

DATE_BLANK = "\u2003\u2003"  # room to write the day and month by hand on a draft


def vietnamese_date_line(place, date, year=None):
    """“Quảng Ngãi, ngày 05 tháng 01 năm 2026”: day and month below 10 with a leading zero (Decree 30,
    Appendix I, II.4). With no date, blanks for day and month and `year` (or the current year)."""
    if date is None:
        year = year or date_type.today().year
        return f"{place}, ngày{DATE_BLANK}tháng{DATE_BLANK}năm {year}"
    return f"{place}, ngày {date.day:02d} tháng {date.month:02d} năm {date.year}"


def _organisation(key):
    return settings.ORGANISATION[key]


@dataclass
class DocumentHeader:
    """Everything the base layout prints around the body. Pass it to the template as ``doc``."""

    type_name: str  # KẾ HOẠCH, QUYẾT ĐỊNH, TỜ TRÌNH, BÁO CÁO, BIÊN BẢN …
    summary: str = ""  # trích yếu, printed in bold under the type name
    number: int | None = None
    symbol: str = ""  # KH-STNMT; before issue the number is left blank: “Số:      /KH-STNMT”
    issue_date: date_type | None = None
    year: int | None = None  # for a draft's date line
    place: str = field(default_factory=lambda: _organisation("place"))
    parent_authority: str = field(default_factory=lambda: _organisation("parent_authority"))
    agency: str = field(default_factory=lambda: _organisation("name"))
    signer_lines: list = field(default_factory=list)  # ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    signer_name: str = ""
    recipients: list = field(default_factory=list)  # lines of “Nơi nhận”, each with its “- ” and “;”
    draft: bool = False  # prints “DỰ THẢO” on every page
    title: str = ""  # PDF metadata title; the type name and summary by default

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
