"""A cache of what reading a large ledger file gave: its records and its reading findings.

Keyed by the file's content (a hash of its bytes), its path in the book and gkcli's
own code (version and sources), so it never gives what a changed file, or a changed
reading rule, would not; nothing is trusted from it but what the same bytes gave
the same code before. Kept in the user's cache folder
($GKCLI_CACHE_DIR, else $XDG_CACHE_HOME/gkcli, else ~/.cache/gkcli), not in the book:
a book folder travels between offices, and a cache inside it could make a report
differ from its ledgers unseen. `GKCLI_CACHE=0` turns it off. Only files of at least
`MIN_BYTES` are cached; a cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from functools import lru_cache
from itertools import chain, repeat
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple

from .. import __version__
from ..errors import Finding, Source
from .schema import TABLES

MIN_BYTES = 1 << 20  # about 5 000 cases: below this, reading is as quick as loading a cache
FORMAT = 7  # bump when what is stored changes
MAX_LINKS = 8  # appended entries in a row before a whole one is written again
STALE_SECONDS = 600  # a temporary file this old was left by a process that did not finish writing it

_LINE, _SOURCE = attrgetter("line"), attrgetter("source")


def folder() -> Path | None:
    if os.environ.get("GKCLI_CACHE", "1") == "0":
        return None
    if os.environ.get("GKCLI_CACHE_DIR"):
        return Path(os.environ["GKCLI_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "gkcli"
    try:
        return Path.home() / ".cache" / "gkcli"
    except RuntimeError:  # no home folder known: no cache, same results
        return None


@lru_cache(maxsize=1)
def code_digest() -> bytes:
    """gkcli's version and a digest of its sources: an upgrade or an edit of any reading rule
    starts the cache afresh (a few milliseconds, only when a large file is read)."""
    digest = hashlib.sha256(f"{__version__}\0{FORMAT}\0".encode())
    for path in sorted(Path(__file__).resolve().parent.parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.digest()


class Entry(NamedTuple):
    where: Path  # the cache folder
    prefix: str  # names the book's file
    name: str  # the prefix and a digest of the content (and of gkcli's code)
    digest: bytes  # sha256 of the file's bytes


def entry(root: Path, rel: str, raw: bytes, digest: bytes = b"") -> Entry | None:
    """Where what reading `raw` gives is kept, or None when the cache is off. `digest` is the
    sha256 of `raw` when already known."""
    where = folder()
    if where is None:
        return None
    prefix = _prefix(root, rel)
    digest = digest or hashlib.sha256(raw).digest()
    content = hashlib.sha256(code_digest() + f"\0{rel}\0".encode() + digest)
    return Entry(where, prefix, f"{prefix}-{content.hexdigest()[:40]}", digest)


def kept(root: Path, rel: str) -> bool:
    """Whether the cache holds any reading of the book's file `rel` (of this or an earlier content)."""
    where = folder()
    return where is not None and next(where.glob(f"{_prefix(root, rel)}-*.pickle"), None) is not None


def _prefix(root: Path, rel: str) -> str:
    return hashlib.sha256(f"{Path(root).resolve()}\0{rel}".encode()).hexdigest()[:20]


def load(root: Path, rel: str, raw: bytes) -> tuple[dict[str, list], list[Finding]] | None:
    """The records (by table) and findings reading `raw` gave, or None if not cached."""
    return load_entry(entry(root, rel, raw))


def load_entry(key: Entry | None) -> tuple[dict[str, list], list[Finding]] | None:
    if key is None:
        return None
    found = _chain(key.where, f"{key.name}.pickle")
    if found is None:
        return None
    about, columns, _ = found
    return from_columns(about["rel"], columns), [Finding(*f) for f in about["findings"]]


Columns = dict[str, tuple[list[tuple], list[int]]]  # table -> (one tuple per field, line of each record)


def _chain(where: Path, name: str) -> tuple[dict, Columns, list[str]] | None:
    """(what entry `name` is about, the columns of all its records, the names of the entries they
    come from, oldest first): an entry written after an append holds only the appended records
    and names the entry of the content before (`base`), which must still be there unchanged."""
    parts: list[Columns] = []
    names: list[str] = []
    about: dict | None = None
    digest = None
    while name:
        stored = _stored(where / name, body=True)
        if stored is None or len(names) > MAX_LINKS or (digest is not None and stored[0].get("digest") != digest):
            return None
        about = about or stored[0]
        parts.append(stored[1])
        names.append(name)
        base = stored[0].get("base")
        name, digest = base if base else ("", None)
    parts.reverse()
    names.reverse()
    return about, _joined(parts), names


def _joined(parts: list[Columns]) -> Columns:
    joined: Columns = {}
    for table in TABLES:
        found = [part[table] for part in parts if part[table][1]]
        if len(found) <= 1:
            joined[table] = found[0] if found else ([], [])
        else:
            fields = [tuple(chain.from_iterable(column)) for column in zip(*(fields for fields, _ in found))]
            joined[table] = fields, list(chain.from_iterable(lines for _, lines in found))
    return joined


class Earlier(NamedTuple):
    """A cached reading of a file's earlier content (see `earlier`)."""

    records: dict[str, list]
    columns: Columns  # the same records as stored
    size: int  # bytes
    lines: int
    chain: list[str]  # the entries it was read from, oldest first
    digest: bytes  # of the earlier content


