"""Checks of one year's tables that need the book behind them (spec §5): Y2 only from a year
whose stock was ever asserted, Y3 reviews pending at the end of last year, and the stock rows'
P warnings, C1/C2 against the close records of `closing`. `validate.check_tables` holds what a published report can be checked for too."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from . import spec
from .derived import as_of
from .errors import WARNING, Finding
from .model import Book
from .tables import Tables
from .validate import check_tables

_ROW_PREFIX = {row: prefix for prefix, row in spec.STOCK_EVENT_ROWS.items()}
_ROW_LABEL = spec.by_code(spec.PROACTIVE_BLOCKS[0].rows)


def check_year(book: Book, tables: Tables, previous: Tables) -> list[Finding]:
    found = [f for f in check_tables(tables, previous) if not _before_first_stock(book, f, previous.year)]
    found += [*department_regulations(book, tables.year), *no_opening_stock(book, tables.year), *pending_reviews(book, tables.year)]
    if book.closings:  # C1 a closed year's tables drifted from its close record, C2 上年结转 against last year's close
        from .closing import check_closing

        found += check_closing(book.closings, tables)
    return found


def _before_first_stock(book: Book, f: Finding, year: int) -> bool:
    """A Y2 against a year with nothing of the row recorded up to its end (no stock, nothing issued
    or repealed) compares with a 0 nobody said: the first stock assertion starts the row."""
    if f.code != "Y2":
        return False
    prefix = _ROW_PREFIX[f.where.split(".")[1]]
    return not any(e.kind.startswith(f"{prefix}-") and e.date <= date(year, 12, 31) for e in book.events)


def department_regulations(book: Book, year: int) -> Iterator[Finding]:
    """P1: a local government department does not make 规章 (立法法: 国务院部门 and 设区的市以上人民政府 do)."""
    if book.config.kind != "department":
        return
    found = [e for e in book.events if e.kind.startswith("regulation-") and e.date.year == year]
    if found:
        yield Finding(
            "P1", WARNING,
            f"本账本的机关类型为部门（kind = department），{year} 年却登记了 {len(found)} 条「规章」记录；地方政府部门不制定规章，"
            "部门制发的一般是行政规范性文件（normative-issued 等）。如本机关是国务院部门，可忽略",
            str(found[0].source),
        )


def no_opening_stock(book: Book, year: int) -> Iterator[Finding]:
    """P2: documents issued or repealed in the year with no stock asserted by its end: in_force counts from 0."""
    for prefix, row in spec.STOCK_EVENT_ROWS.items():
        moves = [e for e in book.events if e.kind in (f"{prefix}-issued", f"{prefix}-repealed") and e.date.year == year]
        if not moves:
            continue
        if not any(e.kind == f"{prefix}-stock" and e.date <= date(year, 12, 31) for e in book.events):
            label = _ROW_LABEL[row].label
            yield Finding(
                "P2", WARNING,
                f"{year} 年登记了「{label}」的制发或废止，但此前没有登记现行有效件数，现行有效按 0 起算；"
                f"请登记上年末的件数，例如 gkcli event add {prefix}-stock --date {year - 1}-12-31 --count 件数",
                str(min(moves, key=lambda e: e.date).source),
            )


def pending_reviews(book: Book, year: int) -> Iterator[Finding]:
    """Y3: a 复议/诉讼 pending at the end of last year is traced this year: decided, or still pending
    once the year is over — then said so, so it is not forgotten."""
    end_before, end = date(year - 1, 12, 31), date(year, 12, 31)
    if as_of(book) <= end:
        return  # the year is not over: a decision may still come
    decided = {d.review: d.date for d in book.decisions}
    for r in book.reviews:
        if r.filed <= end_before and decided.get(r.id, date.max) > end:  # pending then, and still
            yield Finding(
                "Y3", WARNING,
                f"复议诉讼案件「{r.id}」{year - 1} 年末尚未审结，到 {year} 年末仍没有登记审理结果；已审结的请用 gkcli review decide 登记",
                str(r.source),
            )
