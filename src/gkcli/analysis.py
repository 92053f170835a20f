"""A year's figures worked out from a book: what a report shows besides its narrative.

Pure: a Book and its findings in, an `Analysis` out. The report's renderers, the
narrative's placeholders and `analysis_cache` all take this one value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import Finding
from .model import Book, BookConfig
from .tables import Tables
from .tally import tally
from .tally.timeliness import Timeliness, tally_timeliness
from .year_checks import check_year

if TYPE_CHECKING:
    from .closing import Status


@dataclass(frozen=True, slots=True)
class Analysis:
    config: BookConfig
    tables: Tables
    findings: tuple[Finding, ...]  # reading and record checks, then the table checks (A, Y)
    timeliness: Timeliness | None  # None: not asked for (a roll-up shows none)
    closed: Status | None = None  # the year's closing (定稿) as the report shows it; None: never closed
    previous: Tables | None = None  # the year before's tables, as the year checks compare them


def analyse(book: Book, findings: list[Finding], year: int, timeliness: bool = True) -> Analysis:
    tables, previous = tally(book, year), tally(book, year - 1)
    found = findings + check_year(book, tables, previous)
    closed = None
    if book.closings:
        from .closing import status

        closed = status(book.closings, tables)
    return Analysis(book.config, tables, tuple(found), tally_timeliness(book, year) if timeliness else None, closed, previous)
