"""Which records a cell of the report counts, and what each adds: the tally's own rules, cell by cell.

`gkcli explain` lists these so any figure can be justified. The value of a cell is
the sum of what its records add; tests hold this equal to the tally for every cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .. import spec
from ..model import Book
from ..tables import wan_from_yuan
from .applications import application_rows, case_key
from ..clock.conclusion import conclusions
from .proactive import stock_parts
from .review import first_decisions, review_column


@dataclass(frozen=True, slots=True)
class Cell:
    table: str  # applications, review, proactive
    row: str  # row code (review: group code)
    column: str  # column code; proactive decisions and fees: "" (one value)

    def __str__(self) -> str:
        return ".".join(p for p in (self.table, self.row, self.column) if p)


def records_behind(book: Book, year: int, cell: Cell) -> list[tuple[Any, int | Decimal]]:
    """(record, what it adds to the cell) in ledger order."""
    if cell.table == "applications":
        return _applications(book, year, cell)
    if cell.table == "review":
        return _review(book, year, cell)
    return _proactive(book, year, cell)


def _applications(book: Book, year: int, cell: Cell) -> list[tuple[Any, int]]:
    ends = conclusions(book.steps)
    return [
        (case, 1)
        for case in book.cases
        if cell.column in ("total", case.applicant) and cell.row in application_rows(*case_key(case, ends.get(case.id))[:3], year)
    ]


def _review(book: Book, year: int, cell: Cell) -> list[tuple[Any, int]]:
    decided = first_decisions(book.decisions)
    out = []
    for review in book.reviews:
        column = review_column(review, decided.get(review.id), year)
        if review.kind == cell.row and column is not None and cell.column in ("total", column):
            out.append((review, 1))
    return out


def _proactive(book: Book, year: int, cell: Cell) -> list[tuple[Any, int | Decimal]]:
    events = [e for e in book.events if e.date.year <= year]
    if cell.row in spec.STOCK_ROWS:
        prefix = next(p for p, row in spec.STOCK_EVENT_ROWS.items() if row == cell.row)
        return stock_parts(events, prefix, year)[cell.column]
    in_year = [e for e in events if e.date.year == year]
    if cell.row == "fees_wan":
        return [(e, wan_from_yuan(e.amount)) for e in in_year if e.kind == "fee" and e.amount is not None]
    return [(e, e.count) for e in in_year if e.kind == cell.row]
