"""The summary report asks before what cannot be undone: submitting to the Director, the Director's approval,
issuing. Without the ticked "confirmed" box nothing changes and the page asks; with it the action happens."""
import pytest
from django.urls import reverse

from emulation.jobs.models import Job
from reports import workflow
from reports.models import SummaryStatus

pytestmark = pytest.mark.django_db

ASK = "Chưa có gì thay đổi: hãy đánh dấu ô “Tôi xác nhận” rồi bấm lại nút."


def _post(client, report, action, data=None):
    return client.post(reverse("reports:summary_transition", args=[report.pk, action]), data or {}, follow=True)


def _submitted(summary, office_user):
    workflow.save_narrative(summary, sections={"results": "Kết quả nổi bật."}, item_notes={},
                            header={"title": summary.title}, version=summary.version, actor=office_user)
    workflow.submit(summary, office_user)
    return summary


def test_submitting_a_summary_without_confirmation_changes_nothing_and_asks(office_client, summary, office_user):
    workflow.save_narrative(summary, sections={"results": "Kết quả nổi bật."}, item_notes={},
                            header={"title": summary.title}, version=summary.version, actor=office_user)

    response = _post(office_client, summary, "submit")

    assert [str(m) for m in response.context["messages"]] == [
        "Trình Giám đốc? Trong khi Giám đốc xem xét, không ai sửa được văn bản. " + ASK]
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.DRAFT


def test_director_approving_a_summary_is_asked_first_then_approves(director_client, summary, office_user):
    _submitted(summary, office_user)
    page = director_client.get(reverse("reports:summary_detail", args=[summary.pk])).content.decode()
    assert 'data-testid="confirm-approve"' in page and "Duyệt báo cáo tổng hợp này?" in page

    _post(director_client, summary, "approve")
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.SUBMITTED

    _post(director_client, summary, "approve", {"confirmed": "on"})
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.APPROVED


def test_issuing_a_summary_without_confirmation_starts_no_job(office_client, approved):
    response = _post(office_client, approved, "issue")

    assert Job.objects.count() == 0
    assert [str(m) for m in response.context["messages"]][-1].endswith(ASK)
    approved.refresh_from_db()
    assert (approved.status, approved.number) == (SummaryStatus.APPROVED, None)
