"""The scoring pages: lists paginate in a fixed number of queries, a unit head writes their own unit's
self-assessment, the Office changes a score with a reason, the ranking's documents and export."""
from datetime import date
from decimal import Decimal as D
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from emulation.models import Agency, Role
from emulation.tests.factories import UnitFactory, UserFactory
from scoring import ranking, workflow
from scoring.models import Block
from scoring.tests.factories import criteria, scoring_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def opened(org, office_user):
    table = scoring_table()
    workflow.open_table(table, actor=office_user)
    return table


def _approve(table, unit, head, director, office, **values):
    assessment = table.assessments.get(unit=unit)
    by_kind = criteria(table)
    values = {"target": 100, **values}
    workflow.save_self_assessment(assessment, {by_kind[k].pk: (D(v), "") for k, v in values.items()}, actor=head,
                                  version=assessment.version)
    workflow.act(assessment, "submit", actor=head)
    workflow.act(assessment, "to_director", actor=office)
    workflow.act(assessment, "approve", actor=director)
    return assessment


@pytest.mark.parametrize("rows", [1, 3])
def test_table_list_takes_the_same_queries_with_1_and_3_tables(rows, client, office_user, org, django_assert_num_queries):
    for _ in range(rows):
        scoring_table()
    client.force_login(office_user)
    client.get(reverse("scoring:table_list"))  # warm the session and the menu's caches
    with django_assert_num_queries(4):
        response = client.get(reverse("scoring:table_list"))
    assert response.content.decode().count("data-table=") == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_table_detail_lists_assessments_in_the_same_queries_with_1_and_3_units(rows, client, office_user, django_assert_num_queries):
    root = UnitFactory(code="ROOT", name="Sở", kind="department")
    for index in range(rows):
        UnitFactory(code=f"P{index}", name=f"Phòng {index}", parent=root)
    table = scoring_table()
    workflow.open_table(table, actor=office_user)
    client.force_login(office_user)
    client.get(reverse("scoring:table_detail", args=[table.pk]))
    with django_assert_num_queries(13):
        response = client.get(reverse("scoring:table_detail", args=[table.pk]))
    assert response.content.decode().count("data-unit=") == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_block_list_takes_the_same_queries_with_1_and_3_blocks(rows, client, office_user, org, django_assert_num_queries):
    for index in range(rows):
        block = Block.objects.create(name=f"Khối {index}", year=2025, head=org.land)
        block.members.set([org.land, org.env])
    client.force_login(office_user)
    client.get(reverse("scoring:block_list"))
    with django_assert_num_queries(4):
        response = client.get(reverse("scoring:block_list"))
    assert response.content.decode().count("Khối ") >= rows


def test_a_unit_head_writes_their_self_assessment_and_sees_the_points(client, opened, org, land_head):
    assessment = opened.assessments.get(unit=org.land)
    by_kind = criteria(opened)
    client.force_login(land_head)
    response = client.post(reverse("scoring:assessment_edit", args=[assessment.pk]), {
        "version": assessment.version, f"value-{by_kind['manual'].pk}": "36,5", f"evidence-{by_kind['manual'].pk}": "Báo cáo số 12",
        f"value-{by_kind['yes_no'].pk}": "1", f"value-{by_kind['target'].pk}": "100",
    })
    assert response.status_code == 302
    page = client.get(reverse("scoring:assessment_detail", args=[assessment.pk])).content.decode()
    # 36.5 + 100/200 of 30 (15) + reports: none required (100 %) 20 + 10 = 81.5
    assert "81,5" in page
    assert "Báo cáo số 12" in page


def test_a_value_above_the_maximum_is_refused_and_nothing_is_saved(client, opened, org, land_head):
    assessment = opened.assessments.get(unit=org.land)
    manual = criteria(opened)["manual"]
    client.force_login(land_head)
    response = client.post(reverse("scoring:assessment_edit", args=[assessment.pk]),
                           {"version": assessment.version, f"value-{manual.pk}": "41"})
    assert response.status_code == 200
    assert assessment.scores.get(criterion=manual).value is None


def test_another_units_head_and_another_agency_get_not_found(client, opened, org, env_head):
    assessment = opened.assessments.get(unit=org.land)
    client.force_login(env_head)
    assert client.get(reverse("scoring:assessment_detail", args=[assessment.pk])).status_code == 404
    agency = Agency.objects.create(name="SỞ Y TẾ", abbreviation="SYT", place="Quảng Ngãi")
    client.force_login(UserFactory(role=Role.OFFICE, agency=agency))
    assert client.get(reverse("scoring:table_detail", args=[opened.pk])).status_code == 404
    assert client.get(reverse("scoring:ranking", args=[opened.pk])).status_code == 404
    assert b"Chi\xe1\xbb\xa5c" not in client.get(reverse("scoring:table_list")).content


def test_the_office_changes_a_score_with_a_reason_and_the_unit_sees_it(client, opened, org, land_head, office_user):
    assessment = opened.assessments.get(unit=org.land)
    by_kind = criteria(opened)
    workflow.save_self_assessment(assessment, {by_kind["manual"].pk: (D(40), ""), by_kind["yes_no"].pk: (D(1), ""),
                                               by_kind["target"].pk: (D(100), "")},
                                  actor=land_head, version=assessment.version)
    workflow.act(assessment, "submit", actor=land_head)
    client.force_login(office_user)
    client.post(reverse("scoring:assessment_change", args=[assessment.pk]),
                {"criterion": by_kind["manual"].pk, "value": "30", "reason": "Chưa có minh chứng"})
    client.force_login(land_head)
    page = client.get(reverse("scoring:assessment_detail", args=[assessment.pk])).content.decode()
    assert 'data-testid="changes"' in page and "Chưa có minh chứng" in page
    assert 'data-testid="answer-form"' in page


def test_the_ranking_page_pdf_word_excel_and_chart(client, opened, org, land_head, env_head, office_user, make_user):
    director = make_user(Role.DIRECTOR)
    _approve(opened, org.land, land_head, director, office_user, manual=38, yes_no=1)
    _approve(opened, org.env, env_head, director, office_user, manual=30, yes_no=1)
    block = Block.objects.create(name="Khối các phòng", year=2025, head=org.land, deputy=org.env)
    block.members.set([org.land, org.env])
    ranking.issue_result(opened, actor=office_user, issue_date=date(2026, 1, 10))
    client.force_login(office_user)
    page = client.get(reverse("scoring:ranking", args=[opened.pk])).content.decode()
    assert page.index("Phòng Quản lý đất đai") < page.index("Chi cục Bảo vệ môi trường")
    pdf = client.get(reverse("scoring:notice_pdf", args=[opened.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    docx = client.get(reverse("scoring:notice_docx", args=[opened.pk]))
    assert docx.content.startswith(b"PK")
    book = load_workbook(BytesIO(client.get(reverse("scoring:ranking_xlsx", args=[opened.pk])).content))
    assert [row[:3] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)] == [
        (1, "Phòng Quản lý đất đai", 83), (2, "Chi cục Bảo vệ môi trường", 75)]
    assert book.worksheets[1].title == "Khối các phòng"
    chart = client.get(reverse("scoring:ranking_chart", args=[opened.pk]))
    assert chart["Content-Type"].startswith("image/svg+xml") and b"<script" not in chart.content
