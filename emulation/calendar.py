"""Working days of the Department: weekends and Vietnamese public holidays (Tết included) are days off.

The holidays come from the maintained `holidays` package (country "VN"), which also knows the
Saturdays made working days in exchange for bridge days off. "Today" is always the local
date in Asia/Ho_Chi_Minh (`timezone.localdate()`), so a due date never shifts by one around midnight
UTC. All functions take and return `datetime.date`.
"""
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import get_language, ngettext


@lru_cache(maxsize=32)
def _holidays_in(year, language):
    return holidays.country_holidays("VN", years=year, language=language)


def _holidays_of(year):
    """The year's holidays, named in the active language (Vietnamese unless the person chose English)."""
    return _holidays_in(year, "en_US" if (get_language() or "vi").startswith("en") else "vi")


def today():
    """The local date in the project's time zone (Asia/Ho_Chi_Minh), whatever the UTC time."""
    return timezone.localdate()


def holiday_name(day):
    """The name of the public holiday on `day`, or ""."""
    return _holidays_of(day.year).get(day, "")


def is_working_day(day):
    """Not a weekend day nor a public holiday; a Saturday the government made a working day in exchange
    for a bridge day off (e.g. 04/05/2024 for 29/04/2024) is a working day."""
    return _holidays_of(day.year).is_working_day(day)


@lru_cache(maxsize=32)
def _working_days_through(year):
    """For each day of `year` (index = day of the year - 1), the working days from 1 January through it:
    a due date years away costs one subtraction, not a holiday lookup per day."""
    counts, total, day = [], 0, date(year, 1, 1)
    while day.year == year:
        total += is_working_day(day)
        counts.append(total)
        day += timedelta(days=1)
    return tuple(counts)


def _working_days_to_end_of_year(day):
    """Working days d of day's year with day < d."""
    through = _working_days_through(day.year)
    return through[-1] - through[day.timetuple().tm_yday - 1]


def working_days_between(start, end):
    """The number of working days d with start < d <= end; negative (counted the same way from end to
    start) when end is before start. Same day: 0."""
    if end < start:
        return -working_days_between(end, start)
    if start.year == end.year:
        through = _working_days_through(start.year)
        return through[end.timetuple().tm_yday - 1] - through[start.timetuple().tm_yday - 1]
    whole_years = sum(_working_days_through(year)[-1] for year in range(start.year + 1, end.year))
    return _working_days_to_end_of_year(start) + whole_years + _working_days_through(end.year)[end.timetuple().tm_yday - 1]


def add_working_days(day, count):
    """The date `count` working days after `day` (before it when `count` is negative)."""
    step = timedelta(days=1 if count >= 0 else -1)
    remaining = abs(count)
    while remaining:
        day += step
        remaining -= is_working_day(day)
    return day


@dataclass(frozen=True)
class DueState:
    """Where a due date stands seen from `today`: `days_left` working days (0 on the due day, negative
    when overdue), `overdue`, and a short human text."""

    due: date
    today: date
    days_left: int

    @property
    def overdue(self):
        return self.today > self.due

    @property
    def text(self):
        if self.overdue:
            late = max(-self.days_left, 1)
            return ngettext("%(count)d working day overdue", "%(count)d working days overdue", late) % {"count": late}
        if self.today == self.due:
            return _("due today")
        return ngettext("%(count)d working day left", "%(count)d working days left", self.days_left) % {
            "count": self.days_left
        }


def due_state(due, on=None):
    """The `DueState` of `due` on the local date `on` (default: today in Asia/Ho_Chi_Minh)."""
    on = on or today()
    return DueState(due=due, today=on, days_left=working_days_between(on, due))
