"""The summary report's workflow and its refusals, through the pages a person uses."""
import pytest
from django.urls import reverse

from emulation.documents.models import IssuedDocument
from emulation.workflow import TransitionError
from reports import workflow
from reports.models import SummaryReport, SummaryStatus
from campaigns.models import ItemProgress
from emulation.models import Notification

NARRATIVE = {"results": "Kết quả nổi bật.", "commendation": "", "strengths": "Ưu điểm A.", "shortcomings": "",
             "causes": "", "lessons": "", "tasks_ahead": "", "proposals": ""}


def _form(report, **changes):
    data = {**NARRATIVE, "title": report.title, "signer_name": "Nguyễn Đức Trung", "signer_authority": "director",
            "recipients": report.recipients, "version": report.version}
    data.update(changes)
    return data


def _written(summary, office_user):
    return workflow.save_narrative(summary, sections=NARRATIVE, item_notes={}, header={"title": summary.title},
                                   version=summary.version, actor=office_user)


def test_office_creates_a_report_from_a_period(office_client, data):
    response = office_client.post(reverse("reports:summary_create"), {"period": data.period.pk, "kind": ""})

    report = SummaryReport.objects.get()
    assert response.status_code == 302
    assert (report.kind, report.status, report.title) == ("half_year", "draft", "Sơ kết phong trào thi đua 6 tháng đầu năm 2025")
    assert report.figures["discipline"]["required"] == 4


def test_office_edits_the_assessment_and_the_text_of_an_item(office_client, summary, data):
    response = office_client.post(reverse("reports:summary_edit", args=[summary.pk]),
                                  _form(summary, strengths="Nhiều đơn vị vượt chỉ tiêu.", **{f"note_{data.first.pk}": "Đã số hóa."}))

    summary.refresh_from_db()
    assert response.status_code == 302
    assert summary.strengths == "Nhiều đơn vị vượt chỉ tiêu."
    assert summary.item_notes == {str(data.first.pk): "Đã số hóa."}
    assert summary.version == 2


def test_edit_page_gathers_what_units_wrote_beside_each_item(office_client, summary):
    response = office_client.get(reverse("reports:summary_edit", args=[summary.pk]))

    assert "Phòng Quản lý đất đai làm done" in response.content.decode()
    assert "Tổ Đăng ký làm" not in response.content.decode()  # returned: not reported


def test_autosave_with_an_old_version_is_refused_and_keeps_the_newer_text(office_client, summary, office_user):
    _written(summary, office_user)  # somebody saved: version 2
    response = office_client.post(reverse("reports:summary_autosave", args=[summary.pk]),
                                  _form(summary, strengths="Văn bản cũ", version=1))

    summary.refresh_from_db()
    assert response.status_code == 409
    assert "CHƯA được lưu" in response.json()["error"]
    assert summary.strengths == "Ưu điểm A."


def test_autosave_saves_and_answers_the_new_version(office_client, summary):
    response = office_client.post(reverse("reports:summary_autosave", args=[summary.pk]),
                                  _form(summary, lessons="Bài học 1."))

    summary.refresh_from_db()
    assert response.json()["version"] == 2 == summary.version
    assert summary.lessons == "Bài học 1."


def test_submit_without_narrative_is_refused(summary, office_user):
    with pytest.raises(TransitionError, match="viết nội dung báo cáo"):
        workflow.submit(summary, office_user)


def test_director_cannot_edit_the_narrative(client, director_user, summary):
    client.force_login(director_user)

    response = client.post(reverse("reports:summary_edit", args=[summary.pk]), _form(summary, strengths="X"))

    summary.refresh_from_db()
    assert response.status_code == 403
    assert summary.strengths == ""


@pytest.mark.parametrize("url_name", ["reports:summary_detail", "reports:summary_edit", "reports:summary_xlsx",
                                      "reports:summary_docx"])
def test_unit_head_cannot_open_any_summary(client, land_head, summary, url_name):
    client.force_login(land_head)

    assert client.get(reverse(url_name, args=[summary.pk])).status_code == 404
    assert client.get(reverse("reports:summary_list")).status_code == 403


def test_anonymous_is_sent_to_the_login_page(client, summary):
    response = client.get(reverse("reports:summary_detail", args=[summary.pk]))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_director_returns_with_a_reason_and_the_office_sees_it(client, director_user, summary, office_user):
    _written(summary, office_user)
    workflow.submit(summary, office_user)
    client.force_login(director_user)

    refused = client.post(reverse("reports:summary_transition", args=[summary.pk, "return"]), {"reason": ""})
    summary.refresh_from_db()
    assert (refused.status_code, summary.status) == (302, SummaryStatus.SUBMITTED)

    client.post(reverse("reports:summary_transition", args=[summary.pk, "return"]), {"reason": "Bổ sung số liệu."})
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.RETURNED
    assert [(e.action, e.reason) for e in workflow.WORKFLOW.timeline(summary)][-1] == ("return", "Bổ sung số liệu.")


