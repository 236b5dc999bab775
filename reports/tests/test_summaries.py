"""The figures of a summary report against the small data set of conftest.py, computed by hand."""
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from awards.models import Exemplar, Nomination, Outsider
from awards.tests.factories import RecordFactory, award

from campaigns.models import ItemProgress, ItemStatus, ReportingPeriod, ReportStatus, UnitReport
from campaigns.reporting import start_report
from emulation.tests.factories import UnitFactory
from reports.models import SummaryStatus
from reports.summaries import compute_figures
from reports.workflow import refresh_figures
from emulation.workflow import TransitionError
from reports.summaries import NAMED_HOLDERS, unit_award_lines


def test_discipline_names_the_late_the_returned_and_the_missing_units(data):
    figures = compute_figures(data.period)

    assert figures["discipline"] == {
        "required": 4, "on_time": 1, "late": 1, "returned": 1, "missing": 1,
        "late_units": ["Chi cục Bảo vệ môi trường"], "returned_units": ["Tổ Đăng ký"],
        "missing_units": ["Phòng Thanh tra"],
    }


def test_items_count_only_reported_reports(data):
    items = compute_figures(data.period)["items"]

    counts = [(i["number"], i["done"], i["in_progress"], i["not_started"], i["not_applicable"]) for i in items]
    assert counts == [("1", 2, 0, 0, 0), ("1.1", 1, 0, 0, 1), ("2", 1, 1, 0, 0)]


def test_percent_target_is_averaged_never_summed_and_count_target_is_summed(data):
    items = compute_figures(data.period)["items"]
    percent, count = items[0]["targets"][0], items[2]["targets"][0]

    assert (percent["reported"], percent["total"], percent["average"], percent["met"]) == (2, None, 98, 1)
    assert (count["reported"], count["total"], count["average"], count["met"]) == (2, 4, 2, 1)
    assert [v["value"] for v in count["values"]] == [3, 1]  # the returned report's 50 is not counted


def test_units_show_completion_state_registration_and_awards_of_the_period(data):
    units = {u["name"]: u for u in compute_figures(data.period)["units"]}

    land = units["Phòng Quản lý đất đai"]
    assert (land["status"], land["done"], land["applicable"], land["completion"]) == ("accepted", 2, 3, 66.7)
    assert land["registered_title"] == "Tập thể lao động tiên tiến"
    assert land["awards"] == ["Lao động tiên tiến: Võ Văn Đông"]
    env = units["Chi cục Bảo vệ môi trường"]
    assert (env["status"], env["late"], env["completion"], env["awards"]) == ("submitted", True, 100.0, [])
    assert units["Tổ Đăng ký"]["completion"] == 0.0
    assert (units["Phòng Thanh tra"]["status"], units["Phòng Thanh tra"]["completion"]) == ("missing", None)


def test_awards_of_the_period_by_type(data):
    awards = compute_figures(data.period)["awards"]

    assert awards["total"] == 1
    assert awards["by_type"] == [{"name": "Lao động tiên tiến", "level": "department", "category": "title",
                                  "individual": 1, "collective": 0}]


def test_snapshot_does_not_change_when_the_data_changes(summary, data):
    before = summary.figures
    ItemProgress.objects.filter(report=data.land).update(status=ItemStatus.NOT_STARTED)
    UnitReport.objects.filter(pk=data.team.pk).update(status=ReportStatus.ACCEPTED)

    summary.refresh_from_db()
    assert summary.figures == before
    assert summary.figures["discipline"]["on_time"] == 1


def test_refreshing_a_draft_reads_the_data_again(summary, data, office_user):
    UnitReport.objects.filter(pk=data.team.pk).update(status=ReportStatus.ACCEPTED)

    refresh_figures(summary, actor=office_user)

    assert summary.figures["discipline"]["on_time"] == 2
    assert summary.figures["discipline"]["returned"] == 0


