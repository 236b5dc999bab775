"""Rendering the PDF in the background from the report's page, the charts, and the Director's dashboard."""
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from campaigns.models import ReportingPeriod, ReportStatus, UnitReport
from campaigns.reporting import start_report
from emulation.jobs.models import Job, JobStatus
from emulation.tests.factories import UnitFactory
from reports.models import SummaryReport
from emulation.jobs.runner import run_job
from django.contrib.contenttypes.models import ContentType
from awards.models import Nomination

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_office_asks_for_the_pdf_and_downloads_it_when_the_job_is_done(settings, office_client, summary):
    settings.TASKS = IMMEDIATE

    response = office_client.post(reverse("reports:summary_pdf", args=[summary.pk]), follow=True)

    job = Job.objects.get()
    assert (job.status, job.filename) == (JobStatus.DONE, f"du-thao-bao-cao-{summary.pk}.pdf")
    assert 'data-testid="job-download"' in response.content.decode()
    download = office_client.get(reverse("jobs:job_download", args=[job.pk]))
    assert download.content.startswith(b"%PDF")


def test_pdf_job_of_a_deleted_report_fails_with_a_message(settings, office_client, summary):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    office_client.post(reverse("reports:summary_pdf", args=[summary.pk]))
    job = Job.objects.get()
    assert job.status == JobStatus.QUEUED
    SummaryReport.objects.filter(pk=summary.pk).delete()

    run_job.call(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    html = office_client.get(reverse("jobs:job_status", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    assert job.error in html and 'role="alert"' in html


def test_draft_pdf_is_not_served_directly(office_client, summary):
    assert office_client.get(reverse("reports:summary_pdf", args=[summary.pk])).status_code == 404


def test_chart_is_an_svg_without_script_and_with_its_own_policy(office_client, summary):
    response = office_client.get(reverse("reports:summary_chart", args=[summary.pk, "units"]))

    svg = response.content.decode()
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "<script" not in svg and "Tỷ lệ hoàn thành nội dung thi đua theo đơn vị" in svg
    assert response["Content-Security-Policy"] == "default-src 'none'; style-src 'unsafe-inline'"


def test_detail_page_shows_the_figures_and_the_charts(office_client, summary):
    html = office_client.get(reverse("reports:summary_detail", args=[summary.pk])).content.decode()

    assert "Phòng Thanh tra" in html
    assert html.count('data-chart="') == 4


@pytest.fixture
def dashboard_period(data, office_user):
    cache.clear()
    return data.period


def test_director_reads_the_dashboard_of_the_current_period(client, director_user, dashboard_period):
    client.force_login(director_user)

    response = client.get(reverse("reports:dashboard"), {"period": dashboard_period.pk})

    html = response.content.decode()
    assert response.context["figures"]["discipline"]["missing_units"] == ["Phòng Thanh tra"]
    assert 'data-testid="on-time">1/4<' in html
    assert html.count('data-chart="') == 4


@pytest.mark.parametrize("role_fixture", ["land_head", "make_user"])
def test_dashboard_is_refused_to_unit_heads_and_staff(client, request, role_fixture, dashboard_period):
    user = request.getfixturevalue(role_fixture)
    client.force_login(user if role_fixture == "land_head" else user())

    assert client.get(reverse("reports:dashboard")).status_code == 403
    assert client.get(reverse("reports:dashboard_chart", args=["units"])).status_code == 403


@pytest.mark.parametrize("units", [1, 3])
def test_dashboard_costs_the_same_queries_with_1_or_3_units(client, director_user, data, office_user, units,
                                                            django_assert_num_queries):
    cache.clear()
    period = ReportingPeriod.objects.create(plan=data.plan, kind="year", name="Năm 2025", start=date(2025, 1, 1),
                                            end=date(2025, 12, 31), due=date(2026, 1, 8))
    for index in range(units):
        unit = UnitFactory(name=f"Đơn vị {index}")
        period.units.add(unit)
        UnitReport.objects.filter(pk=start_report(period, unit, actor=office_user).pk).update(status=ReportStatus.ACCEPTED)
    client.force_login(director_user)
    ContentType.objects.get_for_model(Nomination)

    # one of them: is the login's agency the province's standing body; one: the exemplary models of the years
    with django_assert_num_queries(23):
        response = client.get(reverse("reports:dashboard"), {"period": period.pk})

    assert response.context["figures"]["discipline"]["on_time"] == units
    assert [u["name"] for u in response.context["lowest_units"]] == [f"Đơn vị {i}" for i in range(units)]


def test_unit_head_gets_no_chart_and_no_pdf_of_a_summary(client, land_head, summary):
    client.force_login(land_head)

    assert client.get(reverse("reports:summary_chart", args=[summary.pk, "units"])).status_code == 404
    assert client.post(reverse("reports:summary_pdf", args=[summary.pk])).status_code == 404
    assert not Job.objects.exists()


def test_director_autosave_is_refused(client, director_user, summary):
    client.force_login(director_user)

    response = client.post(reverse("reports:summary_autosave", args=[summary.pk]),
                           {"strengths": "X", "version": summary.version, "title": summary.title})

    summary.refresh_from_db()
    assert response.status_code == 403 and summary.strengths == ""
