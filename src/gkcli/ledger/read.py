"""Read a book: `gkcli.toml`, every ledger file and `holidays.toml` → a `Book` plus reading findings.

Each file is read by `ledger_file`, a large book's shared between two cores by `parallel`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import chain
from operator import attrgetter
from pathlib import Path

from .. import corrections
from ..allocation import many_objects
from ..event_ids import with_ids
from ..errors import Finding, GkcliError
from ..model import Book, BookConfig, Void
from . import layout, parallel, parser
from .holidays import read_holidays
from .ledger_file import BLOCKING, FIELDS, STRUCTURE, SYNTAX, TORN, VALUE, Reading, in_line_order, read_file, read_ledger
from .schema import CORRECTION_TABLES, STEP_TABLES, TABLES

__all__ = ["BLOCKING", "FIELDS", "STRUCTURE", "SYNTAX", "TORN", "VALUE", "Contents", "load_config", "read_book", "read_ledger"]


def load_config(root: Path) -> BookConfig:
    path = root / layout.CONFIG_NAME
    try:
        data = parser.strict_loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise GkcliError(f"{root} 不是 gkcli 账本（缺少 {layout.CONFIG_NAME}）", hint="用 gkcli init 创建账本。") from None
    except (UnicodeDecodeError, parser.ParseError) as exc:
        raise GkcliError(f"配置文件无法读取：{exc}", where=str(path)) from None
    book = data.get("book")
    if not isinstance(book, dict) or not isinstance(book.get("agency"), str) or not book["agency"].strip():
        raise GkcliError("配置文件缺少 [book] 中的 agency（机关名称）", where=str(path))
    kind = book.get("kind", "government")
    if kind not in ("government", "department"):
        raise GkcliError(f"机关类型 kind 应为 government 或 department，而不是 {kind!r}", where=str(path))
    report = data.get("report", {})
    decimals = report.get("fee_decimals") if isinstance(report, dict) else report
    if decimals is not None and (not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= 6):
        raise GkcliError("[report] fee_decimals 应为 0 到 6 之间的整数", where=str(path))
    config = BookConfig(agency=book["agency"].strip(), kind=kind, schema=book.get("schema", 1), fee_decimals=decimals)
    if "notices" in data:
        from ..notices.settings import read_settings

        config = read_settings(config, data["notices"], str(path))
    return config


_ID = attrgetter("id")
_PLACE = attrgetter("source.path", "source.line")  # reading order across files (`layout.ledger_files`)

# The ledger files of a book as already read: path in the book -> (bytes, sha256 of the bytes).
Contents = dict[str, tuple[bytes, bytes]]


def read_book(root: Path, today: date | None = None, contents: Contents | None = None) -> tuple[Book, list[Finding]]:
    """The book as of `today` (None: checks against today's date are skipped). With `contents`,
    the ledgers are exactly those bytes (read and hashed once, by `analysis_cache`); they are
    let go of as they are read."""
    with many_objects():  # a large book is hundreds of thousands of records
        return _read_book(root, today, contents)


def _read_book(root: Path, today: date | None, contents: Contents | None) -> tuple[Book, list[Finding]]:
    config = load_config(root)
    files = list(_ledger_bytes(root, contents))
    parts = _read_files(root, files)
    records = {name: list(chain.from_iterable(found[name] for found, _ in parts)) for name in TABLES if name not in STEP_TABLES}
    findings = list(chain.from_iterable(found for _, found in parts))
    calendar, calendar_years, calendar_findings = read_holidays(root)
    events = records["event"]
    book = Book(
        config=config,
        root=str(root),
        cases=tuple(records["case"]),
        steps=tuple(chain.from_iterable(in_line_order(found) for found, _ in parts)),
        events=tuple(with_ids(events) if not all(map(_ID, events)) else events),
        reviews=tuple(records["review"]),
        decisions=tuple(records["decision"]),
        calendar=calendar,
        calendar_years=calendar_years,
        amendments=tuple(chain.from_iterable(records[t.name] for t in CORRECTION_TABLES if t.model is not Void)),
        voids=tuple(chain.from_iterable(records[t.name] for t in CORRECTION_TABLES if t.model is Void)),
        closings=tuple(sorted(chain(records["close"], records["reopen"]), key=_PLACE)),
        notices=tuple(records["notice"]),
        today=today,
    )
    book, correction_findings = corrections.apply(book)
    return book, findings + correction_findings + calendar_findings


def _read_files(root: Path, files: list[tuple[str, bytes, bytes]]) -> list[Reading]:
    """The reading of each file, in order; large ones shared between two cores (ledger/parallel.py)."""
    shared = parallel.read_files(root, files)
    if shared is not None:
        return shared
    parts = []
    for i, file in enumerate(files):
        parts.append(read_file(root, *file))
        files[i] = ("", b"", b"")  # let go of the bytes
    return parts


def _ledger_bytes(root: Path, contents: Contents | None) -> Iterator[tuple[str, bytes, bytes]]:
    """(path in the book, bytes, their sha256 or b"" when not known) of each ledger file, in
    reading order."""
    if contents is None:
        for path in layout.ledger_files(root):
            yield path.relative_to(root).as_posix(), path.read_bytes(), b""
        return
    while contents:
        rel = next(iter(contents))
        yield rel, *contents.pop(rel)
