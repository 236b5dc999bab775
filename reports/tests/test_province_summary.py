"""The province's own summary (issue 16): the movement across every agency linked to the province's
standing body, with the summary reports' one workflow, one document layout and one archive.

The data: the first agency (the Department of reports/tests/conftest.py: a half-year period of four units,
one on time, one late, one returned, one missing; an LĐTT in March) and Sở Y tế (a half-year period of two
units, one on time and one missing; a Bằng khen UBND tỉnh decided by the province in May, for a
collective; one nomination forwarded and waiting), both forwarding to Ban Thi đua – Khen thưởng.
"""
import io
from datetime import date

import pytest
from django.urls import reverse

from awards.models import AwardRecord, AwardType, Nomination
from awards.tests.factories import NominationFactory, RecordFactory, RoundFactory
from campaigns.models import PlanStatus, ReportingPeriod, ReportStatus
from campaigns.reporting import start_report
from campaigns.tests.factories import ContentItemFactory, PlanFactory
from emulation.documents.models import IssuedDocument
from emulation.models import Agency, Role
from emulation.tests.factories import StaffFactory, UnitFactory, UserFactory
from emulation.workflow import TransitionError
from reports import workflow
from reports.models import SummaryKind, SummaryReport, SummaryStatus
from reports.province import compute_province_figures
from reports.tests.conftest import set_report
from emulation.documents.tests.pdftools import pdf_text
from reports.documents import summary_pdf
from docx import Document
from reports.docx import summary_docx
from openpyxl import load_workbook
from reports import views
from emulation.jobs.models import Job
from emulation.jobs.runner import run_job


def make_province():
    return Agency.objects.create(kind=Agency.Kind.PROVINCE, name="BAN THI ĐUA - KHEN THƯỞNG", abbreviation="BTĐKT",
                                 parent_authority="SỞ NỘI VỤ TỈNH QUẢNG NGÃI", place="Quảng Ngãi",
                                 head_title="TRƯỞNG BAN")


def make_agency(province, abbreviation="SYT", name="SỞ Y TẾ", code="SYT"):
    agency = Agency.objects.create(name=name, parent_authority="UBND TỈNH QUẢNG NGÃI", abbreviation=abbreviation,
                                   place="Quảng Ngãi", province=province)
    top = UnitFactory(code=code, name=f"{name.title()} tỉnh", kind="department", agency=agency)
    return agency, top


@pytest.fixture
def province(db):
    return make_province()


@pytest.fixture
def health(province, data):
    """Sở Y tế with its half-year period and awards; the first agency linked to the province too."""
    Agency.objects.filter(pk=data.plan.issuer_id).update(province=province)
    agency, top = make_agency(province)
    nvy = UnitFactory(code="SYT-NVY", name="Phòng Nghiệp vụ Y", parent=top)
    cdc = UnitFactory(code="SYT-CDC", name="Trung tâm Kiểm soát bệnh tật", parent=top)
    plan = PlanFactory(status=PlanStatus.ISSUED, number=3, number_year=2025, year_from=2025, year_to=2025, issuer=agency)
    ContentItemFactory(plan=plan, text="Chăm sóc sức khỏe nhân dân.", order=1)
    period = ReportingPeriod.objects.create(plan=plan, kind="half_year", name="6 tháng đầu năm 2025",
                                            start=date(2025, 1, 1), end=date(2025, 6, 30), due=date(2025, 7, 7))
    period.units.set([nvy, cdc])
    office = UserFactory(username="vanphong.syt", role=Role.OFFICE, agency=agency)
    set_report(start_report(period, nvy, actor=office), ReportStatus.ACCEPTED)
    RecordFactory(staff=None, unit=cdc, award_type=AwardType.objects.get(code="BK_TINH_TT"), year=2025,
                  decision_date=date(2025, 5, 20), source=AwardRecord.Source.PROVINCE)
    waiting = NominationFactory(round=RoundFactory(agency=agency), staff=StaffFactory(unit=nvy),
                                award_type=AwardType.objects.get(code="BK_TINH"))
    Nomination.objects.filter(pk=waiting.pk).update(status=Nomination.Status.FORWARDED)
    agency.office = office
    agency.director = UserFactory(username="giamdoc.syt", role=Role.DIRECTOR, agency=agency)
    return agency


