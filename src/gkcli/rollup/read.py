"""One unit read for the roll-up: its tables and what stands in the way of summing them.

`read_unit` runs in a worker process (it takes and returns plain picklable values), so
the units of a roll-up are read in parallel and each result depends on its unit alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import spec
from ..errors import ERROR, GkcliError
from ..tables import Tables
from . import cells
from .units import BOOK, Unit

IDENTITY_CODES = ("A1", "A2", "A3", "A4", "A5", "A6")
ROLLUP_MARK = "年度报告汇总表"  # in the title of a roll-up's own output: never summed again
OPEN = "open"  # a book whose year was never closed (closing.py has closed / drifted / reopened)


@dataclass(frozen=True, slots=True)
class UnitResult:
    name: str
    source: str  # "book" or "report"
    path: str
    kind: str  # government / department, or "" when not known
    tables: Tables | None  # None: could not be read at all
    unread: tuple[str, ...] = ()  # cells a report did not give (cell names)
    findings: tuple[tuple[str, str], ...] = ()  # (level, code)
    blocking: tuple[str, ...] = ()  # why the unit could not be read (ledger errors, unreadable file, wrong year)
    closed: str | None = None  # books: closed / drifted / reopened / open; reports: None
    closed_text: str = ""
    identities: tuple[str, ...] = ()  # codes of the table identities that fail (A1–A6)
    missing_sections: tuple[str, ...] = ()  # labels of the sections without text
    figures: dict[str, int | None] | None = None  # key figures this year (cells.KEY_FIGURES)
    previous: dict[str, int | None] | None = field(default=None)  # last year's, when available

    @property
    def exact(self) -> bool:
        """Read exactly: every cell, no blocking error."""
        return self.tables is not None and not self.unread and not self.blocking

    @property
    def errors(self) -> int:
        return sum(1 for level, _ in self.findings if level == ERROR)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors


def read_unit(unit: Unit, year: int) -> UnitResult:
    """The unit's result; a unit that cannot be read is a result with `blocking` reasons, never an exception."""
    try:
        return _read_book(unit, year) if unit.source == BOOK else _read_report(unit, year)
    except GkcliError as exc:
        reasons = [str(exc)] + [str(f) for f in exc.findings[:5]]
        if len(exc.findings) > 5:
            reasons.append(f"……共 {len(exc.findings)} 处")
        return UnitResult(unit.name or Path(unit.path).name, unit.source, unit.path, unit.kind, None, blocking=tuple(reasons))


def _identities(findings) -> tuple[str, ...]:
    return tuple(sorted({f.code for f in findings if f.code in IDENTITY_CODES and f.level == ERROR}))


def _read_book(unit: Unit, year: int) -> UnitResult:
    from ..document import missing_sections
    from ..loader import report_document, rollup_analysis

    root = Path(unit.path)
    analysis = rollup_analysis(root, year)
    findings = tuple(analysis.findings)
    try:
        doc = report_document(root, analysis, tables_only=False)
    except GkcliError:  # the narrative does not read (an unknown placeholder): the figures still do
        missing: tuple[str, ...] = ()
    else:
        missing = tuple(s.label for s in missing_sections(doc))
        findings += tuple(f for f in doc.findings if f not in analysis.findings)
    previous = None
    if (root / "ledger" / str(year - 1)).is_dir():  # the year before's figures, from the same reading
        previous = cells.key_figures(analysis.previous)
    closed = analysis.closed
    return UnitResult(
        unit.name or analysis.config.agency or root.name,
        unit.source,
        unit.path,
        unit.kind or analysis.config.kind,
        analysis.tables,
        findings=tuple((f.level, f.code) for f in findings),
        closed=closed.kind if closed is not None else OPEN,
        closed_text=closed.text() if closed is not None else "",
        identities=_identities(analysis.findings),
        missing_sections=missing,
        figures=cells.key_figures(analysis.tables),
        previous=previous,
    )


def _read_report(unit: Unit, year: int) -> UnitResult:
    from ..audit import audit, read_report
    from ..audit.previous import settle_stock

    reading = read_report(unit.path)
    before = read_report(unit.previous) if unit.previous else None
    if before is not None:
        reading = settle_stock(reading, before)
    findings = audit(reading, before)
    name = unit.name or reading.outline.agency or Path(unit.path).stem
    unknown = tuple(sorted(reading.recovered.unknown))
    sections = spec.by_code(spec.SECTIONS)
    missing = tuple(
        sections[f.where.split(".", 1)[1]].label
        for f in findings
        if f.code == "S1" and f.where.startswith("sections.") and f.where.split(".", 1)[1] in sections and "没有找到" in f.message
    )
    blocking: tuple[str, ...] = ()
    if ROLLUP_MARK in reading.stream.text[:300]:
        blocking = ("这是一份汇总表，不是单位的年度报告",)
    elif reading.outline.year and reading.outline.year != year:
        blocking = (f"报告的年度是 {reading.outline.year}，不是 {year}",)
    elif len(unknown) == len(cells.names()):
        blocking = ("没有读出任何单元格",)
    previous = None
    if before is not None:
        previous = cells.key_figures(before.tables, before.recovered.unknown)
    return UnitResult(
        name,
        unit.source,
        unit.path,
        unit.kind,
        reading.tables,
        unread=unknown,
        findings=tuple((f.level, f.code) for f in findings),
        blocking=blocking,
        identities=_identities(findings),
        missing_sections=missing,
        figures=cells.key_figures(reading.tables, unknown),
        previous=previous,
    )
