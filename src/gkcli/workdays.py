"""Working days: the State Council holiday calendar with 调休, plus a book's own days.

Pure: no I/O and no `date.today()`. The State Council arrangement comes from the
`chinesecalendar` package; a book's `holidays.toml` (read by `ledger.holidays`) overrides
single days and may vouch for whole years the package does not know. For a year nobody
knows, Monday–Friday is assumed and the year is reported in `guessed`, so callers can
warn; it is never silent.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

import chinese_calendar

from .model import Book, CalendarDay

ONE_DAY = timedelta(days=1)
_CHINESE_NAMES = {h.value: h.chinese for h in chinese_calendar.Holiday}
_KNOWN_YEARS = frozenset(d.year for d in chinese_calendar.holidays)


@dataclass(frozen=True, slots=True)
class DayInfo:
    """What a day is: a working day or not, and why (节日名、周末、调休上班、本账本)."""

    workday: bool
    reason: str
    guessed: bool = False


@dataclass(frozen=True)
class Calendar:
    own: dict[date, CalendarDay] = field(default_factory=dict)  # the book's overrides
    own_years: frozenset[int] = frozenset()

    def knows(self, year: int) -> bool:
        return year in self.own_years or year in _KNOWN_YEARS

    def day(self, d: date) -> DayInfo:
        mine = self.own.get(d)
        if mine is not None:
            return DayInfo(mine.workday, mine.name or ("本账本指定的工作日" if mine.workday else "本账本指定的休息日"))
        weekend = d.weekday() >= 5
        if d.year not in _KNOWN_YEARS:
            return DayInfo(not weekend, "周末" if weekend else "", guessed=not self.knows(d.year))
        on, name = chinese_calendar.get_holiday_detail(d)
        holiday = _CHINESE_NAMES.get(name, name or "")
        if on:
            return DayInfo(False, holiday or "周末")
        return DayInfo(True, f"{holiday}调休上班" if weekend else "")

    def is_workday(self, d: date) -> bool:
        return self.day(d).workday


def calendar_of(book: Book) -> Calendar:
    return Calendar({d.date: d for d in book.calendar}, frozenset(book.calendar_years))


def days_after(start: date) -> Iterator[date]:
    """start + 1, start + 2, … (the clock of the 条例 runs from the next day)."""
    d = start
    while True:
        d += ONE_DAY
        yield d


def nth_workday_after(cal: Calendar, start: date, n: int, skip: Iterable[tuple[date, date | None]] = ()) -> date:
    """The n-th working day after `start`, not counting days inside `skip` pauses (first exclusive,
    last inclusive; a pause without an end never ends, so it must be closed by the caller)."""
    pauses = list(skip)
    counted = 0
    for d in days_after(start):
        if any(_in_pause(d, p) for p in pauses):
            continue
        if cal.is_workday(d):
            counted += 1
            if counted >= n:
                return d
    raise AssertionError("unreachable")


def workdays_between(cal: Calendar, start: date, end: date, skip: Iterable[tuple[date, date | None]] = ()) -> int:
    """Working days d with start < d ≤ end, not inside a pause."""
    pauses = list(skip)
    d, count = start + ONE_DAY, 0
    while d <= end:
        if cal.is_workday(d) and not any(_in_pause(d, p) for p in pauses):
            count += 1
        d += ONE_DAY
    return count


def _in_pause(d: date, pause: tuple[date, date | None]) -> bool:
    first, last = pause
    return first < d and (last is None or d <= last)


def guessed_years(cal: Calendar, start: date, end: date) -> tuple[int, ...]:
    return tuple(y for y in range(start.year, end.year + 1) if not cal.knows(y))
