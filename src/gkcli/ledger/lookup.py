"""Fast look-ups for appends: find a case or review, its answers, the next free id.

An append must not cost a parse of the whole book, so these scan ledger text with
regular expressions and parse only the one block they need. `check` and the full
reader remain the authority; these only keep obviously wrong appends out.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import Source
from . import layout, parser
from .schema import STEP_TABLES, TABLES, build

_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*([A-Za-z0-9_\-]+)[ \t]*\]\]", re.MULTILINE)


def _key_pattern(key: str, value: str) -> re.Pattern[str]:
    quoted = re.escape(value)
    return re.compile(rf"^[ \t]*{key}[ \t]*=[ \t]*(?:\"{quoted}\"|'{quoted}')[ \t]*(?:#.*)?$", re.MULTILINE)


def _blocks_with(path: Path, key: str, value: str) -> list[tuple[str, str, int]]:
    """(table, block text, header line) of every block in `path` whose `key` is `value`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):  # one that cannot be read is named, not taken for empty
        return []
    found = []
    for m in _key_pattern(key, value).finditer(text):
        head = _header_before(text, m.start())
        if head is None:
            continue
        nxt = _HEADER.search(text, m.end())
        block = text[head.end() : nxt.start() if nxt else len(text)]
        found.append((head.group(1), block, text.count("\n", 0, head.start()) + 1))
    return found


def _header_before(text: str, end: int) -> re.Match[str] | None:
    """The last `[[table]]` header before `end`, searching backwards (a large file has many)."""
    pos = end
    while (pos := text.rfind("[[", 0, pos)) >= 0:
        head = _HEADER.match(text, text.rfind("\n", 0, pos) + 1)
        if head and head.end() <= end:
            return head
    return None


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
                data = parser.strict_loads(block)
            except parser.ParseError:
                continue
            built = build(TABLES[name], data, Source(path.relative_to(root).as_posix(), line))
            if built.record is not None:
                out.append(built.record)
    return out


_HEADER_LINE = re.compile(rb"[ \t]*\[\[[ \t]*([A-Za-z0-9_\-]+)[ \t]*\]\]")
_HEADER_BYTES = re.compile(rb"^[ \t]*\[\[[ \t]*[A-Za-z0-9_\-]+[ \t]*\]\]", re.MULTILINE)


def dated_or_marked(
    root: Path, stem: str, since: int, key: str, day: date, marker: str, select: Callable[[list[Any]], list[Any]] | None = None, needs: tuple[bytes, ...] = ()
) -> list[Any]:
    """Every readable record of the `stem` ledgers of year `since` and later whose `key` is the
    (unquoted TOML) date `day`, or whose table's name starts with `marker` (`case_`: the
    corrections and voids of cases), in reading order.

    A large file is searched as bytes for the date and the marker (no decoding, no regular
    expression over the whole text); only the lines found are checked and their blocks parsed.
    `select` (the records found → those wanted, in the same order) leaves records out before
    their line numbers are counted, which costs a pass over a file up to its last one. When no
    block has the marker, a block found by its date is parsed only if its text holds each of
    `needs` (what any record wanted must say; with a marked block, a correction, any may be wanted).
    """
    dated = re.compile(rb"[ \t]*" + re.escape(key.encode()) + rb"[ \t]*=[ \t]*" + day.isoformat().encode() + rb"[ \t]*(?:#.*)?\r?")
    files, blocks, marked = {}, [], False
    for path in layout.ledger_files(root, stem):
        if path.parent.name.isdigit() and int(path.parent.name) < since:
            continue
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue
        starts: set[int] = set()
        for needle, wanted in ((day.isoformat().encode(), dated), (marker.encode(), None)):
            at = data.find(needle)
            while at >= 0:
                begin = data.rfind(b"\n", 0, at) + 1
                end = data.find(b"\n", at)
                line = data[begin : end if end >= 0 else len(data)]
                if wanted is not None and wanted.fullmatch(line):
                    head = _header_start_before(data, begin)
                    if head is not None:
                        starts.add(head)
                elif wanted is None and (m := _HEADER_LINE.match(line)) and m.group(1).startswith(marker.encode()):
                    starts.add(begin)
                    marked = True
                at = data.find(needle, at + len(needle))
        rel = path.relative_to(root).as_posix()
        files[rel] = data
        blocks.append((rel, data, starts))
    found = []
    for rel, data, starts in blocks:
        found += _parse_blocks(rel, data, sorted(starts), () if marked else needs)
    if select is not None:
        found = select(found)
    out = []
    rel, line, counted = "", 1, 0
    for record in found:  # each source holds its block's offset until its line is counted
        if record.source.path != rel:
            rel, line, counted = record.source.path, 1, 0
        line += files[rel].count(b"\n", counted, record.source.line)
        counted = record.source.line
        out.append(record._replace(source=Source(rel, line)))
    return out


def _header_start_before(data: bytes, end: int) -> int | None:
    """Where the last `[[table]]` header line before `end` starts."""
    pos = end
    while (pos := data.rfind(b"[[", 0, pos)) >= 0:
        begin = data.rfind(b"\n", 0, pos) + 1
        if _HEADER_LINE.match(data, begin):
            return begin
    return None


