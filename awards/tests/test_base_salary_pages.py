"""The base salary table's pages: read by whoever reads the catalogue, kept by whoever keeps the law."""
from datetime import date

import pytest
from django.urls import reverse

from awards.models import BaseSalary
from emulation.models import Role, TimelineEntry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rows", [1, 3])
def test_base_salary_list_queries_do_not_grow_with_rows(office_client, rows, django_assert_num_queries):
    BaseSalary.objects.all().delete()
    for n in range(rows):
        BaseSalary.objects.create(valid_from=date(2020 + n, 7, 1), amount=2_000_000 + n * 100_000, legal_basis=f"Nghị định {n}")
    with django_assert_num_queries(5):  # session, user, count, the agency (who keeps the law), page
        response = office_client.get(reverse("awards:base_salary_list"))
    assert len(response.context["page"]) == rows
    assert "2.000.000 đ" in response.content.decode()


def test_the_office_adds_a_level_and_its_row_names_the_change(office_client):
    response = office_client.post(reverse("awards:base_salary_create"), {
        "valid_from": "01/07/2026", "amount": "2530000", "legal_basis": "Nghị định mới"})
    assert response.status_code == 302
    level = BaseSalary.objects.get(valid_from=date(2026, 7, 1))
    assert level.amount == 2_530_000
    entry = TimelineEntry.objects.get(object_id=level.pk, action="base_salary_created")
    assert entry.data["changes"] == [["Áp dụng từ ngày", "—", "01/07/2026"], ["Mức lương cơ sở (đồng/tháng)", "—", "2.530.000"],
                                     ["Căn cứ", "—", "Nghị định mới"]]
    page = office_client.get(reverse("awards:base_salary_edit", args=[level.pk])).content.decode()
    assert "Thêm mức lương cơ sở" in page


def test_a_second_level_on_the_same_date_is_refused(office_client):
    response = office_client.post(reverse("awards:base_salary_create"), {
        "valid_from": "01/07/2024", "amount": "2340000", "legal_basis": "Trùng ngày"})
    assert response.status_code == 200
    assert BaseSalary.objects.filter(valid_from=date(2024, 7, 1)).count() == 1


def test_a_unit_head_reads_nothing_and_the_director_reads_without_editing(client, make_user, org):
    client.force_login(make_user(Role.UNIT_HEAD, unit=org.land))
    assert client.get(reverse("awards:base_salary_list")).status_code == 403
    client.force_login(make_user(Role.DIRECTOR))
    page = client.get(reverse("awards:base_salary_list")).content.decode()
    assert "2.340.000 đ" in page and reverse("awards:base_salary_create") not in page
    assert client.get(reverse("awards:base_salary_create")).status_code == 403
