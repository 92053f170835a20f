"""Processing time of one year's answers (for the narrative). Pure.

Answered = concluded in the year by an answer (withdrawals excluded); working days
taken exclude pauses (consultation, fee notice) and count from the clock's start, as
for the due date. Open and overdue are as of 31 December.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from ..derived import book_conclusions, case_steps, deadlines_on
from ..model import Book, CaseStep

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


def _withdrawn(steps: list[CaseStep]) -> bool:
    first = next((s for s in steps if s.kind in ("answer", "withdrawal")), None)
    return first is not None and first.kind == "withdrawal"


def tally_timeliness(book: Book, year: int) -> Timeliness:
    end = date(year, 12, 31)
    by_case = case_steps(book)
    ends = book_conclusions(book)
    start = date(year, 1, 1)
    # only cases concluded in the year or still open at its end can count here
    cases = [c for c in book.cases if c.receipt <= end and ((e := ends.get(c.id)) is None or e[0] >= start)]
    found = deadlines_on(book, cases, end)
    answered = [d for d in found if d.concluded and d.concluded.year == year and not _withdrawn(by_case.get(d.case.id, []))]
    days = [d.used for d in answered if d.start is not None]
    still_open = [d for d in found if not d.concluded]
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
    )

