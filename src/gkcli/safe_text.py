"""Text for a terminal: control characters made visible, long echoed values cut short.

A subject, a name or a file name can hold ESC sequences or bidi overrides that would
repaint the screen or reverse what a clerk reads; shown as `\\x1b` or `\\u202e` they are
harmless and still legible. Machine formats (JSON, CSV) keep exact values instead.
"""

from __future__ import annotations

import re
from functools import cache

CUT = 60  # characters of an echoed value kept in a message
LINE_CUT = 400  # backstop for a message line that echoes something unquoted

_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
_CONTROLS = (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))


def _escaped(cp: int) -> str:
    return f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}"


_TABLE = {cp: _escaped(cp) for cp in (*_CONTROLS, *_BIDI)}
_CELL_TABLE = _TABLE | {0x09: "\\t", 0x0A: "\\n"}  # one-line cells: a newline would break the table
_JSON_TABLE = {cp: f"\\u{cp:04x}" for cp in (*range(0x7F, 0xA0), *_BIDI)}  # json.dumps already escapes C0
# patterns compiled on first use: every command imports this module, few need them
_UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
_UNSAFE_CELL = "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
_UNSAFE_JSON = "[\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
_CUT_MARK = r"（共 \d+ 字）$"
_QUOTED = f"「([^「」]{{{CUT + 1},}})」"  # no 「 inside: linear time on any input


@cache
def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def visible(text: str) -> str:
    """Control characters (except newline and tab), DEL, C1 and bidi controls as `\\x..`/`\\u....`."""
    return text.translate(_TABLE) if _rx(_UNSAFE).search(text) else text


def visible_cell(value: object) -> str:
    """One table cell: also newline and tab escaped, so the row stays one line."""
    text = "" if value is None else str(value)
    return text.translate(_CELL_TABLE) if _rx(_UNSAFE_CELL).search(text) else text


def visible_rows(rows: list[dict]) -> list[dict]:
    """Rows of a table with every key and cell made visible; a row is searched once, escaped only if it needs it."""
    out = []
    for row in rows:
        cells = ["" if v is None else str(v) for v in row.values()]
        if _rx(_UNSAFE_CELL).search("".join(cells)) or _rx(_UNSAFE_CELL).search("".join(row)):
            out.append({visible_cell(k): visible_cell(v) for k, v in zip(row, cells)})
        else:
            out.append(dict(zip(row, cells)))
    return out


def visible_json(text: str) -> str:
    """Serialized JSON with DEL, C1 and bidi controls as `\\u` escapes: the same values, nothing raw on a terminal."""
    return text.translate(_JSON_TABLE) if _rx(_UNSAFE_JSON).search(text) else text


def cut(text: str, limit: int = CUT) -> str:
    """A value as echoed in a message: at most `limit` characters, and how long it really was.

    Both ends are kept: the end of a long path is its file name."""
    if len(text) <= limit:
        return text
    tail = limit // 3
    return f"{text[: limit - tail]}…{text[-tail:]}（共 {len(text)} 字）"


def message(text: str) -> str:
    """A message for the terminal: quoted values 「…」 cut, over-long lines cut, control characters visible."""
    if len(text) > CUT:
        text = _rx(_QUOTED).sub(_cut_quoted, text)
        text = "\n".join(cut(line, LINE_CUT) for line in text.split("\n"))
    return visible(text)


def _cut_quoted(m: re.Match) -> str:
    value = m[1]
    return m[0] if _rx(_CUT_MARK).search(value, CUT) else f"「{cut(value)}」"  # already cut once: keep its count
