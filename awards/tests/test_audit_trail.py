"""Issue 31 §9: the audit trail across records, for the Office and the administrator, scoped, filtered,
paginated and exported."""
import io
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from awards.tests.factories import NominationFactory
from awards.workflow import NOMINATION_WORKFLOW
from emulation.models import Agency, Role, TimelineEntry
from emulation.tests.factories import StaffFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _submitted(unit, actor, reason=""):
    nomination = NominationFactory(staff=StaffFactory(unit=unit))
    NOMINATION_WORKFLOW.perform(nomination, "submit", actor=actor, reason=reason)
    return nomination


def test_the_office_sees_who_did_what_with_the_action_in_words(office_client, org, land_head):
    nomination = _submitted(org.land, land_head, "Nộp đúng hạn")
    response = office_client.get(reverse("awards:audit"))
    [row] = list(response.context["page"])
    assert (row.object_id, row.actor, row.reason, str(row.label)) == (nomination.pk, land_head, "Nộp đúng hạn", "Trình Giám đốc")
    html = response.content.decode()
    assert reverse("awards:nomination_detail", args=[nomination.pk]) in html and "<td>Trình Giám đốc</td>" in html


def test_filters_by_person_kind_action_and_dates(office_client, org, land_head, env_head):
    _submitted(org.land, land_head)
    _submitted(org.env, env_head)
    name = env_head.get_full_name() or env_head.username
    rows = office_client.get(reverse("awards:audit"), {"person": name}).context["page"]
    assert [row.actor for row in rows] == [env_head]
    assert len(office_client.get(reverse("awards:audit"), {"kind": "report"}).context["page"]) == 0
    assert len(office_client.get(reverse("awards:audit"), {"action": "submit", "kind": "nomination"}).context["page"]) == 2
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y")
    assert len(office_client.get(reverse("awards:audit"), {"date_from": tomorrow}).context["page"]) == 0


def test_another_agencys_rows_are_not_shown_nor_exported(office_client, org, land_head, make_user):
    other = Agency.objects.create(name="SỞ Y TẾ")
    unit = UnitFactory(code="SYT-1", name="Phòng Nghiệp vụ Y", agency=other)
    _submitted(unit, make_user(Role.UNIT_HEAD, unit=unit))
    _submitted(org.land, land_head)
    assert len(office_client.get(reverse("awards:audit")).context["page"]) == 1
    book = openpyxl.load_workbook(io.BytesIO(office_client.get(reverse("awards:audit_export")).content))
    assert book.active.max_row == 2  # the header and our one row


@pytest.mark.parametrize("role", [Role.UNIT_HEAD, Role.DIRECTOR, Role.STAFF])
def test_only_the_office_and_the_administrator_open_it(client, make_user, org, role):
    client.force_login(make_user(role, unit=org.land))
    assert client.get(reverse("awards:audit")).status_code == 403
    assert client.get(reverse("awards:audit_export")).status_code == 403


@pytest.mark.parametrize("rows", [1, 3])
def test_the_page_costs_the_same_queries_for_1_and_3_rows(office_client, org, land_head, rows, django_assert_num_queries):
    for _ in range(rows):
        _submitted(org.land, land_head)
    assert TimelineEntry.objects.count() == rows
    with django_assert_num_queries(4):  # session, user, count, page (content types are cached)
        response = office_client.get(reverse("awards:audit"))
    assert len(response.context["page"]) == rows