@pytest.fixture
def province_office(province):
    return UserFactory(username="chuyenvien.btd", role=Role.OFFICE, agency=province)


@pytest.fixture
def chutich(province):
    return UserFactory(username="chutich", role=Role.DIRECTOR, agency=province, first_name="Minh",
                       last_name="Đặng Văn")


@pytest.fixture
def province_summary(health, province, province_office):
    return workflow.create_province_summary(province, SummaryKind.HALF_YEAR, 2025, actor=province_office)


# Figures ------------------------------------------------------------------------------------------------


def test_province_figures_count_each_agency_against_the_hand_computed_set(health, province, data):
    figures = compute_province_figures(province, date(2025, 1, 1), date(2025, 6, 30))
    first, second = figures["agencies"]
    assert first["id"] == data.plan.issuer_id and second["name"] == "SỞ Y TẾ"
    assert {key: first[key] for key in ("required", "on_time", "late", "returned", "missing")} == {
        "required": 4, "on_time": 1, "late": 1, "returned": 1, "missing": 1}
    assert {key: second[key] for key in ("units", "required", "on_time", "late", "returned", "missing")} == {
        "units": 3, "required": 2, "on_time": 1, "late": 0, "returned": 0, "missing": 1}
    assert first["levels"] == {"department": 1, "province": 0, "ministry": 0, "national": 0}  # the August LĐTT is out
    assert second["levels"]["province"] == 1 and second["collective"] == 1 and second["individual"] == 0
    assert (second["forwarded_waiting"], second["province_decided"], second["forwarded"]) == (1, 1, 2)
    assert figures["totals"]["required"] == 6 and figures["totals"]["awards"] == 2
    assert figures["totals"]["on_time_rate"] == 33.3
    assert [row["agency"] for row in figures["periods"]] == [first["name"], "SỞ Y TẾ"]


def test_province_figures_leave_out_an_agency_of_another_province(health, province, data):
    other_province = Agency.objects.create(kind=Agency.Kind.PROVINCE, name="BAN TĐKT KHÁC", abbreviation="BTĐKT2",
                                           parent_authority="SỞ NỘI VỤ", place="Kon Tum")
    make_agency(other_province, abbreviation="SGD", name="SỞ GIÁO DỤC", code="SGD")
    names = [row["name"] for row in compute_province_figures(province, date(2025, 1, 1), date(2025, 12, 31))["agencies"]]
    assert "SỞ GIÁO DỤC" not in names and "SỞ Y TẾ" in names


def _agencies_with_data(province, count):
    for index in range(count):
        agency, top = make_agency(province, abbreviation=f"S{index}", name=f"SỞ SỐ {index}", code=f"S{index}")
        unit = UnitFactory(code=f"S{index}-1", name=f"Phòng một {index}", parent=top)
        plan = PlanFactory(status=PlanStatus.ISSUED, year_from=2025, year_to=2025, issuer=agency)
        period = ReportingPeriod.objects.create(plan=plan, kind="half_year", name="6 tháng", start=date(2025, 1, 1),
                                                end=date(2025, 6, 30), due=date(2025, 7, 7))
        period.units.set([top, unit])
        RecordFactory(staff=StaffFactory(unit=unit), award_type=AwardType.objects.get(code="GK"), year=2025,
                      decision_date=date(2025, 4, 1))


@pytest.mark.parametrize("count", [1, 3])
def test_province_figures_take_six_queries_whatever_the_number_of_agencies(province, count,
                                                                           django_assert_num_queries):
    _agencies_with_data(province, count)
    with django_assert_num_queries(6):
        figures = compute_province_figures(province, date(2025, 1, 1), date(2025, 6, 30))
    assert [row["name"] for row in figures["agencies"]] == [f"SỞ SỐ {index}" for index in range(count)]
    assert figures["totals"]["required"] == 2 * count and figures["totals"]["levels"]["department"] == count


# Workflow and document -----------------------------------------------------------------------------------


