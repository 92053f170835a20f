"""Move torn final records out of ledgers, into a side file next to each ledger.

The only code that shortens a ledger, and only by a torn tail (see `torn`): the tail
is first appended to `<ledger>.torn` and flushed to disk, then the ledger is cut
back to where the torn block began. A crash in between leaves the tail in both
places, never in neither. Nothing is ever deleted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import layout, torn
from .durable import fsync_dir, write_all

SUFFIX = ".torn"


@dataclass(frozen=True, slots=True)
class Torn:
    path: Path
    rel: str
    tail: torn.Tail
    data: bytes  # the torn bytes themselves

    @property
    def side(self) -> Path:
        return self.path.with_name(self.path.name + SUFFIX)


def find_torn(root: Path) -> list[Torn]:
    """Every ledger whose last record was cut short (not those only missing a final newline)."""
    found = []
    for path in layout.ledger_files(root):
        raw = path.read_bytes()
        tail = torn.torn_tail(raw)
        if tail and tail.level == torn.CUT:
            found.append(Torn(path, path.relative_to(root).as_posix(), tail, raw[tail.offset :]))
    return found


def move_aside(item: Torn, now: datetime | None = None) -> bool:
    """Move one torn tail into its side file; False if the ledger changed since `item` was found.

    The caller holds `write.book_lock`.
    """
    raw = item.path.read_bytes()
    if raw[item.tail.offset :] != item.data:
        return False
    stamp = (now or datetime.now()).isoformat(timespec="seconds")
    note = f"# {stamp} gkcli repair：自 {item.path.name} 第 {item.tail.line} 行移出的不完整记录（{len(item.data)} 字节）\n"
    body = note.encode("utf-8") + item.data + (b"" if item.data.endswith(b"\n") else b"\n") + b"\n"
    created = not item.side.exists()
    fd = os.open(item.side, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        write_all(fd, body)
        os.fsync(fd)
    finally:
        os.close(fd)
    if created:
        fsync_dir(item.path.parent)
    fd = os.open(item.path, os.O_WRONLY)
    try:
        os.ftruncate(fd, item.tail.offset)
        os.fsync(fd)
    finally:
        os.close(fd)
    return True
