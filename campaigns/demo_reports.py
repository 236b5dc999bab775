"""Demo data of unit reports on the seed plan: the standard periods of 2024 and 2025 and the five-year
summary (tổng kết 2021–2025, due in two weeks), with reports in every state: accepted, returned with a
reason, submitted late, submitted on time, draft, not started, overdue.

Reports go through the real workflow at the dates they would have happened (the clock is set for each
step), so their timelines, versions and late marks are those of real use. Idempotent: a period that
has reports already is left alone; a second run changes nothing.
"""
from contextlib import contextmanager
from datetime import date, datetime, time
from unittest import mock
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from campaigns import reporting, workflow
from campaigns.models import ItemStatus, PeriodKind, Plan, PlanStatus, ReportingPeriod
from campaigns.reporting import DraftChanges
from emulation import calendar
from emulation.documents.rendering import render_pdf
from emulation.models import Role, Unit, User

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")

PROGRESS_TEXTS = [
    "Đã lồng ghép nội dung thi đua vào kế hoạch công tác của đơn vị; 100% công chức, viên chức đăng ký thi đua.",
    "Tổ chức 02 buổi sinh hoạt chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Giải quyết đúng hạn 98,6% hồ sơ thủ tục hành chính; không có hồ sơ tồn đọng quá hạn.",
    "Số hóa 12.450 hồ sơ địa chính, cập nhật vào cơ sở dữ liệu đất đai của tỉnh.",
    "Triển khai dịch vụ công trực tuyến toàn trình đối với 15 thủ tục hành chính.",
    "Đăng ký 03 sáng kiến cải tiến lề lối làm việc; 01 sáng kiến được Hội đồng công nhận.",
    "Hưởng ứng phong trào “Chống rác thải nhựa”, tổ chức ra quân làm sạch bãi biển Mỹ Khê.",
    "Tham gia đầy đủ các phong trào do Tỉnh phát động; ứng dụng phần mềm quản lý văn bản điều hành.",
    "Chi bộ hoàn thành tốt nhiệm vụ; đoàn thể phối hợp tổ chức hội thao chào mừng ngày thành lập ngành.",
    "Người đứng đầu trực tiếp chỉ đạo, kiểm tra việc thực hiện nhiệm vụ; không có cán bộ vi phạm kỷ luật.",
    "Kịp thời đề xuất khen thưởng 05 tập thể, 12 cá nhân có thành tích xuất sắc trong đợt cao điểm.",
    "Thực hiện khen thưởng đột xuất cho 02 cá nhân có hành động dũng cảm trong phòng chống bão lụt.",
]
SECTIONS = {
    "results": "Đơn vị đã quán triệt, triển khai đầy đủ Kế hoạch phát động phong trào thi đua của Sở; các "
               "chỉ tiêu chuyên môn cơ bản đạt và vượt kế hoạch đề ra; công tác cải cách hành chính có chuyển biến rõ nét.",
    "shortcomings": "Một số nội dung thi đua còn hình thức; việc nhân rộng điển hình tiên tiến chưa thường xuyên.",
    "causes": "Khối lượng công việc chuyên môn lớn, biên chế còn thiếu; kinh phí cho công tác thi đua còn hạn chế.",
    "proposals": "Đề nghị Sở bổ sung kinh phí khen thưởng đột xuất và tổ chức tập huấn nghiệp vụ thi đua, khen thưởng.",
}
RETURN_REASONS = [
    "Báo cáo chưa nêu số liệu cụ thể về tỷ lệ hồ sơ giải quyết đúng hạn; đề nghị bổ sung.",
    "Thiếu tài liệu minh chứng cho kết quả triển khai dịch vụ công trực tuyến.",
]

# What happens to each unit's report in a period, by (period key, unit index): see `_plan_for`.
ACCEPTED, RETURNED, RETURNED_THEN_ACCEPTED, SUBMITTED, LATE, DRAFT, NOT_STARTED = (
    "accepted", "returned", "returned_then_accepted", "submitted", "late", "draft", "not_started",
)


@contextmanager
def _clock(moment):
    """Run the workflow as if it were `moment` (a local datetime)."""
    with mock.patch.object(timezone, "now", lambda: moment.astimezone(ZoneInfo("UTC"))):
        yield


def _local(day, hour=9):
    return datetime.combine(day, time(hour, 0), tzinfo=LOCAL)


def _plan_for(period, index, today):
    """The fate of the `index`-th unit's report in `period` (deterministic, varied)."""
    if period.due >= today:  # the five-year summary, due soon
        return [NOT_STARTED, SUBMITTED, NOT_STARTED, DRAFT][index % 4]
    if period.end.year == 2024:
        return RETURNED_THEN_ACCEPTED if index % 5 == 3 else (LATE if index % 7 == 5 else ACCEPTED)
    fates = {
        PeriodKind.QUARTER: [ACCEPTED, ACCEPTED, LATE, ACCEPTED],
        PeriodKind.HALF_YEAR: [RETURNED_THEN_ACCEPTED, ACCEPTED, ACCEPTED, RETURNED],
        PeriodKind.NINE_MONTHS: [SUBMITTED, LATE, DRAFT, ACCEPTED],
        PeriodKind.YEAR: [DRAFT, NOT_STARTED, LATE, SUBMITTED],
    }
    return fates[period.kind][index % 4]


