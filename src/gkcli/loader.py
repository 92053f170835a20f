"""The pipeline in one place: read → validate → tally → check tables → narrative → a Document."""

from __future__ import annotations

from pathlib import Path

from .document import Document
from .errors import ERROR, Finding, GkcliError
from .ledger.read import BLOCKING, read_book
from .model import Book
from .narrative import Narrative
from .tables import Tables
from .tally import tally
from .validate import check_book, check_tables


def load_book(root: Path) -> tuple[Book, list[Finding]]:
    """Every record that could be read, and every problem found on the way."""
    book, findings = read_book(root)
    return book, findings + check_book(book)


def blocking(findings: list[Finding]) -> list[Finding]:
    """Reading errors that left records out: figures computed without them would be wrong."""
    return [f for f in findings if f.level == ERROR and f.code in BLOCKING]


def load_usable_book(root: Path) -> tuple[Book, list[Finding]]:
    book, findings = load_book(root)
    bad = blocking(findings)
    if bad:
        raise GkcliError(f"账本有 {len(bad)} 处错误，无法使用；请修正后再试（gkcli check 可列出全部问题）", findings=tuple(bad))
    return book, findings


def years_of(book: Book) -> list[int]:
    dated = [c.received for c in book.cases] + [e.date for e in book.events] + [r.filed for r in book.reviews]
    dated += [s.date for s in book.steps]
    return sorted({d.year for d in dated})


def report_document(book: Book, findings: list[Finding], year: int, tables_only: bool = True) -> Document:
    """The year's report; with `tables_only` False, also its narrative from the book, filled."""
    tables = tally(book, year)
    found = findings + check_tables(tables, tally(book, year - 1))
    if tables_only:
        return Document(tables, tuple(found), book.config.fee_decimals, tables_only=True)
    narrative = load_narrative(book, tables)
    if narrative is not None:
        from .narrative.checks import check_narrative

        found += check_narrative(narrative)
    return Document(tables, tuple(found), book.config.fee_decimals, narrative)


def load_narrative(book: Book, tables: Tables) -> Narrative | None:
    """The narrative of the tables' year with its figures filled in, or None if the book has none."""
    from .narrative import figures
    from .narrative.fill import fill
    from .narrative.read import read_narrative

    narrative = read_narrative(Path(book.root), tables.year)
    return fill(narrative, figures.values(tables, book.config.fee_decimals)) if narrative else None
