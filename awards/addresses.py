"""Addresses on Việt Nam's administrative units as they are since 1 July 2025 (34 provinces, two levels:
province → xã, phường, đặc khu; Nghị quyết 202/2025/QH15), read from the `vietnam-provinces` package
(the codes and names of the General Statistics Office), never from a list of our own: a re-arrangement is
an upgrade of the package. Everything is in memory: no internet, no query."""
from functools import lru_cache

from vietnam_provinces import Province, VietNamDivisionType, Ward

from emulation.text import fold


@lru_cache(maxsize=1)
def provinces():
    """(code, name) of every province, by name (the folded name, so that "Đ" sorts after "D")."""
    return sorted(((p.code.value, p.name) for p in Province.iter_all()), key=lambda row: fold(row[1]))


@lru_cache(maxsize=64)
def communes(province_code):
    """(code, name) of the communes (xã, phường, đặc khu) of a province, by name; [] for an unknown code."""
    return sorted(((w.code.value, w.name) for w in Ward.iter_by_province(_province_code(province_code))),
                  key=lambda row: fold(row[1])) if province_name(province_code) else []


def _province_code(code):
    try:
        return Province.from_code(int(code)).code
    except (TypeError, ValueError):
        return None


def province_name(code):
    """The province's name as an address writes it ("tỉnh Quảng Ngãi", "Thành phố Hà Nội"), or ""."""
    try:
        province = Province.from_code(int(code))
    except (TypeError, ValueError):
        return ""
    return f"tỉnh {province.name}" if province.division_type == VietNamDivisionType.TINH else province.name


def commune_in(commune_code, province_code):
    """The commune's name if `commune_code` is a commune of `province_code`, else ""."""
    try:
        ward = Ward.from_code(int(commune_code))
    except (TypeError, ValueError):
        return ""
    return ward.name if _province_code(province_code) == ward.province_code else ""


def search_communes(province_code, text, limit=30):
    """Up to `limit` communes of the province whose folded name contains every word of `text` (all of
    them, up to `limit`, for an empty text), and whether there are more."""
    words = fold(text).split()
    found = [row for row in communes(province_code) if all(word in fold(row[1]) for word in words)]
    return found[:limit], len(found) > limit


def province_of_place(place):
    """The code of the province named in an agency's date line ("Quảng Ngãi"), or None."""
    wanted = fold(place or "")
    return next((code for code, name in provinces() if fold(name).removeprefix("thanh pho ") == wanted), None)


def full_address(street, commune_code, province_code):
    """"<street>, <commune>, <province>" with what is known."""
    parts = [(street or "").strip(), commune_in(commune_code, province_code), province_name(province_code)]
    return ", ".join(part for part in parts if part)
