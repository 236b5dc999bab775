"""The summary report as PDF, Excel and Word; a unit's accepted report as an official PDF."""
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils.safestring import mark_safe
from docx import Document
from openpyxl import load_workbook

from awards.models import Exemplar
from campaigns.models import ReportStatus, UnitReport
from campaigns.reporting import start_report
from emulation.documents.tests.pdftools import pdf_fonts, pdf_info, pdf_text
from emulation.models import Role
from emulation.tests.factories import UnitFactory
from reports.docx import summary_docx
from reports.documents import summary_pdf
from reports.exports import summary_workbook
from reports.workflow import refresh_figures
from PIL import Image
from reports.charts import PNG_WIDTH, chart_png, chart_svg
from emulation.documents import render_docx
from reports.documents import TEMPLATE, summary_context
from datetime import date as day
from campaigns.models import ReportingPeriod
from reports.models import SummaryKind
from reports.workflow import create_summary


@pytest.fixture
def long_summary(summary, data, office_user):
    """The summary with 70 more units, so that the unit tables run over several pages."""
    for index in range(70):
        unit = UnitFactory(name=f"Đơn vị số {index:02d}", parent=data.inspection.parent)
        data.period.units.add(unit)
        report = start_report(data.period, unit, actor=office_user)
        UnitReport.objects.filter(pk=report.pk).update(status=ReportStatus.ACCEPTED)
    return refresh_figures(summary, actor=office_user)


def test_pdf_is_a4_with_fonts_embedded_and_the_charts(summary):
    data = summary_pdf(summary)

    assert pdf_info(data)["Page size"].startswith("595.") and "A4" in pdf_info(data)["Page size"]
    assert pdf_fonts(data) and all(embedded for _name, embedded in pdf_fonts(data))
    text = " ".join(pdf_text(data).split())  # a long chart title is wrapped on two lines at the chart's width
    for title in ("Tình hình gửi báo cáo qua các kỳ", "Tỷ lệ hoàn thành nội dung thi đua theo đơn vị",
                  "Số đơn vị theo mức độ thực hiện từng nội dung", "Khen thưởng trong kỳ theo hình thức"):
        assert title in text
    assert "DỰ THẢO" in text and "BÁO CÁO" in text and "Nơi nhận:" in text
    assert "Phòng Thanh tra" in text  # named as not reported


def test_pdf_tables_repeat_their_header_row_on_every_page_they_span(long_summary):
    pages = pdf_text(summary_pdf(long_summary)).split("\f")
    continued = [page for page in pages if "Đơn vị số 4" in page and "Đơn vị số 00" not in page]

    assert len(continued) >= 2  # pages that start in the middle of a unit table
    for page in continued:
        assert "STT" in page and page.index("STT") < page.index("Đơn vị số")  # the header row, on top again


def test_excel_has_one_sheet_per_table_with_typed_numbers(summary):
    book = load_workbook(BytesIO(_xlsx(summary)))

    assert book.sheetnames == ["Tình hình báo cáo", "Báo cáo qua các kỳ", "Nội dung thi đua", "Chỉ tiêu",
                               "Chỉ tiêu theo đơn vị", "Kết quả đơn vị", "Khen thưởng", "Quyết định",
                               "Đề nghị cấp trên"]
    targets = book["Chỉ tiêu"]
    assert [c.value for c in targets[3]] == ["1", "Tỷ lệ hồ sơ đúng hạn", "%", 100, 2, None, 98, 1]
    assert [c.value for c in targets[4]][3:] == [2, 2, 4, 2, 1]
    values = list(book["Chỉ tiêu theo đơn vị"].iter_rows(min_row=2, values_only=True))
    assert values == [("Đơn vị", "Tỷ lệ hồ sơ đúng hạn (%), chỉ tiêu 100", "Số sáng kiến (sáng kiến), chỉ tiêu 2"),
                      ("Phòng Quản lý đất đai", 96, 3), ("Chi cục Bảo vệ môi trường", 100, 1)]  # returned: left out
    units = {row[1]: row for row in book["Kết quả đơn vị"].iter_rows(min_row=3, values_only=True)}
    assert units["Chi cục Bảo vệ môi trường"][5] == 100.0


