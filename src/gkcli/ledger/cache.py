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
from functools import lru_cache
from itertools import repeat
from operator import attrgetter
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import Finding, Source
from .schema import TABLES

MIN_BYTES = 1 << 20  # about 5 000 cases: below this, reading is as quick as loading a cache
FORMAT = 4  # bump when what is stored changes

_LINE = attrgetter("line")


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


def entry(root: Path, rel: str, raw: bytes, digest: bytes = b"") -> tuple[Path, str, str] | None:
    """(cache folder, prefix naming the book's file, name adding its content), or None when the
    cache is off. `digest` is the sha256 of `raw` when already known."""
    where = folder()
    if where is None:
        return None
    prefix = hashlib.sha256(f"{Path(root).resolve()}\0{rel}".encode()).hexdigest()[:20]
    content = hashlib.sha256(code_digest() + f"\0{rel}\0".encode() + (digest or hashlib.sha256(raw).digest()))
    return where, prefix, f"{prefix}-{content.hexdigest()[:40]}"


def load(root: Path, rel: str, raw: bytes) -> tuple[dict[str, list], list[Finding]] | None:
    """The records (by table) and findings reading `raw` gave, or None if not cached."""
    return load_entry(entry(root, rel, raw))


def load_entry(key: tuple[Path, str, str] | None) -> tuple[dict[str, list], list[Finding]] | None:
    if key is None:
        return None
    where, _, name = key
    try:
        stored = pickle.loads((where / f"{name}.pickle").read_bytes())
        records = {table: _records(table, stored["rel"], *stored["records"][table]) for table in TABLES}
        return records, [Finding(*f) for f in stored["findings"]]
    except Exception:  # noqa: BLE001 - missing, unreadable or from another layout: read the file instead
        return None


def _records(name: str, rel: str, columns: list[tuple], lines: list[int]) -> list[Any]:
    """Records are named tuples: made in C from their field columns, then their sources."""
    if not lines:
        return []
    sources = map(tuple.__new__, repeat(Source), zip(repeat(rel), lines, repeat(0)))
    return list(map(tuple.__new__, repeat(TABLES[name].model), zip(*columns, sources)))


def store_entry(key: tuple[Path, str, str] | None, rel: str, records: dict[str, list], findings: list[Finding]) -> None:
    """Keep what reading the file gave, replacing what an earlier content of it gave."""
    if key is None:
        return
    where, prefix, name = key
    stored = {
        "rel": rel,
        "records": {t: _columns(rs) for t, rs in records.items()},
        "findings": [(f.code, f.level, f.message, f.where) for f in findings],
    }
    try:
        where.mkdir(parents=True, exist_ok=True)
        temp = where / f"{name}.{os.getpid()}.tmp"
        temp.write_bytes(pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temp, where / f"{name}.pickle")
        _remove_others(where, prefix, "pickle", f"{name}.pickle")
    except OSError:  # a read-only or full disk: no cache, same results
        pass


def _columns(records: list[Any]) -> tuple[list[tuple], list[int]]:
    """(one tuple per field but `source`, the line of each record): records are tuples, `source` last."""
    if not records:
        return [], []
    *fields, sources = zip(*records)
    return fields, list(map(_LINE, sources))


def _remove_others(where: Path, prefix: str, suffix: str, keep: str) -> None:
    for old in where.glob(f"{prefix}-*.{suffix}"):
        if old.name != keep:
            old.unlink(missing_ok=True)
