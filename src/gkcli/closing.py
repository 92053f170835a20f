"""Closing a published year (定稿): its figures, their fingerprint, the state of each year, drift.

The figures of a year are its three tables (the `proactive`, `applications` and `review`
parts of the report JSON) as canonical JSON; the fingerprint is the sha256 of that text.
A `Close` record keeps both; a later `Reopen` of the same year lets its figures change
again until the year is closed anew. The last closing record of a year decides its state.

Pure: nothing here reads files; the tally and the JSON shape are imported when figures are made.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from . import spec
from .model import Close, Reopen

if TYPE_CHECKING:
    from .model import Book
    from .tables import Tables

PARTS = ("proactive", "applications", "review")  # the report JSON's parts that are the three tables
TABLE_NAMES = {"proactive": "表一", "applications": "表二", "review": "表三"}


def figures_of(tables: Tables) -> dict[str, Any]:
    """The three tables as the report JSON holds them."""
    from .render.json_out import tables_json

    data = tables_json(tables)
    return {part: data[part] for part in PARTS}


def canonical(figures: dict[str, Any]) -> str:
    import json

    return json.dumps(figures, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def fingerprint(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def year_figures(book: Book, year: int) -> str:
    """The canonical figures of `year` in `book` (the text a close record keeps)."""
    from .tally import tally

    return canonical(figures_of(tally(book, year)))


def states(closings: Iterable[Close | Reopen]) -> dict[int, Close | Reopen]:
    """Year -> the record that decides its state: the last close or reopen made for it."""
    found: dict[int, Close | Reopen] = {}
    for record in closings:
        found[record.year] = record
    return found


def closed_years(closings: Iterable[Close | Reopen]) -> dict[int, Close]:
    """Year -> its close record, for the years that are closed now."""
    return {year: r for year, r in states(closings).items() if type(r) is Close}


class Cell(NamedTuple):
    """One cell whose value differs between two sets of figures."""

    name: str  # e.g. 表二 一、本年新收政府信息公开申请数量 · 自然人
    before: Any
    after: Any

    def __str__(self) -> str:
        return f"{self.name}：{_shown(self.before)} → {_shown(self.after)}"


def _shown(value: Any) -> str:
    return "（无）" if value is None else str(value)


def parse(figures: str) -> dict[str, Any] | None:
    """A close record's figures as data; None when the text is not figures at all (a hand edit)."""
    import json

    try:
        data = json.loads(figures)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def drift(recorded: dict[str, Any], current: dict[str, Any]) -> list[Cell]:
    """Every cell whose value in `current` differs from `recorded`, named from spec, in table order."""
    return [Cell(name, a, b) for name, a, b in _cells(recorded, current) if a != b]


def _cells(recorded: dict[str, Any], current: dict[str, Any]) -> Iterable[tuple[str, Any, Any]]:
    p0, p1 = recorded.get("proactive") or {}, current.get("proactive") or {}
    block_rows = {row.code: (row, block) for block in spec.PROACTIVE_BLOCKS for row in block.rows}
    for row in spec.STOCK_ROWS:
        item, block = block_rows[row]
        for column in block.columns:
            yield _name("proactive", item.label, column.label), _get(p0, row, column.code), _get(p1, row, column.code)
    for row in spec.DECISION_ROWS:
        item, block = block_rows[row]
        yield _name("proactive", item.label, block.columns[0].label), _get(p0, row), _get(p1, row)
    item, block = block_rows["fees"]
    yield _name("proactive", item.label, block.columns[0].label), _get(p0, "fees_wan"), _get(p1, "fees_wan")
    a0, a1 = _rows(recorded.get("applications")), _rows(current.get("applications"))
    for r, row in enumerate(spec.APPLICATION_ROWS):
        for c, column in enumerate(spec.APPLICANT_COLUMNS):
            yield _name("applications", row.label, column.label), _at(a0.get(row.code), c), _at(a1.get(row.code), c)
    r0, r1 = recorded.get("review") or {}, current.get("review") or {}
    for group in spec.REVIEW_GROUPS:
        label = f"{spec.LITIGATION_HEADER}{group.label}" if group.parent == "litigation" else group.label
        for c, column in enumerate(spec.REVIEW_COLUMNS):
            yield _name("review", label, column.label), _at(_get(r0, group.code), c), _at(_get(r1, group.code), c)


def _name(part: str, row: str, column: str) -> str:
    return f"{TABLE_NAMES[part]} {row} · {column}"


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _rows(part: Any) -> dict[str, Any]:
    rows = _get(part, "rows")
    return rows if isinstance(rows, dict) else {}


def _at(row: Any, i: int) -> Any:
    return row[i] if isinstance(row, list) and i < len(row) else None


# --- what a year's state is, for check and report --------------------------------------------


