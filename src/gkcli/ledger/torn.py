"""Torn final records: the tail of a ledger file that an interrupted append (or editor) cut short.

Every append writes whole blocks in one write, each block ending with the line `# 完`
(`END_LINE`, then the time of entry), and the first append to a file writes a title line that says so. A cut
anywhere inside an append leaves a prefix of what was written, so the file no longer
ends with that line: in a file that uses the line ("marked"), whatever follows the last
`# 完` is torn, be it a cut header, a cut value (`count = 1` of `count = 12`) or a block
missing its last optional fields. Ledgers written before the line existed keep the older
rule: the last block is torn when it stops mid-line, or holds only the first fields of its
table in schema order. Such a tail was never confirmed to anybody; `gkcli repair` moves it
aside. Pure: bytes in, positions out; no file access here.
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


END_LINE = "# 完"  # the last line of every block an append writes, followed by the time of entry
MARK_NOTE = f"每条记录以「{END_LINE}」开头的一行结束"  # in the title line of every file appends create
_END = END_LINE.encode()
_MARK_NOTE = MARK_NOTE.encode()
_END_AT_LINE = re.compile(rb"^" + re.escape(_END) + rb"(?:[ \t][^\r\n]*)?\r?$", re.MULTILINE)
_WINDOW = 1 << 16  # the last end line is looked for this far back (a block is never this long)


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


def marked(raw: bytes, head: bytes | None = None) -> bool:
    """Whether a file's blocks end with `END_LINE`: its title line says so, or an end line is
    near its end (a file written before, then appended to). `raw` may be only the file's
    last part; `head` is then its first line."""
    first = raw[: raw.find(b"\n")] if head is None else head
    return _MARK_NOTE in first or _last_end(raw, max(0, len(raw) - _WINDOW)) is not None


def _last_end(raw: bytes, floor: int = 0) -> int | None:
    """The offset just after the last `END_LINE` line at or after `floor`, or None."""
    pos = len(raw)
    while (pos := raw.rfind(_END, floor, pos)) >= 0:
        if (pos == 0 or raw[pos - 1] == 10) and (m := _END_AT_LINE.match(raw, pos)):
            end = m.end()
            return end + 1 if raw[end : end + 1] == b"\n" else end
    return None


def torn_tail(raw: bytes, head: bytes | None = None, is_marked: bool | None = None) -> Tail | None:
    """The torn final block of a ledger file's bytes, or None when the file ends cleanly.

    `raw` may be only the file's last part, with `head` its first line (see `marked`)."""
    if not raw:
        return None
    if is_marked if is_marked is not None else marked(raw, head):
        return _marked_tail(raw)
    offset, line = last_block(raw)
    chunk = raw[offset:]
    if not chunk.endswith(b"\n"):
        last_line = chunk.rfind(b"\n") + 1
        if last_line and chunk[last_line:].lstrip(b" \t").startswith(b"["):  # a header cut short
            return Tail(offset + last_line, line + chunk.count(b"\n"), CUT)
        return Tail(offset, line, UNTERMINATED if _complete(chunk) else CUT)
    return Tail(offset, line, CUT) if _cut_after_newline(chunk) else None


def _marked_tail(raw: bytes) -> Tail | None:
    """Whatever follows the last end line; with none, whatever follows the leading comment lines."""
    intact = _last_end(raw)
    if intact is None:
        intact = _LEADING_COMMENTS.match(raw).end()
    rest = raw[intact:]
    if _ONLY_COMMENTS.fullmatch(rest):
        return None  # nothing, or blank and comment lines only: no append writes those alone
    content = len(rest) - len(rest.lstrip())
    return Tail(intact, 1 + raw.count(b"\n", 0, intact + content), CUT)


_LEADING_COMMENTS = re.compile(rb"(?:[ \t\r]*(?:#[^\n]*)?\n)*")
_ONLY_COMMENTS = re.compile(rb"(?:[ \t\r]*(?:#[^\n]*)?\n)*[ \t\r]*")


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
