"""The follow-up board at province scale: it opens on the current period, pages through units, and lets the
Office remind the units that have not reported (“Nhắc”)."""
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from campaigns import workflow
from campaigns.models import ReportingPeriod
from campaigns.report_board import build_board, current_period
from campaigns.views import reports as report_views
from emulation.models import Notification
from emulation.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_board_opens_on_the_period_due_next(office_user, period, issued_plan, org):
    later = ReportingPeriod.objects.create(plan=issued_plan, kind="half_year", name="6 tháng đầu năm 2025",
                                           start=date(2025, 1, 1), end=date(2025, 6, 30), due=date(2025, 7, 8))
    assert current_period(office_user, today=date(2025, 4, 2)) == period
    assert current_period(office_user, today=date(2025, 5, 2)) == later
    assert current_period(office_user, today=date(2024, 5, 2)) is None


def test_board_page_shows_only_the_current_period_unless_all_are_asked(office_client, period, issued_plan):
    ReportingPeriod.objects.create(plan=issued_plan, kind="ad_hoc", name="Kỳ chưa bắt đầu",
                                   start=date(2099, 1, 1), end=date(2099, 2, 1), due=date(2099, 2, 10))
    board = office_client.get(reverse("campaigns:report_board")).context["board"]
    assert ([p.name for p in board.periods], board.current) == (["Quý I năm 2025"], period)
    board = office_client.get(reverse("campaigns:report_board"), {"period": ""}).context["board"]
    assert [p.name for p in board.periods] == ["Quý I năm 2025", "Kỳ chưa bắt đầu"]


def test_board_pages_through_units_and_counts_every_unit(office_client, period, monkeypatch, org):
    extra = [UnitFactory(parent=org.department, name=f"Đơn vị {n:02d}") for n in range(3)]
    period.units.add(*extra)
    monkeypatch.setattr(report_views, "BOARD_PAGE_SIZE", 2)
    response = office_client.get(reverse("campaigns:report_board"), {"period": period.pk, "page": 2})
    board = response.context["board"]
    assert len(board.rows) == 2 and board.page.paginator.num_pages == 3
    assert sum(board.counts.values()) == 5


def test_export_holds_every_unit_whatever_the_page(office_user, period, org):
    board = build_board(office_user, period=period)
    assert [unit.code for unit, _cells in board.rows] == ["QLDD", "MT"]


def test_office_reminds_chosen_units_now_once_a_day(office_client, period, org, land_head, env_head, land_report,
                                                    mail_queue):
    land_head.email, env_head.email = "qldd@example.vn", "mt@example.vn"
    land_head.save(), env_head.save()
    cells = [f"{period.pk}:{org.land.pk}", f"{period.pk}:{org.env.pk}"]
    with mail_queue():
        response = office_client.post(reverse("campaigns:report_board_remind"),
                                      {"cells": cells, "next": "/campaigns/board/"})
    assert response.url == "/campaigns/board/"
    assert sorted(n.recipient.username for n in Notification.objects.all()) == sorted([land_head.username, env_head.username])
    assert sorted(m.to[0] for m in mail.outbox) == ["mt@example.vn", "qldd@example.vn"]
    office_client.post(reverse("campaigns:report_board_remind"), {"cells": cells})
    assert Notification.objects.count() == 2


def test_reminder_skips_a_submitted_report(office_client, period, org, land_head, land_report):
    workflow.submit_report(land_report, actor=land_head)
    office_client.post(reverse("campaigns:report_board_remind"), {"cells": [f"{period.pk}:{org.land.pk}"]})
    assert not Notification.objects.filter(recipient=land_head, event_key__startswith="report-nudge").exists()


def test_reminder_refused_to_a_unit_head(land_head_client, period, org, env_head):
    response = land_head_client.post(reverse("campaigns:report_board_remind"), {"cells": [f"{period.pk}:{org.env.pk}"]})
    assert response.status_code == 403
    assert Notification.objects.count() == 0


def test_board_offers_remind_checkboxes_to_the_office_only(office_client, client, period, org, land_head):
    page = office_client.get(reverse("campaigns:report_board")).content.decode()
    assert f'value="{period.pk}:{org.land.pk}"' in page
    client.force_login(land_head)
    assert 'name="cells"' not in client.get(reverse("campaigns:report_board")).content.decode()
