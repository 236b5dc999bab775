"""A six-month review of the seed plan from creation to the issued PDF, in a real Chromium: the Office
creates it and writes the assessment, the Director approves it from a phone, the Office issues it (the
background worker numbers and archives it while the page follows its progress)."""
from datetime import date
from pathlib import Path

import pytest

from campaigns.demo import seed_the_plan
from campaigns.models import ReportingPeriod, ReportStatus, UnitReport
from campaigns.reporting import start_report
from emulation.documents.tests.pdftools import pdf_text
from emulation.jobs.models import Job
from emulation.jobs.runner import run_job
from emulation.models import Role
from reports.jobs import ISSUE_KIND
from reports.models import SummaryReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def half_year(make_user, org):
    office = make_user(Role.OFFICE, username="vanphong")
    make_user(Role.DIRECTOR, username="giamdoc")
    plan = seed_the_plan()
    period = ReportingPeriod.objects.create(plan=plan, kind="half_year", name="6 tháng đầu năm 2025",
                                            start=date(2025, 1, 1), end=date(2025, 6, 30), due=date(2025, 7, 7))
    period.units.set([org.land, org.env])
    report = start_report(period, org.land, actor=office)
    UnitReport.objects.filter(pk=report.pk).update(status=ReportStatus.ACCEPTED)
    return period


def _no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_office_creates_director_approves_on_a_phone_office_issues_and_the_pdf_downloads(page, login, nav, half_year):
    # The Office creates the six-month review and writes the assessment.
    login("vanphong")
    nav("Phong trào thi đua", "Báo cáo sơ kết, tổng kết")
    page.get_by_role("link", name="Tạo báo cáo sơ kết, tổng kết").click()
    page.get_by_label("Kỳ báo cáo").select_option(label=f"6 tháng đầu năm 2025 – {half_year.plan.number_symbol}")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_label("Ưu điểm", exact=True).fill("Các đơn vị hoàn thành tốt nhiệm vụ chuyên môn.")
    page.get_by_label("Hạn chế", exact=True).fill("Chi cục Bảo vệ môi trường chưa gửi báo cáo.")
    page.get_by_role("button", name="Lưu và đóng").click()
    page.get_by_text("Đã lưu báo cáo.").wait_for()
    assert page.locator("[data-testid='strengths']").inner_text() == "Các đơn vị hoàn thành tốt nhiệm vụ chuyên môn."
    page.locator("#confirmed-submit").check()  # what cannot be undone asks first
    page.locator("button[data-action='submit']").click()
    page.get_by_text("Đã trình báo cáo lên Giám đốc.").wait_for()
    detail = page.url

    # The Director approves from a phone, after a look at the dashboard.
    page.set_viewport_size(PHONE)
    login("giamdoc")
    page.goto(f"/reports/dashboard/?period={half_year.pk}")
    page.locator("[data-testid='on-time']").wait_for()
    assert page.locator("[data-testid='on-time']").inner_text() == "1/2"
    assert _no_horizontal_scroll(page)
    page.goto("/")
    page.get_by_text("Báo cáo sơ kết, tổng kết chờ Giám đốc duyệt").click()
    page.get_by_role("link", name="Sơ kết phong trào thi đua 6 tháng đầu năm 2025").click()
    assert _no_horizontal_scroll(page)
    page.locator("#confirmed-approve").check()
    page.locator("button[data-action='approve']").click()
    page.get_by_text("Đã duyệt báo cáo.").wait_for()

    # The Office issues it; the issued PDF downloads from the archive.
    page.set_viewport_size({"width": 1280, "height": 900})
    login("vanphong")
    page.goto(detail)
    page.locator("#confirmed-issue").check()
    page.locator("button[data-action='issue']").click()
    page.get_by_text("Báo cáo đang được ban hành").wait_for()
    assert page.locator("[data-testid='job']").get_attribute("data-status") == "queued"
    run_job.call(Job.objects.get(kind=ISSUE_KIND).pk)  # what the worker does meanwhile
    # The page polls the job, reloads when it has finished and shows the issued report.
    page.locator("[data-testid='issued-pdf']").wait_for(timeout=20000)
    assert page.locator("h1").inner_text().startswith("01/BC-STNMT – ")
    with page.expect_download() as download_info:
        page.locator("[data-testid='issued-pdf-download']").click()
    data = Path(download_info.value.path()).read_bytes()

    text = " ".join(pdf_text(data).split())
    assert download_info.value.suggested_filename == "01-BC-STNMT.pdf"
    assert "Số: 01/BC-STNMT" in text and "Các đơn vị hoàn thành tốt nhiệm vụ chuyên môn." in text
    assert "DỰ THẢO" not in text
    assert SummaryReport.objects.get().status == "issued"
