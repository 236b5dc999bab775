"""Issuing a summary report in the background: the Office's click queues a job, the worker numbers the
report, lays out its PDF and archives it, the page follows the progress; a failure is a message and leaves
the report approved with its number unused."""
from django.urls import reverse

from emulation.documents import peek_number
from emulation.documents.models import IssuedDocument
from emulation.documents.tests.pdftools import pdf_text
from emulation.jobs.models import Job, JobStatus
from emulation.jobs.runner import run_job
from emulation.models import Role
from reports import jobs, workflow
from reports.models import SummaryStatus
from emulation.documents import next_number
from datetime import timedelta
from django.utils import timezone

ISSUE_URL = "reports:summary_transition"
CONFIRMED = {"confirmed": "on"}  # the "Yes, I confirm" box of the issue button


def _issue(client, report):
    return client.post(reverse(ISSUE_URL, args=[report.pk, "issue"]), CONFIRMED)


def _fragment(client, job):
    return client.get(reverse("jobs:job_status", args=[job.pk]), headers={"HX-Request": "true"})


def test_issue_click_queues_a_job_and_the_page_shows_it_waiting(office_client, approved):
    response = _issue(office_client, approved)

    job = Job.objects.get()
    approved.refresh_from_db()
    assert (job.kind, job.status, job.params["report"]) == (jobs.ISSUE_KIND, JobStatus.QUEUED, approved.pk)
    assert response["Location"] == reverse("reports:summary_detail", args=[approved.pk]) + f"?job={job.pk}#job"
    assert (approved.status, approved.number) == (SummaryStatus.APPROVED, None)
    page = office_client.get(response["Location"]).content.decode()
    assert 'data-status="queued"' in page and "đang chờ bộ xử lý nền" in page
    assert 'data-action="issue"' not in page  # no second click while it waits


def test_worker_issues_the_report_and_offers_the_archived_pdf(office_client, approved):
    _issue(office_client, approved)
    job = Job.objects.get()

    assert run_job.call(job.pk) == "done"  # what the worker (manage.py run_worker) runs

    approved.refresh_from_db()
    job.refresh_from_db()
    archived = IssuedDocument.objects.get(kind=workflow.SUMMARY_DOCUMENT_KIND, object_id=approved.pk)
    assert (approved.status, approved.number_symbol) == (SummaryStatus.ISSUED, "01/BC-STNMT")
    assert (job.status, job.filename, bytes(job.result)) == (JobStatus.DONE, "01-BC-STNMT.pdf", bytes(archived.pdf))
    assert "Số: 01/BC-STNMT" in pdf_text(bytes(archived.pdf)) and "DỰ THẢO" not in pdf_text(bytes(archived.pdf))
    assert workflow.WORKFLOW.timeline(approved)[-1].action == "issue"
    fragment = _fragment(office_client, job)
    assert fragment["HX-Refresh"] == "true"  # the polling page reloads once and shows the issued report
    page = office_client.get(reverse("reports:summary_detail", args=[approved.pk]) + f"?job={job.pk}").content.decode()
    assert 'data-testid="issued-pdf"' in page and 'data-testid="job-download"' in page


def test_progress_is_written_while_the_pdf_is_laid_out(office_client, approved, monkeypatch):
    seen = []
    real = workflow.render_for_archive

    def watched(template, context):
        seen.append(Job.objects.values_list("status", "progress", "step").get())
        return real(template, context)

    monkeypatch.setattr(workflow, "render_for_archive", watched)
    _issue(office_client, approved)

    run_job.call(Job.objects.get().pk)

    assert seen == [(JobStatus.RUNNING, 30, "Đang dàn trang với số 01/BC-STNMT")]


def test_polled_fragment_shows_the_step_and_keeps_polling_while_issuing(office_client, office_user, approved):
    job = Job.objects.create(kind=jobs.ISSUE_KIND, owner=office_user, status=JobStatus.RUNNING, progress=30,
                             step="Đang dàn trang với số 01/BC-STNMT", params={"report": approved.pk})

    response = _fragment(office_client, job)

    html = response.content.decode()
    assert 'value="30"' in html and "Đang dàn trang với số 01/BC-STNMT" in html and 'hx-trigger="every 2s"' in html
    assert "HX-Refresh" not in response


def test_a_failed_rendering_is_a_message_and_leaves_the_report_approved_and_its_number_unused(
        office_client, approved, monkeypatch):
    def broken(template, context):
        raise RuntimeError("cairo exploded")

    monkeypatch.setattr(workflow, "render_for_archive", broken)
    _issue(office_client, approved)
    job = Job.objects.get()

    assert run_job.call(job.pk) == "failed"

    job.refresh_from_db()
    approved.refresh_from_db()
    assert job.error == ("Báo cáo chưa được ban hành: không tạo được tệp PDF. Báo cáo vẫn ở trạng thái đã duyệt và "
                         "chưa dùng số nào; hãy thử lại, nếu vẫn lỗi xin báo quản trị hệ thống.")
    assert (approved.status, approved.number, approved.issue_date) == (SummaryStatus.APPROVED, None, None)
    assert not IssuedDocument.objects.exists()
    assert peek_number("BC-STNMT", approved.period.end.year + 1) == 1
    html = _fragment(office_client, job).content.decode()
    assert job.error in html and 'role="alert"' in html


