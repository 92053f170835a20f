"""A year's figures worked out from a book: what a report shows besides its narrative.

Pure: a Book and its findings in, an `Analysis` out. The report's renderers, the
narrative's placeholders and `analysis_cache` all take this one value.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import Finding
from .model import Book, BookConfig
from .tables import Tables
from .tally import tally
from .tally.timeliness import Timeliness, tally_timeliness
from .year_checks import check_year


@dataclass(frozen=True, slots=True)
class Analysis:
    config: BookConfig
    tables: Tables
    findings: tuple[Finding, ...]  # reading and record checks, then the table checks (A, Y)
    timeliness: Timeliness


def analyse(book: Book, findings: list[Finding], year: int) -> Analysis:
    tables = tally(book, year)
    found = findings + check_year(book, tables, tally(book, year - 1))
    return Analysis(book.config, tables, tuple(found), tally_timeliness(book, year))
