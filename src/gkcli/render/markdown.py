"""Markdown: the whole report in the official order, or only its tables (`--tables-only`).

Merged cells are flattened (text in the first cell, blanks after), so every official
label appears exactly once, in reading order. Text from the book (agency, narrative)
is escaped so it can neither break a table row nor turn into Markdown structure or HTML.
"""

from __future__ import annotations

import re

from .. import document
from ..document import Document
from ..narrative import HEADING, MISSING
from . import grid

# Characters that start Markdown structure at the beginning of a line.
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def escape(text: str) -> str:
    """Text safe inside a table cell: no `|`, no HTML, one line."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")


def escape_text(text: str) -> str:
    """Text safe as a paragraph or heading: no emphasis, links, code, HTML or block markers."""
    text = escape(text)
    for ch in "*_`[]":
        text = text.replace(ch, "\\" + ch)
    m = _LINE_START.match(text)
    if m and m.group(2)[0].isdigit():  # "1." would start a list: escape the dot
        return text[: m.end()] + "\\" + text[m.end() :]
    return _LINE_START.sub(r"\1\\\2", text, count=1) if m else text


def table(cells: list[list[grid.Cell]]) -> str:
    rows = grid.flatten(cells)
    lines = ["| " + " | ".join(escape(c.text) for c in row) + " |" for row in rows]
    lines.insert(1, "| " + " | ".join("---:" if c.number else "---" for c in rows[-1]) + " |")
    return "\n".join(lines)


def render(doc: Document) -> str:
    out = [f"# {escape_text(document.title(doc))}", *(escape_text(p) for p in document.opening(doc))]
    for part in document.parts(doc):
        out.append(f"## {part.section.label}")
        for block in part.blocks:
            if block.kind == HEADING:
                out.append(f"### {escape_text(block.text)}")
            else:
                out.append(f"*{escape_text(block.text)}*" if block.kind == MISSING else escape_text(block.text))
        if part.table:
            out.append(table(grid.table_grid(part.table, doc.tables, doc.fee_decimals)))
    extra = document.appendix(doc)
    if extra:
        out += [f"## {extra.heading}", "\n".join(f"- {line}" for line in extra.lines)]
    note = document.closing_note(doc)
    if note:
        out += [f"## {document.CLOSING_HEADING}", escape_text(note)]
    return "\n\n".join(out) + "\n"
