"""Who signs a document and how the signature block reads (Decree 30/2020/NĐ-CP, Điều 13 and Appendix I).

The block is, each on its own line, in bold capitals: the authority word and the head whose authority is
used (``KT. GIÁM ĐỐC``: signing for the Director as deputy; ``TL. GIÁM ĐỐC``: by the Director's order;
``TM. HỘI ĐỒNG``: for a collective body; ``Q. GIÁM ĐỐC``: acting), then the signer's own title when it
differs (``PHÓ GIÁM ĐỐC``, ``CHÁNH VĂN PHÒNG``), then room for the signature and the seal, then the
signer's name in bold (not capitals). Modelled once here; every document prints it through the base layout
and the Word writer.
"""
from dataclasses import dataclass

from django.db import models


class SignAuthority(models.TextChoices):
    """Who signs a Department document. The label shows the lines printed above the signature."""

    DIRECTOR = "director", "GIÁM ĐỐC"
    DEPUTY = "deputy", "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"
    ACTING = "acting", "Q. GIÁM ĐỐC"
    OFFICE_CHIEF = "office_chief", "TL. GIÁM ĐỐC / CHÁNH VĂN PHÒNG"


AUTHORITY_WORDS = ("Q.", "KT.", "TL.", "TM.")


@dataclass(frozen=True)
class Signature:
    """One signature block.

    ``title``: the signer's own title (GIÁM ĐỐC, PHÓ GIÁM ĐỐC, CHỦ TỊCH, THƯ KÝ, NGƯỜI BÁO CÁO …);
    ``authority`` and ``head``: the authority word (Q., KT., TL., TM.) and whose authority is used
    (GIÁM ĐỐC, HỘI ĐỒNG); ``note``: an italic line such as “(Ký, ghi rõ họ và tên)”.
    """

    title: str
    name: str = ""
    authority: str = ""  # "", "Q.", "KT.", "TL.", "TM."
    head: str = ""
    note: str = ""

    @property
    def lines(self):
        """The bold capital lines above the signature, each on its own line."""
        if not self.authority:
            return [self.title] if self.title else []
        first = f"{self.authority} {self.head}".strip()
        if self.authority == "Q." or not self.title or self.title == self.head:
            return [first]
        return [first, self.title]

    @classmethod
    def from_lines(cls, lines, name=""):
        """The block printed as `lines` (["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]): for callers that still pass lines."""
        lines = [line.strip() for line in lines if line.strip()]
        if not lines:
            return cls("", name)
        word, _, head = lines[0].partition(" ")
        if word in AUTHORITY_WORDS:
            return cls(lines[1] if len(lines) > 1 else head, name, word, head)
        return cls(lines[0], name)

    @classmethod
    def of(cls, authority, name=""):
        """The Department's block for one of `SignAuthority`'s choices (a stored value or member)."""
        head = "GIÁM ĐỐC"
        return {
            SignAuthority.DIRECTOR: cls(head, name),
            SignAuthority.DEPUTY: cls("PHÓ GIÁM ĐỐC", name, "KT.", head),
            SignAuthority.ACTING: cls(head, name, "Q.", head),
            SignAuthority.OFFICE_CHIEF: cls("CHÁNH VĂN PHÒNG", name, "TL.", head),
        }[SignAuthority(authority)]


def authority_from_text(text):
    """The `SignAuthority` a free-text signing line meant (for old data): KT. → deputy, Q. → acting,
    TL. → office chief, anything else → the Director."""
    words = (text or "").upper().replace("\n", " ").split()
    first = words[0] if words else ""
    return {"KT.": SignAuthority.DEPUTY, "Q.": SignAuthority.ACTING, "TL.": SignAuthority.OFFICE_CHIEF}.get(
        first, SignAuthority.DIRECTOR)


def authority_lines(authority, head):
    """The lines above the signature of a document issued by a body whose head is titled `head` (the issuing
    Agency's head_title: GIÁM ĐỐC, TRƯỞNG BAN, CHỦ TỊCH): who signs follows from the issuing body, not from
    whoever approves. ``authority_lines("deputy", "TRƯỞNG BAN") == ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]``."""
    return {
        SignAuthority.DIRECTOR: [head],
        SignAuthority.DEPUTY: [f"KT. {head}", f"PHÓ {head}"],
        SignAuthority.ACTING: [f"Q. {head}"],
        SignAuthority.OFFICE_CHIEF: [f"TL. {head}", "CHÁNH VĂN PHÒNG"],
    }[SignAuthority(authority)]
