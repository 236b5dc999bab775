"""The statistical forms of TT 02/2023 against a small hand-counted data set."""
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from awards.models import AwardKind, Outsider
from awards.tests.factories import RecordFactory, award
from campaigns.models import MovementDuration, MovementLevel, MovementScope, PlanKind, PlanStatus
from campaigns.tests.factories import PlanFactory
from emulation.documents.tests.pdftools import pdf_fonts, pdf_info, pdf_text
from emulation.models import Agency, Staff, Unit
from reports.statistics.forms import FORMS
from reports.statistics.tables import build
from campaigns.models import Plan


def _plan(**kwargs):
    return PlanFactory(status=PlanStatus.ISSUED, **kwargs)


@pytest.fixture
def movements(db):
    """Hand-counted 2025: one of each scope; durations 5+ (2021–2025), 1 year, under 1 year, 1–3 years."""
    _plan(kind=PlanKind.LONG_TERM, year_from=2021, year_to=2025)  # agency, agency, 5+, regular
    _plan(kind=PlanKind.ANNUAL, year_from=2025, year_to=2025, movement_scope=MovementScope.NATIONAL,
          movement_level=MovementLevel.CENTRAL)  # 1 year, regular
    _plan(kind=PlanKind.THEMATIC, year_from=2025, year_to=2025, movement_scope=MovementScope.SECTOR_LOCAL,
          movement_level=MovementLevel.MINISTRY_PROVINCE, movement_duration=MovementDuration.UNDER_ONE)
    _plan(kind=PlanKind.AD_HOC, year_from=2024, year_to=2025, movement_scope=MovementScope.CLUSTER)  # 1–3, thematic
    PlanFactory(year_from=2025, year_to=2025)  # a draft: not counted
    _plan(year_from=2026, year_to=2026)  # another year: not counted


def test_form_0601_counts_movements_by_scope_duration_and_method(movements):
    values = build("0601", 2025).values()
    assert values["01"] == [4, 1, 1, 2]
    assert values["02"] == [1, 1, 0, 0]
    assert values["03"] == [1, 0, 1, 0]
    assert values["04"] == [1, 0, 0, 1]
    assert values["05"] == [1, 0, 0, 1]
    assert [values[code][0] for code in ("06", "07", "08", "09", "10")] == [1, 1, 1, 0, 1]
    assert values["11"] == [2, 0, 1, 1]
    assert values["12"] == [2, 1, 0, 1]


def test_each_section_of_0601_adds_up_to_the_total_in_every_column(movements):
    values = build("0601", 2025).values()
    for section in (("02", "03", "04", "05"), ("06", "07", "08", "09", "10"), ("11", "12")):
        assert [sum(values[code][i] for code in section) for i in range(4)] == values["01"]
    for row in values.values():
        assert row[0] == sum(row[1:])


@pytest.fixture
def awards_2025(org, staff_in):
    """Hand-counted: 0602 one PM certificate to a department leader; 0603 two certificates (a person, a
    collective), one emulation fighter (thematic), one flag (ad hoc); one Director's award (not counted)."""
    leader = staff_in(org.land, leadership=Staff.Leadership.DEPARTMENT)
    worker = staff_in(org.land)
    head = staff_in(org.env, leadership=Staff.Leadership.OTHER)
    RecordFactory(staff=leader, award_type=award("BK_TTG"), year=2025)
    RecordFactory(staff=worker, award_type=award("BK_TINH"), year=2025)
    RecordFactory(staff=None, unit=org.env, award_type=award("BK_TINH_TT"), year=2025)
    RecordFactory(staff=head, award_type=award("CSTDT"), year=2025, kind=AwardKind.THEMATIC)
    RecordFactory(staff=None, unit=org.land, award_type=award("CTD_TINH"), year=2025, kind=AwardKind.AD_HOC)
    RecordFactory(staff=worker, award_type=award("GK"), year=2025)
    RecordFactory(staff=worker, award_type=award("BK_TINH"), year=2024)


def test_form_0602_counts_state_awards_by_column_and_holder(awards_2025):
    values = build("0602", 2025).values()
    assert values["01"] == [1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]
    assert values["03"][0] == 1 and values["02"][0] == 0
    assert values["09"][0] == 1 and values["11"][0] == 1 and values["06"][0] == 0
    assert values["15"][0] == 1


