"""Matching the columns and values of a spreadsheet laid out the way an office keeps it.

An office file has a title, blank rows, headers written over two lines, an STT column and headers
named a little differently from our template ("Họ tên", "Ngày, tháng, năm sinh"). Headers are compared
folded (no diacritics, no case, no punctuation) against each column of the import and its synonyms;
what the person corrected in a preview is remembered per person and import kind (`ImportMapping`) and
wins over the automatic match next time.
"""
import re
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from emulation.text import fold

_PUNCTUATION = re.compile(r"[^a-z0-9 ]+")

# Synonyms every import shares: a column name of ours → other ways offices write it.
COMMON_SYNONYMS = {
    "Họ và tên": ["Họ tên", "Họ và tên cán bộ", "Họ, tên", "Họ và tên người được đề nghị", "Tên cán bộ"],
    "Ngày sinh": ["Ngày, tháng, năm sinh", "Ngày tháng năm sinh", "Sinh ngày", "Năm sinh"],
    "Giới tính": ["Nam/Nữ", "Nam, nữ", "Phái"],
    "Mã đơn vị": ["Đơn vị", "Tên đơn vị", "Đơn vị công tác", "Tên đơn vị/tập thể công tác", "Đơn vị/tập thể",
                  "Tên đơn vị, tập thể", "Phòng, đơn vị", "Mã ĐV"],
    "Chức vụ": ["Chức vụ, chức danh", "Chức danh", "Chức vụ/chức danh"],
    "Số định danh cá nhân": ["Số CCCD", "Căn cước công dân", "Số căn cước", "CCCD", "Số CMND/CCCD", "Mã định danh"],
    "Thư điện tử": ["Email", "E-mail"],
    "Điện thoại": ["Số điện thoại", "SĐT", "ĐT"],
    "Danh hiệu, hình thức": ["Hình thức khen thưởng", "Danh hiệu thi đua", "Hình thức, danh hiệu",
                             "Hình thức / danh hiệu đề nghị", "Hình thức, danh hiệu đề nghị", "Danh hiệu đề nghị",
                             "Hình thức đề nghị", "Hình thức khen thưởng đề nghị"],
    "Năm": ["Năm khen thưởng", "Năm được khen"],
    "Tóm tắt thành tích": ["Thành tích", "Tóm tắt thành tích chủ yếu", "Thành tích đạt được"],
}

# Columns offices add that no import reads: matched silently to "ignored".
IGNORED = ["STT", "TT", "Số TT", "Số thứ tự", "Ghi chú"]

IGNORE = ""  # the target of a column the import does not read


def key(text):
    """The folded form two headers are compared by: "Ngày, tháng,\\nnăm sinh" → "ngay thang nam sinh"."""
    return " ".join(_PUNCTUATION.sub(" ", fold(text)).split())


@dataclass
class ColumnMatch:
    index: int          # 0-based position in the file
    header: str         # as written in the file (line breaks turned into spaces)
    target: str         # our column name, or IGNORE
    how: str            # "name", "synonym", "remembered", "ignored", "unknown"

    @property
    def letter(self):
        return get_column_letter(self.index + 1)


def synonyms_for(resource):
    """Our column name → every folded way of writing it, for `resource` (its own `column_synonyms` too)."""
    table = {}
    for name in resource_columns(resource):
        table[name] = {key(name)} | {key(s) for s in COMMON_SYNONYMS.get(name, [])}
        table[name] |= {key(s) for s in getattr(resource, "column_synonyms", {}).get(name, [])}
    return table


def resource_columns(resource):
    """The column names an import reads, in the template's order."""
    return [f.column_name for f in resource.get_import_fields() if f.column_name]


def match_header(header, table, remembered=None):
    """(target, how) for one header of the file."""
    folded = key(header)
    if not folded:
        return IGNORE, "ignored"
    if remembered and folded in remembered:
        return remembered[folded], "remembered"
    for name, keys in table.items():
        if folded == key(name):
            return name, "name"
    for name, keys in table.items():
        if folded in keys:
            return name, "synonym"
    if folded in {key(s) for s in IGNORED}:
        return IGNORE, "ignored"
    return IGNORE, "unknown"


def match_columns(headers, table, remembered=None, chosen=None, merged=()):
    """One ColumnMatch per header; `chosen` ({index: target}) is what the person picked in the preview.
    A target is taken by the first column that claims it; a later one is reported as a duplicate, except
    a target in `merged`, which several columns may hold (the award written in "Danh hiệu thi đua" or in
    "Hình thức khen thưởng", one of them empty on each row)."""
    matches, taken = [], set()
    for index, header in enumerate(headers):
        if chosen is not None and index in chosen:
            target, how = chosen[index], "chosen" if chosen[index] else "ignored"
        else:
            target, how = match_header(header, table, remembered)
        if target and target in taken and target not in merged:
            target, how = IGNORE, "duplicate"
        if target:
            taken.add(target)
        matches.append(ColumnMatch(index, header, target, how))
    return matches