def _evidence(report, day):
    """A one-page "biên bản kiểm tra" PDF for the report, as a unit would scan and attach it."""
    data = render_pdf("campaigns/reports/demo_evidence.html", {
        "title": f"Kiểm tra kết quả thực hiện phong trào thi đua của {report.unit.name}",
        "unit": report.unit, "period": report.period, "day": day,
    })
    return ContentFile(data, name=f"Bien-ban-kiem-tra-{report.unit.code}.pdf")


def _fill(report, actor, index, suffix="", evidence=None):
    items = {}
    for position, progress in enumerate(report.items.order_by("item__order", "item_id")):
        text = PROGRESS_TEXTS[(position + index) % len(PROGRESS_TEXTS)]
        done = (position + index) % 3 != 0
        items[progress.item_id] = {
            "status": ItemStatus.DONE if done else ItemStatus.IN_PROGRESS,
            "percent": 100 if done else 60 + 10 * (index % 4),
            "text": text + suffix,
        }
    first = next(iter(items))
    files = [(first, evidence)] if evidence else []
    reporting.save_draft(report, DraftChanges(sections=dict(SECTIONS), items=items, targets={}, files=files),
                         version=report.version, actor=actor)


def _seed_report(period, unit, index, fate, office, heads, today):
    if fate == NOT_STARTED:
        return
    author = heads.get(unit.pk) or office
    on_time = calendar.add_working_days(period.due, -2)
    start_day = min(on_time, today)
    with _clock(_local(start_day, 8)):
        report = reporting.start_report(period, unit, actor=author)
        _fill(report, author, index)
    if fate == DRAFT:
        return
    submit_day = calendar.add_working_days(period.due, 4) if fate == LATE else on_time
    if submit_day > today:
        return
    with _clock(_local(submit_day, 15)):
        workflow.submit_report(report, actor=author)
    waiting_review = fate == LATE and period.end.year == 2025 and period.kind in (PeriodKind.NINE_MONTHS, PeriodKind.YEAR)
    if fate == SUBMITTED or waiting_review:
        return
    review_day = calendar.add_working_days(submit_day, 2)
    if fate in (RETURNED, RETURNED_THEN_ACCEPTED):
        first = report.items.order_by("item__order", "item_id").first()
        with _clock(_local(review_day, 10)):
            workflow.return_report(report, actor=office, reason=RETURN_REASONS[index % 2],
                                    items_to_fix={first.item_id: "Bổ sung số liệu và minh chứng."})
        if fate == RETURNED:
            return
        fixed_day = calendar.add_working_days(review_day, 2)
        with _clock(_local(fixed_day, 9)):
            _fill(report, author, index, suffix=" Đã bổ sung bảng số liệu chi tiết kèm theo.",
                  evidence=_evidence(report, fixed_day) if unit.pk in heads else None)
            workflow.submit_report(report, actor=author)
        review_day = calendar.add_working_days(fixed_day, 1)
    with _clock(_local(review_day, 16)):
        workflow.accept_report(report, actor=office)


def seed():
    plan = Plan.objects.filter(status=PlanStatus.ISSUED, year_from=2021, year_to=2025).order_by("pk").first()
    office = User.objects.filter(username="vanphong").first()
    if plan is None or office is None:
        return "unit reports: no issued seed plan"
    today = calendar.today()
    for year in (2024, 2025):
        with _clock(_local(date(year, 1, 5))):
            reporting.create_standard_periods(plan, year, actor=office)
    summary, _created = ReportingPeriod.objects.get_or_create(
        plan=plan, kind=PeriodKind.AD_HOC, start=date(2021, 1, 1), end=date(2025, 12, 31),
        defaults={"name": "Tổng kết phong trào thi đua giai đoạn 2021-2025",
                  "due": calendar.add_working_days(today, 10), "created_by": office},
    )
    if _created:
        summary.units.set(reporting.default_units(plan.issuer_id))
    periods = list(ReportingPeriod.objects.filter(plan=plan).filter(reports__isnull=True).order_by("start", "end"))
    heads = {user.unit_id: user for user in User.objects.filter(role=Role.UNIT_HEAD, is_active=True)}
    units = list(Unit.objects.filter(reporting_periods__plan=plan).distinct().order_by("path"))
    # The Office is notified of every submission; for the past ones seeded here that would be noise.
    with workflow.REPORT_WORKFLOW.grouped(heard=False):
        for period in periods:
            required = set(period.units.values_list("pk", flat=True))
            for index, unit in enumerate(u for u in units if u.pk in required):
                _seed_report(period, unit, index, _plan_for(period, index, today), office, heads, today)
    return f"unit reports: {len(periods)} periods filled"
