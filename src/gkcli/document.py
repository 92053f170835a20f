"""What a renderer receives: one year's tables with their findings and display settings."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import Finding
from .tables import Tables
from .tally.timeliness import Timeliness


@dataclass(frozen=True, slots=True)
class Document:
    tables: Tables
    findings: tuple[Finding, ...] = ()
    fee_decimals: int | None = None  # digits of 万元 shown; None: exact
    timeliness: Timeliness | None = None  # from a book only (a published report has none)