def header_score(values, table):
    """How many cells of a row read as our column names (or STT): the header row scores highest."""
    score = 0
    for value in values:
        if value in (None, ""):
            continue
        target, how = match_header(str(value), table)
        if how in ("name", "synonym") or (how == "ignored" and key(str(value)) in {key(s) for s in IGNORED}):
            score += 1
    return score


# Values ---------------------------------------------------------------------------------------------

# Abbreviations offices write in unit names, folded: "P. TCCB" → "phong tccb", "TT CNTT" → "trung tam cntt".
UNIT_ABBREVIATIONS = {"p": "phong", "vp": "van phong", "tt": "trung tam", "cc": "chi cuc", "ql": "quan ly",
                      "bql": "ban quan ly", "cn": "chi nhanh", "vpdk": "van phong dang ky"}
_UNIT_PREFIXES = ("phong ", "chi cuc ", "trung tam ", "ban ", "van phong ")


def initials(folded):
    return "".join(word[0] for word in folded.split() if word)


def expand_abbreviations(folded):
    return " ".join(UNIT_ABBREVIATIONS.get(word, word) for word in folded.split())


# Small words people leave out or add ("Giấy khen Giám đốc Sở" for "Giấy khen của Giám đốc Sở", "&" for
# "và"), and the province an agency's name ends with ("… tỉnh Quảng Ngãi"): dropped from the loose form.
SMALL_WORDS = {"cua", "cac", "va", "nhung", "thuoc"}
_PROVINCE = re.compile(r" (tinh|thanh pho|tp) [a-z ]+$")


def loose(folded):
    """The loose form of a folded name: without small words and without the province at its end."""
    words = " ".join(word for word in folded.split() if word not in SMALL_WORDS)
    return _PROVINCE.sub("", words) or words


def unit_keys(unit):
    """Every loose way a unit may be written in a file, folded: its name and short name with or without
    its leading "Phòng"/"Chi cục"…, small words or its province, and the initials of these. (Its code and
    exact names are looked up first, `UnitIndex`.)"""
    keys = set()
    for text in (unit.name, unit.short_name):
        folded = key(text)
        if not folded:
            continue
        for form in {folded, loose(folded)}:
            keys |= {form, initials(form)}
            for prefix in _UNIT_PREFIXES:
                if form.startswith(prefix):
                    keys |= {form[len(prefix):], initials(form[len(prefix):])}
    return {k for k in keys if k}


class UnitIndex:
    """All units by every way they are written; built once per file (one query). An exact code wins over
    every other reading, then an exact name or short name; other readings are loose."""

    def __init__(self, units):
        self.by_code, self.by_name, self.by_key = {}, {}, {}
        for unit in units:
            self.by_code.setdefault(unit.code.lower(), []).append(unit)
            for text in {key(unit.name), key(unit.short_name)} - {""}:
                self.by_name.setdefault(text, []).append(unit)
            for k in unit_keys(unit):
                self.by_key.setdefault(k, []).append(unit)

    def match(self, value):
        """(units, exact): the units `value` may mean ([] unknown, [unit] found, several: ambiguous), and
        whether they were found by their code or exact name (False: a loose reading, to be shown)."""
        folded = key(value)
        if not folded:
            return [], True
        for table, candidate, exact in ((self.by_code, str(value).strip().lower(), True), (self.by_name, folded, True),
                                        (self.by_key, folded, False), (self.by_key, expand_abbreviations(folded), False),
                                        (self.by_key, loose(expand_abbreviations(folded)), False)):
            found = table.get(candidate)
            if found:
                return list({u.pk: u for u in found}.values()), exact
        return [], True

    def find(self, value):
        """The units `value` may mean: [] unknown, [unit] found, several: ambiguous."""
        return self.match(value)[0]


def award_keys(award):
    """An award type by code, catalogue name, name without "Danh hiệu"/"Giấy khen của…", or its initials
    ("LĐTT", "CSTĐCS"), each also in its loose form (without small words)."""
    folded = key(award.name)
    keys = {award.code.lower(), key(award.code), folded, initials(folded)}
    for prefix in ("danh hieu ",):
        if folded.startswith(prefix):
            keys |= {folded[len(prefix):], initials(folded[len(prefix):])}
    # "Giấy khen", "Bằng khen": the form without who awards it or "(tập thể)"; ambiguous between the
    # individual and the collective form, which the row's subject settles.
    short = re.sub(r" (cua .*|tap the)$", "", folded)
    keys |= {short, initials(short)}
    keys |= {loose(k) for k in keys}
    return {k for k in keys if k}


def award_is_exact(award, folded):
    """Whether `folded` (a value as `key` reads it) is the award's code or catalogue name, not a loose reading."""
    return folded in {award.code.lower(), key(award.code), key(award.name)}
