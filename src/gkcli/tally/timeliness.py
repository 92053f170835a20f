"""Processing time of one year's answers (for the narrative). Pure.

Answered = concluded in the year by an answer (withdrawals excluded); working days
taken exclude pauses (consultation, fee notice) and count from the clock's start, as
for the due date. Open and overdue are as of 31 December.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from itertools import chain, compress, repeat
from operator import attrgetter
from statistics import median
from typing import NamedTuple

from ..clock.answer_due import Deadline, deadline, plain_use, steps_by_case
from ..derived import answers_and_others, book_calendar, case_ends
from ..model import Book, CaseStep
from ..clock.conclusion import CONCLUDING

_RECEIPT, _RECEIVED, _CONFIRMED, _CASE = attrgetter("receipt"), attrgetter("received"), attrgetter("confirmed"), attrgetter("case")

TENTH = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class Timeliness:
    year: int
    answered: int = 0
    median_days: Decimal | None = None
    mean_days: Decimal | None = None
    max_days: int | None = None
    on_time: int = 0
    late: int = 0
    open_at_year_end: int = 0
    overdue_at_year_end: int = 0

    @property
    def on_time_rate(self) -> Decimal | None:
        """Per cent, to one decimal."""
        return (Decimal(100 * self.on_time) / self.answered).quantize(TENTH, ROUND_HALF_UP) if self.answered else None


class _Group(NamedTuple):
    """Cases with the same figures: one case with its own steps, or plain cases sharing two dates."""

    concluded: date | None
    withdrawn: bool
    start: date | None
    used: int
    status: str
    cases: int


def _withdrawn(steps: list[CaseStep]) -> bool:
    first = next((s for s in steps if s.kind in ("answer", "withdrawal")), None)
    return first is not None and first.kind == "withdrawal"


def tally_timeliness(book: Book, year: int) -> Timeliness:
    """Cases with nothing but their conclusion (most) are grouped by receipt and conclusion date
    and each group's figures worked out once; the others case by case (deadlines.deadline)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    cal = book_calendar(book)
    others = answers_and_others(book)[1]
    special = {s.case for s in others if s.kind not in CONCLUDING}  # corrections, extensions, pauses
    may_be_withdrawn = {s.case for s in others if s.kind == "withdrawal"}
    irregular = special | may_be_withdrawn
    steps = book.steps
    by_case = steps_by_case(compress(steps, map(irregular.__contains__, map(_CASE, steps)))) if irregular else {}  # all that is looked up
    groups: Counter[tuple[date, date | None, bool]] = Counter()
    counted: list[tuple[Deadline, bool]] = []
    cases = book.cases
    receipts = map(_RECEIPT, cases) if any(map(_CONFIRMED, cases)) else map(_RECEIVED, cases)
    for case, receipt, ended in zip(cases, receipts, case_ends(book)):
        if receipt > end:
            continue
        concluded = None
        if ended is not None:
            concluded = ended[0]
            if concluded < start:
                continue  # only cases concluded in the year or still open at its end count here
            if concluded > end:
                concluded = None
        withdrawn = False
        if case.id in irregular:
            withdrawn = case.id in may_be_withdrawn and _withdrawn(by_case[case.id])
            if case.id in special:
                counted.append((deadline(cal, case, by_case[case.id], end), withdrawn))
                continue
        groups[receipt, concluded, withdrawn] += 1
    rows = [_Group(d.concluded, w, d.start, d.used, d.status, 1) for d, w in counted]
    for (receipt, concluded, withdrawn), n in groups.items():
        _, used, status = plain_use(cal, receipt, concluded, end)
        rows.append(_Group(concluded, withdrawn, receipt, used, status, n))
    answered = [r for r in rows if r.concluded and r.concluded.year == year and not r.withdrawn]
    days = sorted(chain.from_iterable(repeat(r.used, r.cases) for r in answered if r.start is not None))
    still_open = [r for r in rows if not r.concluded]
    return Timeliness(
        year=year,
        answered=sum(r.cases for r in answered),
        median_days=Decimal(str(median(days))).quantize(TENTH, ROUND_HALF_UP) if days else None,
        mean_days=(Decimal(sum(days)) / len(days)).quantize(TENTH, ROUND_HALF_UP) if days else None,
        max_days=max(days) if days else None,
        on_time=sum(r.cases for r in answered if r.status == "answered"),
        late=sum(r.cases for r in answered if r.status == "answered_late"),
        open_at_year_end=sum(r.cases for r in still_open),
        overdue_at_year_end=sum(r.cases for r in still_open if r.status == "overdue"),
    )