def earlier(key: Entry | None, raw: bytes) -> Earlier | None:
    """The reading of the file's earlier content when `raw` is that content with more appended,
    and the earlier content was read without any finding and ends with a newline; else None.
    A ledger only grows: after an append only the new blocks need reading. Of several earlier
    contents kept (a chain of appends), the longest."""
    if key is None:
        return None
    candidates = []
    for path in key.where.glob(f"{key.prefix}-*.pickle"):
        found = _stored(path) if path.name != f"{key.name}.pickle" else None  # what it is about, only
        if found is not None and found[0].get("code") == code_digest() and found[0].get("clean") and found[0]["size"] < len(raw):
            candidates.append((found[0]["size"], path.name, found[0]["digest"]))
    for size, name, digest in sorted(candidates, reverse=True):
        if hashlib.sha256(memoryview(raw)[:size]).digest() == digest:
            found = _chain(key.where, name)
            if found is None:
                continue  # a link is gone: perhaps a shorter earlier content is whole
            about, columns, names = found
            records = from_columns(about["rel"], columns)
            return Earlier(records, columns, size, about["lines"], names, digest)
    return None


def _stored(path: Path, body: bool = False) -> tuple[dict, dict | None] | None:
    """(what an entry is about, its records by field or None unless `body`): an entry is two pickles
    in one file, so that what it is about can be read without its records."""
    try:
        with path.open("rb") as f:
            about = pickle.load(f)
            return about, pickle.load(f) if body else None
    except Exception:  # noqa: BLE001 - missing, unreadable or from another layout: read the file instead
        return None


def as_columns(records: dict[str, list]) -> Columns:
    """Records by table as they are kept: per table, a tuple per field but `source`, and each record's line."""
    return {table: _columns(found) for table, found in records.items()}


def from_columns(rel: str, columns: Columns) -> dict[str, list]:
    """The records of file `rel` by table, from `as_columns`."""
    return {table: _records(table, rel, *columns[table]) for table in TABLES}


def _records(name: str, rel: str, columns: list[tuple], lines: list[int]) -> list[Any]:
    """Records are named tuples: made in C from their field columns, then their sources."""
    if not lines:
        return []
    sources = map(tuple.__new__, repeat(Source), zip(repeat(rel), lines, repeat(0)))
    return list(map(tuple.__new__, repeat(TABLES[name].model), zip(*columns, sources)))


def continuable(raw: bytes, records: dict[str, list], findings: list[Finding]) -> bool:
    """Whether reading more appended to `raw` can start where this reading of it stopped, with the
    same result as reading all of it (the caller also requires `raw` to have been parsed whole):
    - no finding, and a final newline;
    - no multi-line string: it could hold a line that looks like a `[[table]]` header, which
      changes how header lines are counted in the whole file;
    - every record's line known (`read._collect` gives up on lines when headers and blocks differ)."""
    if findings or not raw.endswith(b"\n") or b'"""' in raw or b"'''" in raw:
        return False
    return all(all(map(_LINE, map(_SOURCE, found))) for found in records.values())


def store_entry(key: Entry | None, rel: str, raw: bytes, records: dict[str, list], findings: list[Finding], continuable: bool = False) -> None:
    """Keep what reading the file's bytes `raw` gave, replacing what an earlier content of it gave.
    `continuable`: whether a longer content may be read from where this reading stopped."""
    if key is not None:
        _write(key, _about(key, rel, raw, findings, continuable), as_columns(records), [])


def store_appended(key: Entry | None, rel: str, raw: bytes, before: Earlier, after: dict[str, list]) -> None:
    """Keep the reading of `raw` that is `before` (its earlier content, continuable) followed by
    `after` (the records of the appended blocks): as a link naming `before`'s entry and holding
    only `after`, so an append costs little; every `MAX_LINKS` appends, as a whole entry."""
    if key is None:
        return
    about = _about(key, rel, raw, [], True)
    appended = as_columns(after)
    if len(before.chain) < MAX_LINKS:
        about["base"] = (before.chain[-1], before.digest)
        _write(key, about, appended, before.chain)
    else:
        _write(key, about, _joined([before.columns, appended]), [])


def _about(key: Entry, rel: str, raw: bytes, findings: list[Finding], continuable: bool) -> dict:
    return {
        "rel": rel,
        "findings": [(f.code, f.level, f.message, f.where) for f in findings],
        # for `earlier`: what the content was, and whether its reading can be continued
        "code": code_digest(),
        "size": len(raw),
        "digest": key.digest,
        "lines": raw.count(b"\n"),
        "clean": continuable,
    }


def _write(key: Entry, about: dict, columns: Columns, keep: list[str]) -> None:
    """Write the entry, then remove the file's other entries but those in `keep` (its base chain)."""
    where, prefix, name, _ = key
    temp = where / f"{name}.{os.getpid()}.tmp"
    try:
        where.mkdir(parents=True, exist_ok=True)
        with temp.open("wb") as f:
            pickle.dump(about, f, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(columns, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, where / f"{name}.pickle")
        kept = {f"{name}.pickle", *keep}
        for old in where.glob(f"{prefix}-*.pickle"):
            if old.name not in kept:
                old.unlink(missing_ok=True)
        for old in where.glob(f"{prefix}-*.tmp"):  # left by a process killed while writing
            if time.time() - old.stat().st_mtime > STALE_SECONDS:
                old.unlink(missing_ok=True)
    except OSError:  # a read-only or full disk: no cache, same results
        discard(temp)


def discard(path: Path) -> None:
    """Remove a half-written file of the cache, if it can be."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def _columns(records: list[Any]) -> tuple[list[tuple], list[int]]:
    """(one tuple per field but `source`, the line of each record): records are tuples, `source` last."""
    if not records:
        return [], []
    *fields, sources = zip(*records)
    return fields, list(map(_LINE, sources))