def test_form_0603_counts_province_awards_by_column_subject_and_kind(awards_2025):
    values = build("0603", 2025).values()
    assert values["01"] == [4, 2, 1, 1, 0]
    assert values["02"] == [2, 1, 0, 1, 0]
    assert values["05"] == [2, 1, 1, 0, 0]
    assert values["09"] == [1, 0, 1, 0, 0]
    assert values["10"] == [1, 1, 0, 0, 0]
    assert values["11"] == [2, 2, 0, 0, 0]
    assert values["12"] == [1, 0, 1, 0, 0]
    assert values["13"] == [1, 0, 0, 1, 0]
    assert values["01"] == [values["02"][i] + values["05"][i] for i in range(5)]
    assert values["05"] == [sum(values[c][i] for c in ("06", "07", "08", "09", "10")) for i in range(5)]
    assert values["01"] == [sum(values[c][i] for c in ("11", "12", "13", "14", "15", "16", "17")) for i in range(5)]


def test_forms_0604_and_0605_count_bodies_and_people_of_emulation_work(org, staff_in):
    Unit.objects.filter(pk=org.land.pk).update(emulation_body=Unit.EmulationBody.BUREAU_DIVISION)
    staff_in(org.land, gender="female", date_of_birth=date(1990, 5, 1), education=Staff.Education.UNIVERSITY,
             emulation_work_since=2018)  # 35, 7 years
    staff_in(org.land, gender="male", date_of_birth=date(1968, 1, 1), education=Staff.Education.POSTGRADUATE,
             emulation_work_since=2025)  # 57, 0 years
    staff_in(org.land, emulation_work_since=2026)  # starts later: not counted
    assert build("0604", 2025).values() == {"01": [1], "02": [0], "03": [1], "04": [0], "05": [0]}
    values = build("0605", 2025).values()
    assert values["01"] == [2, 1]
    assert values["03"] == [1, 1] and values["06"] == [1, 0]
    assert values["11"] == [1, 1] and values["12"] == [1, 0]
    assert values["13"] == [1, 0] and values["14"] == [1, 1]


def _rows_sum(values, codes, column):
    return sum(values[code][column] for code in codes)


def test_form_0602_rows_and_columns_add_up_to_their_totals(awards_2025, org, staff_in):
    RecordFactory(staff=staff_in(org.env), award_type=award("BK_TTG"), year=2025, kind=AwardKind.THEMATIC)

    values = build("0602", 2025).values()

    assert values["01"][0] == 2 and values["15"][0] + values["16"][0] + values["17"][0] == 2
    for column in range(13):
        total = values["01"][column]
        assert total == _rows_sum(values, ("02", "03"), column) == _rows_sum(values, ("06", "09"), column)
        assert values["09"][column] == _rows_sum(values, ("10", "11", "12", "13", "14"), column)
        assert total == _rows_sum(values, [f"{n:02d}" for n in range(15, 22)], column)
    for code, row in values.items():
        assert row[0] == sum(row[1:]), code


def test_forms_0604_and_0605_rows_add_up_to_their_totals(org, staff_in):
    Unit.objects.filter(pk=org.land.pk).update(emulation_body=Unit.EmulationBody.BUREAU_DIVISION)
    Unit.objects.filter(pk=org.env.pk).update(emulation_body=Unit.EmulationBody.HOME_AFFAIRS_BOARD)
    for born, education, since, gender in ((1999, Staff.Education.COLLEGE, 2024, "female"),
                                           (1985, Staff.Education.UNIVERSITY, 2012, "male"),
                                           (1962, Staff.Education.POSTGRADUATE, 2000, "female")):
        staff_in(org.land, gender=gender, date_of_birth=date(born, 3, 1), education=education, emulation_work_since=since)

    bodies = build("0604", 2025).values()
    people = build("0605", 2025).values()

    assert bodies["01"] == [2] == [_rows_sum(bodies, ("02", "03", "04", "05"), 0)]
    assert people["01"] == [3, 2]
    for column in (0, 1):
        for group in (range(2, 8), range(8, 13), range(13, 16)):
            assert people["01"][column] == _rows_sum(people, [f"{n:02d}" for n in group], column)


@pytest.mark.parametrize("slug", ["0601", "0603"])
def test_form_takes_the_same_queries_whatever_the_data_size(slug, org, staff_in, django_assert_num_queries):
    for size in (1, 3):
        for _ in range(size):
            _plan(year_from=2025, year_to=2025)
            RecordFactory(staff=staff_in(org.land), award_type=award("BK_TINH"), year=2025)
        agency = Agency.objects.primary()  # the page passes the user's agency (no query of its own)
        with django_assert_num_queries(1):
            table = build(slug, 2025, agency)
        assert table.values()["01"][0] == (4 if size == 3 else 1)


def test_form_page_shows_the_figures_and_the_drill_down(office_client, movements):
    response = office_client.get("/reports/statistics/0601/?year=2025&row=03&col=3")
    content = response.content.decode()
    assert response.status_code == 200
    assert 'data-cell="01-1">4</a>' in content
    assert "Biểu số 0601.N/BNV-TĐKT" in content or "0601.N/BNV-TĐKT" in content
    drill = content.split('id="drill-down"')[1]
    assert drill.count("<li>") == 1


