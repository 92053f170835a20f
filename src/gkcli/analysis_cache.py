"""The figures of a year's report, kept by a digest of everything they are computed from.

A report's figures are a pure function of the book's bytes (configuration, every ledger
file, holidays.toml), the year, gkcli's code, the TOML parser and Python in use, and the
working-day data of `chinesecalendar`.
Rendering the same year again — another format, a check by a reviewing office — then
costs a digest of the ledgers instead of a reading of the whole book. Only books whose
ledgers hold at least `MIN_BYTES` are kept (a smaller book is read as quickly); the digest is
taken whatever the size, so keeping an entry costs one write. The cache folder and `GKCLI_CACHE=0` are those of `ledger/cache.py`. Any change to any
input byte gives another digest, so a stale entry is never used; entries for the same book
and year that no longer match are removed when a new one is kept. An entry holds figures and
findings, no applicant's personal data (no finding repeats any); it is its owner's only (0600).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from .analysis import Analysis
from .ledger import cache, layout, parser
from .ledger.read import Contents

FORMAT = 2  # bump when what is stored changes
# About 250 cases: reading and analysing a book of this size takes ~10 ms, loading its entry
# ~1 ms. Far below the ledger cache's threshold: a roll-up reads hundreds of books of a few
# thousand cases each again and again, each in ~0.1 s (bench/rollup.py).
MIN_BYTES = 64 << 10


@lru_cache(maxsize=1)
def _calendar_data() -> bytes:
    """A digest of the installed `chinesecalendar` sources: its holiday tables decide deadlines."""
    found = find_spec("chinese_calendar")
    digest = hashlib.sha256()
    if found is not None and found.origin:
        for path in sorted(Path(found.origin).parent.glob("*.py")):
            digest.update(path.read_bytes())
    return digest.digest()


def _settings_digest(root: Path) -> bytes | None:
    """A digest of the book's own settings files (configuration, holidays), None when unreadable."""
    digest = hashlib.sha256()
    for path in (root / layout.CONFIG_NAME, root / layout.HOLIDAYS_NAME):
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raw = None
        except OSError:
            return None
        digest.update(b"\0-1\0" if raw is None else f"\0{len(raw)}\0".encode() + hashlib.sha256(raw).digest())
    return digest.digest()


def _key(root: Path, year: int, kind: str = "report") -> tuple[str, str, int, Contents, bytes] | None:
    """(prefix naming the book, year and kind of figures, full digest of every input, ledger bytes,
    the ledgers read, the digest of the settings files)."""
    settings = _settings_digest(root)
    if settings is None:
        return None
    code = f"\0{FORMAT}\0{parser.name()}\0{sys.version}\0{year}\0{kind}\0".encode()
    digest = hashlib.sha256(cache.code_digest() + _calendar_data() + code + settings)
    contents: Contents = {}
    resolved = str(Path(root).resolve())  # once: resolving a path costs as much as a digest of a small file
    for path in layout.ledger_files(root):
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        rel = path.relative_to(root).as_posix()
        contents[rel] = (raw, hashlib.sha256(raw).digest())
        digest.update(f"\0{rel}\0{len(raw)}\0".encode() + contents[rel][1])
    prefix = hashlib.sha256(f"{resolved}\0{year}\0{kind}".encode()).hexdigest()[:20]
    size = sum(len(raw) for raw, _ in contents.values())
    return prefix, f"{prefix}-{digest.hexdigest()[:40]}.analysis", size, contents, settings


def cached(root: Path, year: int, compute: Callable[[Contents | None], Analysis], kind: str = "report") -> Analysis:
    """`compute(contents)`, or what it gave before for exactly the same inputs. `contents` are the
    ledgers as read for the digest (None when the cache is off), so they are read only once.
    `kind` names what `compute` works out (a report's figures, a roll-up's): each kept apart."""
    where = cache.folder()
    key = _key(root, year, kind) if where is not None else None
    if key is None:
        return compute(None)
    prefix, name, size, contents, settings = key
    if size < MIN_BYTES:
        return compute(contents)
    found = _stored(where / name)
    if found is not None:
        return found
    result = compute(contents)
    if _settings_digest(root) != settings:  # the configuration or holidays changed meanwhile: not kept
        return result
    temp = where / f"{name}.{os.getpid()}.tmp"
    try:
        cache.private_folder(where)
        with cache.private_file(temp) as f:
            f.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temp, where / name)
        for old in where.glob(f"{prefix}-*.analysis"):
            if old.name != name:
                old.unlink(missing_ok=True)
    except OSError:  # a read-only or full disk: no cache, same results
        cache.discard(temp)
    return result


def _stored(path: Path) -> Analysis | None:
    try:
        found = pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - missing, cut short or from another layout: compute instead
        return None
    return found if isinstance(found, Analysis) else None