def test_the_province_office_creates_the_summary_with_the_province_series_and_signer(province_summary, province):
    report = province_summary
    assert report.issuer == province and report.plan is None and report.symbol == "BC-BTĐKT"
    assert report.period_label == "6 tháng đầu năm 2025" and report.period_end == date(2025, 6, 30)
    assert "trên địa bàn tỉnh" in report.title and report.signer_lines == ["TRƯỞNG BAN"]
    report.signer_authority = "deputy"
    assert report.signer_lines == ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]


def test_an_agency_office_cannot_create_the_province_summary(health, province):
    with pytest.raises(TransitionError, match="không có quyền"):
        workflow.create_province_summary(province, SummaryKind.YEAR, 2025, actor=health.office)


def test_the_province_summary_goes_through_the_one_workflow_to_the_archive(province_summary, province_office, chutich,
                                                                           health):
    report = province_summary
    workflow.save_narrative(report, sections={"results": "Các phong trào được triển khai sâu rộng."}, item_notes={},
                            header={"title": report.title, "signer_name": "Đặng Văn Minh",
                                    "signer_authority": "director", "recipients": report.recipients},
                            version=report.version, actor=province_office)
    workflow.submit(report, province_office)
    with pytest.raises(TransitionError, match="không có quyền"):  # another agency's Director cannot approve it
        workflow.approve(report, health.director)
    report.refresh_from_db()
    assert report.status == SummaryStatus.SUBMITTED
    workflow.approve(report, chutich)
    document = workflow.issue(report, province_office, issue_date=date(2025, 7, 20))
    report.refresh_from_db()
    assert report.status == SummaryStatus.ISSUED and report.number_symbol == "01/BC-BTĐKT"
    assert document.agency_id == province_summary.issuer_id and document.symbol == "BC-BTĐKT"
    assert IssuedDocument.objects.filter(pk=document.pk, agency=province_summary.issuer).exists()


def test_the_province_summary_pdf_prints_the_province_letterhead_figures_and_signer(province_summary):
    province_summary.signer_name = "Đặng Văn Minh"
    text = pdf_text(summary_pdf(province_summary), raw=True)
    assert "CHỦ TỊCH" not in text  # headed by the Ban, signed by its Trưởng Ban (issue 27 item 7)
    for words in ("BAN THI ĐUA - KHEN THƯỞNG", "SỞ NỘI VỤ", "BC-BTĐKT", "TRƯỞNG BAN", "Đặng Văn Minh", "SỞ Y TẾ",
                  "Tình hình gửi báo cáo của các cơ quan", "Cấp tỉnh", "Tổng cộng"):
        assert words in text, words


def test_the_province_summary_word_file_holds_its_tables_and_two_charts(province_summary):

    document = Document(io.BytesIO(summary_docx(province_summary)))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"SỞ Y TẾ", "Tổng cộng", "Cấp tỉnh", "Đang chờ cấp trên xét"} <= cells
    assert len(document.inline_shapes) == 2


