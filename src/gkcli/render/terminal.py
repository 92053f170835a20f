"""Terminal output: the report in the official order, with rich on a terminal and plain
aligned text elsewhere (a pipe, a file, or NO_COLOR set): no colour codes. The tables are
the same text in both (`text_grid`), laid out to the terminal's width."""

from __future__ import annotations

import sys

from .. import document
from ..document import Document
from ..narrative import HEADING
from ..safe_text import visible
from . import text_grid


def _table(doc: Document, section: str, width: int | None) -> str:
    """The note above a table and the table's lines (text_grid)."""
    note, table = text_grid.table(section, doc.tables, doc.fee_decimals)
    if note and width:
        note = "\n".join(text_grid.wrap(list(note), width))
    lines = table.render(width)
    return "\n".join([note, *lines] if note else lines)


def render(doc: Document, width: int | None = None) -> str:
    """Plain text: what goes to a pipe or a file, as wide as COLUMNS says (unset: labels never wrap)."""
    width = width or _columns()
    out = [document.title(doc), *document.opening(doc)]
    for part in document.parts(doc):
        out.append(part.section.label)
        out += [b.text if b.kind == HEADING else "　　" + b.text for b in part.blocks]
        if part.table:
            out.append(_table(doc, part.table, width))
    extra = document.appendix(doc)
    if extra:
        out += [extra.heading, "\n".join(extra.lines)]
    note = document.closing_note(doc)
    if note:
        out += [document.CLOSING_HEADING, note]
    return visible("\n\n".join(out) + "\n")  # agency, narrative: text from the book, never terminal controls


def print_rich(doc: Document) -> None:
    """Rich tables on an interactive terminal."""
    from rich.console import Console
    from rich.text import Text as RichText

    def Text(text: str, style: str = "") -> RichText:  # noqa: N802 - rich's Text with the book's text made visible
        return RichText(visible(text), style=style)

    console = Console()
    console.print(Text(document.title(doc), style="bold"), justify="center")
    for paragraph in document.opening(doc):
        console.print(Text("　　" + paragraph))
    for part in document.parts(doc):
        console.print(Text("\n" + part.section.label, style="bold"))
        for b in part.blocks:
            console.print(Text(b.text, style="bold") if b.kind == HEADING else Text("　　" + b.text))
        if part.table:
            console.print(Text(_table(doc, part.table, console.width)), soft_wrap=True)  # laid out to the width: never folded
    extra = document.appendix(doc)
    if extra:
        console.print(Text("\n" + extra.heading, style="bold"))
        console.print(Text("\n".join(extra.lines)))
    note = document.closing_note(doc)
    if note:
        console.print(Text("\n" + document.CLOSING_HEADING, style="bold"))
        console.print(Text(note))


def _columns() -> int | None:
    import os

    value = os.environ.get("COLUMNS", "")
    return int(value) if value.isdigit() and int(value) >= 20 else None


def is_interactive() -> bool:
    import os

    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
