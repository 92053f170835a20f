"""Terminal output: the official tables, with rich on a terminal and plain aligned text
elsewhere (a pipe, a file, or NO_COLOR set): no colour codes, no box drawing."""

from __future__ import annotations

import sys

from .. import spec
from ..document import Document
from . import grid, timeliness

_SECTION = spec.by_code(spec.SECTIONS)


def _sections(doc: Document) -> list[tuple[str, str, list[list[grid.Cell]]]]:
    """(heading, note above the table, rectangle of cells) for each table."""
    t = doc.tables
    return [
        (_SECTION["proactive"].label, "", grid.flatten(grid.proactive_grid(t, doc.fee_decimals))),
        (_SECTION["applications"].label, spec.IDENTITY_NOTE, grid.applications_outline(t)),
        (_SECTION["review"].label, "", grid.flatten(grid.review_grid(t))),
    ]


def render(doc: Document) -> str:
    """Plain text: what goes to a pipe or a file."""
    import tabulate as tabulate_module
    from tabulate import tabulate

    tabulate_module.PRESERVE_WHITESPACE = True  # keep the indentation of grouped rows

    t = doc.tables
    parts = [spec.title(t.agency, t.year), spec.statistics_period(t.year)]
    for heading, note, cells in _sections(doc):
        rows = [[c.text for c in row] for row in cells]
        table = tabulate(rows, tablefmt="plain", disable_numparse=True, colalign=_alignment(cells))
        parts += [heading, f"{note}\n{table}" if note else table]
    if doc.timeliness is not None:
        parts += [timeliness.HEADING, "\n".join(timeliness.lines(doc.timeliness))]
    return "\n\n".join(parts) + "\n"


def print_rich(doc: Document) -> None:
    """Rich tables on an interactive terminal."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    t = doc.tables
    console.print(Text(spec.title(t.agency, t.year), style="bold"), justify="center")
    console.print(Text(spec.statistics_period(t.year)))
    for heading, note, cells in _sections(doc):
        console.print(Text("\n" + heading, style="bold"))
        if note:
            console.print(Text(note))
        table = Table(show_header=False, box=box.SQUARE, pad_edge=False)
        for align in _alignment(cells):
            table.add_column(justify=align, overflow="fold")
        for row in cells:
            table.add_row(*(Text(c.text, style="bold" if c.header else "") for c in row))
        console.print(table)
    if doc.timeliness is not None:
        console.print(Text("\n" + timeliness.HEADING, style="bold"))
        console.print(Text("\n".join(timeliness.lines(doc.timeliness))))


def _alignment(cells: list[list[grid.Cell]]) -> list[str]:
    return ["right" if c.number else "left" for c in cells[-1]]


def is_interactive() -> bool:
    import os

    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
