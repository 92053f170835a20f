"""Counting working days by per-year running totals agrees with walking the calendar day by day."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gkcli.clock.workdays import Calendar, workdays_between

days = st.dates(min_value=date(2023, 6, 1), max_value=date(2027, 6, 30))


def walk(cal: Calendar, start: date, end: date, pauses) -> int:
    count, d = 0, start + timedelta(days=1)
    while d <= end:
        inside = any(first < d and (last is None or d <= last) for first, last in pauses)
        count += cal.is_workday(d) and not inside
        d += timedelta(days=1)
    return count


@st.composite
def pause(draw):
    first = draw(days)
    return first, draw(st.one_of(st.none(), st.dates(min_value=first, max_value=date(2027, 12, 31))))


_SHARED = Calendar()  # its memo of years fills up over the examples, as over a large book


@settings(max_examples=200, deadline=None)
@given(days, days, st.lists(pause(), max_size=3), st.booleans())
def test_running_counts_equal_a_day_by_day_walk(a, b, pauses, fresh):
    start, end = min(a, b), max(a, b)
    cal = Calendar() if fresh else _SHARED
    assert workdays_between(cal, start, end, pauses) == walk(cal, start, end, pauses)


def test_holiday_detail_is_the_packages_own_answer_for_every_day_it_knows():
    import chinese_calendar

    from gkcli.clock.workdays import holiday_detail

    years = {d.year for d in chinese_calendar.holidays}
    d, last = date(min(years), 1, 1), date(max(years), 12, 31)
    while d <= last:
        assert holiday_detail(d) == chinese_calendar.get_holiday_detail(d), d
        d += timedelta(days=1)
