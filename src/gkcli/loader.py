"""The pipeline in one place: read → validate → tally → check tables → a Document."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .document import Document
from .errors import ERROR, Finding, GkcliError
from .ledger.read import BLOCKING, read_book
from .model import Book
from .tally import tally
from .validate import check_book, check_tables


def load_book(root: Path, today: date | None = None) -> tuple[Book, list[Finding]]:
    """Every record that could be read, and every problem found on the way."""
    book, findings = read_book(root, today)
    return book, findings + check_book(book)


def blocking(findings: list[Finding]) -> list[Finding]:
    """Reading errors that left records out: figures computed without them would be wrong."""
    return [f for f in findings if f.level == ERROR and f.code in BLOCKING]


def load_usable_book(root: Path, today: date | None = None) -> tuple[Book, list[Finding]]:
    book, findings = load_book(root, today)
    bad = blocking(findings)
    if bad:
        raise GkcliError(f"账本有 {len(bad)} 处错误，无法使用；请修正后再试（gkcli check 可列出全部问题）", findings=tuple(bad))
    return book, findings


def years_of(book: Book) -> list[int]:
    dated = [c.received for c in book.cases] + [e.date for e in book.events] + [r.filed for r in book.reviews]
    dated += [s.date for s in book.steps]
    return sorted({d.year for d in dated})


def report_document(book: Book, findings: list[Finding], year: int) -> Document:
    tables = tally(book, year)
    table_findings = check_tables(tables, tally(book, year - 1))
    from .tally.timeliness import tally_timeliness

    return Document(tables, tuple(findings + table_findings), book.config.fee_decimals, tally_timeliness(book, year))
