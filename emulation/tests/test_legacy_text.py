"""Old Vietnamese encodings (TCVN3, VNI-Windows) are read per cell, and Unicode text is never converted."""
import unicodedata

import pytest

from emulation.legacy_text import TCVN3, VNI, Undecided, decide
from emulation.tests.spreadsheets import to_tcvn3, to_vni

VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
LETTERS = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đa"]
NAMES = ["Nguyễn Văn Tùng", "Trần Thị Ánh Hồng", "Lê Quốc Việt", "Phạm Đức Thắng", "Hoàng Thủy Tiên",
         "Đặng Ngọc Ẩn", "Võ Thành Lợi", "Bùi Thị Ước", "Đỗ Mỹ Kỳ", "Dương Ỷ Lan", "Huỳnh Khuyến Ưng",
         "Chuyên viên", "Phó trưởng phòng", "Chiến sĩ thi đua cơ sở", "Ủy ban nhân dân tỉnh Đắk Lắk",
         "Ngô Thị Hà", "Hòa", "Hoà", "Thuý", "Thúy", "Gìn giữ", "Người ở rừng"]


def test_unicode_vietnamese_is_never_converted():
    for text in NAMES + [" ".join(LETTERS), " ".join(LETTERS).upper(), "Tó", "Thò", "50 m²", "Café", "日本"]:
        assert decide(text) == (text, None)


def test_unit_codes_and_abbreviations_with_d_stroke_stay_unicode():
    # "TĐK-01" read as TCVN3 would be "TÉK-01" (seen when the value mappings met the encodings).
    for code in ["TĐK-01", "QLĐĐ", "ĐTN", "P.QLĐĐ-1", "đ"]:
        assert decide(code) == (code, None)


def test_every_letter_in_both_cases_and_names_round_trip_through_vni():
    for text in [" ".join(LETTERS), " ".join(LETTERS).upper(), *NAMES, *(n.upper() for n in NAMES)]:
        assert decide(to_vni(text)) == (text, VNI), text


def test_every_letter_and_names_round_trip_through_tcvn3_also_as_read_on_vietnamese_windows():
    # TCVN3 has no capitals with a tone: a name's first letter is written without one, or the whole word
    # in capitals (.VnTimeH), which the converter restores from the word's other letters.
    names = ["Nguyễn Văn Tùng", "Chuyên viên", "Đào Duy Từ", "Ông Văn Khiêm", "Âu Dương Ơn", "Ưng Hoàng Phúc",
             "NGUYỄN VĂN TÙNG", "PHÓ TRƯỞNG PHÒNG", "Lê Thị Ước"]
    for text in [" ".join(LETTERS), *names]:
        legacy = to_tcvn3(text)
        assert decide(legacy) == (text, TCVN3), text
        as_cp1258 = legacy.encode("latin-1").decode("cp1258")  # combining marks where 1258 has them
        assert decide(as_cp1258) == (text, TCVN3), text


@pytest.mark.parametrize("garbled", ["Nguyễn Văn Tùng".encode().decode("cp1252"), "Nguy\ufffdn", "Müller"])
def test_text_that_looks_legacy_but_reads_as_no_vietnamese_is_undecided(garbled):
    value, encoding = decide(garbled)
    assert (type(value), encoding) == (Undecided, None)
