"""The pipeline in one place: read → validate → analyse (tally, check tables) → narrative → a Document."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from .allocation import many_objects
from .analysis import Analysis, analyse
from .document import Document
from .errors import ERROR, Finding, GkcliError
from .ledger.read import BLOCKING, Contents, read_book
from .model import Book, BookConfig
from .narrative import Narrative
from .tables import Tables
from .validate import check_book


def load_book(root: Path, today: date | None = None) -> tuple[Book, list[Finding]]:
    """Every record that could be read, and every problem found on the way."""
    with many_objects():  # checks make an object or two per case (deadlines, indexes)
        book, findings = read_book(root, today)
        return book, findings + check_book(book)


def blocking(findings: list[Finding]) -> list[Finding]:
    """Reading errors that left records out: figures computed without them would be wrong."""
    return [f for f in findings if f.level == ERROR and f.code in BLOCKING]


def load_usable_book(root: Path, today: date | None = None, record_checks: bool = False, contents: Contents | None = None) -> tuple[Book, list[Finding]]:
    """The book, refused when reading left records out; with `record_checks`, also the findings
    of the checks on records (L5–L9) that a report lists beside its figures. `contents`: the
    ledgers already read (see `read_book`)."""
    with many_objects():
        book, findings = read_book(root, today, contents)
        bad = blocking(findings)
        if bad:
            raise GkcliError(f"账本有 {len(bad)} 处错误，无法使用；请修正后再试（gkcli check 可列出全部问题）", findings=tuple(bad))
        return book, findings + (check_book(book, deadlines=False) if record_checks else [])


def years_of(book: Book) -> list[int]:
    dated = [c.received for c in book.cases] + [e.date for e in book.events] + [r.filed for r in book.reviews]
    dated += [s.date for s in book.steps]
    return sorted({d.year for d in dated})


def report_analysis(root: Path, year: int) -> Analysis:
    """The year's figures (tables, findings, timeliness); refused like `load_usable_book`.
    Taken from `analysis_cache` when the book's inputs are byte for byte those of an earlier run."""
    from .analysis_cache import cached

    def compute(contents: Contents | None) -> Analysis:
        book, findings = load_usable_book(root, record_checks=True, contents=contents)
        with many_objects():
            return analyse(book, findings, year)

    return cached(root, year, compute)


def rollup_analysis(root: Path, year: int) -> Analysis:
    """What a roll-up shows of a book: the year's tables and findings (as `report_analysis`) and the
    year before's tables (`previous`), without timeliness; one reading and one cache entry for both."""
    from .analysis_cache import cached

    def compute(contents: Contents | None) -> Analysis:
        book, findings = load_usable_book(root, record_checks=True, contents=contents)
        with many_objects():
            return analyse(book, findings, year, timeliness=False)

    return cached(root, year, compute, kind="rollup")


def report_document(root: Path, analysis: Analysis, tables_only: bool = True) -> Document:
    """The year's report; with `tables_only` False, also its narrative from the book, filled."""
    doc = Document(analysis.tables, analysis.findings, analysis.config.fee_decimals, analysis.timeliness, tables_only=tables_only)
    if tables_only:
        return doc
    narrative, narrative_findings = load_narrative(root, analysis.config, analysis.tables)
    return replace(doc, findings=doc.findings + tuple(narrative_findings), narrative=narrative)


def load_narrative(root: Path, config: BookConfig, tables: Tables) -> tuple[Narrative | None, list[Finding]]:
    """The narrative of the tables' year with its figures filled in (None if the book has none),
    and what its checks found. An unknown placeholder raises, naming file:line."""
    from .narrative import figures
    from .narrative.checks import check_narrative, typed_figures
    from .narrative.fill import fill
    from .narrative.read import read_narrative

    raw = read_narrative(Path(root), tables.year)
    if raw is None:
        return None, []
    filled = fill(raw, figures.values(tables, config.fee_decimals))
    return filled, typed_figures(raw) + check_narrative(filled)
