"""A cache of what reading a large ledger file gave: its records and its reading findings.

Keyed by the file's content (a hash of its bytes), its path in the book and gkcli's
own code (version and sources), so it never gives what a changed file, or a changed
reading rule, would not; nothing is trusted from it but what the same bytes gave
the same code before. Kept in the user's cache folder
($GKCLI_CACHE_DIR, else $XDG_CACHE_HOME/gkcli, else ~/.cache/gkcli), not in the book:
a book folder travels between offices, and a cache inside it could make a report
differ from its ledgers unseen. `GKCLI_CACHE=0` turns it off. Only files of at least
`MIN_BYTES` are cached; a cache that cannot be read or written is ignored.

Applicants' personal data never lies there readable: it is kept sealed with a key only the
ledger file's bytes give (ledger/seal.py), and the folder and its files are its owner's
alone (0700, 0600). Entries of the earlier layout, which held it in plain form, are removed.
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
from . import seal
from .schema import TABLES

MIN_BYTES = 1 << 20  # about 5 000 cases: below this, reading is as quick as loading a cache
FORMAT = 9  # bump when what is stored changes
SUFFIX = ".records"  # of an entry's file name
OLD_LAYOUTS = ("*.pickle",)  # entries of earlier versions: personal data in plain form
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
    try:
        return where is not None and next(where.glob(f"{_prefix(root, rel)}-*{SUFFIX}"), None) is not None
    except OSError:  # a cache folder that cannot be read holds nothing usable
        return False


def _prefix(root: Path, rel: str) -> str:
    return hashlib.sha256(f"{Path(root).resolve()}\0{rel}".encode()).hexdigest()[:20]


def load(root: Path, rel: str, raw: bytes) -> tuple[dict[str, list], list[Finding]] | None:
    """The records (by table) and findings reading `raw` gave, or None if not cached."""
    return load_entry(entry(root, rel, raw))


def load_entry(key: Entry | None) -> tuple[dict[str, list], list[Finding]] | None:
    if key is None:
        return None
    found = _chain(key.where, f"{key.name}{SUFFIX}", key.digest)
    if found is None:
        return None
    about, columns, _ = found
    return from_columns(about["rel"], columns), [Finding(*f) for f in about["findings"]]


Columns = dict[str, tuple[list[tuple], list[int]]]  # table -> (one tuple per field, line of each record)


def _chain(where: Path, name: str, digest: bytes) -> tuple[dict, Columns, list[str]] | None:
    """(what entry `name` is about, the columns of all its records, the names of the entries they
    come from, oldest first): an entry written after an append holds only the appended records
    and names the entry of the content before (`base`), which must still be there unchanged.
    `digest`: the sha256 of the content entry `name` was read from (it opens the entry)."""
    parts: list[Columns] = []
    names: list[str] = []
    about: dict | None = None
    while name:
        stored = _stored(where / name, digest)
        if stored is None or len(names) > MAX_LINKS or stored[0].get("digest") != seal.check(digest):
            return None
        about = about or stored[0]
        parts.append(stored[1])
        names.append(name)
        base = stored[0].get("base")
        name, digest = (base[0], seal.wrap(base[1], digest)) if base else ("", b"")
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
    try:
        for path in key.where.glob(f"{key.prefix}-*{SUFFIX}"):
            found = _stored(path) if path.name != f"{key.name}{SUFFIX}" else None  # what it is about, only
            if found is not None and found[0].get("code") == code_digest() and found[0].get("clean") and found[0]["size"] < len(raw):
                candidates.append((found[0]["size"], path.name, found[0]["digest"]))
    except OSError:  # a cache folder that cannot be read: the file is read whole
        return None
    for size, name, check in sorted(candidates, reverse=True):
        digest = hashlib.sha256(memoryview(raw)[:size]).digest()
        if seal.check(digest) == check:
            found = _chain(key.where, name, digest)
            if found is None:
                continue  # a link is gone: perhaps a shorter earlier content is whole
            about, columns, names = found
            records = from_columns(about["rel"], columns)
            return Earlier(records, columns, size, about["lines"], names, digest)
    return None


def _stored(path: Path, digest: bytes = b"") -> tuple[dict, dict | None] | None:
    """(what an entry is about, its records by field, unsealed with `digest`, or None without it):
    an entry is two pickles in one file, so that what it is about can be read without its records."""
    try:
        with path.open("rb") as f:
            about = pickle.load(f)
            if not digest:
                return about, None
            columns = seal.unseal(pickle.load(f), digest)
    except Exception:  # noqa: BLE001 - missing, unreadable or from another layout: read the file instead
        return None
    return None if columns is None else (about, columns)


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
        about["base"] = (before.chain[-1], seal.wrap(before.digest, key.digest))
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
        "digest": seal.check(key.digest),  # not the digest: that opens the sealed personal data
        "lines": raw.count(b"\n"),
        "clean": continuable,
    }


def _write(key: Entry, about: dict, columns: Columns, keep: list[str]) -> None:
    """Write the entry, then remove the file's other entries but those in `keep` (its base chain)."""
    where, prefix, name, digest = key
    temp = where / f"{name}.{os.getpid()}.tmp"
    try:
        private_folder(where)
        with private_file(temp) as f:
            pickle.dump(about, f, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(seal.seal(columns, digest), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, where / f"{name}{SUFFIX}")
        kept = {f"{name}{SUFFIX}", *keep}
        for old in where.glob(f"{prefix}-*{SUFFIX}"):
            if old.name not in kept:
                old.unlink(missing_ok=True)
        tidy(where)
    except OSError:  # a read-only or full disk: no cache, same results
        discard(temp)


def private_folder(where: Path) -> None:
    """The cache folder, made if missing, open to its owner only: it holds what the ledgers say."""
    where.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix" and where.stat().st_mode & 0o077:
        where.chmod(0o700)  # made by an earlier version, or by hand


def private_file(path: Path):
    """A new file open for writing, readable by its owner only from its first byte."""
    path.unlink(missing_ok=True)  # one with this name left behind would keep its mode when reopened
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600), "wb")


def tidy(where: Path) -> None:
    """Remove entries of earlier layouts and temporary files of processes killed while writing
    them; make files left by earlier versions their owner's only. A few files: quick."""
    now = time.time()
    for path in where.iterdir():
        try:
            if any(map(path.match, OLD_LAYOUTS)):
                path.unlink()
                continue
            state = path.stat()
            if path.suffix == ".tmp" and now - state.st_mtime > STALE_SECONDS:
                path.unlink()
            elif os.name == "posix" and state.st_mode & 0o077:
                path.chmod(0o600)
        except OSError:  # removed meanwhile by another process, or not ours: the next one
            continue


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
