"""The roll-up: every unit read (in parallel), the exact ones summed cell-wise, the sum checked."""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal

from ..errors import Finding
from ..tables import Tables
from . import cells
from .read import IDENTITY_CODES, ROLLUP_MARK, UnitResult, read_unit
from .units import BOOK, Unit

# why a unit is not in the sum
UNREAD = "unread"  # some cells of its report could not be read
BLOCKED = "blocked"  # it could not be read at all (ledger errors, unreadable file, another year)


@dataclass(frozen=True, slots=True)
class Rollup:
    year: int
    title: str
    tables: Tables  # the sum
    units: tuple[UnitResult, ...]
    summed: tuple[bool, ...]  # per unit: in the sum
    include_incomplete: bool
    findings: tuple[Finding, ...]  # the district-level identities on the sum

    @property
    def count(self) -> int:
        return sum(self.summed)

    @property
    def incomplete(self) -> bool:
        """Units with unread cells were summed (their unread cells as 0)."""
        return any(s and not u.exact for u, s in zip(self.units, self.summed))

    @property
    def left_out(self) -> list[tuple[UnitResult, str]]:
        return [(u, left_out_reason(u)) for u, s in zip(self.units, self.summed) if not s]


def title(year: int) -> str:
    return f"{year}年度政府信息公开工作{ROLLUP_MARK}"


SUM_AGENCY = "各单位汇总"  # the agency of the summed tables, where a title is drawn from it


def left_out_reason(unit: UnitResult) -> str:
    if unit.blocking:
        return "；".join(unit.blocking)
    if unit.unread:
        return f"有 {len(unit.unread)} 个单元格未读出（可加 --include-incomplete 按 0 计入并标明）"
    return ""


def read_all(units: list[Unit], year: int, jobs: int | None = None) -> list[UnitResult]:
    """Each unit's result in the order of `units`, read over `jobs` processes (default: every core)."""
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(units)))
    if jobs == 1:
        return [read_unit(u, year) for u in units]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _import_readers(units)
    # forked workers start with the modules imported above; elsewhere (no fork) each imports its own
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            return list(pool.map(read_unit, units, [year] * len(units), chunksize=max(1, min(4, len(units) // (jobs * 8)))))
    except (OSError, NotImplementedError):  # no processes to be had here: the same results, one by one
        return [read_unit(u, year) for u in units]


def _import_readers(units: list[Unit]) -> None:
    """Import what reading a unit takes once, here, before the workers fork, rather than in each."""
    import tomllib  # noqa: F401

    from .. import analysis_cache, beside, document, loader, validate  # noqa: F401
    from ..ledger import parser
    from ..narrative import checks, fill, figures, read  # noqa: F401

    parser.name()  # imports the TOML parser in use

    if any(u.source != BOOK for u in units):
        from .. import audit  # noqa: F401
        from ..audit import previous  # noqa: F401


def roll_up(units: list[Unit], year: int, include_incomplete: bool = False, jobs: int | None = None) -> Rollup:
    from ..validate import check_tables

    results = read_all(units, year, jobs)
    summed = tuple(r.tables is not None and not r.blocking and (r.exact or include_incomplete) for r in results)
    total = cells.total((r.tables for r, s in zip(results, summed) if s), year, SUM_AGENCY)
    findings = tuple(f for f in check_tables(total) if f.code in IDENTITY_CODES)
    return Rollup(year, title(year), total, tuple(results), summed, include_incomplete, findings)


@dataclass(frozen=True, slots=True)
class Contribution:
    unit: UnitResult
    value: int | Decimal | None  # None: the cell was not read, or the unit not at all
    summed: bool


def explain_cell(rollup: Rollup, name: str) -> tuple[int | Decimal, list[Contribution]]:
    """The summed value of one cell and each unit's part in it."""
    out = []
    for unit, summed in zip(rollup.units, rollup.summed):
        value = None if unit.tables is None or name in unit.unread else cells.flat(unit.tables)[name]
        out.append(Contribution(unit, value, summed))
    return cells.flat(rollup.tables)[name], out
