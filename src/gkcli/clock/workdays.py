"""Working days: the State Council holiday calendar with 调休, plus a book's own days.

Pure: no I/O and no `date.today()`. The State Council arrangement comes from the
`chinesecalendar` package; a book's `holidays.toml` (read by `ledger.holidays`) overrides
single days and may vouch for whole years the package does not know. For a year nobody
knows, Monday–Friday is assumed and the year is reported in `guessed`, so callers can
warn; it is never silent.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

import chinese_calendar

from ..model import Book, CalendarDay

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
    # memo of answers already worked out: date -> workday, year -> running count of its workdays
    _workdays: dict[date, bool] = field(default_factory=dict, compare=False, repr=False)
    _running: dict[int, list[int]] = field(default_factory=dict, compare=False, repr=False)
    _nth: dict[tuple[date, int], date] = field(default_factory=dict, compare=False, repr=False)
    _rank: dict[date, int] = field(default_factory=dict, compare=False, repr=False)  # day -> its year's running count

    def knows(self, year: int) -> bool:
        return year in self.own_years or year in _KNOWN_YEARS

    def day(self, d: date) -> DayInfo:
        mine = self.own.get(d)
        if mine is not None:
            return DayInfo(mine.workday, mine.name or ("本账本指定的工作日" if mine.workday else "本账本指定的休息日"))
        weekend = d.weekday() >= 5
        if d.year not in _KNOWN_YEARS:
            return DayInfo(not weekend, "周末" if weekend else "", guessed=not self.knows(d.year))
        on, name = holiday_detail(d)
        holiday = _CHINESE_NAMES.get(name, name or "")
        if on:
            return DayInfo(False, holiday or "周末")
        return DayInfo(True, f"{holiday}调休上班" if weekend else "")

    def is_workday(self, d: date) -> bool:
        known = self._workdays.get(d)
        if known is None:
            known = self._workdays[d] = self.day(d).workday
        return known

    def _running_count(self, year: int) -> list[int]:
        """[workdays among the first k+1 days of the year for each day k] (k from 0)."""
        running = self._running.get(year)
        if running is None:
            running, n, first = [], 0, date(year, 1, 1).toordinal()
            for ordinal in range(first, date(year, 12, 31).toordinal() + 1):  # no day after 9999-12-31 to step to
                d = date.fromordinal(ordinal)
                n += self.is_workday(d)
                running.append(n)
                self._rank[d] = n
            self._running[year] = running
        return running

    def count(self, after: date, upto: date) -> int:
        """Working days d with after < d ≤ upto, from per-year running counts (no day-by-day walk)."""
        if upto <= after:
            return 0
        if after.year == upto.year:  # most counts: two look-ups once the year is known
            rank = self._rank
            known, last = rank.get(after), rank.get(upto)
            if known is not None and last is not None:
                return last - known
        first, last = self._running_count(after.year), self._running_count(upto.year)
        if after.year == upto.year:
            return last[_day_of_year(upto)] - first[_day_of_year(after)]
        between = sum(self._running_count(y)[-1] for y in range(after.year + 1, upto.year))
        return first[-1] - first[_day_of_year(after)] + between + last[_day_of_year(upto)]

    def nth_after(self, start: date, n: int) -> date:
        """The n-th (n ≥ 1) working day after `start` (remembered: a book has many cases a day)."""
        key = (start, n)
        found = self._nth.get(key)
        if found is None:
            found = self._nth[key] = self._find_nth_after(start, n)
        return found

    def _find_nth_after(self, start: date, n: int) -> date:
        """By bisecting the running counts: the first day whose running count reaches the
        count at `start` plus n is that working day; `date.max` when it is past the calendar's end."""
        year, running = start.year, self._running_count(start.year)
        lo = _day_of_year(start) + 1
        target = running[lo - 1] + n
        while True:
            k = bisect_left(running, target, lo)
            if k < len(running):
                return date(year, 1, 1) + timedelta(days=k)
            if year == date.max.year:
                return date.max
            target -= running[-1]
            year, lo = year + 1, 0
            running = self._running_count(year)


_JAN_FIRST: dict[int, int] = {}  # year -> ordinal of 1 January


def _day_of_year(d: date) -> int:
    """0 for 1 January (cheaper than `timetuple().tm_yday - 1`)."""
    first = _JAN_FIRST.get(d.year)
    if first is None:
        first = _JAN_FIRST[d.year] = date(d.year, 1, 1).toordinal()
    return d.toordinal() - first


def holiday_detail(d: date) -> tuple[bool, str | None]:
    """`chinese_calendar.get_holiday_detail(d)` for a year the package knows, read from its own
    tables: the function checks the whole span of its data on every call (about 17 µs), and a
    report asks for every day of several years."""
    name = chinese_calendar.workdays.get(d)
    if name is not None:
        return False, name
    name = chinese_calendar.holidays.get(d)
    if name is not None:
        return True, name
    return d.weekday() > 4, None


def calendar_of(book: Book) -> Calendar:
    return Calendar({d.date: d for d in book.calendar}, frozenset(book.calendar_years))


def days_after(start: date) -> Iterator[date]:
    """start + 1, start + 2, … up to `date.max` (the clock of the 条例 runs from the next day)."""
    d = start
    while d < date.max:
        d += ONE_DAY
        yield d


def nth_workday_after(cal: Calendar, start: date, n: int, skip: Iterable[tuple[date, date | None]] = ()) -> date:
    """The n-th working day after `start`, not counting days inside `skip` pauses (first exclusive,
    last inclusive; a pause without an end never ends, so it must be closed by the caller);
    `date.max` when it is past the calendar's end."""
    pauses = list(skip)
    if not pauses and n >= 1:
        return cal.nth_after(start, n)
    counted = 0
    for d in days_after(start):
        if any(_in_pause(d, p) for p in pauses):
            continue
        if cal.is_workday(d):
            counted += 1
            if counted >= n:
                return d
    return date.max


def workdays_between(cal: Calendar, start: date, end: date, skip: Iterable[tuple[date, date | None]] = ()) -> int:
    """Working days d with start < d ≤ end, not inside a pause."""
    paused = sum(cal.count(max(first, start), min(last or end, end)) for first, last in _merged(skip))
    return cal.count(start, end) - paused


def _merged(pauses: Iterable[tuple[date, date | None]]) -> list[tuple[date, date | None]]:
    """Overlapping pauses as one, so no day is taken off twice."""
    out: list[tuple[date, date | None]] = []
    for first, last in sorted(pauses, key=lambda p: p[0]):
        if out and (out[-1][1] is None or first <= out[-1][1]):
            prev_first, prev_last = out[-1]
            out[-1] = (prev_first, None if prev_last is None or last is None else max(prev_last, last))
        else:
            out.append((first, last))
    return out


def _in_pause(d: date, pause: tuple[date, date | None]) -> bool:
    first, last = pause
    return first < d and (last is None or d <= last)


def guessed_years(cal: Calendar, start: date, end: date) -> tuple[int, ...]:
    if start.year == end.year:
        return () if cal.knows(start.year) else (start.year,)
    return tuple(y for y in range(start.year, end.year + 1) if not cal.knows(y))