def test_office_cannot_approve(office_client, summary, office_user):
    _written(summary, office_user)
    workflow.submit(summary, office_user)

    office_client.post(reverse("reports:summary_transition", args=[summary.pk, "approve"]), {"confirmed": "on"})

    summary.refresh_from_db()
    assert summary.status == SummaryStatus.SUBMITTED


def test_issue_numbers_archives_and_freezes_the_report(immediate_tasks, office_client, director_user, summary, office_user,
                                                      data):
    _written(summary, office_user)
    workflow.submit(summary, office_user)
    workflow.approve(summary, director_user)

    office_client.post(reverse("reports:summary_transition", args=[summary.pk, "issue"]), {"confirmed": "on"})

    summary.refresh_from_db()
    archived = IssuedDocument.objects.get(kind=workflow.SUMMARY_DOCUMENT_KIND, object_id=summary.pk)
    assert (summary.status, summary.number_symbol) == (SummaryStatus.ISSUED, "01/BC-STNMT")
    assert archived.number_symbol == "01/BC-STNMT"
    issue_entry = workflow.WORKFLOW.timeline(summary)[-1]
    assert issue_entry.data["figures_sha256"] == workflow.figures_digest(summary.figures)
    shown = office_client.get(reverse("reports:summary_pdf", args=[summary.pk]))
    downloaded = office_client.get(reverse("reports:summary_pdf", args=[summary.pk]), {"download": "1"})
    assert b"".join(shown) == b"".join(downloaded) == bytes(archived.pdf)
    assert shown["Content-Disposition"].startswith("inline;") and downloaded["Content-Disposition"].startswith("attachment;")
    with pytest.raises(TransitionError, match="không thể thay đổi nữa"):
        workflow.refresh_figures(summary, actor=office_user)
    response = office_client.get(reverse("reports:summary_edit", args=[summary.pk]))
    assert response.status_code == 403


def test_generic_action_url_refuses_unknown_actions(office_client, summary):
    assert office_client.post(reverse("reports:summary_transition", args=[summary.pk, "delete"])).status_code == 404


def test_list_shows_reports_in_a_fixed_number_of_queries(office_client, data, office_user, django_assert_num_queries):
    for count in (1, 3):
        SummaryReport.objects.all().delete()
        for _ in range(count):
            workflow.create_summary(data.period, "half_year", actor=office_user)
        with django_assert_num_queries(4):
            response = office_client.get(reverse("reports:summary_list"))
        assert len(response.context["page"]) == count
        assert response.content.decode().count('data-testid="summary-row"') == count


def test_director_sees_the_report_waiting_on_the_home_page(client, director_user, summary, office_user):
    _written(summary, office_user)
    workflow.submit(summary, office_user)
    client.force_login(director_user)

    response = client.get(reverse("home"))

    titles = [task.title for task in response.context["tasks"]]
    index = titles.index("Báo cáo sơ kết, tổng kết chờ Giám đốc duyệt")
    assert titles[index + 1] == "Bảng điều hành"


def test_edit_page_opens_when_no_unit_wrote_anything(office_client, summary):
    ItemProgress.objects.update(text="")

    response = office_client.get(reverse("reports:summary_edit", args=[summary.pk]))

    assert response.status_code == 200
    assert response.content.decode().count("Chưa có đơn vị nào báo cáo.") == 3


def test_the_office_hears_when_the_director_returns_or_approves_a_summary_report(summary, office_user, director_user,
                                                                                 django_capture_on_commit_callbacks):
    summary.results = "Kết quả"
    summary.save()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.WORKFLOW.perform(summary, "submit", actor=office_user)
        workflow.WORKFLOW.perform(summary, "return", actor=director_user, reason="Bổ sung số liệu")
        workflow.WORKFLOW.perform(summary, "submit", actor=office_user)
        workflow.WORKFLOW.perform(summary, "approve", actor=director_user)
    texts = list(Notification.objects.filter(recipient=office_user).order_by("pk").values_list("text", flat=True))
    assert texts == [f"Giám đốc đã trả lại báo cáo “{summary}” để chỉnh sửa. Lý do: Bổ sung số liệu",
                     f"Giám đốc đã phê duyệt báo cáo “{summary}”."]


def test_a_summary_reports_status_is_the_shared_badge_with_the_shared_colours(office_client, summary):
    """As the five other workflows (templates/includes/status_badge.html, emulation.workflow.STATUS_STYLES):
    a report submitted to the Director is blue in its page and in the list, not a colour of its own."""
    SummaryReport.objects.filter(pk=summary.pk).update(status=SummaryStatus.SUBMITTED)
    badge = '<span class="badge text-bg-primary" data-status="submitted">Đã trình Giám đốc</span>'
    detail = office_client.get(reverse("reports:summary_detail", args=[summary.pk])).content.decode()
    listed = office_client.get(reverse("reports:summary_list")).content.decode()
    assert (badge in detail, badge in listed) == (True, True)