def _parse_blocks(rel: str, data: bytes, starts: list[int], needs: tuple[bytes, ...] = ()) -> list[Any]:
    """The records of the blocks at `starts` whose text holds each of `needs`, each with the
    offset of its block for a line number."""
    found = []
    for start in starts:
        head = _HEADER_LINE.match(data, start)
        nxt = _HEADER_BYTES.search(data, head.end())
        body = data[head.end() : nxt.start() if nxt else len(data)]
        if needs and not all(n in body for n in needs):
            continue
        try:
            name = head.group(1).decode("ascii")
            parsed = parser.strict_loads(body.decode("utf-8"))
        except (UnicodeDecodeError, parser.ParseError):
            continue
        if name in TABLES:
            built = build(TABLES[name], parsed, Source(rel, start))
            if built.record is not None:
                found.append(built.record)
    return found


def find_record(root: Path, table: str, key: str, value: str) -> Any | None:
    found = find_all(root, table, key, value)
    return found[0] if found else None


def id_exists(root: Path, table: str, ident: str) -> bool:
    stem = layout.FILE_OF_TABLE[table]
    pattern = _key_pattern("id", ident)
    return any(pattern.search(p.read_text(encoding="utf-8", errors="replace")) for p in layout.ledger_files(root, stem))


def next_id(root: Path, table: str, prefix: str) -> str:
    """`<prefix>NNNN`, one past the highest number used with that prefix anywhere in the book.

    The caller holds `write.book_lock`. Highest numbers per file are kept in the lock
    file (a cache, rebuilt when missing): a file that only grew is scanned from where
    the last scan stopped, so an append costs the same in a small and a huge book.
    """
    index = _load_index(root)
    highest = 0
    for path in layout.ledger_files(root, layout.FILE_OF_TABLE[table]):
        rel = path.relative_to(root).as_posix()
        index[rel] = entry = _scan(path, index.get(rel))
        highest = max(highest, entry[2].get(prefix, 0))
    _save_index(root, index)
    return f"{prefix}{highest + 1:04d}"


def all_ids(root: Path, table: str, prefix: str = "") -> list[str]:
    """Every id of a `case` or `review` starting with `prefix`, for shell completion: a text scan only."""
    pattern = re.compile(rf"^[ \t]*id[ \t]*=[ \t]*[\"']({re.escape(prefix)}[^\"']*)[\"']", re.MULTILINE)
    found: dict[str, None] = {}
    for path in layout.ledger_files(root, layout.FILE_OF_TABLE[table]):
        text = path.read_text(encoding="utf-8", errors="replace")  # only [[case]]/[[review]] blocks have an id
        found.update(dict.fromkeys(m.group(1) for m in pattern.finditer(text)))
    return list(found)


_ID_NUMBER = re.compile(r"^[ \t]*id[ \t]*=[ \t]*[\"']([^\"'\n]*?)(\d+)[\"']", re.MULTILINE)


def _scan(path: Path, entry: list | None) -> list:
    """[size, mtime_ns, {prefix: highest number}] of a ledger file, scanning only what is new."""
    stat = path.stat()
    size, mtime = stat.st_size, stat.st_mtime_ns
    if entry and entry[0] == size and entry[1] == mtime:
        return entry
    grew = entry is not None and entry[0] < size  # appends only ever grow a file
    start, marks = (entry[0], dict(entry[2])) if grew else (0, {})
    with path.open("rb") as f:
        f.seek(start)
        text = f.read().decode("utf-8", errors="replace")
    for m in _ID_NUMBER.finditer(text):
        marks[m.group(1)] = max(marks.get(m.group(1), 0), int(m.group(2)))
    return [size, mtime, marks]


_INDEX_HEAD = "# gkcli: highest id number per prefix in each ledger file (a cache, rebuilt when missing)\n"


def _load_index(root: Path) -> dict[str, list]:
    """The lock file's index: one line per ledger file, tab-separated: path, size, mtime_ns, then
    prefix and number pairs. A line that does not read is left out (that file is scanned again)."""
    try:
        text = (root / layout.LOCK_NAME).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    index = {}
    for line in text.split("\n")[1:]:
        rel, *cells = line.split("\t")
        try:
            size, mtime = int(cells[0]), int(cells[1])
            marks = {prefix: int(n) for prefix, n in zip(cells[2::2], cells[3::2], strict=True)}
        except (IndexError, ValueError):
            continue
        index.setdefault(rel, [size, mtime, marks])  # the first line of a file wins: lines after a crash are older
    return index


def _save_index(root: Path, index: dict[str, list]) -> None:
    # written in place: the lock file's inode is what every writer locks on
    lines = [_INDEX_HEAD]
    for rel, (size, mtime, marks) in index.items():
        if any("\t" in key or "\n" in key for key in (rel, *marks)):
            continue  # cannot be written in this format: that file is scanned again next time
        lines.append("\t".join([rel, str(size), str(mtime), *(f"{prefix}\t{n}" for prefix, n in marks.items())]) + "\n")
    data = "".join(lines).encode("utf-8")
    fd = os.open(root / layout.LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        os.pwrite(fd, data, 0)
        os.ftruncate(fd, len(data))  # after the write: truncating to nothing first costs a block release
    finally:
        os.close(fd)