def _xlsx(summary):
    stream = BytesIO()
    summary_workbook(summary).save(stream)
    return stream.getvalue()


def test_excel_download_for_the_office(office_client, summary):
    response = office_client.get(reverse("reports:summary_xlsx", args=[summary.pk]))

    assert response.status_code == 200
    assert load_workbook(BytesIO(response.content)).sheetnames[0] == "Tình hình báo cáo"


def test_word_file_holds_the_whole_report(office_client, summary):
    response = office_client.get(reverse("reports:summary_docx", args=[summary.pk]))
    document = Document(BytesIO(response.content))

    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO" in text and "Sơ kết phong trào thi đua 6 tháng đầu năm 2025" in text
    assert "VI. ĐỀ XUẤT, KIẾN NGHỊ" in text
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Phòng Thanh tra" in cells and "Tỷ lệ hồ sơ đúng hạn" in cells
    assert len(document.tables) == 9 + 2  # the nine tables, the header and the closing


def test_word_file_holds_the_four_charts_as_pictures_at_the_text_width(summary):

    document = Document(BytesIO(summary_docx(summary)))

    pictures = [rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/image")]
    assert [shape.width.mm for shape in document.inline_shapes] == [165.0] * 4
    assert [picture.content_type for picture in pictures] == ["image/png"] * 4
    assert {Image.open(BytesIO(picture.blob)).size[0] for picture in pictures} == {PNG_WIDTH}
    # the very chart of the page and the PDF: the discipline chart drawn from the same figures
    assert chart_png(chart_svg("discipline", summary.figures)) in [picture.blob for picture in pictures]


def test_word_writer_ignores_a_picture_that_is_not_an_inline_png(summary):
    context = summary_context(summary)
    context["charts"] = {name: mark_safe('<img src="file:///etc/passwd" alt="">') for name in context["charts"]}

    assert len(Document(BytesIO(render_docx(TEMPLATE, context))).inline_shapes) == 0


def test_docx_marks_the_header_row_to_repeat(summary):
    document = Document(BytesIO(summary_docx(summary)))

    figures_table = document.tables[1]
    assert figures_table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")


def test_unit_head_downloads_the_official_pdf_of_their_accepted_report(client, land_head, data):
    client.force_login(land_head)

    response = client.get(reverse("reports:unit_report_pdf", args=[data.land.pk]))

    text = pdf_text(b"".join(response))
    assert response["Content-Type"] == "application/pdf"
    assert "PHÒNG QUẢN LÝ ĐẤT ĐAI" in text and "Cải cách hành chính." in text
    assert response["Content-Disposition"].startswith("inline;")
    saved = client.get(reverse("reports:unit_report_pdf", args=[data.land.pk]), {"download": "1"})
    assert saved["Content-Disposition"].startswith("attachment;")


def test_unit_report_pdf_refused_for_another_unit_and_for_a_report_not_accepted(client, land_head, env_head, data):
    client.force_login(env_head)
    assert client.get(reverse("reports:unit_report_pdf", args=[data.land.pk])).status_code == 404
    assert client.get(reverse("reports:unit_report_pdf", args=[data.env.pk])).status_code == 404  # submitted only


def test_unit_report_list_shows_own_accepted_reports_in_fixed_queries(client, land_head, data, office_user,
                                                                       django_assert_num_queries):

    client.force_login(land_head)
    for count in (1, 3):
        if count == 3:
            for month in (3, 9):
                period = ReportingPeriod.objects.create(plan=data.plan, kind="quarter", name=f"Kỳ {month}",
                                                        start=day(2025, month, 1), end=day(2025, month, 28),
                                                        due=day(2025, month + 1, 5))
                period.units.add(data.land.unit)
                report = start_report(period, data.land.unit, actor=office_user)
                UnitReport.objects.filter(pk=report.pk).update(status=ReportStatus.ACCEPTED)
        with django_assert_num_queries(5):
            response = client.get(reverse("reports:unit_report_list"))
        html = response.content.decode()
        assert html.count('data-testid="unit-report-row"') == count
        assert "Chi cục Bảo vệ môi trường" not in html  # another unit's report


@pytest.mark.parametrize("rows", [1, 3])
def test_unit_report_list_sorts_by_a_column(client, land_head, data, office_user, django_assert_num_queries, rows):

    client.force_login(land_head)
    for month in (3, 9)[:rows - 1]:
        period = ReportingPeriod.objects.create(plan=data.plan, kind="quarter", name=f"Kỳ {month}",
                                                start=day(2025, month, 1), end=day(2025, month, 28),
                                                due=day(2025, month + 1, 5))
        period.units.add(data.land.unit)
        report = start_report(period, data.land.unit, actor=office_user)
        UnitReport.objects.filter(pk=report.pk).update(status=ReportStatus.ACCEPTED)
    with django_assert_num_queries(5):
        response = client.get(reverse("reports:unit_report_list"), {"sort": "period", "page": "1"})
    ends = [report.period.end for report in response.context["page"]]
    assert ends == sorted(ends) and len(ends) == rows
    html = response.content.decode()
    # The sorted column's header turns the order round; the headers drop the page number.
    assert 'href="?sort=-period" data-sort="period" aria-current="true"' in html
    assert 'href="?sort=unit" data-sort="unit"' in html


def test_unit_report_list_refused_to_staff(client, make_user):
    client.force_login(make_user())

    assert client.get(reverse("reports:unit_report_list")).status_code == 403


def test_pdf_names_the_exemplary_models_accepted_for_the_year(summary, data, office_user):
    Exemplar.objects.create(unit=data.inspection, year=data.period.end.year, name="Bà Nguyễn Thị Lành, xã Ba Tơ",
                            deed="Hiến đất làm điểm tập kết rác thải", evidence="Biên bản hiến đất.",
                            status=Exemplar.Status.ACCEPTED)
    text = " ".join(pdf_text(summary_pdf(refresh_figures(summary, actor=office_user))).split())
    assert ("Gương điển hình tiên tiến, người tốt, việc tốt được phát hiện, giới thiệu trong kỳ: - Bà Nguyễn Thị Lành, "
            "xã Ba Tơ (Phòng Thanh tra): Hiến đất làm điểm tập kết rác thải.") in text


def test_accepted_unit_report_pdf_is_dated_signed_by_the_unit_head_and_prints_plain_values(client, make_user, data, org):
    head = make_user(Role.UNIT_HEAD, unit=org.land, first_name="Hòa", last_name="Lê Thị")
    client.force_login(head)

    text = " ".join(pdf_text(client.get(reverse("reports:unit_report_pdf", args=[data.land.pk])).content).split())

    assert "Số:" not in text and "ngày 03 tháng 7 năm 2025" in text and "THỦ TRƯỞNG ĐƠN VỊ Lê Thị Hòa" in text
    assert "Tỷ lệ hồ sơ đúng hạn: 96 % (chỉ tiêu 100 %)" in text and ",00" not in text


def test_summary_names_the_agency_as_a_sentence_does_and_a_quarter_as_a_quarter(data, office_user, org):
    data.period.name = "Quý II năm 2025"
    data.period.save()
    report = create_summary(data.period, SummaryKind.HALF_YEAR, actor=office_user)

    text = " ".join(pdf_text(summary_pdf(report)).split())

    assert f"{org.department.name} báo cáo kết quả thực hiện quý II năm 2025" in text
    assert f"Trên đây là báo cáo sơ kết quý II năm 2025 của {org.department.name}./." in text
    assert "sơ kết 6 tháng" not in text and "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG báo cáo" not in text
