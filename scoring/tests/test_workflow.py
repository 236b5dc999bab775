"""The scoring table's freeze and copy, the self-assessment through the one workflow engine, the Office's
review with reasons, the unit's one answer, the Director's approval and the issued ranking."""
from datetime import date
from decimal import Decimal as D

import pytest
from django.utils import timezone

from campaigns.models import ReportingPeriod, ReportStatus, TargetResult
from campaigns.reporting import start_report
from campaigns.tests.factories import ContentItemFactory, PlanFactory, TargetFactory
from emulation.models import Role, TimelineEntry
from emulation.workflow import TransitionError
from scoring import ranking, workflow
from scoring.editing import ScoringError, copy_table, save_part
from scoring.enums import AssessmentStatus, TableStatus
from scoring.models import Criterion, Score, Section
from scoring.tests.factories import criteria, scoring_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def table(org, office_user):
    table = scoring_table()
    period = ReportingPeriod.objects.create(plan=table.plan, kind="quarter", name="Quý I năm 2025", start=date(2025, 1, 1),
                                            end=date(2025, 3, 31), due=date(2025, 4, 10))
    period.units.set([org.land, org.env])
    report = start_report(period, org.land, actor=office_user)
    TargetResult.objects.filter(report=report).update(value=D(150))
    type(report).objects.filter(pk=report.pk).update(status=ReportStatus.ACCEPTED, submitted_at=timezone.now())
    return table


def _assessment(table, unit):
    return table.assessments.get(unit=unit)


def _fill(assessment, head, **values):
    """The unit head's values by kind (manual, target, yes_no, bonus, deduction)."""
    by_kind = criteria(assessment.table)
    workflow.save_self_assessment(assessment, {by_kind[k].pk: (D(v), "Minh chứng") for k, v in values.items()},
                                  actor=head, version=assessment.version)


def test_starting_scoring_freezes_the_table_and_fills_in_the_reports_facts(table, org, office_user):
    workflow.open_table(table, actor=office_user)
    assert table.status == TableStatus.SCORING
    land = _assessment(table, org.land)
    by_kind = criteria(table)
    scores = {s.criterion_id: s for s in land.scores.all()}
    assert scores[by_kind["target"].pk].value == D(150)
    assert scores[by_kind["target"].pk].fact == "Quý I năm 2025: đạt 150/200"
    assert scores[by_kind["reports"].pk].value == D(100)
    assert _assessment(table, org.env).scores.get(criterion=by_kind["reports"]).value == D(0)


def test_a_frozen_table_refuses_every_change(table, office_user):
    workflow.open_table(table, actor=office_user)
    section = table.sections.first()
    section.title = "Đổi tên"
    with pytest.raises(ScoringError, match="không thể sửa đổi nữa"):
        save_part(table, section)
    assert Section.objects.get(pk=section.pk).title == "I. Thực hiện nhiệm vụ"


def test_a_table_cannot_start_scoring_without_criteria(org, office_user):
    table = scoring_table()
    Criterion.objects.filter(table=table).delete()
    with pytest.raises(TransitionError, match="thêm ít nhất một tiêu chí"):
        workflow.open_table(table, actor=office_user)


def test_copy_from_last_year_takes_this_years_target_of_the_same_indicator(table, office_user):
    plan = PlanFactory(year_from=2026, year_to=2026)
    target = TargetFactory(plan=plan, item=ContentItemFactory(plan=plan), indicator="Hồ sơ giải quyết đúng hạn",
                           target_value=D(300))
    copy = copy_table(table, year=2026, plan=plan, actor=office_user)
    assert (copy.status, copy.copied_from, copy.criteria.count(), copy.bands.count()) == ("draft", table, 6, 4)
    assert copy.criteria.get(method="target").target == target


def test_copy_without_the_target_this_year_falls_back_to_scoring_by_hand(table, office_user):
    copy = copy_table(table, year=2026, plan=PlanFactory(year_from=2026, year_to=2026), actor=office_user)
    moved = copy.criteria.get(text="Hồ sơ giải quyết đúng hạn")
    assert (moved.method, moved.target) == ("manual", None)
    assert "Hồ sơ giải quyết đúng hạn" in moved.guidance


