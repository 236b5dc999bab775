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
