"""The unit report workflow, its refusals, versions and the lost-update refusal."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from campaigns import reporting, rules, workflow
from campaigns.models import ItemStatus, PlanStatus, ReportingPeriod, ReportStatus, UnitReport
from campaigns.reporting import DraftChanges, ReportError, StaleReport
from emulation.models import Agency, Notification, Role
from emulation.tests.factories import UserFactory
from emulation.workflow import TransitionError

pytestmark = pytest.mark.django_db


def at_local(monkeypatch, year, month, day, hour=10):
    moment = datetime(year, month, day, hour, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    monkeypatch.setattr(timezone, "now", lambda: moment)


def changes(report, text="Đã giải quyết 120 hồ sơ.", results="Hoàn thành kế hoạch quý."):
    first = report.items.order_by("item__order", "item_id").first()
    return DraftChanges(
        sections={"results": results, "shortcomings": "", "causes": "", "proposals": ""},
        items={first.item_id: {"status": ItemStatus.IN_PROGRESS, "percent": 60, "text": text}},
        targets={}, files=[],
    )


def test_start_report_creates_one_progress_per_item_and_sub_point(land_report):
    assert land_report.items.count() == 3
    assert land_report.target_results.count() == 1
    assert land_report.status == ReportStatus.DRAFT


def test_start_report_refuses_unit_that_need_not_report(period, org, office_user):
    with pytest.raises(ReportError, match=r"Tổ Đăng ký không phải báo cáo kỳ Quý I năm 2025\."):
        reporting.start_report(period, org.land_team, actor=office_user)


def test_save_draft_increments_version(land_report, land_head):
    reporting.save_draft(land_report, changes(land_report), version=1, actor=land_head)
    assert land_report.version == 2
    assert land_report.results == "Hoàn thành kế hoạch quý."


def test_stale_save_is_refused_and_nothing_is_overwritten(land_report, land_head, make_user, org):
    colleague = make_user(Role.UNIT_HEAD, unit=org.land)
    reporting.save_draft(land_report, changes(land_report, results="Bản của đồng nghiệp"), version=1, actor=colleague)
    with pytest.raises(StaleReport, match="Thay đổi của bạn CHƯA được lưu") as error:
        reporting.save_draft(land_report, changes(land_report, results="Bản của tôi"), version=1, actor=land_head)
    assert error.value.current.version == 2
    assert "(phiên bản 2)" in error.value.message
    assert UnitReport.objects.get(pk=land_report.pk).results == "Bản của đồng nghiệp"


def test_submit_freezes_a_version_and_notifies_the_office(land_report, land_head, office_user, monkeypatch,
                                                          django_capture_on_commit_callbacks):
    at_local(monkeypatch, 2025, 4, 3)
    reporting.save_draft(land_report, changes(land_report), version=1, actor=land_head)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_report(land_report, actor=land_head)
    land_report.refresh_from_db()
    assert land_report.status == ReportStatus.SUBMITTED
    assert land_report.late is False
    version = land_report.versions.get()
    assert (version.number, version.author) == (1, land_head)
    assert version.snapshot["sections"]["results"] == "Hoàn thành kế hoạch quý."
    assert Notification.objects.filter(recipient=office_user).count() == 1


def test_a_unit_report_is_told_only_after_its_transaction_commits(land_report, land_head, office_user,
                                                                   django_capture_on_commit_callbacks):
    """As the five other workflows: the workflow's hook tells the Office once the submission has committed,
    so a submission rolled back tells nobody."""
    with django_capture_on_commit_callbacks() as callbacks:
        workflow.submit_report(land_report, actor=land_head)
        assert not Notification.objects.filter(recipient=office_user).exists()
    for callback in callbacks:
        callback()
    assert Notification.objects.filter(recipient=office_user).count() == 1


def test_submitted_report_is_read_only_for_the_unit(land_report, land_head):
    workflow.submit_report(land_report, actor=land_head)
    with pytest.raises(ReportError, match=r"Bạn không thể sửa báo cáo này lúc này\."):
        reporting.save_draft(land_report, changes(land_report), version=land_report.version, actor=land_head)


def test_submission_after_due_date_is_allowed_and_marked_late(land_report, land_head, monkeypatch):
    at_local(monkeypatch, 2025, 4, 9, hour=0)  # 00:00 on 09/04 in Hà Nội is still 08/04 in UTC
    workflow.submit_report(land_report, actor=land_head)
    land_report.refresh_from_db()
    assert land_report.late is True
    assert land_report.versions.get().late is True


def test_submission_at_2359_on_due_day_is_not_late(land_report, land_head, monkeypatch):
    at_local(monkeypatch, 2025, 4, 8, hour=23)
    workflow.submit_report(land_report, actor=land_head)
    land_report.refresh_from_db()
    assert land_report.late is False


def test_unit_head_cannot_accept_their_own_report(land_report, land_head):
    workflow.submit_report(land_report, actor=land_head)
    with pytest.raises(TransitionError, match=r"Bạn không có quyền thực hiện thao tác này\."):
        workflow.accept_report(land_report, actor=land_head)
    assert UnitReport.objects.get(pk=land_report.pk).status == ReportStatus.SUBMITTED


def test_return_requires_a_reason(land_report, land_head, office_user):
    workflow.submit_report(land_report, actor=land_head)
    with pytest.raises(TransitionError, match=r"Vui lòng nêu lý do\."):
        workflow.return_report(land_report, actor=office_user, reason="  ")


def test_return_marks_items_to_fix_and_resubmit_clears_them(land_report, land_head, office_user):
    workflow.submit_report(land_report, actor=land_head)
    first = land_report.items.order_by("item__order", "item_id").first()
    workflow.return_report(land_report, actor=office_user, reason="Thiếu số liệu",
                            items_to_fix={first.item_id: "Bổ sung số hồ sơ"})
    assert list(land_report.items.filter(to_fix=True).values_list("item_id", "fix_note")) == [
        (first.item_id, "Bổ sung số hồ sơ")]
    assert land_report.return_reason == "Thiếu số liệu"
    reporting.save_draft(land_report, changes(land_report), version=land_report.version, actor=land_head)
    workflow.submit_report(land_report, actor=land_head)
    assert land_report.status == ReportStatus.RESUBMITTED
    assert land_report.items.filter(to_fix=True).count() == 0


def test_accepted_report_is_frozen(land_report, land_head, office_user):
    workflow.submit_report(land_report, actor=land_head)
    workflow.accept_report(land_report, actor=office_user)
    with pytest.raises(ReportError, match=r"Bạn không thể sửa báo cáo này lúc này\."):
        reporting.save_draft(land_report, changes(land_report), version=land_report.version, actor=office_user)


def test_reviewer_sees_old_and_new_per_item_since_last_submission(land_report, land_head, office_user):
    reporting.save_draft(land_report, changes(land_report, text="Đã giải quyết 100 hồ sơ."), version=1, actor=land_head)
    workflow.submit_report(land_report, actor=land_head)
    workflow.return_report(land_report, actor=office_user, reason="Số liệu chưa khớp")
    reporting.save_draft(land_report, changes(land_report, text="Đã giải quyết 120 hồ sơ."),
                         version=land_report.version, actor=land_head)
    workflow.submit_report(land_report, actor=land_head)
    assert [(c.label, c.old, c.new) for c in reporting.changes_since_last_submission(land_report)] == [
        ("Nội dung 1 – kết quả thực hiện", "Đã giải quyết 100 hồ sơ.", "Đã giải quyết 120 hồ sơ.")]


def test_office_entering_on_behalf_is_recorded(period, org, office_user):
    report = reporting.start_report(period, org.env, actor=office_user)
    workflow.submit_report(report, actor=office_user)
    report.refresh_from_db()
    assert report.entered_by_office is True
    assert report.versions.get().on_behalf is True


def test_delegated_staff_may_edit_but_not_submit(land_report, make_user, org):
    staff = make_user(Role.STAFF, unit=org.land)
    land_report.delegates.add(staff)
    reporting.save_draft(land_report, changes(land_report), version=1, actor=staff)
    with pytest.raises(TransitionError, match=r"Bạn không có quyền thực hiện thao tác này\."):
        workflow.submit_report(land_report, actor=staff)


def test_standard_periods_of_a_year_are_created_once(issued_plan, office_user, org):
    created = reporting.create_standard_periods(issued_plan, 2025, actor=office_user)
    assert [p.name for p in created] == ["Quý I năm 2025", "6 tháng đầu năm 2025", "9 tháng năm 2025", "Năm 2025"]
    # Quarter I ends Monday 31/03/2025; 5 working days later, skipping a weekend: Monday 07/04 is the
    # Hùng Kings' holiday, so the due date is Tuesday 08/04/2025.
    assert created[0].due == date(2025, 4, 8)
    assert set(created[0].units.all()) == {org.land, org.land_team, org.env}
    assert reporting.create_standard_periods(issued_plan, 2025, actor=office_user) == []
    assert ReportingPeriod.objects.filter(plan=issued_plan).count() == 4


def test_standard_periods_refused_for_a_plan_not_issued(issued_plan, office_user):
    issued_plan.status = PlanStatus.DRAFT
    issued_plan.save()
    with pytest.raises(ReportError, match=r"Chỉ tạo kỳ báo cáo cho kế hoạch đã ban hành\."):
        reporting.create_standard_periods(issued_plan, 2025, actor=office_user)


def test_return_and_accept_notify_the_unit_head_by_email(land_report, land_head, office_user, mail_queue):
    land_head.email = "truongphong@example.vn"
    land_head.save()
    workflow.submit_report(land_report, actor=land_head)
    with mail_queue():
        workflow.return_report(land_report, actor=office_user, reason="Thiếu minh chứng")
    assert ["truongphong@example.vn"] in [m.to for m in mail.outbox]
    assert Notification.objects.filter(recipient=land_head).count() == 1


def test_the_office_of_another_agency_may_not_review_a_units_report(land_report, office_user):
    """can_review_report reads its report: the Office of the report's own agency, nobody else's."""
    health = Agency.objects.create(name="SỞ Y TẾ", parent_authority="UBND TỈNH QUẢNG NGÃI", abbreviation="SYT",
                                   place="Quảng Ngãi")
    stranger = UserFactory(username="vanphong.syt", role=Role.OFFICE, agency=health)
    assert (rules.can_review_report(office_user, land_report), rules.can_review_report(stranger, land_report)) == (
        True, False)

