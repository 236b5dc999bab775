"""A unit head's first report on the seed plan, in Chromium, counting what the person does."""
from datetime import date

import pytest

from campaigns import reporting, workflow
from campaigns.models import ItemStatus, ReportingPeriod, ReportStatus, UnitReport
from emulation import calendar
from emulation.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Person:
    """Wraps the page: every click and every typed field is counted."""

    def __init__(self, page):
        self.page, self.clicks, self.fields = page, 0, 0

    def click(self, locator):
        self.clicks += 1
        locator.click()

    def choose(self, locator, value):
        self.clicks += 1
        locator.select_option(value)

    def type(self, locator, text):
        self.fields += 1
        locator.fill(text)


@pytest.fixture
def due_now(seeded_plan, org, make_user, office_user):
    """The seed plan's previous period (accepted, every item written) and the one due in a few days."""
    plan = seeded_plan
    head = make_user(Role.UNIT_HEAD, unit=org.land, username="truongphong")
    today = calendar.today()
    previous = ReportingPeriod.objects.create(
        plan=plan, kind="quarter", name="Quý I", start=date(today.year - 1, 1, 1), end=date(today.year - 1, 3, 31),
        due=date(today.year - 1, 4, 10))
    current = ReportingPeriod.objects.create(
        plan=plan, kind="half_year", name="6 tháng", start=today, end=today, due=calendar.add_working_days(today, 5))
    for period in (previous, current):
        period.units.set([org.land])
    report = reporting.start_report(previous, org.land, actor=office_user)
    items = {p.item_id: {"status": ItemStatus.DONE, "percent": 100, "text": f"Quý I: kết quả {n}."}
             for n, p in enumerate(report.items.all(), 1)}
    reporting.save_draft(report, reporting.DraftChanges(sections={"results": "Quý I"}, items=items, targets={},
                                                        files=[]), version=report.version, actor=office_user)
    workflow.submit_report(report, actor=office_user)
    workflow.accept_report(report, actor=office_user)
    return head, current


def test_unit_head_first_report_on_the_seed_plan(page, due_now, org):
    """Log in, open the report due now from the home card, start from the previous period, rewrite every
    item's text and the results, submit and confirm. The counts are printed for the issue's note."""
    head, current = due_now
    person = Person(page)
    page.context.clear_cookies()
    page.goto("/")
    person.type(page.get_by_label("Tên đăng nhập"), head.username)
    person.type(page.get_by_label("Mật khẩu"), "secret-pass-123")
    person.click(page.get_by_role("button", name="Đăng nhập"))
    person.click(page.get_by_text("Báo cáo cần viết"))
    person.click(page.get_by_role("button", name="Chép từ kỳ trước (Quý I)"))
    progress = page.locator("#report-progress")
    assert progress.inner_text() == "12/12 nội dung đã có kết quả"
    texts = page.locator("textarea[name$='-text']")
    item_count = texts.count()
    for index in range(item_count):
        person.type(texts.nth(index), f"6 tháng: kết quả nội dung {index + 1}.")
    person.type(page.get_by_label("Kết quả đạt được"), "Hoàn thành các nội dung.")
    person.click(page.get_by_role("button", name="Lưu và nộp"))
    page.wait_for_url("**/confirm/")
    assert page.locator("[data-testid='report-progress']").inner_text() == "12/12 nội dung đã có kết quả"
    person.click(page.get_by_role("button", name="Nộp cho Văn phòng Sở", exact=True))
    page.get_by_text("Đã nộp báo cáo cho Văn phòng Sở.").wait_for()
    assert page.locator("[data-testid='next-steps']").is_visible()
    report = UnitReport.objects.get(period=current, unit=org.land)
    assert report.status == ReportStatus.SUBMITTED
    assert report.items.filter(text__startswith="6 tháng:").count() == item_count == 12
    assert person.clicks <= 25
    print(f"\nAFTER clicks={person.clicks} fields={person.fields}")


