"""“Nhắc” on the follow-up board says which units it reached and which it could not, reaches a unit by its
own e-mail address, offers a printable công văn đôn đốc for the rest, and can tick every overdue unit."""
from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from campaigns import workflow
from campaigns.models import UnitEmailReminder
from emulation.documents.tests.pdftools import pdf_text
from emulation.models import Notification

pytestmark = pytest.mark.django_db


def _remind(client, period, *units):
    return client.post(reverse("campaigns:report_board_remind"),
                       {"cells": [f"{period.pk}:{unit.pk}" for unit in units], "next": "/campaigns/board/"})


def _messages(response):
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_remind_names_the_units_it_could_not_reach_and_why(office_client, period, org, land_head):
    response = _remind(office_client, period, org.land, org.env)
    shown = _messages(response)
    assert shown[0] == ("success", "Đã nhắc 1 đơn vị (trong ứng dụng, và qua thư điện tử nếu có địa chỉ): "
                                   "Phòng Quản lý đất đai.")
    level, text = shown[1]
    assert level == "warning"
    assert text.startswith("Không nhắc được 1 đơn vị vì đơn vị không có tài khoản đăng nhập và không có địa chỉ "
                           "thư điện tử: Chi cục Bảo vệ môi trường.")
    letter = reverse("campaigns:report_board_letter") + f"?cells={period.pk}%3A{org.env.pk}"
    assert f'href="{letter}"' in text
    assert Notification.objects.get().recipient == land_head


def test_remind_sends_to_the_unit_email_address_once_a_day(office_client, period, org, mail_queue):
    org.env.email = "chicuc.mt@example.vn"
    org.env.save()
    with mail_queue():
        response = _remind(office_client, period, org.env)
    assert [m.to for m in mail.outbox] == [["chicuc.mt@example.vn"]]
    assert "Quý I năm 2025" in mail.outbox[0].subject
    assert reverse("campaigns:report_open", args=[period.pk, org.env.pk]) in mail.outbox[0].body
    assert _messages(response)[0][0] == "success"
    office_client.get(response.url)  # the page shows (and so uses up) the first messages
    with mail_queue():
        again = _remind(office_client, period, org.env)
    assert len(mail.outbox) == 1
    assert UnitEmailReminder.objects.count() == 1
    assert _messages(again) == [("info", "1 đơn vị đã được nhắc hôm nay, không gửi lại: Chi cục Bảo vệ môi trường.")]


def test_remind_letter_is_an_official_document_to_the_units_not_reached(office_client, period, org):
    response = office_client.get(reverse("campaigns:report_board_letter"),
                                 {"cells": [f"{period.pk}:{org.env.pk}", f"{period.pk}:{org.land.pk}"]})
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "V/v đôn đốc gửi báo cáo" in text
    assert "Kính gửi:" in text
    assert "Chi cục Bảo vệ môi trường" in text
    assert "Quý I năm 2025" in text and "08/04/2025" in text
    assert "chưa nộp báo cáo" in text
    assert "CHÁNH VĂN PHÒNG" in text


def test_remind_letter_leaves_out_units_that_have_submitted(office_client, period, org, land_head, land_report):
    workflow.submit_report(land_report, actor=land_head)
    response = office_client.get(reverse("campaigns:report_board_letter"), {"cells": [f"{period.pk}:{org.land.pk}"]})
    assert response.url == reverse("campaigns:report_board")
    assert _messages(response) == [("info", "Mọi đơn vị đã chọn đều đã nộp báo cáo: không còn đơn vị nào cần nhắc.")]


def test_remind_letter_refused_to_a_unit_head(land_head_client, period, org):
    response = land_head_client.get(reverse("campaigns:report_board_letter"), {"cells": [f"{period.pk}:{org.env.pk}"]})
    assert response.status_code == 403


def test_board_offers_choose_every_overdue_unit_from_a_static_script(office_client, period, org, monkeypatch):
    monkeypatch.setattr("emulation.calendar.today", lambda: date(2025, 4, 20))
    page = office_client.get(reverse("campaigns:report_board"), {"period": period.pk}).content.decode()
    assert "Chọn tất cả các đơn vị trễ hạn" in page
    assert 'data-select-overdue' in page
    assert f'value="{period.pk}:{org.env.pk}" data-state="overdue"' in page
    assert "/static/campaigns/js/board.js" in page
    assert "<script>" not in page


def test_board_has_no_choose_overdue_control_when_nothing_is_overdue(office_client, period, monkeypatch):
    monkeypatch.setattr("emulation.calendar.today", lambda: date(2025, 4, 2))
    page = office_client.get(reverse("campaigns:report_board"), {"period": period.pk}).content.decode()
    assert "data-select-overdue" not in page


def test_unit_form_keeps_the_unit_email_address(office_client, org):
    response = office_client.post(reverse("unit_edit", args=[org.env.pk]), {
        "code": "MT", "name": org.env.name, "kind": "sub_department", "parent": org.department.pk,
        "order": 2, "active": "on", "email": "chicuc.mt@example.vn", "emulation_body": "",
    })
    assert response.status_code == 302, response.context["form"].errors
    org.env.refresh_from_db()
    assert org.env.email == "chicuc.mt@example.vn"
    page = office_client.get(reverse("unit_detail", args=[org.env.pk])).content.decode()
    assert 'data-testid="unit-email">chicuc.mt@example.vn<' in page


def test_remind_page_shows_the_letter_as_a_link(office_client, period, org):
    page = office_client.post(reverse("campaigns:report_board_remind"),
                              {"cells": [f"{period.pk}:{org.env.pk}"]}, follow=True).content.decode()
    letter = reverse("campaigns:report_board_letter") + f"?cells={period.pk}%3A{org.env.pk}"
    assert f'<a href="{letter}" data-testid="reminder-letter">In công văn đôn đốc' in page
