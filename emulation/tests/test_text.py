import unicodedata

import pytest

from emulation.models import Staff
from emulation.text import fold, nfc, search
from emulation.tests.factories import StaffFactory
from django.db import connection


def test_fold_removes_diacritics_and_case():
    assert fold("Nguyễn Đức Trung") == "nguyen duc trung"


def test_fold_maps_both_cases_of_d_with_stroke():
    assert fold("ĐỖ đình") == "do dinh"


def test_fold_of_decomposed_input_equals_fold_of_composed():
    decomposed = unicodedata.normalize("NFD", "Huỳnh Thị Lệ Quyên")
    assert fold(decomposed) == "huynh thi le quyen"


def test_nfc_composes_and_collapses_spaces():
    decomposed = unicodedata.normalize("NFD", "  Lê   Thị Hà ")
    assert nfc(decomposed) == unicodedata.normalize("NFC", "Lê Thị Hà")


@pytest.mark.django_db
def test_search_without_accents_finds_accented_name(org):
    wanted = StaffFactory(full_name="Nguyễn Đức Trung", unit=org.land)
    StaffFactory(full_name="Nguyễn Văn Trường", unit=org.land)
    assert list(search(Staff.objects.all(), "nguyen duc trung")) == [wanted]


@pytest.mark.django_db
def test_search_with_upper_case_and_d_finds_name(org):
    wanted = StaffFactory(full_name="Đặng Đình Khoa", unit=org.land)
    assert list(search(Staff.objects.all(), "DANG DINH")) == [wanted]


@pytest.mark.django_db
def test_search_with_decomposed_query_finds_name(org):
    wanted = StaffFactory(full_name="Phạm Thị Nguyệt", unit=org.land)
    assert list(search(Staff.objects.all(), unicodedata.normalize("NFD", "Nguyệt"))) == [wanted]


@pytest.mark.django_db
def test_staff_name_entered_decomposed_is_stored_composed(org):
    staff = StaffFactory(full_name=unicodedata.normalize("NFD", "Trần Thị Ánh"), unit=org.land)
    staff.refresh_from_db()
    assert staff.full_name == unicodedata.normalize("NFC", "Trần Thị Ánh")
    assert unicodedata.is_normalized("NFC", staff.full_name)


@pytest.mark.django_db
def test_the_searched_folded_columns_have_trigram_indexes_on_postgresql_only():
    wanted = {"staff_search_trgm": "emulation_staff", "unit_search_trgm": "emulation_unit",
              "award_record_search_trgm": "awards_awardrecord", "plan_search_trgm": "campaigns_plan"}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname, tablename, indexdef FROM pg_indexes WHERE indexname = ANY(%s)",
                           [list(wanted)])
            found = {name: (table, definition) for name, table, definition in cursor.fetchall()}
            assert {name: table for name, (table, _d) in found.items()} == wanted
            assert all("gin_trgm_ops" in definition for _t, definition in found.values())
        else:  # SQLite has no trigram index: the migrations leave it alone
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%trgm%'")
            assert cursor.fetchall() == []
