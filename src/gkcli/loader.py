"""The pipeline in one place: read → validate → tally → check tables → narrative → a Document."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .allocation import many_objects
from .document import Document
from .errors import ERROR, Finding, GkcliError
from .ledger.read import BLOCKING, read_book
from .model import Book
from .narrative import Narrative
from .tables import Tables
from .tally import tally
from .tally.timeliness import tally_timeliness
from .validate import check_book, check_tables


def load_book(root: Path, today: date | None = None) -> tuple[Book, list[Finding]]:
    """Every record that could be read, and every problem found on the way."""
    with many_objects():  # checks make an object or two per case (deadlines, indexes)
        book, findings = read_book(root, today)
        return book, findings + check_book(book)


def blocking(findings: list[Finding]) -> list[Finding]:
    """Reading errors that left records out: figures computed without them would be wrong."""
    return [f for f in findings if f.level == ERROR and f.code in BLOCKING]


def load_usable_book(root: Path, today: date | None = None, record_checks: bool = False) -> tuple[Book, list[Finding]]:
    """The book, refused when reading left records out; with `record_checks`, also the findings
    of the checks on records (L5–L9) that a report lists beside its figures."""
    with many_objects():
        book, findings = read_book(root, today)
        bad = blocking(findings)
        if bad:
            raise GkcliError(f"账本有 {len(bad)} 处错误，无法使用；请修正后再试（gkcli check 可列出全部问题）", findings=tuple(bad))
        return book, findings + (check_book(book, deadlines=False) if record_checks else [])


def years_of(book: Book) -> list[int]:
    dated = [c.received for c in book.cases] + [e.date for e in book.events] + [r.filed for r in book.reviews]
    dated += [s.date for s in book.steps]
    return sorted({d.year for d in dated})


def report_document(book: Book, findings: list[Finding], year: int, tables_only: bool = True) -> Document:
    """The year's report; with `tables_only` False, also its narrative from the book, filled."""
    with many_objects():
        return _report_document(book, findings, year, tables_only)


def _report_document(book: Book, findings: list[Finding], year: int, tables_only: bool) -> Document:
    tables = tally(book, year)
    found = findings + check_tables(tables, tally(book, year - 1))
    timeliness = tally_timeliness(book, year)
    if tables_only:
        return Document(tables, tuple(found), book.config.fee_decimals, timeliness, tables_only=True)
    narrative, narrative_findings = load_narrative(book, tables)
    return Document(tables, tuple(found + narrative_findings), book.config.fee_decimals, timeliness, narrative)


def load_narrative(book: Book, tables: Tables) -> tuple[Narrative | None, list[Finding]]:
    """The narrative of the tables' year with its figures filled in (None if the book has none),
    and what its checks found. An unknown placeholder raises, naming file:line."""
    from .narrative import figures
    from .narrative.checks import check_narrative, typed_figures
    from .narrative.fill import fill
    from .narrative.read import read_narrative

    raw = read_narrative(Path(book.root), tables.year)
    if raw is None:
        return None, []
    filled = fill(raw, figures.values(tables, book.config.fee_decimals))
    return filled, typed_figures(raw) + check_narrative(filled)
