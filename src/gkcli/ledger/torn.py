"""Torn final records: the tail of a ledger file that an interrupted append (or editor) cut short.

Every append writes one whole block ending in a newline, in one write. So the last
block of a file is torn when it stops mid-line, or when it holds only the first
fields of its table in schema order (a cut right after a newline). Such a block
was never confirmed to anybody; `gkcli repair` moves it aside. Pure: bytes in,
positions out; no file access here.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from . import parser
from .schema import TABLES

_RAW_HEADER = re.compile(rb"^[ \t]*\[\[[ \t]*([A-Za-z0-9_\-]+)[ \t]*\]\]", re.MULTILINE)

# level of a torn tail
CUT = "cut"  # unusable: stops mid-line, or lacks its last required fields
UNTERMINATED = "unterminated"  # reads as a complete record, but the final newline is missing


class Tail(NamedTuple):
    offset: int  # byte offset where the torn block starts
    line: int  # its line number
    level: str


def block_starts(raw: bytes, start: int = 0) -> list[tuple[int, int]]:
    """(byte offset, line) of every `[[table]]` header at or after `start`, plus (0, 1) when start is 0."""
    pieces = [(0, 1)] if start == 0 else []
    line, pos = 1 + raw.count(b"\n", 0, start), start
    for m in _RAW_HEADER.finditer(raw, start):
        if m.start() == 0:
            continue
        line += raw.count(b"\n", pos, m.start())
        pos = m.start()
        pieces.append((m.start(), line))
    return pieces


def last_block(raw: bytes) -> tuple[int, int]:
    """`block_starts(raw)[-1]`, found backwards from the end: each append checks its file's tail."""
    pos = len(raw)
    while (pos := raw.rfind(b"[[", 0, pos)) > 0:
        head = _RAW_HEADER.match(raw, raw.rfind(b"\n", 0, pos) + 1)
        if head and head.start() > 0:
            return head.start(), 1 + raw.count(b"\n", 0, head.start())
    return 0, 1


def torn_tail(raw: bytes) -> Tail | None:
    """The torn final block of a ledger file's bytes, or None when the file ends cleanly."""
    if not raw:
        return None
    offset, line = last_block(raw)
    chunk = raw[offset:]
    if not chunk.endswith(b"\n"):
        last_line = chunk.rfind(b"\n") + 1
        if last_line and chunk[last_line:].lstrip(b" \t").startswith(b"["):  # a header cut short
            return Tail(offset + last_line, line + chunk.count(b"\n"), CUT)
        return Tail(offset, line, UNTERMINATED if _complete(chunk) else CUT)
    return Tail(offset, line, CUT) if _cut_after_newline(chunk) else None


def _parse(chunk: bytes) -> dict | None:
    try:
        return parser.strict_loads(chunk.decode("utf-8"))
    except (UnicodeDecodeError, parser.ParseError):
        return None


def _single_block(data: dict | None):
    if not data or len(data) != 1:
        return None, None
    ((name, blocks),) = data.items()
    table = TABLES.get(name)
    if table is None or not isinstance(blocks, list) or len(blocks) != 1 or not isinstance(blocks[0], dict):
        return None, None
    return table, blocks[0]


def _complete(chunk: bytes) -> bool:
    table, block = _single_block(_parse(chunk))
    return table is not None and all(f.name in block for f in table.fields if f.required)


def _cut_after_newline(chunk: bytes) -> bool:
    """Only a prefix of the table's fields, in the order appends write them, and a required one missing."""
    return not _has_required_lines(chunk) and _parsed_cut(chunk)


def _parsed_cut(chunk: bytes) -> bool:
    table, block = _single_block(_parse(chunk))
    if table is None:
        return False
    order = [f.name for f in table.fields]
    present = [order.index(k) for k in block if k in order]
    missing = [i for i, f in enumerate(table.fields) if f.required and f.name not in block]
    return bool(missing) and len(present) == len(block) and (not present or max(present) < min(missing))


def _has_required_lines(chunk: bytes) -> bool:
    """Whether a block certainly has all its required fields, seen without parsing it (each append
    checks its file's last block; parsing would cost more than the append).

    Certain when the block holds no multi-line string and no line but its header starts with
    `[`: then a line `name = …` is a field of that block, or the block does not parse (and a
    block that does not parse is not a cut one either)."""
    if b'"""' in chunk or b"'''" in chunk or len(re.findall(rb"^[ \t]*\[", chunk, re.MULTILINE)) != 1:
        return False
    header = _RAW_HEADER.search(chunk)
    table = TABLES.get(header.group(1).decode()) if header else None
    if table is None:
        return False
    return all(re.search(rb"^[ \t]*" + f.name.encode() + rb"[ \t]*=", chunk, re.MULTILINE) for f in table.fields if f.required)
