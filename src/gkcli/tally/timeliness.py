"""Processing time of one year's answers, and the year's 信息处理费 (for the narrative). Pure.

Answered = concluded in the year by an answer (withdrawals excluded); working days
taken exclude pauses (consultation, fee notice) and count from the clock's start, as
for the due date. Open and overdue are as of 31 December. Fees: notices sent in the
year and their amounts (billed); payments in the year, at their notice's amount (collected).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from ..deadlines import book_deadlines, steps_by_case
from ..model import Book, CaseStep
from ..workdays import calendar_of

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
    fee_notices: int = 0
    fees_billed: Decimal = Decimal(0)
    fees_collected: Decimal = Decimal(0)

    @property
    def on_time_rate(self) -> Decimal | None:
        """Per cent, to one decimal."""
        return (Decimal(100 * self.on_time) / self.answered).quantize(TENTH, ROUND_HALF_UP) if self.answered else None


def _withdrawn(steps: list[CaseStep]) -> bool:
    first = next((s for s in steps if s.kind in ("answer", "withdrawal")), None)
    return first is not None and first.kind == "withdrawal"


def tally_timeliness(book: Book, year: int) -> Timeliness:
    end = date(year, 12, 31)
    by_case = steps_by_case(book.steps)
    cases = [c for c in book.cases if c.receipt <= end]
    found = book_deadlines(calendar_of(book), cases, book.steps, end)
    answered = [d for d in found if d.concluded and d.concluded.year == year and not _withdrawn(by_case.get(d.case.id, []))]
    days = [d.used for d in answered if d.start is not None]
    still_open = [d for d in found if not d.concluded]
    billed, collected, notices = _fees(book.steps, year)
    return Timeliness(
        year=year,
        answered=len(answered),
        median_days=Decimal(str(median(days))).quantize(TENTH, ROUND_HALF_UP) if days else None,
        mean_days=(Decimal(sum(days)) / len(days)).quantize(TENTH, ROUND_HALF_UP) if days else None,
        max_days=max(days) if days else None,
        on_time=sum(1 for d in answered if d.status == "answered"),
        late=sum(1 for d in answered if d.status == "answered_late"),
        open_at_year_end=len(still_open),
        overdue_at_year_end=sum(1 for d in still_open if d.status == "overdue"),
        fee_notices=notices,
        fees_billed=billed,
        fees_collected=collected,
    )


def _fees(steps, year: int) -> tuple[Decimal, Decimal, int]:
    ordered = sorted(steps, key=lambda s: s.date)
    notices = [s for s in ordered if s.kind == "fee_notice" and s.date.year == year]
    billed = sum((s.amount or Decimal(0) for s in notices), Decimal(0))
    collected = Decimal(0)
    for paid in (s for s in ordered if s.kind == "fee_paid" and s.date.year == year):
        notice = [s for s in ordered if s.kind == "fee_notice" and s.case == paid.case and s.date <= paid.date]
        if notice:
            collected += notice[-1].amount or Decimal(0)
    return billed, collected, len(notices)
