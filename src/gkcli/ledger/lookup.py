"""Fast look-ups for appends: find a case or review, its answers, the next free id.

An append must not cost a parse of the whole book, so these scan ledger text with
regular expressions and parse only the one block they need. `check` and the full
reader remain the authority; these only keep obviously wrong appends out.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from ..errors import Source
from . import layout
from .schema import STEP_TABLES, TABLES, build

_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*([A-Za-z0-9_\-]+)[ \t]*\]\]", re.MULTILINE)


def _key_pattern(key: str, value: str) -> re.Pattern[str]:
    quoted = re.escape(value)
    return re.compile(rf"^[ \t]*{key}[ \t]*=[ \t]*(?:\"{quoted}\"|'{quoted}')[ \t]*(?:#.*)?$", re.MULTILINE)


def _blocks_with(path: Path, key: str, value: str) -> list[tuple[str, str, int]]:
    """(table, block text, header line) of every block in `path` whose `key` is `value`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    found = []
    for m in _key_pattern(key, value).finditer(text):
        headers = list(_HEADER.finditer(text, 0, m.start()))
        if not headers:
            continue
        head = headers[-1]
        nxt = _HEADER.search(text, m.end())
        block = text[head.end() : nxt.start() if nxt else len(text)]
        found.append((head.group(1), block, text.count("\n", 0, head.start()) + 1))
    return found


def find_all(root: Path, table: str, key: str, value: str) -> list[Any]:
    """Every readable `[[table]]` record whose `key` is `value`, in reading order."""
    return _find(root, (table,), key, value)


def case_steps(root: Path, case_id: str) -> list[Any]:
    """Every readable step of one case (answers, extensions …), in date order."""
    return sorted(_find(root, STEP_TABLES, "case", case_id), key=lambda s: s.date)


def _find(root: Path, tables: tuple[str, ...], key: str, value: str) -> list[Any]:
    out = []
    stems = sorted({layout.FILE_OF_TABLE[t] for t in tables})
    for path in (p for stem in stems for p in layout.ledger_files(root, stem)):
        for name, block, line in _blocks_with(path, key, value):
            if name not in tables:
                continue
            try:
                data = tomllib.loads(block)
            except tomllib.TOMLDecodeError:
                continue
            built = build(TABLES[name], data, Source(path.relative_to(root).as_posix(), line))
            if built.record is not None:
                out.append(built.record)
    return out


def find_record(root: Path, table: str, key: str, value: str) -> Any | None:
    found = find_all(root, table, key, value)
    return found[0] if found else None


def id_exists(root: Path, table: str, ident: str) -> bool:
    stem = layout.FILE_OF_TABLE[table]
    pattern = _key_pattern("id", ident)
    return any(pattern.search(p.read_text(encoding="utf-8", errors="replace")) for p in layout.ledger_files(root, stem))


def next_id(root: Path, table: str, prefix: str) -> str:
    """`<prefix>NNNN`, one past the highest number used with that prefix anywhere in the book."""
    stem = layout.FILE_OF_TABLE[table]
    pattern = re.compile(rf"^[ \t]*id[ \t]*=[ \t]*[\"']{re.escape(prefix)}(\d+)[\"']", re.MULTILINE)
    highest = 0
    for path in layout.ledger_files(root, stem):
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in pattern.finditer(text):
            highest = max(highest, int(m.group(1)))
    return f"{prefix}{highest + 1:04d}"


def all_ids(root: Path, table: str, prefix: str = "") -> list[str]:
    """Every id of a `case` or `review` starting with `prefix`, for shell completion: a text scan only."""
    pattern = re.compile(rf"^[ \t]*id[ \t]*=[ \t]*[\"']({re.escape(prefix)}[^\"']*)[\"']", re.MULTILINE)
    found: dict[str, None] = {}
    for path in layout.ledger_files(root, layout.FILE_OF_TABLE[table]):
        text = path.read_text(encoding="utf-8", errors="replace")  # only [[case]]/[[review]] blocks have an id
        found.update(dict.fromkeys(m.group(1) for m in pattern.finditer(text)))
    return list(found)
