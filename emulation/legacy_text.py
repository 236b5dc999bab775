"""Vietnamese text typed in the old font encodings, TCVN3 (ABC) and VNI-Windows, found per cell and
converted to Unicode NFC (issue 25).

Before Unicode, offices typed with fonts (.VnTime, VNI-Times) whose glyphs sat on the single bytes of the
Windows code page: Excel keeps the characters of those bytes, so "Nguyễn Văn Tùng" typed in TCVN3 is
stored as "NguyÔn V¨n Tïng", in VNI as "Nguyeãn Vaên Tuøng". A cell is converted only when it is not
already Vietnamese in Unicode and exactly one of the two readings gives valid Vietnamese syllables; a cell
with such characters that neither reading makes Vietnamese is undecided, and the import refuses it rather
than store it as it is (`decide`).

Tables: TCVN 5712:1993 VN3 (the "ABC" fonts) and VNI-Windows, as Unikey and the usual converters map them.
"""
import functools
import re
import unicodedata

TCVN3, VNI = "TCVN3", "VNI"

# TCVN3: one byte per letter; capitals with a tone exist only in the .VnTimeH fonts, which draw the same
# bytes as capitals (`_capitalise` restores them from the word around).
TCVN3_TABLE = dict(zip(
    "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ¡¢§£¤¥¦",
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ",
))

# VNI-Windows: a base letter followed by a mark byte; the letters i, ơ, ư, ỵ, đ are single bytes.
_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_CIRCUMFLEX_TONES = {"á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_BREVE_TONES = {"é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
VNI_SINGLE = {"í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "ô": "ơ", "ö": "ư", "î": "ỵ", "ñ": "đ"}


def _vni_marks():
    """(base letter, mark character) → the Unicode letter, lower case and capitals."""
    marks = {}
    for base in "aeouy":
        for mark, tone in _TONES.items():
            marks[base, mark] = base + tone
    for base in "aeo":
        marks[base, "â"] = base + "\u0302"
        for mark, tone in _CIRCUMFLEX_TONES.items():
            marks[base, mark] = base + "\u0302" + tone
    marks["a", "ê"] = "a\u0306"
    for mark, tone in _BREVE_TONES.items():
        marks["a", mark] = "a\u0306" + tone
    for base in "ôö":  # ơ, ư with a tone
        for mark, tone in _TONES.items():
            marks[base, mark] = VNI_SINGLE[base] + tone
    table = {}
    for (base, mark), letter in marks.items():
        letter = unicodedata.normalize("NFC", letter)
        table[base, mark] = letter
        table[base.upper(), mark.upper()] = letter.upper()
    return table


VNI_MARKS = _vni_marks()
VNI_SINGLES = {**VNI_SINGLE, **{k.upper(): v.upper() for k, v in VNI_SINGLE.items()}}


def _byte_of():
    """The byte each character of the Windows code pages stands for, whichever of Windows-1252,
    Windows-1258 or Latin-1 the text was read with (they never give one character two bytes)."""
    table = {}
    for codec in ("latin-1", "cp1252", "cp1258"):
        for byte in range(0x80, 0x100):
            try:
                char = bytes([byte]).decode(codec)
            except UnicodeDecodeError:
                continue
            table.setdefault(char, byte)
    for byte in range(0x80, 0x100):  # undefined bytes kept by the "surrogateescape" error handler
        table[chr(0xDC00 + byte)] = byte
    return table


_BYTE_OF = _byte_of()


def _as_latin1(text):
    """The text as the bytes it was typed with, shown as Latin-1 characters (the tables' form); None
    when a character is none of the code pages' (the text is Unicode)."""
    out = []
    for char in text:
        if char.isascii():
            out.append(char)
        elif char in _BYTE_OF:
            out.append(chr(_BYTE_OF[char]))
        else:
            return None
    return "".join(out)


def from_tcvn3(text):
    """`text` read as TCVN3 (in its Latin-1 form), or None when a character is not TCVN3."""
    out = []
    for char in text:
        if char.isascii():
            out.append(char)
        elif char in TCVN3_TABLE:
            out.append(TCVN3_TABLE[char])
        else:
            return None
    return _capitalise("".join(out))


def from_vni(text):
    """`text` read as VNI-Windows (in its Latin-1 form), or None when it is not VNI."""
    out, position = [], 0
    while position < len(text):
        char = text[position]
        following = text[position + 1] if position + 1 < len(text) else ""
        if (char, following) in VNI_MARKS:
            out.append(VNI_MARKS[char, following])
            position += 2
            continue
        if char.isascii():
            out.append(char)
        elif char in VNI_SINGLES:
            out.append(VNI_SINGLES[char])
        else:
            return None
        position += 1
    return "".join(out)


_WORD = re.compile(r"[^\W\d_]+")


def _capitalise(text):
    """A word typed in capitals with a .VnTimeH font ("NGUYÔN") has its TCVN3 letters in lower case:
    upper-case them when its other letters are all capitals."""
    def word(match):
        plain = [c for c in match.group() if c.isascii()]
        return match.group().upper() if len(plain) >= 2 and all(c.isupper() for c in plain) else match.group()
    return _WORD.sub(word, text)


# A Vietnamese syllable, without its tone: initial consonant, vowel group, final consonant.
_VOWELS = ("iêu yêu oai oay oeo uây uôi uya uyê uyu ươi ươu "
           "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê "
           "a ă â e ê i o ô ơ u ư y").split()
_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?(" + "|".join(_VOWELS) + r")(ch|ng|nh|[cmnptk])?"
)
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_OTHER_MARKS = {"\u0302", "\u0306", "\u031b"}
PUNCTUATION_OK = set("–—“”‘’…•°№\u00a0")
# Characters that stand for a letter in TCVN3 or VNI ("¸", "¨", "ª", "ø"…), as any code page shows them:
# a text with one of them that is not a Vietnamese letter itself is not taken for Unicode text.
_LEGACY = {char for char, byte in _BYTE_OF.items()
           if chr(byte) in TCVN3_TABLE or chr(byte) in VNI_SINGLES or any(chr(byte) == m for _, m in VNI_MARKS)}


def is_vietnamese_letter(char):
    if char.isascii() or char in "đĐ":
        return True
    base, *marks = unicodedata.normalize("NFD", char)
    return base.isascii() and base.isalpha() and bool(marks) and set(marks) <= _TONE_MARKS | _OTHER_MARKS


def _plain(char):
    """ASCII, a Vietnamese letter, usual punctuation, or a symbol that no old encoding uses for a letter
    ("²", "€")."""
    return (is_vietnamese_letter(char) or char in PUNCTUATION_OK
            or not (char.isalpha() or unicodedata.combining(char) or char in _LEGACY or char == "\ufffd"))


def is_syllable(word):
    """A Vietnamese syllable with at most one tone, on the vowel that carries it: "lẽo", never "leõ"
    (TCVN3 read of a VNI word); "hòa" and "hoà" alike."""
    letters, tone_at = [], None
    for index, char in enumerate(unicodedata.normalize("NFC", word.lower())):
        decomposed = unicodedata.normalize("NFD", char)
        tones = [c for c in decomposed if c in _TONE_MARKS]
        if tones:
            if tone_at is not None or len(tones) > 1:
                return False
            tone_at = index
        letters.append(unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS)))
    match = _SYLLABLE.fullmatch("".join(letters))
    if match is None:
        return False
    if tone_at is None:
        return True
    start, end = match.span(2)
    nucleus = match.group(2)
    marked = [i for i, c in enumerate(nucleus) if c in "ăâêôơư"]
    if marked:
        allowed = {marked[-1]}
    elif match.group(3) or len(nucleus) == 1:
        allowed = {len(nucleus) - 1}
    elif len(nucleus) == 2:
        allowed = {0, 1} if nucleus in ("oa", "oe", "uy") else {0}
    else:
        allowed = {1}
    return tone_at - start in allowed