@pytest.fixture
def first_period(seeded_plan, org, make_user):
    """The seed plan's first period, due in a few days: no earlier report to copy from."""
    head = make_user(Role.UNIT_HEAD, unit=org.land, username="truongphong")
    today = calendar.today()
    period = ReportingPeriod.objects.create(
        plan=seeded_plan, kind="quarter", name="Quý I", start=today, end=today, due=calendar.add_working_days(today, 5))
    period.units.set([org.land])
    return head, period


def test_first_period_with_nothing_to_copy_takes_at_most_20_clicks(page, first_period, org):
    """Issue 26 item 7: log in, open the report due now, start it, type each item's percentage (clicking
    into the field; the progress follows it, no drop-down is opened), a text for the two unfinished ones
    (Tab from the percentage), submit and confirm: at most 20 clicks, 31 before."""
    head, period = first_period
    person = Person(page)
    page.context.clear_cookies()
    page.goto("/")
    person.type(page.get_by_label("Tên đăng nhập"), head.username)
    person.type(page.get_by_label("Mật khẩu"), "secret-pass-123")
    person.click(page.get_by_role("button", name="Đăng nhập"))
    person.click(page.get_by_text("Báo cáo cần viết"))
    person.click(page.get_by_role("button", name="Bắt đầu soạn báo cáo"))
    percents = page.locator("input[name$='-percent']")
    statuses = page.locator("select[name$='-status']")
    assert percents.count() == 12
    for index in range(12):
        person.click(percents.nth(index))
        if index < 10:
            page.keyboard.type("100")
        else:
            page.keyboard.type("60")
            page.keyboard.press("Tab")
            page.keyboard.type(f"Đang triển khai nội dung {index + 1}.")
            person.fields += 1
        person.fields += 1
    assert statuses.evaluate_all("all => all.map(s => s.value)") == ["done"] * 10 + ["in_progress"] * 2
    page_items = [int(name.split("-")[1]) for name in percents.evaluate_all("all => all.map(p => p.name)")]
    assert page.locator("#report-progress").inner_text() == "12/12 nội dung đã có kết quả"
    person.click(page.get_by_role("button", name="Lưu và nộp"))
    page.wait_for_url("**/confirm/")
    person.click(page.get_by_role("button", name="Nộp cho Văn phòng Sở", exact=True))
    page.get_by_text("Đã nộp báo cáo cho Văn phòng Sở.").wait_for()
    report = UnitReport.objects.get(period=period, unit=org.land)
    assert report.status == ReportStatus.SUBMITTED
    saved = {item: (status, percent) for item, status, percent in report.items.values_list("item_id", "status", "percent")}
    assert [saved[item] for item in page_items] == [(ItemStatus.DONE, 100)] * 10 + [(ItemStatus.IN_PROGRESS, 60)] * 2
    assert person.clicks == 17  # issue 26 asks for at most 20; 31 before (24 of them the drop-downs)
    print(f"\nFIRST PERIOD clicks={person.clicks} fields={person.fields}")


def test_choosing_a_progress_fills_the_percentage(page, first_period, org):
    """The other way round: "done" fills in 100, "not started" empties the field."""
    head, period = first_period
    report = reporting.start_report(period, org.land, actor=head)
    page.context.clear_cookies()
    page.goto("/")
    page.get_by_label("Tên đăng nhập").fill(head.username)
    page.get_by_label("Mật khẩu").fill("secret-pass-123")
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"/campaigns/reports/{report.pk}/edit/")
    status, percent = page.locator("select[name$='-status']").first, page.locator("input[name$='-percent']").first
    status.select_option("done")
    assert percent.input_value() == "100"
    status.select_option("not_started")
    assert percent.input_value() == ""
    percent.fill("35")
    assert status.input_value() == "in_progress"
    percent.fill("")
    percent.type("5o")  # a letter o for a zero: kept for the server to explain, not dropped by the browser
    assert percent.input_value() == "5o"
