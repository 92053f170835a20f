"""What a renderer receives: one year's tables, the filled narrative, findings and settings.

`opening` and `parts` put the report in the official order (spec §1) once, so every
renderer walks the same outline: title, opening paragraph with the statistics period,
sections 一 to 六, each with its text and, for 二–四, its table; then the appendix
(processing time and fees), the same in every format.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import spec
from .errors import Finding
from .narrative import MISSING, PARAGRAPH, Block, Narrative
from .tables import Tables
from .tally.timeliness import Timeliness

if TYPE_CHECKING:
    from .closing import Status


@dataclass(frozen=True, slots=True)
class Document:
    tables: Tables
    findings: tuple[Finding, ...] = ()
    fee_decimals: int | None = None  # digits of 万元 shown; None: exact
    timeliness: Timeliness | None = None  # from a book only (a published report has none)
    narrative: Narrative | None = None  # placeholders already filled; None: the book has no text
    tables_only: bool = False  # only the statistical sections 二–四
    closed: Status | None = None  # the year's closing (定稿 …, 已与定稿不一致 …, 重新打开 …); None: never closed


@dataclass(frozen=True, slots=True)
class Part:
    section: spec.Item
    blocks: tuple[Block, ...]
    table: str  # the section code of its table, or "" for a text-only section


def title(doc: Document) -> str:
    return spec.title(doc.tables.agency, doc.tables.year)


def opening(doc: Document) -> tuple[str, ...]:
    """The opening paragraph(s); the statistics period closes the last one."""
    period = spec.statistics_period(doc.tables.year)
    texts = [b.text for b in doc.narrative.opening if b.kind == PARAGRAPH] if doc.narrative and not doc.tables_only else []
    if not texts:
        return (period,)
    return (*texts[:-1], texts[-1] + period)


def parts(doc: Document) -> list[Part]:
    out = []
    for section in spec.SECTIONS:
        table = section.code if section.code in spec.TABLE_SECTIONS else ""
        if doc.tables_only:
            if table:
                out.append(Part(section, (), table))
            continue
        blocks = doc.narrative.section(section.code) if doc.narrative else None
        if blocks is None and not table:
            blocks = (Block(MISSING, missing_note(doc)),)
        out.append(Part(section, blocks or (), table))
    return out


@dataclass(frozen=True, slots=True)
class Appendix:
    heading: str
    lines: tuple[str, ...]


def appendix(doc: Document) -> Appendix | None:
    """What follows 六 in every format: processing time and fees, which the 2021 format's
    tables have no place for. Only from a book (a published report has no case dates)."""
    if doc.timeliness is None or doc.tables_only:
        return None
    from .render import timeliness

    return Appendix(timeliness.HEADING, tuple(timeliness.lines(doc.timeliness, doc.tables.processing_fees)))


CLOSING_HEADING = "年度定稿"


def closing_note(doc: Document) -> str | None:
    """The year's closing as the report shows it after everything else (None: never closed)."""
    return doc.closed.text() if doc.closed is not None else None


def missing_note(doc: Document) -> str:
    year = doc.tables.year
    if doc.narrative is None:
        return f"（本部分正文尚未撰写：账本中没有 narrative/{year}.md，可运行 gkcli narrative init {year} 生成初稿。）"
    return f"（本部分正文尚未撰写：请在 {doc.narrative.path} 中补写这一部分。）"


def missing_sections(doc: Document) -> list[spec.Item]:
    """Text sections the report would print without their text."""
    return [p.section for p in parts(doc) if any(b.kind == MISSING for b in p.blocks)]
