"""Terminal output: the report in the official order, with rich on a terminal and plain
aligned text elsewhere (a pipe, a file, or NO_COLOR set): no colour codes, no box drawing."""

from __future__ import annotations

import sys

from .. import document, spec
from ..document import Document
from ..narrative import HEADING
from ..safe_text import visible
from . import grid


def _table(doc: Document, section: str) -> tuple[str, list[list[grid.Cell]]]:
    """(note above the table, rectangle of cells); table 2 as an indented outline."""
    t = doc.tables
    if section == "applications":
        return spec.IDENTITY_NOTE, grid.applications_outline(t)
    return "", grid.flatten(grid.table_grid(section, t, doc.fee_decimals))


def render(doc: Document) -> str:
    """Plain text: what goes to a pipe or a file."""
    import tabulate as tabulate_module
    from tabulate import tabulate

    tabulate_module.PRESERVE_WHITESPACE = True  # keep the indentation of grouped rows

    out = [document.title(doc), *document.opening(doc)]
    for part in document.parts(doc):
        out.append(part.section.label)
        out += [b.text if b.kind == HEADING else "　　" + b.text for b in part.blocks]
        if part.table:
            note, cells = _table(doc, part.table)
            rows = [[c.text for c in row] for row in cells]
            table = tabulate(rows, tablefmt="plain", disable_numparse=True, colalign=_alignment(cells))
            out.append(f"{note}\n{table}" if note else table)
    extra = document.appendix(doc)
    if extra:
        out += [extra.heading, "\n".join(extra.lines)]
    return visible("\n\n".join(out) + "\n")  # agency, narrative: text from the book, never terminal controls


def print_rich(doc: Document) -> None:
    """Rich tables on an interactive terminal."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
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
        if not part.table:
            continue
        note, cells = _table(doc, part.table)
        if note:
            console.print(Text(note))
        table = Table(show_header=False, box=box.SQUARE, pad_edge=False)
        for align in _alignment(cells):
            table.add_column(justify=align, overflow="fold")
        for row in cells:
            table.add_row(*(Text(c.text, style="bold" if c.header else "") for c in row))
        console.print(table)
    extra = document.appendix(doc)
    if extra:
        console.print(Text("\n" + extra.heading, style="bold"))
        console.print(Text("\n".join(extra.lines)))


def _alignment(cells: list[list[grid.Cell]]) -> list[str]:
    return ["right" if c.number else "left" for c in cells[-1]]


def is_interactive() -> bool:
    import os

    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
