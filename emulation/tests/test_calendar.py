from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from emulation import calendar
from django.utils import timezone
from django.utils import translation
from emulation.calendar import holiday_name


def test_weekend_and_tet_are_not_working_days():
    assert not calendar.is_working_day(date(2025, 1, 25))  # Saturday
    assert not calendar.is_working_day(date(2025, 1, 29))  # Tết (Mùng 1)
    assert calendar.is_working_day(date(2025, 2, 3))


def test_working_days_between_skips_tet_and_weekends():
    # Friday 24/01/2025 → Monday 03/02/2025: Tết 27/01–01/02 and two weekends in between.
    assert calendar.working_days_between(date(2025, 1, 24), date(2025, 2, 3)) == 1
    assert calendar.working_days_between(date(2025, 2, 3), date(2025, 1, 24)) == -1


def test_add_working_days_jumps_over_national_day_and_weekend():
    # Friday 29/08/2025 + 1 working day: weekend, then 01–02/09 are holidays → Wednesday 03/09.
    assert calendar.add_working_days(date(2025, 8, 29), 1) == date(2025, 9, 3)
    assert calendar.add_working_days(date(2025, 9, 3), -1) == date(2025, 8, 29)


def test_due_state_counts_working_days_left_and_overdue():
    due = date(2025, 9, 3)
    assert calendar.due_state(due, on=date(2025, 8, 28)).days_left == 2
    assert calendar.due_state(due, on=due).text == "hạn nộp là hôm nay"
    late = calendar.due_state(due, on=date(2025, 9, 5))
    assert (late.overdue, late.days_left) == (True, -2)


@pytest.mark.parametrize("utc_time, local_day", [
    (datetime(2025, 9, 2, 16, 59, tzinfo=ZoneInfo("UTC")), date(2025, 9, 2)),  # 23:59 in Hà Nội
    (datetime(2025, 9, 2, 17, 0, tzinfo=ZoneInfo("UTC")), date(2025, 9, 3)),  # 00:00 in Hà Nội
])
def test_today_is_the_local_date_around_midnight(monkeypatch, utc_time, local_day):
    monkeypatch.setattr(timezone, "now", lambda: utc_time)
    assert calendar.today() == local_day
    assert calendar.due_state(date(2025, 9, 3)).overdue is False


def test_saturday_swapped_for_a_bridge_day_off_is_a_working_day():
    # 2024: Monday 29/04 was a day off, made up by working on Saturday 04/05.
    assert not calendar.is_working_day(date(2024, 4, 29))
    assert calendar.is_working_day(date(2024, 5, 4))
    assert not calendar.is_working_day(date(2024, 5, 11))


def test_working_days_between_agrees_with_counting_day_by_day_across_years():
    start = date(2023, 12, 20)
    for end in (date(2023, 12, 31), date(2024, 1, 2), date(2025, 2, 3), date(2026, 5, 4)):
        by_day = sum(calendar.is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))
        assert calendar.working_days_between(start, end) == by_day
        assert calendar.working_days_between(end, start) == -by_day


def test_holiday_names_follow_the_language():


    with translation.override("vi"):
        assert holiday_name(date(2025, 4, 30)) == "Ngày Chiến thắng"
    with translation.override("en"):
        assert holiday_name(date(2025, 4, 30)) == "Liberation Day/Reunification Day"