def test_refreshing_a_submitted_report_is_refused(summary, office_user):
    type(summary).objects.filter(pk=summary.pk).update(status=SummaryStatus.SUBMITTED)
    summary.refresh_from_db()

    with pytest.raises(TransitionError, match="không thể thay đổi nữa"):
        refresh_figures(summary, actor=office_user)


def _period_with_units(data, office_user, count):
    period = ReportingPeriod.objects.create(plan=data.plan, kind="year", name="Năm 2025", start=date(2025, 1, 1),
                                            end=date(2025, 12, 31), due=date(2026, 1, 8))
    for index in range(count):
        unit = UnitFactory(name=f"Đơn vị {index}")
        period.units.add(unit)
        report = start_report(period, unit, actor=office_user)
        UnitReport.objects.filter(pk=report.pk).update(status=ReportStatus.ACCEPTED)
    return period


@pytest.mark.parametrize("units", [1, 3])
def test_figures_cost_the_same_queries_with_1_or_3_units(data, office_user, units, django_assert_num_queries):
    period = _period_with_units(data, office_user, units)
    ContentType.objects.get_for_model(Nomination)  # cached for the process, as in a running server

    with django_assert_num_queries(16):  # … and the exemplary models of the period's years
        figures = compute_figures(period)

    assert [unit["name"] for unit in figures["units"]] == [f"Đơn vị {index}" for index in range(units)]
    assert figures["discipline"]["on_time"] == units
    assert figures["items"][0]["done"] == 0 and figures["items"][0]["not_started"] == units


def test_a_unit_line_names_a_few_holders_of_an_award_and_counts_many():
    many = [f"Người {n}" for n in range(NAMED_HOLDERS + 42)]
    lines = unit_award_lines({"Lao động tiên tiến": many, "Chiến sĩ thi đua cơ sở": ["Vũ Công Sơn", "Lý Văn Sơn"]})
    assert lines == [f"Lao động tiên tiến: {NAMED_HOLDERS + 42} người", "Chiến sĩ thi đua cơ sở: Vũ Công Sơn, Lý Văn Sơn"]


def test_the_figures_name_the_exemplary_models_the_office_accepted_for_the_periods_years(data, office_user):
    period = _period_with_units(data, office_user, 1)
    unit = period.units.get()
    for name, year, status in (("Bà Nguyễn Thị Lành", 2025, "accepted"), ("Ông Chưa Duyệt", 2025, "submitted"),
                               ("Ông Năm Trước", 2024, "accepted")):
        Exemplar.objects.create(unit=unit, year=year, name=name, deed=f"Việc tốt của {name}.", evidence="Thư cảm ơn.",
                                status=status)
    assert compute_figures(period)["exemplars"] == [
        {"name": "Bà Nguyễn Thị Lành", "kind": "person", "unit": "Đơn vị 0", "deed": "Việc tốt của Bà Nguyễn Thị Lành."}]


def test_the_summary_names_a_household_and_counts_an_enterprise_as_a_collective(data, org):
    """Issue 30: outside nominees' awards appear under the unit that proposed them."""
    family = Outsider.objects.create(kind="household", name="Phạm Văn Lộc")
    company = Outsider.objects.create(kind="enterprise", name="Công ty Xanh", tax_code="4300123456")
    for outsider in (family, company):
        RecordFactory(staff=None, outsider=outsider, holder_unit=org.land, award_type=award("GK_TT"), year=2025,
                      decision_date=date(2025, 3, 10))
    figures = compute_figures(data.period)
    land = next(u for u in figures["units"] if u["name"] == "Phòng Quản lý đất đai")
    assert land["awards"] == ["Lao động tiên tiến: Võ Văn Đông",
                              "Giấy khen của Giám đốc Sở (tập thể): Hộ gia đình ông (bà) Phạm Văn Lộc, Công ty Xanh"]
    giay_khen = next(row for row in figures["awards"]["by_type"] if row["name"] == "Giấy khen của Giám đốc Sở (tập thể)")
    assert (giay_khen["individual"], giay_khen["collective"]) == (0, 2)  # a household is commended as a family
