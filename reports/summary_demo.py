"""Demo summary reports on the seed plan: the six-month review of 2025, issued (submitted, approved by the
Director, numbered and archived), and the annual summary of 2025 as a draft with part of its narrative.

They go through the real workflow at the dates they would have happened. Idempotent: a report that
exists for its period is left alone.
"""

from campaigns import demo_reports
from campaigns.models import PeriodKind, Plan, PlanStatus, ReportingPeriod
from emulation import calendar
from emulation.models import User
from reports import workflow
from reports.models import SummaryKind, SummaryReport

NARRATIVE = {
    "results": "Các phòng, đơn vị thuộc Sở đã quán triệt và triển khai đầy đủ Kế hoạch phát động phong trào thi đua; "
               "phong trào thi đua gắn với nhiệm vụ chuyên môn, cải cách hành chính và chuyển đổi số.",
    "commendation": "Công tác khen thưởng bảo đảm đúng quy định, kịp thời; chú trọng khen thưởng người trực tiếp "
                    "lao động, công tác.",
    "strengths": "Phong trào thi đua được triển khai sâu rộng; nhiều chỉ tiêu chuyên môn đạt và vượt kế hoạch; "
                 "tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn cao.",
    "shortcomings": "Một số đơn vị gửi báo cáo chậm, nội dung báo cáo còn chung chung, thiếu số liệu minh chứng.",
    "causes": "Khối lượng công việc chuyên môn lớn; một số người đứng đầu đơn vị chưa quan tâm đúng mức đến "
              "công tác thi đua, khen thưởng.",
    "lessons": "Phải gắn phong trào thi đua với nhiệm vụ chính trị của từng đơn vị; thường xuyên kiểm tra, đôn đốc.",
    "tasks_ahead": "Tiếp tục đẩy mạnh các phong trào thi đua; chuẩn bị tổng kết năm và đề xuất khen thưởng.",
    "proposals": "Đề nghị Hội đồng Thi đua - Khen thưởng tỉnh quan tâm, xem xét khen thưởng cho các tập thể, cá nhân "
                 "có thành tích xuất sắc.",
}


def _period(plan, kind, year):
    return ReportingPeriod.objects.filter(plan=plan, kind=kind, end__year=year).first()


def _write(report, actor, sections):
    workflow.save_narrative(report, sections=sections, item_notes={}, header={"title": report.title,
                            "signer_name": report.signer_name, "signer_authority": report.signer_authority,
                            "recipients": report.recipients}, version=report.version, actor=actor)


def seed():
    plan = Plan.objects.filter(status=PlanStatus.ISSUED, year_from=2021, year_to=2025).order_by("pk").first()
    office, director = User.objects.filter(username="vanphong").first(), User.objects.filter(username="giamdoc").first()
    if plan is None or office is None or director is None:
        return "summary reports: no seed plan"
    done = []
    half = _period(plan, PeriodKind.HALF_YEAR, 2025)
    if half and not SummaryReport.objects.filter(period=half).exists():
        day = calendar.add_working_days(half.due, 5)
        with demo_reports._clock(demo_reports._local(day, 8)):
            report = workflow.create_summary(half, SummaryKind.HALF_YEAR, actor=office)
            _write(report, office, NARRATIVE)
            workflow.submit(report, office)
        with demo_reports._clock(demo_reports._local(calendar.add_working_days(day, 1), 10)):
            workflow.approve(report, director)
        issue_day = calendar.add_working_days(day, 2)
        with demo_reports._clock(demo_reports._local(issue_day, 15)):
            workflow.issue(report, office, issue_date=issue_day)
        done.append(f"{report.number_symbol} issued")
    year = _period(plan, PeriodKind.YEAR, 2025)
    if year and not SummaryReport.objects.filter(period=year).exists():
        report = workflow.create_summary(year, SummaryKind.YEAR, actor=office)
        _write(report, office, {"results": NARRATIVE["results"], "strengths": NARRATIVE["strengths"]})
        done.append("annual draft")
    return "summary reports: " + (", ".join(done) or "already present")


