"""Unit names as people write them in the lists they import (issue 25): an exact code always wins, a name is
matched without diacritics, small words or the province, and a loose reading is shown in the preview."""
import pytest
from django.urls import reverse

from emulation.models import Staff
from emulation.tests.factories import UnitFactory
from emulation.tests.spreadsheets import office_xlsx

TITLE = "DANH SÁCH CÁN BỘ NĂM 2025"
HEADERS = ["Họ tên", "Ngày sinh", "Đơn vị", "Loại cán bộ", "Số CCCD"]


def preview(client, rows):
    return client.post(reverse("import_data", args=["staff"]), {"file": office_xlsx(TITLE, HEADERS, rows)})


@pytest.mark.django_db
def test_exact_unit_codes_win_over_the_initials_of_other_units(office_client, org):
    UnitFactory(code="KH", name="Phòng Kế hoạch", parent=org.department)
    UnitFactory(code="KHOA", name="Khoa Hồi sức", parent=org.department)  # its initials read "KH" too
    rows = [[f"Người {n}", "01/01/1990", "KH" if n % 2 else "KHOA", "Công chức", f"0510000{n:05d}"] for n in range(90)]
    response = preview(office_client, rows)
    report = response.context["report"]
    assert (report.errors, report.new, report.read_as) == ([], 90, [])
    office_client.post(reverse("import_data", args=["staff"]), {"confirm": "1", "token": response.context["token"]})
    assert sorted(set(Staff.objects.values_list("unit__code", flat=True))) == ["KH", "KHOA"]


@pytest.mark.django_db
def test_the_departments_name_without_its_province_or_small_words_is_read_as_it_and_said(office_client, org):
    org.department.name = "Sở Tài nguyên và Môi trường tỉnh Quảng Ngãi"
    org.department.save()
    response = preview(office_client, [
        ["Một", "01/01/1990", "Sở Tài nguyên và Môi trường", "Công chức", "051000000201"],
        ["Hai", "01/01/1990", "So Tai nguyen & Moi truong", "Công chức", "051000000202"],
        ["Ba", "01/01/1990", "SO", "Công chức", "051000000203"],
    ])
    report = response.context["report"]
    assert (report.errors, report.new) == ([], 3)
    assert report.read_as == [
        ("So Tai nguyen & Moi truong", "SO – Sở Tài nguyên và Môi trường tỉnh Quảng Ngãi"),
        ("Sở Tài nguyên và Môi trường", "SO – Sở Tài nguyên và Môi trường tỉnh Quảng Ngãi"),
    ]
    assert ("«Sở Tài nguyên và Môi trường» được hiểu là «SO – Sở Tài nguyên và Môi trường tỉnh Quảng Ngãi»"
            in response.content.decode())
