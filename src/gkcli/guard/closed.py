"""A closed year's figures change only deliberately (`--reopen`).

Exact: the closed years' tables are computed from the book without and with the new records
(corrections applied, as a reader would), and records that change no closed-year cell pass.
Cheap: a book with no close record costs a listing of `ledger/*/closes.toml`; a book whose
closed years all come before the earliest year the new records could touch costs the reading
of those small files and a text look-up or two. Only otherwise is the book read and tallied.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import GkcliError
from ..ledger import layout
from ..model import Close, Reopen

NEVER = 10**4  # a year no record can touch
UNTALLIED = frozenset({"close", "reopen", "notice"})  # records that change no table (closing a year, a letter sent)
UNKNOWN = 0  # the years a record may touch could not be bounded: every closed year is checked


def reopenings(root: Path, records: list[tuple[str, Any]], entry) -> list[tuple[str, Any]]:
    """The reopen records to write before `records`: one per closed year whose tables they
    change, when `entry.reopen` gives a reason; refuses them (exit 2, naming the year and the
    cells) when it does not."""
    files = layout.ledger_files(root, layout.FILE_OF_TABLE["close"])
    if not files:
        return []
    from .. import closing

    closed = closing.closed_years(read_closings(root, files))
    if not closed:
        return []
    earliest = min((earliest_year(root, table, record, records) for table, record in records), default=NEVER)
    touched = {year: close for year, close in closed.items() if year >= earliest}
    if not touched:
        return []
    changed = changed_cells(root, records, sorted(touched))
    if not changed:
        return []
    if entry.reopen:
        return [("reopen", Reopen(year, entry.today, entry.reopen)) for year in sorted(changed)]
    raise refusal(changed, touched)


def read_closings(root: Path, files: list[Path]) -> list[Close | Reopen]:
    """Every close and reopen record of the book, in the order they were made (reading order).
    A file that does not parse whole is read as the full reader reads it (block by block)."""
    from ..errors import Source
    from ..ledger import parser
    from ..ledger.schema import TABLES, build

    found: list[Close | Reopen] = []
    for path in files:
        raw = path.read_bytes()
        rel = path.relative_to(root).as_posix()
        try:
            text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
            data = parser.strict_loads(text)
        except (UnicodeDecodeError, parser.ParseError):
            found += _read_closings_slowly(raw, rel)
            continue
        heads: dict[str, list[int]] = {}
        for number, line in enumerate(text.split("\n"), 1):
            if line.startswith("[["):
                heads.setdefault(line.strip().strip("[]").strip(), []).append(number)
        mine = []
        for table in ("close", "reopen"):
            blocks = data.get(table) or []
            lines = heads.get(table, [])
            for i, block in enumerate(blocks if isinstance(blocks, list) else []):
                if isinstance(block, dict):
                    record = build(TABLES[table], block, Source(rel, lines[i] if i < len(lines) else 0)).record
                    if record is not None:
                        mine.append(record)
        found += sorted(mine, key=lambda r: r.source.line)
    return found


def _read_closings_slowly(raw: bytes, rel: str) -> list[Close | Reopen]:
    from ..ledger.ledger_file import read_ledger
    from ..ledger.schema import TABLES

    records: dict[str, list[Any]] = {name: [] for name in TABLES}
    read_ledger(raw, rel, records, [])
    return sorted(records["close"] + records["reopen"], key=lambda r: r.source.line)


# --- which years a new record could touch ------------------------------------------------------


def earliest_year(root: Path, table: str, record: Any, batch: list[tuple[str, Any]]) -> int:
    """A year before which `record` cannot change any table (conservative): the year of its own
    dates and, for a step, decision or correction, of the record it concerns as it stands."""
    from ..ledger.schema import STEP_TABLES

    if table in UNTALLIED:
        return NEVER
    if table == "case":
        return _min_year(record.received, record.confirmed)
    if table == "event":
        return record.date.year
    if table == "review":
        return record.filed.year
    own = {
        "case_amend": lambda: _min_year(record.received, record.confirmed),
        "event_amend": lambda: _min_year(record.event_date),
        "review_amend": lambda: _min_year(record.filed),
    }.get(table, lambda: _min_year(getattr(record, "date", None)))()
    if table in STEP_TABLES:
        target, ident = "case", record.case
    elif table == "decision":
        target, ident = "review", record.review
    elif table.endswith("_void"):
        target, ident = record.target, record.id
        own = NEVER  # the day a void is entered says nothing about the years it changes
    elif table.endswith("_amend"):
        target, ident = table.removesuffix("_amend"), record.id
    else:
        return UNKNOWN
    return min(own, _target_year(root, target, ident, batch))


def _min_year(*days) -> int:
    years = [d.year for d in days if d is not None]
    return min(years) if years else NEVER


# target -> (its table, the date fields of the record, of its corrections)
_TARGET_DATES = {
    "case": ("case", ("received", "confirmed"), ("received", "confirmed")),
    "review": ("review", ("filed",), ("filed",)),
    "event": ("event", ("date",), ("event_date",)),
}


def _target_year(root: Path, target: str, ident: str, batch: list[tuple[str, Any]]) -> int:
    """The earliest year among the dates the record `ident` has had (as entered and as corrected)."""
    from ..ledger import lookup

    table, fields, corrected = _TARGET_DATES[target]
    found = [r for t, r in batch if t == table and r.id == ident]
    found += lookup.find_all(root, table, "id", ident)
    if not found:
        return UNKNOWN  # e.g. an old event known by a derived id: not bounded by a text search
    amends = [r for t, r in batch if t == f"{target}_amend" and r.id == ident] + lookup.find_all(root, f"{target}_amend", "id", ident)
    days = [getattr(r, f) for r in found for f in fields] + [getattr(a, f) for a in amends for f in corrected]
    return _min_year(*days)


# --- the exact comparison ----------------------------------------------------------------------


def changed_cells(root: Path, records: list[tuple[str, Any]], years: list[int]) -> dict[int, list]:
    """Closed year -> the cells `records` would change (before → after), for those they change."""
    from .. import closing, corrections
    from ..ledger.read import read_book
    from ..tally import tally

    book, _ = read_book(root)
    after, _ = corrections.apply(with_records(root, book, records))
    changed = {}
    for year in years:
        cells = closing.drift(closing.figures_of(tally(book, year)), closing.figures_of(tally(after, year)))
        if cells:
            changed[year] = cells
    return changed


def with_records(root: Path, book, records: list[tuple[str, Any]]):
    """`book` (as read, corrected) with `records` where a reading after their append would place them."""
    from ..errors import Source
    from ..ledger.schema import STEP_TABLES
    from ..ledger.write import record_date
    from ..model import CaseAmend, EventAmend, ReviewAmend

    fields = {"case": "cases", "event": "events", "review": "reviews", "decision": "decisions"}
    fields |= dict.fromkeys(STEP_TABLES, "steps")
    fields |= dict.fromkeys(("case_amend", "event_amend", "review_amend"), "amendments")
    fields |= dict.fromkeys(("case_void", "event_void", "review_void"), "voids")
    added: dict[str, list[Any]] = {}
    for i, (table, record) in enumerate(records):
        name = fields.get(table)
        if name is None:
            continue
        path = layout.ledger_path(root, table, record_date(table, record)).relative_to(root).as_posix()
        added.setdefault(name, []).append(record._replace(source=Source(path, 10**9 + i)))
    kinds = {CaseAmend: 0, EventAmend: 1, ReviewAmend: 2}  # amendments are read kind by kind (ledger/read.py)

    def place(r: Any) -> tuple:
        return (kinds.get(type(r), 0), r.source.path, r.source.line)

    return book._replace(**{name: tuple(sorted((*getattr(book, name), *new), key=place)) for name, new in added.items()})


def refusal(changed: dict[int, list], closes: dict[int, Close]) -> GkcliError:
    lines = []
    for year, cells in sorted(changed.items()):
        close = closes[year]
        lines.append(f"{year} 年已于 {close.date} 定稿（{close.source}），这次登记会改变其统计表中 {len(cells)} 个单元格（定稿 → 更改后）：")
        lines += [f"  {cell}" for cell in cells[:20]]
        if len(cells) > 20:
            lines.append(f"  ……（另有 {len(cells) - 20} 个）")
    years = "、".join(str(y) for y in sorted(changed))
    first = min(changed)
    return GkcliError(
        "\n".join(lines) + "\n本次未写入任何记录",
        hint=f"已定稿（已公开）的年度数字不应悄悄改变。如确需更改，请在命令后加 --reopen \"原因\"（同时登记重新打开 {years} 年），"
        f"或先运行 gkcli reopen {first} --reason \"原因\"。",
    )