def test_the_province_summary_workbook_has_one_sheet_per_table(province_summary, province_office, client):
    client.force_login(province_office)
    response = client.get(reverse("reports:summary_xlsx", args=[province_summary.pk]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Báo cáo theo cơ quan", "Báo cáo theo kỳ", "Khen thưởng theo cơ quan", "Đề nghị lên tỉnh"]
    assert [cell.value for cell in book["Báo cáo theo cơ quan"][4]][1:5] == ["SỞ Y TẾ", 3, 1, 2]


# Pages and scope -----------------------------------------------------------------------------------------


def test_the_province_office_creates_the_summary_from_the_page(health, province_office, client):
    client.force_login(province_office)
    page = client.get(reverse("reports:summary_create"))
    assert 'name="year"' in page.content.decode() and 'name="period"' not in page.content.decode()
    response = client.post(reverse("reports:summary_create"), {"kind": "year", "year": "2025", "title": ""})
    report = SummaryReport.objects.get()
    assert response.status_code == 302 and report.is_province and report.kind == "year"
    detail = client.get(reverse("reports:summary_detail", args=[report.pk])).content.decode()
    assert "SỞ Y TẾ" in detail and "năm 2025" in detail
    chart = client.get(reverse("reports:summary_chart", args=[report.pk, "agency_awards"]))
    assert chart["Content-Type"].startswith("image/svg+xml") and b"SYT" in chart.content
    assert client.get(reverse("reports:summary_chart", args=[report.pk, "units"])).status_code == 404


def test_the_province_sees_its_summary_and_never_an_agency_report(province_summary, summary, province_office, chutich,
                                                                  client):
    for user in (province_office, chutich):
        client.force_login(user)
        listing = client.get(reverse("reports:summary_list")).content.decode()
        assert province_summary.title in listing and summary.title not in listing
        assert client.get(reverse("reports:summary_detail", args=[province_summary.pk])).status_code == 200
        assert client.get(reverse("reports:summary_detail", args=[summary.pk])).status_code == 404
        assert client.get(reverse("reports:summary_xlsx", args=[summary.pk])).status_code == 404


def test_an_agency_never_sees_the_province_summary(province_summary, health, office_user, director_user, land_head,
                                                   client):
    for user in (health.office, health.director, office_user, director_user):
        client.force_login(user)
        assert province_summary.title not in client.get(reverse("reports:summary_list")).content.decode()
        for name in ("summary_detail", "summary_xlsx", "summary_docx", "summary_edit"):
            assert client.get(reverse(f"reports:{name}", args=[province_summary.pk])).status_code == 404, name
    client.force_login(land_head)
    assert client.get(reverse("reports:summary_detail", args=[province_summary.pk])).status_code == 404


def test_the_chutich_approves_from_the_page_and_the_office_cannot(province_summary, province_office, chutich, client):
    SummaryReport.objects.filter(pk=province_summary.pk).update(status=SummaryStatus.SUBMITTED)
    client.force_login(province_office)
    client.post(reverse("reports:summary_transition", args=[province_summary.pk, "approve"]), {"confirmed": "on"})
    assert SummaryReport.objects.get(pk=province_summary.pk).status == SummaryStatus.SUBMITTED
    client.force_login(chutich)
    page = client.get(reverse("reports:summary_detail", args=[province_summary.pk])).content.decode()
    assert 'data-action="approve"' in page
    client.post(reverse("reports:summary_transition", args=[province_summary.pk, "approve"]), {"confirmed": "on"})
    assert SummaryReport.objects.get(pk=province_summary.pk).status == SummaryStatus.APPROVED


def test_the_edit_page_offers_the_head_of_the_ban_as_signer(province_summary, province_office, client):
    client.force_login(province_office)
    page = client.get(reverse("reports:summary_edit", args=[province_summary.pk])).content.decode()
    assert "KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN" in page and "GIÁM ĐỐC" not in page and "CHỦ TỊCH" not in page


# The province's dashboard --------------------------------------------------------------------------------


def test_the_province_dashboard_shows_every_agency_live(health, province_office, chutich, client, data):
    for user in (province_office, chutich):
        client.force_login(user)
        page = client.get(reverse("reports:dashboard") + "?year=2025").content.decode()
        assert "SỞ Y TẾ" in page and 'data-testid="agency-row"' in page
        assert 'data-chart="agencies"' in page
        chart = client.get(reverse("reports:dashboard_chart", args=["agencies"]) + "?year=2025")
        assert chart.status_code == 200 and b"SYT" in chart.content
        assert client.get(reverse("reports:dashboard_chart", args=["units"])).status_code == 404
    # Without a year: the year of the latest period that has started, as an agency's opens on its period.
    assert client.get(reverse("reports:dashboard")).context["year"] == 2025


def test_an_agency_dashboard_shows_no_other_agency(health, client, data):
    client.force_login(health.director)
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert "Phòng Quản lý đất đai" not in page and 'data-testid="agency-row"' not in page


@pytest.mark.parametrize("count", [1, 3])
def test_the_province_dashboard_query_count_is_fixed(province, province_office, client, count,
                                                     django_assert_num_queries, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    _agencies_with_data(province, count)
    client.force_login(province_office)
    with django_assert_num_queries(9):
        page = client.get(reverse("reports:dashboard") + "?year=2025").content.decode()
    assert page.count('data-testid="agency-row"') == count
    assert all(f"SỞ SỐ {index}" in page for index in range(count))


def test_the_province_dashboard_lists_the_agencies_a_page_at_a_time(province, province_office, client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    _agencies_with_data(province, 3)
    views.AGENCIES_PER_PAGE, saved = 2, views.AGENCIES_PER_PAGE
    try:
        client.force_login(province_office)
        second = client.get(reverse("reports:dashboard") + "?year=2025&page=2").content.decode()
    finally:
        views.AGENCIES_PER_PAGE = saved
    assert second.count('data-testid="agency-row"') == 1 and "SỞ SỐ 2" in second and "SỞ SỐ 0" not in second


def test_the_province_office_issues_from_the_page_through_the_worker_into_the_archive(province_summary, province_office,
                                                                                     chutich, client):
    workflow.save_narrative(province_summary, sections={"results": "Kết quả."}, item_notes={},
                            header={"title": province_summary.title}, version=province_summary.version,
                            actor=province_office)
    workflow.submit(province_summary, province_office)
    workflow.approve(province_summary, chutich)
    client.force_login(province_office)
    client.post(reverse("reports:summary_transition", args=[province_summary.pk, "issue"]), {"confirmed": "on"})
    assert run_job.call(Job.objects.get().pk) == "done"  # what the worker runs
    province_summary.refresh_from_db()
    assert province_summary.number_symbol == "01/BC-BTĐKT"
    pdf = client.get(reverse("reports:summary_pdf", args=[province_summary.pk]) + "?download=1")
    archived = IssuedDocument.objects.get(object_id=province_summary.pk, kind=workflow.SUMMARY_DOCUMENT_KIND)
    assert b"".join(pdf.streaming_content if pdf.streaming else [pdf.content]) == bytes(archived.pdf)
    assert "Số: 01/BC-BTĐKT" in pdf_text(bytes(archived.pdf)) and "DỰ THẢO" not in pdf_text(bytes(archived.pdf))
    assert archived.agency_id == province_summary.issuer_id


def test_refreshing_the_draft_counts_a_new_award_and_an_issued_summary_never_changes(province_summary, province_office,
                                                                                     chutich, health):
    cdc = health.units.get(code="SYT-CDC")
    RecordFactory(staff=StaffFactory(unit=cdc), award_type=AwardType.objects.get(code="BK_TTG"), year=2025,
                  decision_date=date(2025, 6, 1))
    assert province_summary.figures["totals"]["levels"]["national"] == 0
    workflow.refresh_figures(province_summary, actor=province_office)
    assert province_summary.figures["totals"]["levels"]["national"] == 1
    workflow.save_narrative(province_summary, sections={"results": "Kết quả."}, item_notes={},
                            header={"title": province_summary.title}, version=province_summary.version,
                            actor=province_office)
    workflow.submit(province_summary, province_office)
    workflow.approve(province_summary, chutich)
    workflow.issue(province_summary, province_office, issue_date=date(2025, 7, 20))
    RecordFactory(staff=StaffFactory(unit=cdc), award_type=AwardType.objects.get(code="BK_TTG"), year=2025,
                  decision_date=date(2025, 6, 2))
    with pytest.raises(TransitionError, match="không thể thay đổi"):
        workflow.refresh_figures(province_summary, actor=province_office)
    province_summary.refresh_from_db()
    assert province_summary.figures["totals"]["levels"]["national"] == 1


# The agencies' issued summaries, read by the province ---------------------------------------------------


def _issue_agency_summary(summary, office, director):
    workflow.save_narrative(summary, sections={"results": "Các phong trào được triển khai đều khắp."}, item_notes={},
                            header={"title": summary.title, "signer_name": "Nguyễn Văn A",
                                    "signer_authority": "director", "recipients": summary.recipients},
                            version=summary.version, actor=office)
    workflow.submit(summary, office)
    workflow.approve(summary, director)
    workflow.issue(summary, office, issue_date=date(2025, 7, 15))
    summary.refresh_from_db()
    return summary


def test_the_province_reads_the_summaries_its_agencies_issued_and_never_their_drafts(
        health, summary, office_user, director_user, province_office, chutich, client):
    issued = _issue_agency_summary(summary, office_user, director_user)
    health_period = ReportingPeriod.objects.get(plan__issuer=health)
    draft = workflow.create_summary(health_period, SummaryKind.HALF_YEAR, actor=health.office, title="Dự thảo Sở Y tế")
    for user in (province_office, chutich):
        client.force_login(user)
        listing = client.get(reverse("reports:agency_summary_list")).content.decode()
        assert issued.number_symbol in listing and "Dự thảo Sở Y tế" not in listing
        assert issued.title in client.get(reverse("reports:summary_detail", args=[issued.pk])).content.decode()
        pdf = client.get(reverse("reports:summary_pdf", args=[issued.pk]))
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        for name in ("summary_docx", "summary_xlsx"):
            assert client.get(reverse(f"reports:{name}", args=[issued.pk])).status_code == 200, name
        for name in ("summary_detail", "summary_docx", "summary_xlsx", "summary_pdf"):
            assert client.get(reverse(f"reports:{name}", args=[draft.pk])).status_code == 404, name
        # the province's own list of its summaries stays its own
        assert issued.title not in client.get(reverse("reports:summary_list")).content.decode()


def test_the_province_never_changes_an_agency_summary_it_reads(health, summary, office_user, director_user,
                                                             province_office, chutich, client):
    issued = _issue_agency_summary(summary, office_user, director_user)
    for user in (province_office, chutich):
        client.force_login(user)
        detail = client.get(reverse("reports:summary_detail", args=[issued.pk])).content.decode()
        assert reverse("reports:summary_edit", args=[issued.pk]) not in detail
        assert client.get(reverse("reports:summary_edit", args=[issued.pk])).status_code == 404
        for name, kwargs in (("summary_refresh", {}), ("summary_pdf", {}), ("summary_transition", {"action": "submit"})):
            response = client.post(reverse(f"reports:{name}", kwargs={"pk": issued.pk, **kwargs}))
            assert response.status_code == 404, name
    issued.refresh_from_db()
    assert issued.status == SummaryStatus.ISSUED and issued.updated_by == office_user


def test_another_province_and_the_agencies_never_read_the_agencies_summaries_list(
        health, summary, office_user, director_user, client):
    issued = _issue_agency_summary(summary, office_user, director_user)
    other = Agency.objects.create(kind=Agency.Kind.PROVINCE, name="BAN THI ĐUA - KHEN THƯỞNG KHÁC",
                                  abbreviation="BTĐKT2", parent_authority="SỞ NỘI VỤ TỈNH KHÁC", place="Kon Tum")
    client.force_login(UserFactory(username="chuyenvien.khac", role=Role.OFFICE, agency=other))
    assert issued.number_symbol not in client.get(reverse("reports:agency_summary_list")).content.decode()
    assert client.get(reverse("reports:summary_detail", args=[issued.pk])).status_code == 404
    assert client.get(reverse("reports:summary_pdf", args=[issued.pk])).status_code == 404
    for user in (health.office, health.director, office_user):
        client.force_login(user)
        assert client.get(reverse("reports:agency_summary_list")).status_code == 403
    client.force_login(health.office)
    assert client.get(reverse("reports:summary_detail", args=[issued.pk])).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_the_agencies_summaries_list_query_count_is_fixed(health, data, province_office, client, count,
                                                         django_assert_num_queries):
    for number in range(1, count + 1):
        SummaryReport.objects.create(plan=data.plan, period=data.period, kind=SummaryKind.HALF_YEAR,
                                     title=f"Báo cáo số {number}", status=SummaryStatus.ISSUED, number=number,
                                     number_year=2025, issue_date=date(2025, 7, number))
    client.force_login(province_office)
    # session, user, the agencies of the filter, count, page
    with django_assert_num_queries(5):
        page = client.get(reverse("reports:agency_summary_list"), {"year": 2025}).content.decode()
    assert page.count('data-testid="agency-summary-row"') == count
    assert all(f"Báo cáo số {number}" in page for number in range(1, count + 1))
