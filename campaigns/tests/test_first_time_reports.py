"""A first-time unit head's report: progress, the confirmation naming empty items, copying the previous
period, evidence kept through a validation error, autosave of files, the note to the Office, the home card."""
from datetime import date

import pytest
from django.urls import reverse

from campaigns import reporting, workflow
from campaigns.home import unit_head_tasks
from campaigns.models import Evidence, ItemStatus, ReportingPeriod, ReportStatus
from campaigns.reporting import DraftChanges, ReportError
from emulation.models import Notification, TimelineEntry
from emulation.tests.files import upload
from campaigns.tests.test_report_views import edit_data
from campaigns.tests.test_report_views import first_item

pytestmark = pytest.mark.django_db


def fill(report, actor, texts, **sections):
    items = {p.item_id: {"status": ItemStatus.DONE, "percent": 100, "text": text}
             for p, text in zip(report.items.order_by("item__order", "item_id"), texts)}
    reporting.save_draft(report, DraftChanges(sections=sections, items=items, targets={}, files=[]),
                         version=report.version, actor=actor)


@pytest.fixture
def next_period(period, org):
    later = ReportingPeriod.objects.create(
        plan=period.plan, kind="half_year", name="6 tháng đầu năm 2025", start=date(2025, 1, 1),
        end=date(2025, 6, 30), due=date(2025, 7, 8))
    later.units.set([org.land, org.env])
    return later


def test_progress_counts_items_with_a_text_or_marked_done(land_report, land_head):
    rows, _goals = reporting.report_rows(land_report)
    assert (reporting.progress_of(rows).done, reporting.progress_of(rows).total) == (0, 3)
    fill(land_report, land_head, ["Đã làm"])
    rows, _goals = reporting.report_rows(land_report)
    progress = reporting.progress_of(rows)
    assert (progress.done, [row.number for row in progress.empty]) == (1, ["1.1", "2"])


def test_edit_page_shows_progress_and_marks_empty_items(land_head_client, land_report, land_head):
    fill(land_report, land_head, ["Đã làm"])
    page = land_head_client.get(reverse("campaigns:report_edit", args=[land_report.pk])).content.decode()
    assert "1/3 nội dung đã có kết quả" in page
    assert page.count("data-empty") == 2


def test_save_and_submit_asks_for_confirmation_before_submitting(land_head_client, land_report):
    data = edit_data(land_report, submit="1")
    response = land_head_client.post(reverse("campaigns:report_edit", args=[land_report.pk]), data)
    assert response.url == reverse("campaigns:report_confirm", args=[land_report.pk])
    land_report.refresh_from_db()
    assert (land_report.status, land_report.results) == (ReportStatus.DRAFT, "Kết quả quý I")


def test_confirmation_names_the_empty_items_and_requires_a_reason(land_head_client, land_report, land_head):
    fill(land_report, land_head, ["Đã làm"])
    url = reverse("campaigns:report_confirm", args=[land_report.pk])
    page = land_head_client.get(url).content.decode()
    assert "1/3 nội dung đã có kết quả" in page
    assert "2 nội dung chưa có kết quả" in page and "Số hóa hồ sơ đất đai." in page
    response = land_head_client.post(url, {"note": ""})
    assert response.status_code == 200
    assert "Hãy nói vì sao" in response.content.decode()
    land_report.refresh_from_db()
    assert land_report.status == ReportStatus.DRAFT


def test_submission_with_empty_items_and_a_reason_lands_with_the_note(land_head_client, land_report, land_head,
                                                                      office_user, django_capture_on_commit_callbacks):
    fill(land_report, land_head, ["Đã làm"])
    url = reverse("campaigns:report_confirm", args=[land_report.pk])
    with django_capture_on_commit_callbacks(execute=True):  # the Office is told once the submission committed
        response = land_head_client.post(url, {"note": "Đơn vị không có nhiệm vụ này trong quý."})
    assert response.url == reverse("campaigns:report_detail", args=[land_report.pk])
    land_report.refresh_from_db()
    assert land_report.status == ReportStatus.SUBMITTED
    entry = TimelineEntry.objects.get(action="submit", object_id=land_report.pk)
    assert entry.reason == "Đơn vị không có nhiệm vụ này trong quý."
    assert "Đơn vị không có nhiệm vụ này trong quý." in Notification.objects.get(recipient=office_user).text
    detail = land_head_client.get(response.url).content.decode()
    assert 'data-testid="next-steps"' in detail


def test_office_sees_the_units_answer_to_a_return(client, land_report, land_head, office_user):
    fill(land_report, land_head, ["Đã làm", "Đã làm", "Đã làm"])
    workflow.submit_report(land_report, actor=land_head)
    workflow.return_report(land_report, actor=office_user, reason="Thiếu số liệu.")
    client.force_login(land_head)
    client.post(reverse("campaigns:report_confirm", args=[land_report.pk]), {"note": "Số liệu đã có trong phụ lục."})
    land_report.refresh_from_db()
    assert land_report.status == ReportStatus.RESUBMITTED
    client.force_login(office_user)
    page = client.get(reverse("campaigns:report_detail", args=[land_report.pk])).content.decode()
    assert "Ghi chú của đơn vị" in page and "Số liệu đã có trong phụ lục." in page


