"""Issue 31 §7: the registration roll-up names the people and collectives registered, by unit and by title,
in the page, the PDF and the Excel file."""
import io

import openpyxl
import pytest
from django.urls import reverse

from awards.models import Registration, RegistrationLine
from awards.tests.factories import award
from emulation.tests.factories import StaffFactory
from emulation.documents.tests.pdftools import pdf_text

pytestmark = pytest.mark.django_db


def _register(unit, names, status=Registration.Status.RECEIVED):
    registration = Registration.objects.create(unit=unit, year=2026, collective_title=award("TTLDTT"), status=status)
    for name in names:
        RegistrationLine.objects.create(registration=registration, staff=StaffFactory(unit=unit, full_name=name),
                                        award_type=award("CSTDCS" if "Chiến" in name else "LDTT"))
    return registration


@pytest.fixture
def registered(org):
    _register(org.land, ["Trần Thị Chiến", "Lê Văn An"])
    _register(org.env, ["Phạm Thị Bình"])
    _register(org.land_team, ["Nguyễn Văn Nháp"], status=Registration.Status.DRAFT)  # a draft is not counted


def test_the_rollup_page_names_people_and_collectives_by_unit_and_title(office_client, org, registered):
    response = office_client.get(reverse("awards:registration_rollup"), {"year": 2026})
    assert response.context["by_unit"] == [
        {"unit": "Phòng Quản lý đất đai", "collective": "Tập thể lao động tiên tiến",
         "people": [("Lao động tiên tiến", ["Lê Văn An"]), ("Chiến sĩ thi đua cơ sở", ["Trần Thị Chiến"])]},
        {"unit": "Chi cục Bảo vệ môi trường", "collective": "Tập thể lao động tiên tiến",
         "people": [("Lao động tiên tiến", ["Phạm Thị Bình"])]},
    ]
    html = response.content.decode()
    assert "Trần Thị Chiến" in html and "Nguyễn Văn Nháp" not in html


def test_the_rollup_pdf_names_them(office_client, registered):
    text = pdf_text(office_client.get(reverse("awards:registration_rollup_pdf"), {"year": 2026}).content)
    assert "Danh sách đăng ký theo đơn vị" in text
    for name in ("Trần Thị Chiến", "Lê Văn An", "Phạm Thị Bình"):
        assert name in text


def test_the_rollup_excel_names_them_on_a_sheet_of_their_own(office_client, registered):
    book = openpyxl.load_workbook(io.BytesIO(office_client.get(reverse("awards:registration_rollup_export"), {"year": 2026}).content))
    sheet = book["Danh sách đăng ký"]
    rows = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert ["Phòng Quản lý đất đai", "Chiến sĩ thi đua cơ sở", "Trần Thị Chiến"] in rows
    assert ["Phòng Quản lý đất đai", "Tập thể lao động tiên tiến", "Phòng Quản lý đất đai"] in rows
    assert ["Chi cục Bảo vệ môi trường", "Lao động tiên tiến", "Phạm Thị Bình"] in rows


@pytest.mark.parametrize("units", [1, 3])
def test_the_rollup_costs_the_same_queries_for_1_and_3_units(office_client, org, units, django_assert_num_queries):
    for unit in [org.land, org.env, org.land_team][:units]:
        _register(unit, [f"Người {unit.code}"])
    with django_assert_num_queries(10):
        office_client.get(reverse("awards:registration_rollup"), {"year": 2026})