def test_a_unit_head_scores_only_their_own_unit(table, org, office_user, land_head, env_head):
    workflow.open_table(table, actor=office_user)
    land = _assessment(table, org.land)
    with pytest.raises(TransitionError, match="không thể sửa bản tự chấm"):
        _fill(land, env_head, manual=40)
    with pytest.raises(TransitionError, match="không có quyền"):
        workflow.act(land, "submit", actor=env_head)
    assert Score.objects.filter(assessment=land, self_value=D(40)).count() == 0


def test_a_self_assessment_with_a_criterion_not_scored_cannot_be_submitted(table, org, office_user, land_head):
    workflow.open_table(table, actor=office_user)
    land = _assessment(table, org.land)
    _fill(land, land_head, manual=35)
    with pytest.raises(TransitionError, match="Còn 1 tiêu chí chưa chấm"):
        workflow.act(land, "submit", actor=land_head)


def _submitted(table, unit, head, **values):
    assessment = _assessment(table, unit)
    _fill(assessment, head, **values)
    workflow.act(assessment, "submit", actor=head)
    assessment.refresh_from_db()
    return assessment


def test_the_office_changes_a_score_only_with_a_reason_kept_old_to_new(table, org, office_user, land_head):
    workflow.open_table(table, actor=office_user)
    land = _submitted(table, org.land, land_head, manual=40, yes_no=1)
    manual = criteria(table)["manual"]
    with pytest.raises(TransitionError, match="lý do"):
        workflow.change_score(land, manual.pk, D(35), reason=" ", actor=office_user)
    with pytest.raises(TransitionError, match="không có quyền"):
        workflow.change_score(land, manual.pk, D(35), reason="Thiếu minh chứng", actor=land_head)
    workflow.change_score(land, manual.pk, D(35), reason="Thiếu minh chứng", actor=office_user)
    [change] = workflow.changes_of(land)
    assert (change.data["old"], change.data["new"], change.reason) == ("40", "35", "Thiếu minh chứng")
    score = land.scores.get(criterion=manual)
    assert (score.self_value, score.value) == (D(40), D(35))


def test_the_unit_answers_the_changes_once(table, org, office_user, land_head):
    workflow.open_table(table, actor=office_user)
    land = _submitted(table, org.land, land_head, manual=40, yes_no=1)
    with pytest.raises(TransitionError, match="chưa có gì để gửi ý kiến"):
        workflow.answer(land, "Chúng tôi giữ nguyên", actor=land_head)
    workflow.change_score(land, criteria(table)["manual"].pk, D(35), reason="Thiếu minh chứng", actor=office_user)
    workflow.answer(land, "Đã bổ sung minh chứng", actor=land_head)
    with pytest.raises(TransitionError, match="chỉ được gửi một lần"):
        workflow.answer(land, "Lần hai", actor=land_head)
    assert TimelineEntry.objects.filter(object_id=land.pk, action="score_answered").count() == 1


def test_the_director_approves_and_the_issued_ranking_is_written(table, org, office_user, land_head, env_head, make_user):
    director = make_user(Role.DIRECTOR)
    workflow.open_table(table, actor=office_user)
    land = _submitted(table, org.land, land_head, manual=38, yes_no=1, bonus=5)
    env = _submitted(table, org.env, env_head, manual=40, yes_no=0, target=200)
    for assessment in (land, env):
        workflow.act(assessment, "to_director", actor=office_user)
        with pytest.raises(TransitionError, match="không có quyền"):
            workflow.act(assessment, "approve", actor=office_user)
        workflow.act(assessment, "approve", actor=director)
    ranking.issue_result(table, actor=office_user, issue_date=date(2026, 1, 10))
    land.refresh_from_db()
    env.refresh_from_db()
    # land: 38 + 150/200 of 30 (22.5) + reports 100 % of 20 + yes 10 = 90.5, bonus 5: 95.5.
    assert (land.total, land.rank, land.band, land.disqualified) == (D("95.50"), 1, "Xuất sắc", False)
    assert (env.rank, env.band, env.disqualified) == (None, "", True)
    assert table.number == 1 and table.status == TableStatus.ISSUED


def test_the_result_cannot_be_issued_while_a_self_assessment_is_under_review(table, org, office_user, land_head):
    workflow.open_table(table, actor=office_user)
    _submitted(table, org.land, land_head, manual=38, yes_no=1)
    with pytest.raises(TransitionError, match="đang được thẩm định"):
        ranking.issue_result(table, actor=office_user)
    assert table.assessments.filter(status=AssessmentStatus.SUBMITTED).count() == 1
