"""Listings (cases, findings …) as a terminal table, JSON, NDJSON, CSV, TSV or Markdown.

CSV cells that a spreadsheet would run as a formula (leading = + - @) are quoted
with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys

LIST_FORMATS = ("table", "json", "ndjson", "csv", "tsv", "md")


def _safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(records: list[dict], delimiter: str = ",") -> str:
    out = io.StringIO()
    if records:
        writer = csv.DictWriter(out, fieldnames=list(records[0]), lineterminator="\n", delimiter=delimiter)
        writer.writeheader()
        for r in records:
            writer.writerow({k: _safe_cell(v) for k, v in r.items()})
    return out.getvalue()


def to_table(rows: list[dict]) -> str:
    from tabulate import tabulate

    if not rows:
        return ""
    return tabulate([list(r.values()) for r in rows], headers=list(rows[0]), tablefmt="simple", disable_numparse=True) + "\n"


def to_markdown(rows: list[dict]) -> str:
    from .markdown import escape

    if not rows:
        return ""
    lines = ["| " + " | ".join(escape(str(k)) for k in rows[0]) + " |", "| " + " | ".join("---" for _ in rows[0]) + " |"]
    lines += ["| " + " | ".join(escape("" if v is None else str(v)) for v in r.values()) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def print_table(rows: list[dict], title: str = "") -> None:
    """A rich table on an interactive terminal, plain aligned text otherwise."""
    from ..render.terminal import is_interactive

    if not is_interactive():
        sys.stdout.write(to_table(rows))
        return
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table

    console = Console()
    keys = list(rows[0]) if rows else []
    natural = sum(max([cell_len(k), *(cell_len(_plain(r[k])) for r in rows)]) + 3 for k in keys) + 1
    if keys and natural > console.width:
        _print_cards(console, rows, title)
        return
    table = Table(title=title or None)
    for key in keys:
        values = [_plain(r[key]) for r in rows if r[key] not in (None, "")]
        if values and all(_ATOM.fullmatch(v) for v in values):  # ids, dates, numbers: never split across lines
            table.add_column(key, no_wrap=True, min_width=max(map(cell_len, values)))
        else:
            table.add_column(key, overflow="fold")
    for r in rows:
        table.add_row(*(_text(v) for v in r.values()))
    console.print(table)


def _print_cards(console, rows: list[dict], title: str) -> None:
    """Too wide for the terminal: one block per record, a field a line (「编号  2024-0001」), so
    ids and dates stay whole and text wraps under its value."""
    from rich.cells import cell_len
    from rich.table import Table

    if title:
        console.print(_text(title))
    width = max(cell_len(k) for k in rows[0])
    for r in rows:
        card = Table.grid(padding=(0, 2))
        card.add_column(no_wrap=True, min_width=width)
        card.add_column(overflow="fold")
        for key, value in r.items():
            card.add_row(_text(key), _text(value))
        console.print(card)
        console.print()


def _plain(value: object) -> str:
    return "" if value is None else str(value)


# A value read as one token: a case id, a date or time, a number or an amount.
_ATOM = re.compile(r"[0-9A-Za-z_.:+%/#-]{1,40}")


def _text(value: object):
    from rich.text import Text

    return Text("" if value is None else str(value))


def emit(records: list[dict], rows: list[dict], fmt: str, title: str = "") -> None:
    """`records` are the machine fields (json/ndjson/csv/tsv); `rows` the Chinese view (table/md).

    Values come from the book: in the views a control character is shown escaped, one cell one
    line; JSON keeps every value exact (as escapes), CSV and TSV keep the bytes."""
    from ..safe_text import visible_cell, visible_json, visible_rows

    if fmt == "json":
        sys.stdout.write(visible_json(json.dumps(records, ensure_ascii=False, indent=2)) + "\n")
    elif fmt == "ndjson":
        sys.stdout.write(visible_json("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)))
    elif fmt in ("csv", "tsv"):
        sys.stdout.write(to_csv(records, "\t" if fmt == "tsv" else ","))
    else:
        shown = visible_rows(rows)
        if fmt == "md":
            sys.stdout.write(to_markdown(shown))
        else:
            print_table(shown, visible_cell(title))
