"""Reading a large book on two cores: a child process reads part of it, the parent the rest.

Neither parser releases the GIL, so the share is done by a forked child (`beside.py`). The
child takes whole files and, to even out the shares, the tail of one file: the blocks from a
`[[table]]` header line on. A tail is read like the part of a ledger appended after cached
content (`ledger_file.read_appended`), and only kept when that is certain to equal reading the
whole file; otherwise the parent reads that file whole. The child sends its records back as
columns (`cache.as_columns`), which the parent turns back into records in C. Files already in
the cache are not shared: taking them from the cache is quicker than either.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import Finding
from . import cache, torn
from .ledger_file import Reading, read_appended, read_file, read_ledger
from .schema import TABLES

MIN_BYTES = 4 << 20  # below this, the ledgers of a book are read by one process
CHILD_SHARE = 0.47  # of the bytes: the parent also takes the records back, and the child sends them (measured best 0.45–0.5)

File = tuple[str, bytes, bytes]  # path in the book, bytes, their sha256 (or b"")
Part = tuple[int, int]  # (index of a file, offset of the child's part: 0 for the whole file)


def read_files(root: Path, files: list[File]) -> list[Reading] | None:
    """The reading of each file, as `ledger_file.read_file` gives it, or None when sharing is not worth it."""
    from .. import beside

    aside = share(root, files) if beside.AVAILABLE else None
    if not aside:
        return None
    with beside.Beside(lambda: [_read_part(root, files[i], start) for i, start in aside]) as child:
        starts = dict(aside)
        parts: list[Reading | None] = [None] * len(files)
        heads: dict[int, dict[str, list[Any]] | None] = {}  # the parent's part of a file shared with the child
        for i, file in enumerate(files):
            start = starts.get(i)
            if start is None:
                parts[i] = read_file(root, *file)
                files[i] = ("", b"", b"")  # let go of the bytes (the child's part is kept, should it fail)
            elif start:
                heads[i] = _read_head(file, start)
        found = child.result()
    for (i, start), (columns, findings) in zip(aside, found):
        rel, raw, digest = files[i]
        tail = None if columns is None else cache.from_columns(rel, columns)
        if not start:
            parts[i] = tail, findings
            continue
        head = heads[i]
        if head is None or tail is None:  # not certain to equal the whole file's reading: read it whole
            parts[i] = read_file(root, rel, raw, digest)
            continue
        whole = {name: head[name] + tail[name] for name in TABLES}
        parts[i] = whole, []
        cache.store_entry(cache.entry(root, rel, raw, digest), rel, raw, whole, [], continuable=True)
    return parts


def share(root: Path, files: list[File]) -> list[Part]:
    """The child's part: from the last file back, whole files while they fit in its share, then
    the tail of the next one from a header line on. Only large files not in the cache count."""
    large = [i for i, (rel, raw, _) in enumerate(files) if len(raw) >= cache.MIN_BYTES and not cache.kept(root, rel)]
    total = sum(len(files[i][1]) for i in large)
    if total < MIN_BYTES:
        return []
    left = total * CHILD_SHARE
    aside: list[Part] = []
    for i in reversed(large):
        size = len(files[i][1])
        if size <= left:
            aside.append((i, 0))
            left -= size
            continue
        if left >= cache.MIN_BYTES:
            cut = files[i][1].find(b"\n[[", size - int(left)) + 1
            if cut > 0:
                aside.append((i, cut))
        break
    return aside


def _read_part(root: Path, file: File, start: int) -> tuple[cache.Columns | None, list[Finding]]:
    """In the child: the whole file's reading, or the records of its tail from `start` (None when
    they are not certainly those of the whole file), as columns."""
    rel, raw, digest = file
    if not start:
        records, findings = read_file(root, rel, raw, digest)
        return cache.as_columns(records), findings
    tail = read_appended(raw[start:], rel, raw.count(b"\n", 0, start) + 1, torn.marked(raw))
    return (None if tail is None else cache.as_columns(tail)), []


def _read_head(file: File, end: int) -> dict[str, list[Any]] | None:
    """In the parent: the records of the file's bytes before `end`, or None unless the reading of
    the tail can continue from them (`cache.continuable`)."""
    rel, raw, _ = file
    head = raw[:end]
    records: dict[str, list[Any]] = {name: [] for name in TABLES}
    findings: list[Finding] = []
    whole = read_ledger(head, rel, records, findings)
    return records if whole and cache.continuable(head, records, findings) else None
