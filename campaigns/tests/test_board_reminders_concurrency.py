"""Two people pressing “Nhắc” for the same unit at the same moment: the unit's address gets one e-mail, on
SQLite as deployed and on PostgreSQL."""
from datetime import date

from django.core import mail
from django.urls import reverse

from campaigns.models import UnitEmailReminder
from campaigns.reminders import send_reminders
from emulation.tests.concurrency import at_once, failures, logged_in

REMINDED = "Đã nhắc 1 đơn vị"
ALREADY = "đã được nhắc hôm nay, không gửi lại"


def test_two_reminders_at_once_send_one_email_to_the_unit(file_database, period, org, office_user, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    org.env.email = "chicuc.mt@example.vn"
    org.env.save()
    tabs = [logged_in(office_user) for _tab in range(2)]
    url = reverse("campaigns:report_board_remind")

    pages = at_once(*[lambda tab=tab: tab.post(url, {"cells": [f"{period.pk}:{org.env.pk}"]}, follow=True)
                      for tab in tabs])

    assert failures(pages) == []
    said = sorted((REMINDED in page.content.decode(), ALREADY in page.content.decode()) for page in pages)
    assert said == [(False, True), (True, False)]
    assert UnitEmailReminder.objects.filter(unit=org.env).count() == 1


def test_two_daily_reminder_runs_at_once_send_one_email_to_the_unit(file_database, period, org, settings):
    """Cron started twice (or a run overlapping the next): the unit's own address gets one "due soon" e-mail."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    org.env.email = "chicuc.mt@example.vn"
    org.env.save()

    runs = at_once(*[lambda: send_reminders(today=date(2025, 4, 3)) for _run in range(2)])

    assert failures(runs) == []
    assert UnitEmailReminder.objects.filter(unit=org.env).count() == 1
    assert [m.to for m in mail.outbox if m.to == ["chicuc.mt@example.vn"]] == [["chicuc.mt@example.vn"]]
