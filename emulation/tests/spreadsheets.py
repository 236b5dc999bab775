"""Spreadsheets laid out the way offices keep them, built in the tests (openpyxl, xlwt, csv)."""
import io
import re
import zipfile
from xml.sax.saxutils import escape

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from openpyxl.styles import Alignment
import unicodedata
from emulation.legacy_text import TCVN3_TABLE
from emulation.legacy_text import VNI_MARKS, VNI_SINGLES
import xlwt
import csv


def office_xlsx(title, headers, rows, *, name="danh-sach.xlsx", code_list=None, formulas=None, numbering=True,
                sections=None, footer=True, code_list_first=False):
    """A list as an office keeps it: the title on row 1, a blank row 2, headers on row 3 (wrapped over two
    lines where they contain "\\n"), the "(1) (2) …" numbering row, then the rows with an STT column.
    `code_list`: rows of a second sheet DANHMUC. `formulas`: {(row index, column index): (formula, cached
    value)} written as Excel saves them, the formula and the value it computed. `sections`: {row index:
    "I. Tập thể"} rows inserted before a data row. `footer`: the signature block under the list."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers) + 1)
    sheet.append([])
    sheet.append(["STT", *headers])
    for cell in sheet[3]:
        cell.alignment = Alignment(wrap_text=True)
    if numbering:
        sheet.append([f"({i})" for i in range(1, len(headers) + 2)])
    cached = {}
    for index, row in enumerate(rows):
        if sections and index in sections:
            sheet.append([sections[index]])
        values = [index + 1, *row]
        for (r, c), (formula, value) in (formulas or {}).items():
            if r == index:
                values[c + 1] = formula
                cached[f"{chr(ord('A') + c + 1)}{sheet.max_row + 1}"] = value
        sheet.append(values)
    if footer:
        sheet.append([])
        sheet.append([None, "NGƯỜI LẬP BIỂU", None, None, "THỦ TRƯỞNG ĐƠN VỊ"])
    if code_list:
        codes = book.create_sheet("DANHMUC")
        for line in code_list:
            codes.append(line)
        if code_list_first:  # the code list is the first sheet, the list the second
            book.move_sheet(codes, offset=-1)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, with_cached_values(buffer.getvalue(), cached))


class CachedError(str):
    """A formula's cached error value ("#N/A"), saved by Excel as an error cell (t="e")."""


def with_cached_values(data, cached):
    """The .xlsx with each formula cell of the first sheet carrying the value Excel would have saved
    (openpyxl writes formulas without a computed value)."""
    if not cached:
        return data
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                for ref, value in cached.items():
                    kind = "e" if isinstance(value, CachedError) else "str"
                    text = re.sub(
                        rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?',
                        lambda m, v=value, t=kind: f'<c r="{ref}"{m.group(1)} t="{t}"><f>{m.group(2)}</f><v>{escape(str(v))}</v>',
                        text,
                    )
                content = text.encode()
            target.writestr(item, content)
    return out.getvalue()


def office_xls(title, headers, rows, name="danh-sach.xls"):
    """The same layout as an Excel 97-2003 file."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Danh sach")
    sheet.write(0, 0, title)
    for c, header in enumerate(["STT", *headers]):
        sheet.write(2, c, header)
    for r, row in enumerate(rows):
        for c, value in enumerate([r + 1, *row]):
            sheet.write(3 + r, c, value)
    codes = book.add_sheet("DANHMUC")
    codes.write(0, 0, "QLDD")
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def office_csv(headers, rows, *, encoding="cp1258", delimiter=";", name="danh-sach.csv", title="DANH SÁCH CÁN BỘ"):
    """A CSV file as Excel saves it on a Vietnamese Windows: ";" between cells, Windows-1258."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter)
    for line in [title] if isinstance(title, str) else title:  # the title rows, as one cell each
        writer.writerow([line])
    writer.writerow([])
    writer.writerow(["STT", *headers])
    for index, row in enumerate(rows):
        writer.writerow([index + 1, *row])
    data = to_cp1258(text.getvalue()) if encoding == "cp1258" else text.getvalue().encode(encoding)
    return SimpleUploadedFile(name, data)


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text):
    """Windows-1258 as Windows writes it: letters with their vowel marks (â, ơ, ư…) precomposed, tone
    marks as separate combining characters (Python's codec needs this form)."""

    out = []
    for ch in unicodedata.normalize("NFC", text):
        base, *marks = unicodedata.normalize("NFD", ch)
        tones = [m for m in marks if m in TONES]
        others = [m for m in marks if m not in TONES]
        out.append(unicodedata.normalize("NFC", base + "".join(others)) + "".join(tones))
    return "".join(out).encode("cp1258")


def to_tcvn3(text):
    """Unicode text as a TCVN3 (ABC) font shows it in Excel: "Nguyễn Văn Tùng" → "NguyÔn V¨n Tïng".
    Capitals with a tone take the lower-case byte, as the .VnTimeH fonts draw them."""


    codes = {letter: byte for byte, letter in TCVN3_TABLE.items()}
    return "".join(codes.get(ch, codes.get(ch.lower(), ch)) for ch in unicodedata.normalize("NFC", text))


def to_vni(text):
    """Unicode text as a VNI-Windows font shows it in Excel: "Nguyễn Văn Tùng" → "Nguyeãn Vaên Tuøng"."""


    codes = {letter: base + mark for (base, mark), letter in VNI_MARKS.items()}
    codes.update({letter: byte for byte, letter in VNI_SINGLES.items()})
    return "".join(codes.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def two_row_header_xlsx(title, top, sub, rows, name="danh-sach.xlsx"):
    """A list whose headers take two rows (3 and 4): `top` holds each column's name or the title of a group
    merged over the columns to its right that are None in `top`; `sub` the names under a group (None under
    a column of its own, merged over both rows). Excel keeps a merged title in its first cell only."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append([title])
    sheet.append([])
    sheet.append(top)
    sheet.append(sub)
    column = 0
    while column < len(top):
        end = column
        while end + 1 < len(top) and top[end + 1] is None:
            end += 1
        if end > column:
            sheet.merge_cells(start_row=3, start_column=column + 1, end_row=3, end_column=end + 1)
        elif sub[column] is None:
            sheet.merge_cells(start_row=3, start_column=column + 1, end_row=4, end_column=column + 1)
        column = end + 1
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())
