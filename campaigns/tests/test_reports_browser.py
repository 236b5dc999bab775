"""A unit report from first draft to acceptance, driven in a real Chromium as people would do it."""
import pytest
from playwright.sync_api import expect

from campaigns.models import ReportingPeriod, ReportStatus, UnitReport
from emulation import calendar
from emulation.tests.files import PDF_BYTES
from campaigns.reporting import start_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_period(issued_plan, org):
    today = calendar.today()
    period = ReportingPeriod.objects.create(
        plan=issued_plan, kind="ad_hoc", name="Báo cáo chuyên đề cải cách hành chính", start=today, end=today,
        due=calendar.add_working_days(today, 5),
    )
    period.units.set([org.land, org.env])
    return period


def test_report_submitted_returned_corrected_and_accepted(page, login, open_period, land_head, office_user, org):
    items = list(open_period.plan.content_items.filter(parent__isnull=True).order_by("order"))

    # The unit head starts the report from the board, fills two items and an evidence file, submits.
    login(land_head.username)
    page.goto("/campaigns/board/")
    page.locator("a[data-unit='QLDD']").click()
    page.get_by_role("button", name="Bắt đầu soạn báo cáo").click()
    for item, text in zip(items, ["Giải quyết đúng hạn 100% hồ sơ.", "Ra quân làm sạch bãi biển."]):
        page.locator(f"[name='item-{item.pk}-status']").select_option("done")
        page.locator(f"[name='item-{item.pk}-text']").fill(text)
    page.locator(f"[name='item-{items[0].pk}-evidence']").set_input_files(
        {"name": "bien-ban-kiem-tra.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES})
    page.get_by_label("Kết quả đạt được").fill("Hoàn thành các nội dung đăng ký.")
    page.get_by_role("button", name="Lưu và nộp").click()
    # The confirmation names the sub-point left empty and asks why.
    assert "1.1" in page.locator("[data-testid='empty-items']").inner_text()
    page.get_by_label("Vì sao các nội dung này để trống?").fill("Quý này chưa triển khai số hóa.")
    page.get_by_role("button", name="Nộp, để trống các nội dung này").click()
    page.get_by_text("Đã nộp báo cáo cho Văn phòng Sở.").wait_for()
    report = UnitReport.objects.get(period=open_period, unit=org.land)
    assert report.status == ReportStatus.SUBMITTED
    assert page.get_by_role("link", name="bien-ban-kiem-tra.pdf").is_visible()

    # The Office returns it with a reason, marking item 2.
    login(office_user.username)
    page.goto(f"/campaigns/reports/{report.pk}/")
    page.get_by_label("Lý do trả lại").fill("Nội dung 2 chưa nêu kết quả cụ thể.")
    page.get_by_label("Nội dung 2 cần sửa").check()
    page.get_by_label("Yêu cầu sửa nội dung 2").fill("Nêu số lượng người tham gia.")
    page.locator("button[data-action='return']").click()
    page.get_by_text("Đã trả lại báo cáo cho đơn vị.").wait_for()

    # The unit head sees exactly that item to correct, fixes it and resubmits.
    login(land_head.username)
    page.goto(f"/campaigns/reports/{report.pk}/")
    page.get_by_role("link", name="Sửa báo cáo").click()
    expect(page.locator("[data-testid='to-fix']")).to_have_count(1)  # waits for the edit page to load
    expect(page.locator("fieldset[data-item='2'] [data-testid='to-fix']")).to_be_visible()
    page.locator(f"[name='item-{items[1].pk}-text']").fill("Ra quân làm sạch bãi biển với 45 người tham gia.")
    page.get_by_role("button", name="Lưu và nộp lại").click()
    page.get_by_label("Vì sao các nội dung này để trống?").fill("Quý này chưa triển khai số hóa.")
    page.get_by_role("button", name="Nộp, để trống các nội dung này").click()
    page.get_by_text("Đã nộp báo cáo cho Văn phòng Sở.").wait_for()

    # The Office sees what changed and accepts; the board shows it accepted.
    login(office_user.username)
    page.goto(f"/campaigns/reports/{report.pk}/")
    changes = page.locator("[data-testid='changes']")
    assert "45 người tham gia" in changes.inner_text()
    page.locator("#confirmed-accept").check()  # accepting cannot be undone: it asks first
    page.locator("button[data-action='accept']").click()
    page.get_by_text("Đã chấp nhận báo cáo.").wait_for()
    page.goto("/campaigns/board/")
    assert page.locator("a[data-unit='QLDD']").get_attribute("data-state") == "accepted"
    assert UnitReport.objects.get(pk=report.pk).status == ReportStatus.ACCEPTED


def test_draft_saves_itself_while_the_unit_head_types(page, login, open_period, land_head, org):
    report = start_report(open_period, org.land, actor=land_head)
    login(land_head.username)
    page.goto(f"/campaigns/reports/{report.pk}/edit/")
    page.get_by_label("Kết quả đạt được").fill("Đã hoàn thành 80% kế hoạch quý.")
    page.locator("#autosave-status").get_by_text("Đã tự động lưu").wait_for(timeout=10000)
    report.refresh_from_db()
    assert (report.results, report.version) == ("Đã hoàn thành 80% kế hoạch quý.", 2)
    assert page.locator("input[name='version']").input_value() == "2"