def test_form_pages_are_refused_to_unit_heads_and_anonymous(client, land_head_client, org):
    assert land_head_client.get("/reports/statistics/0601/?year=2025").status_code == 403
    assert land_head_client.get("/reports/statistics/0601.pdf?year=2025").status_code == 403
    client.logout()
    assert client.get("/reports/statistics/").status_code == 302


def test_excel_has_the_official_layout_and_figures(office_client, movements):
    response = office_client.get("/reports/statistics/0601.xlsx?year=2025")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert "Biểu số: 0601.N/BNV-TĐKT" in cells and "SỐ PHONG TRÀO THI ĐUA" in cells and "1=(2+3+4)" in cells
    assert "Người lập biểu" in cells and "Thủ trưởng đơn vị" in cells
    total_row = next(row for row in sheet.iter_rows() if row[1].value == "01")
    assert [c.value for c in total_row[:6]] == ["Tổng số", "01", 4, 1, 1, 2]
    codes = [row[1].value for row in sheet.iter_rows() if row[1].value and str(row[1].value).isdigit()]
    assert codes == [row.code for row in FORMS["0601"].rows if row.code]


@pytest.mark.parametrize("slug,landscape", [("0601", False), ("0602", True)])
def test_pdf_is_a4_with_fonts_embedded_and_row_codes(office_client, movements, slug, landscape):
    response = office_client.get(f"/reports/statistics/{slug}.pdf?year=2025")
    info = pdf_info(response.content)
    size = "841" if landscape else "595"
    assert info["Page size"].startswith(size) and info["Page size"].endswith("(A4)")
    fonts = pdf_fonts(response.content)
    assert fonts and all(embedded for _, embedded in fonts)
    text = pdf_text(response.content)
    assert f"Biểu số: {FORMS[slug].number}" in text and "Người lập biểu" in text
    for row in FORMS[slug].rows:
        if row.code:
            assert row.code in text


def test_office_sets_a_movements_statistical_data_after_issue(office_client, movements):
    plan = Plan.objects.filter(status=PlanStatus.ISSUED, year_from=2021).get()
    page = office_client.get("/reports/statistics/movements/?year=2025")
    forms = page.context["formset"].forms
    data = {"m-TOTAL_FORMS": len(forms), "m-INITIAL_FORMS": len(forms)}
    for index, form in enumerate(forms):
        data[f"m-{index}-id"] = form.instance.pk
        for name in ("movement_level", "movement_scope", "movement_duration", "movement_method"):
            data[f"m-{index}-{name}"] = getattr(form.instance, name)
        if form.instance.pk == plan.pk:
            data[f"m-{index}-movement_scope"] = MovementScope.CLUSTER
    response = office_client.post("/reports/statistics/movements/?year=2025", data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.movement_scope == MovementScope.CLUSTER


def test_movements_page_is_refused_to_the_director(client, director_user):
    client.force_login(director_user)
    assert client.get("/reports/statistics/movements/").status_code == 403


def test_form_0603_counts_enterprises_households_and_outside_people_in_their_rows(awards_2025, org):
    """Issue 30: the rows “Trong đó: Doanh nghiệp” and “Hộ gia đình” were never counted. Outside nominees'
    awards of the province are held by the unit that proposed them (so they are the agency's figures)."""
    enterprise = Outsider.objects.create(kind="enterprise", name="Công ty Xanh", tax_code="4300123456")
    household = Outsider.objects.create(kind="household", name="Phạm Văn Lộc")
    person = Outsider.objects.create(kind="person", name="Trần Thị Mai", birth_year=1980)
    for outsider, code in ((enterprise, "BK_TINH_TT"), (household, "BK_TINH_TT"), (person, "BK_TINH")):
        RecordFactory(staff=None, outsider=outsider, holder_unit=org.land, award_type=award(code), year=2025)
    values = build("0603", 2025).values()
    assert values["03"] == [1, 1, 0, 0, 0]  # of which enterprises
    assert values["04"] == [1, 1, 0, 0, 0]  # households
    assert values["02"] == [3, 2, 0, 1, 0]  # collectives: the unit's, the flag, and the enterprise
    assert values["05"] == [3, 2, 1, 0, 0]  # individuals: two of the staff, the outside person
    assert values["10"] == [2, 2, 0, 0, 0]  # working people: the staff worker and the outside person
    assert values["01"] == [values["02"][i] + values["04"][i] + values["05"][i] for i in range(5)]
