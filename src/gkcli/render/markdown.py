"""Markdown: the report's statistical sections with the official tables.

Merged cells are flattened (text in the first cell, blanks after), so every official
label appears exactly once, in reading order. Embedded text is escaped so it cannot
break a table row.
"""

from __future__ import annotations

from .. import spec
from ..document import Document
from . import grid, timeliness

_SECTION = spec.by_code(spec.SECTIONS)


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")


def table(cells: list[list[grid.Cell]]) -> str:
    rows = grid.flatten(cells)
    lines = ["| " + " | ".join(escape(c.text) for c in row) + " |" for row in rows]
    lines.insert(1, "| " + " | ".join("---:" if c.number else "---" for c in rows[-1]) + " |")
    return "\n".join(lines)


def render(doc: Document) -> str:
    t = doc.tables
    parts = [
        f"# {escape(spec.title(t.agency, t.year))}",
        spec.statistics_period(t.year),
        f"## {_SECTION['proactive'].label}",
        table(grid.proactive_grid(t, doc.fee_decimals)),
        f"## {_SECTION['applications'].label}",
        table(grid.applications_grid(t)),
        f"## {_SECTION['review'].label}",
        table(grid.review_grid(t)),
    ]
    if doc.timeliness is not None:
        parts += [f"### {timeliness.HEADING}", "\n".join(f"- {line}" for line in timeliness.lines(doc.timeliness))]
    return "\n\n".join(parts) + "\n"
