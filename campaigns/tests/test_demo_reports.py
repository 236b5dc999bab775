import pytest
from django.core.management import call_command

from campaigns.models import ReportingPeriod, ReportStatus, ReportVersion, UnitReport
from campaigns.report_board import BoardState, build_board
from emulation.models import TimelineEntry, User


@pytest.mark.django_db
def test_demo_reports_cover_every_state_and_a_second_run_changes_nothing(demo_data):
    counts = (ReportingPeriod.objects.count(), UnitReport.objects.count(), ReportVersion.objects.count(),
              TimelineEntry.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert (ReportingPeriod.objects.count(), UnitReport.objects.count(), ReportVersion.objects.count(),
            TimelineEntry.objects.count()) == counts
    assert ReportingPeriod.objects.exclude(plan__issuer__abbreviation="SYT").count() == 9  # Sở Y tế has its own two
    board = build_board(User.objects.get(username="vanphong"))
    assert set(board.counts) == set(BoardState)
    assert UnitReport.objects.filter(late=True, status=ReportStatus.SUBMITTED).exists()
    assert UnitReport.objects.filter(status=ReportStatus.RETURNED).exclude(return_reason="").exists()