def test_confirmation_refused_to_the_director_and_hidden_from_another_unit(client, land_report, director_user,
                                                                           env_head):
    url = reverse("campaigns:report_confirm", args=[land_report.pk])
    client.force_login(director_user)
    assert client.post(url, {"note": "x"}).status_code == 403
    client.force_login(env_head)
    assert client.get(url).status_code == 404
    land_report.refresh_from_db()
    assert land_report.status == ReportStatus.DRAFT


def test_detail_page_leads_the_submission_through_the_confirmation(land_head_client, land_report):
    page = land_head_client.get(reverse("campaigns:report_detail", args=[land_report.pk])).content.decode()
    assert reverse("campaigns:report_confirm", args=[land_report.pk]) in page
    assert reverse("campaigns:report_transition", args=[land_report.pk, "submit"]) not in page


def test_copy_from_the_previous_period_fills_texts_and_sections(land_head_client, land_report, land_head,
                                                                next_period, org):
    fill(land_report, land_head, ["Quý I: xong", "Quý I: số hóa", "Quý I: môi trường"], results="Kết quả quý I")
    workflow.submit_report(land_report, actor=land_head)
    response = land_head_client.post(reverse("campaigns:report_open", args=[next_period.pk, org.land.pk]),
                                     {"copy": "1"})
    report = next_period.reports.get(unit=org.land)
    assert response.url == reverse("campaigns:report_edit", args=[report.pk])
    texts = sorted(report.items.values_list("text", flat=True))
    assert texts == ["Quý I: môi trường", "Quý I: số hóa", "Quý I: xong"]
    assert (report.results, report.status, report.evidence.count()) == ("Kết quả quý I", ReportStatus.DRAFT, 0)


def test_copy_without_an_earlier_report_is_refused(land_report, land_head):
    with pytest.raises(ReportError, match="không có báo cáo của kỳ trước"):
        reporting.copy_previous(land_report, version=land_report.version, actor=land_head)


def test_copy_button_on_a_draft_refused_to_another_unit(client, land_report, env_head, land_head, next_period, org):
    fill(land_report, land_head, ["Quý I"])
    later = reporting.start_report(next_period, org.land, actor=land_head)
    client.force_login(env_head)
    assert client.post(reverse("campaigns:report_copy", args=[later.pk])).status_code == 404
    client.force_login(land_head)
    client.post(reverse("campaigns:report_copy", args=[later.pk]))
    assert "Quý I" in later.items.values_list("text", flat=True)


def test_evidence_file_survives_a_validation_error(land_head_client, land_report):
    item = first_item(land_report)
    data = edit_data(land_report, **{f"item-{item}-evidence": upload("bien-ban.pdf"), f"item-{item}-percent": "150"})
    response = land_head_client.post(reverse("campaigns:report_edit", args=[land_report.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tối đa là 100." in page and "bien-ban.pdf" in page
    assert list(Evidence.objects.filter(report=land_report).values_list("original_name", "item_id")) == [
        ("bien-ban.pdf", item)]


def test_autosave_saves_a_chosen_evidence_file_at_once(land_head_client, land_report):
    item = first_item(land_report)
    data = edit_data(land_report, **{f"item-{item}-evidence": upload("anh-hien-truong.pdf")})
    response = land_head_client.post(reverse("campaigns:report_autosave", args=[land_report.pk]), data)
    assert response.status_code == 200
    evidence = Evidence.objects.get(report=land_report)
    assert response.json()["files"] == [{"item": item, "name": "anh-hien-truong.pdf",
                                         "url": reverse("campaigns:evidence_download", args=[evidence.pk])}]


def test_home_card_opens_the_report_due_first(land_head, period, next_period, org):
    tasks = {task.title: task for task in unit_head_tasks(land_head)}
    assert tasks["Báo cáo cần viết"].url == reverse("campaigns:report_open", args=[period.pk, org.land.pk])
    report = reporting.start_report(period, org.land, actor=land_head)
    tasks = {task.title: task for task in unit_head_tasks(land_head)}
    assert tasks["Báo cáo cần viết"].url == reverse("campaigns:report_edit", args=[report.pk])


def test_home_card_leads_to_the_board_when_nothing_is_to_write(land_head, land_report):
    workflow.submit_report(land_report, actor=land_head)
    tasks = {task.title: task for task in unit_head_tasks(land_head)}
    assert (tasks["Báo cáo cần viết"].count, tasks["Báo cáo cần viết"].url) == (0, reverse("campaigns:report_board"))