def test_a_failure_while_archiving_gives_the_number_back(office_client, approved, monkeypatch):
    def refused(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(workflow, "issue_document", refused)
    _issue(office_client, approved)
    job = Job.objects.get()

    run_job.call(job.pk)

    approved.refresh_from_db()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "chưa dùng số nào" in job.error
    assert (approved.status, approved.number) == (SummaryStatus.APPROVED, None)
    assert workflow.WORKFLOW.timeline(approved)[-1].action == "approve"
    assert peek_number("BC-STNMT", job.created_at.year) == 1  # the number taken inside was given back
    monkeypatch.undo()
    assert run_job.call(jobs.start_issue(approved, job.owner).pk) == "done"
    approved.refresh_from_db()
    assert approved.number_symbol == "01/BC-STNMT"


def test_a_number_taken_meanwhile_lays_out_the_pdf_again_with_the_next_one(office_client, approved, monkeypatch):
    real = workflow.render_for_archive
    calls = []

    def another_document_first(template, context):
        if not calls:
            next_number("BC-STNMT", context["doc"].issue_date.year)  # somebody issues 01 meanwhile
        calls.append(context["doc"].number)
        return real(template, context)

    monkeypatch.setattr(workflow, "render_for_archive", another_document_first)
    _issue(office_client, approved)

    run_job.call(Job.objects.get().pk)

    approved.refresh_from_db()
    archived = IssuedDocument.objects.get()
    assert calls == [1, 2]
    assert approved.number_symbol == archived.number_symbol == "02/BC-STNMT"
    assert "Số: 02/BC-STNMT" in pdf_text(bytes(archived.pdf))


def test_a_second_click_while_the_first_issue_waits_is_refused(office_client, approved):
    _issue(office_client, approved)

    response = office_client.post(reverse(ISSUE_URL, args=[approved.pk, "issue"]), CONFIRMED, follow=True)

    assert Job.objects.count() == 1
    assert "Báo cáo này đang được ban hành. Xin chờ hoàn tất." in response.content.decode()


def test_another_office_user_sees_that_the_report_is_being_issued(client, make_user, office_user, approved):
    jobs.start_issue(approved, office_user)
    client.force_login(make_user(Role.OFFICE))

    page = client.get(reverse("reports:summary_detail", args=[approved.pk])).content.decode()

    assert 'data-testid="issuing"' in page and 'data-action="issue"' not in page


def test_the_director_cannot_start_the_issue(director_client, approved):
    response = director_client.post(reverse(ISSUE_URL, args=[approved.pk, "issue"]), CONFIRMED, follow=True)

    approved.refresh_from_db()
    assert not Job.objects.exists() and approved.status == SummaryStatus.APPROVED
    assert "Bạn không có quyền thực hiện thao tác này." in response.content.decode()


def test_a_unit_head_cannot_reach_the_issue(land_head_client, approved):
    response = land_head_client.post(reverse(ISSUE_URL, args=[approved.pk, "issue"]), CONFIRMED)

    assert response.status_code == 404 and not Job.objects.exists()


def test_an_anonymous_visitor_is_sent_to_the_login(client, approved):
    response = client.post(reverse(ISSUE_URL, args=[approved.pk, "issue"]), CONFIRMED)

    assert response.status_code == 302 and "/login" in response["Location"] and not Job.objects.exists()


def test_a_job_for_a_report_already_issued_fails_with_a_message(office_client, office_user, approved):
    first = jobs.start_issue(approved, office_user)
    Job.objects.filter(pk=first.pk).update(status=JobStatus.FAILED)  # as if it had stopped
    second = jobs.start_issue(approved, office_user)
    run_job.call(second.pk)
    Job.objects.filter(pk=first.pk).update(status=JobStatus.QUEUED)

    run_job.call(first.pk)

    first.refresh_from_db()
    assert first.status == JobStatus.FAILED
    assert first.error.startswith("Báo cáo chưa được ban hành: Không thể thực hiện thao tác này")
    assert IssuedDocument.objects.count() == 1


def test_a_report_whose_issuing_worker_died_can_be_issued_again(office_client, office_user, approved, settings):
    """A worker killed while issuing left its job running for ever, and the report answered “being issued”
    to every click (issue 24): the silent job is marked failed and the next click issues the report."""

    settings.JOB_STALE_SECONDS = 120
    dead = jobs.start_issue(approved, office_user)
    Job.objects.filter(pk=dead.pk).update(status=JobStatus.RUNNING, progress=5,
                                          heartbeat_at=timezone.now() - timedelta(minutes=7))

    response = _issue(office_client, approved)

    dead.refresh_from_db()
    assert dead.status == JobStatus.FAILED and "Tiến trình xử lý đã dừng giữa chừng" in dead.error
    again = Job.objects.exclude(pk=dead.pk).get()
    assert response["Location"] == reverse("reports:summary_detail", args=[approved.pk]) + f"?job={again.pk}#job"
    assert run_job.call(again.pk) == "done"
    approved.refresh_from_db()
    assert approved.status == SummaryStatus.ISSUED


def test_the_owner_reruns_a_dead_issue_from_its_page_and_another_office_user_cannot(
        client, office_client, office_user, make_user, approved):

    dead = jobs.start_issue(approved, office_user)
    Job.objects.filter(pk=dead.pk).update(status=JobStatus.RUNNING, heartbeat_at=timezone.now() - timedelta(hours=1))
    page_url = reverse("reports:summary_detail", args=[approved.pk])
    page = office_client.get(f"{page_url}?job={dead.pk}").content.decode()
    assert 'data-testid="job-rerun"' in page  # the page read noticed the dead worker

    other = make_user(Role.OFFICE)
    client.force_login(other)
    assert client.post(reverse("jobs:job_rerun", args=[dead.pk]), {"next": page_url}).status_code == 404
    client.force_login(office_user)
    response = client.post(reverse("jobs:job_rerun", args=[dead.pk]), {"next": f"{page_url}?job={dead.pk}"})

    again = Job.objects.exclude(pk=dead.pk).get()
    assert response["Location"] == f"{page_url}?job={again.pk}#job"
    assert (again.kind, again.params, again.owner) == (jobs.ISSUE_KIND, dead.params, office_user)