class Status(NamedTuple):
    """A year's closing as a report shows it: closed and equal, closed and drifted, or reopened."""

    kind: str  # CLOSED, DRIFTED or REOPENED
    year: int
    date: str  # ISO date of the deciding record
    where: str  # its file:line
    reason: str = ""  # REOPENED: why
    cells: tuple[Cell, ...] = ()  # DRIFTED: what changed since the close
    unreadable: bool = False  # DRIFTED: the close record's figures or fingerprint do not read

    def text(self) -> str:
        """The line a report shows."""
        if self.kind == CLOSED:
            return f"定稿于 {self.date}（{self.where}）"
        if self.kind == REOPENED:
            return f"已于 {self.date} 重新打开：{self.reason}（{self.where}）"
        if self.unreadable:
            return f"已与定稿不一致：{self.date} 的定稿记录（{self.where}）的数字或指纹无法核对"
        shown = "；".join(str(c) for c in self.cells[:5]) + ("；……" if len(self.cells) > 5 else "")
        return f"已与定稿不一致：与 {self.date} 的定稿（{self.where}）相比，{len(self.cells)} 个单元格不同：{shown}"

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"status": self.kind, "year": self.year, "date": self.date, "where": self.where, "text": self.text()}
        if self.kind == REOPENED:
            data["reason"] = self.reason
        if self.kind == DRIFTED:
            data["cells"] = [{"cell": c.name, "closed": c.before, "current": c.after} for c in self.cells]
        return data


CLOSED, DRIFTED, REOPENED = "closed", "drifted", "reopened"


def status(closings: Iterable[Close | Reopen], tables: Tables) -> Status | None:
    """The state of the tables' year; None when it was never closed."""
    record = states(closings).get(tables.year)
    if record is None:
        return None
    where = str(record.source)
    if type(record) is Reopen:
        return Status(REOPENED, record.year, record.date.isoformat(), where, reason=record.reason)
    recorded = parse(record.figures)
    if recorded is None or fingerprint(record.figures) != record.fingerprint:
        return Status(DRIFTED, record.year, record.date.isoformat(), where, unreadable=True)
    cells = drift(recorded, figures_of(tables))
    if cells:
        return Status(DRIFTED, record.year, record.date.isoformat(), where, cells=tuple(cells))
    return Status(CLOSED, record.year, record.date.isoformat(), where)


def last_close(closings: Iterable[Close | Reopen], year: int) -> Close | None:
    """The last close record of `year`, even when the year was reopened since: what was published."""
    found = None
    for record in closings:
        if record.year == year and type(record) is Close:
            found = record
    return found


def carried_mismatch(closings: Iterable[Close | Reopen], tables: Tables) -> list[Cell] | None:
    """C2: the cells where the year's 上年结转 differs from the 结转下年度 the previous year was
    last closed with, reopened since or not (before: closed carried_out, after: current
    carried_in); None when the previous year was never closed or its record does not read."""
    record = last_close(closings, tables.year - 1)
    recorded = parse(record.figures) if record is not None else None
    if recorded is None:
        return None
    carried_out = _rows(recorded.get("applications")).get("carried_out")
    carried_in = tables.row("carried_in")
    row = spec.by_code(spec.APPLICATION_ROWS)["carried_in"].label
    return [
        Cell(_name("applications", row, column.label), _at(carried_out, c), carried_in[c])
        for c, column in enumerate(spec.APPLICANT_COLUMNS)
        if _at(carried_out, c) != carried_in[c]
    ]


# --- check: C1 drift of a closed year, C2 上年结转 against the previous year's close ---------------

DRIFT_CODE = "C1"
CARRIED_CODE = "C2"


def check_closing(closings: Iterable[Close | Reopen], tables: Tables, previous: Tables | None = None) -> list:
    """C1 when the tables' year is closed and its tables differ from the close record; C2 when its
    上年结转 differs from the 结转下年度 the previous year was closed with."""
    from .errors import ERROR, WARNING, Finding

    closings = tuple(closings)
    found = []
    state = status(closings, tables)
    if state is not None and state.kind == DRIFTED:
        if state.unreadable:
            message = f"{state.year} 年已定稿，但定稿记录的数字或指纹无法核对（可能被手工改动）；请恢复该记录，或用 gkcli reopen {state.year} 说明原因后重新定稿"
        else:
            listed = "；".join(str(c) for c in state.cells)
            message = (
                f"{state.year} 年已于 {state.date} 定稿，但现在的统计表与定稿不一致（可能是手工改动或 git 合并所致），"
                f"{len(state.cells)} 个单元格不同（定稿 → 现在）：{listed}；如确需更改，请用 gkcli reopen {state.year} --reason 原因 登记"
            )
        found.append(Finding(DRIFT_CODE, ERROR, message, state.where))
    cells = carried_mismatch(closings, tables)
    if cells:
        record = last_close(closings, tables.year - 1)
        listed = "；".join(str(c) for c in cells)
        found.append(Finding(
            CARRIED_CODE, WARNING,
            f"{tables.year} 年的「上年结转」与 {record.year} 年定稿（{record.date}）的「结转下年度」不一致（定稿 → 现在）：{listed}",
            str(record.source),
        ))
    return found