def is_vietnamese(text):
    """Every character plain (`_plain`), and every word with a letter outside ASCII a Vietnamese
    syllable ("Leâ" is not: VNI for "Lê")."""
    return all(_plain(c) for c in text) and all(word.isascii() or is_syllable(word) for word in _WORD.findall(text))


def looks_garbled(text):
    """Characters no Vietnamese text has: letters of the old encodings, UTF-8 read as Windows-1252
    ("Nguyá»…n"), marks on no letter, or characters lost in decoding."""
    return any(c == "\ufffd" or unicodedata.combining(c) or (c in _BYTE_OF and not _plain(c))
               for c in unicodedata.normalize("NFC", text))


class Undecided(str):
    """A cell in an old encoding that could not be read as Vietnamese, or that two encodings read as
    different Vietnamese (`readings`: {encoding: text}, which its column may settle): never stored as is."""
    readings = {}


def _readings(text):
    """{encoding: the Unicode NFC text} for each old encoding that reads `text` as other Vietnamese."""
    legacy = _as_latin1(text)
    found = {}
    for encoding, reader in ((TCVN3, from_tcvn3), (VNI, from_vni)) if legacy is not None else ():
        converted = reader(legacy)
        if converted is not None and converted != legacy:
            converted = unicodedata.normalize("NFC", converted)
            if converted != unicodedata.normalize("NFC", text) and is_vietnamese(converted):
                found[encoding] = converted
    return found


@functools.lru_cache(maxsize=65536)
def other_readings(text):
    """For a text that `decide` keeps as Unicode: the old encodings that read it as other Vietnamese
    ("Dòng", "Vò" are TCVN3 for "Dũng", "Vũ"). The rest of its column settles which it is."""
    return _readings(text) if not text.isascii() else {}


@functools.lru_cache(maxsize=65536)
def decide(text):
    """(value, encoding) for one cell: (the text, None) when it is Unicode already or not Vietnamese;
    (the Unicode NFC text, TCVN3 or VNI) when exactly one old encoding reads it as Vietnamese;
    (Undecided(text), None) when it holds characters of an old encoding (or garbled ones) that no
    encoding reads as Vietnamese, or both do, differently."""
    if text.isascii():
        return text, None
    if {char for char in text if not char.isascii()} <= {"Đ", "đ"}:
        # Codes and abbreviations ("TĐK-01", "QLĐĐ") are Unicode: TCVN3 and VNI write đ otherwise ("®",
        # "ñ"), and a TCVN3 "é" (shown as "Đ") alone in a cell is far rarer than a Unicode abbreviation.
        return text, None
    if _as_latin1(text) is None:  # a letter no code page has ("ễ", "ư"): Unicode, no old encoding reads it
        return (Undecided(text) if looks_garbled(text) else text), None
    if is_vietnamese(unicodedata.normalize("NFC", text)):
        return text, None
    readings = {converted: encoding for encoding, converted in _readings(text).items()}
    if len(readings) == 1:
        value, encoding = next(iter(readings.items()))
        return value, encoding
    if readings or looks_garbled(text):
        undecided = Undecided(text)
        undecided.readings = {encoding: converted for converted, encoding in readings.items()}
        return undecided, None
    return text, None
