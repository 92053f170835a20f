"""Lossless export and load of a book: every record as written, as NDJSON (`gkcli export`, `gkcli load`).

One JSON object per line: `{"table": <ledger table>, ...}` with the fields the ledger table
has (`ledger.schema.TABLES`, written by `to_toml_fields`): dates as `YYYY-MM-DD`, amounts as
exact decimal text, booleans and integers as such. Records are the ones the ledgers hold, not
the corrected book: a correction or a void is a record of its own, so history survives a move.
An old id-less event carries the id derived for it (`event_ids`), which corrections name.
The book's own working days (`holidays.toml`) follow, one day a line (tables `holiday`,
`workday`) and one line per year the file describes completely (`holiday_year`).

Loading validates every line first, skips what the book already holds (same id and content,
or for records without an id the same fact, as many times as it is there) and writes the rest
in one batch through the guard rails: all of it, or nothing.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from . import personal
from .errors import ERROR, Finding, GkcliError, Source
from .event_ids import with_ids
from .ledger import layout
from .ledger.schema import TABLES, build, to_toml_fields

TABLE_KEY = "table"
HOLIDAY, WORKDAY, HOLIDAY_YEAR = "holiday", "workday", "holiday_year"  # holidays.toml: not ledger tables
CALENDAR_TABLES = (HOLIDAY, WORKDAY, HOLIDAY_YEAR)
ID_TABLES = ("case", "event", "review")  # tables whose `id` names the record itself (elsewhere it names the one corrected)
LOAD_CODE = "L3"  # the reading code for a line that cannot be a record (as for a ledger block)


class Raw(NamedTuple):
    """A book's records as written, in reading order, and its working days."""

    records: list[tuple[str, Any]]
    days: list[Any]  # model.CalendarDay
    years: tuple[int, ...]  # years holidays.toml describes completely
    findings: list[Finding]


def read_raw(root: Path) -> Raw:
    """Every record of every ledger file as written (no correction applied), file by file and
    line by line within a file; id-less events get their derived ids as the reader gives them."""
    from .ledger.holidays import read_holidays
    from .ledger.ledger_file import read_file

    records: list[tuple[str, Any]] = []
    findings: list[Finding] = []
    for path in layout.ledger_files(root):
        found, problems = read_file(root, path.relative_to(root).as_posix(), path.read_bytes())
        findings += problems
        records += sorted(((name, r) for name, rs in found.items() for r in rs), key=lambda item: item[1].source.line)
    events = [r for name, r in records if name == "event"]
    if not all(e.id for e in events):
        ided = iter(with_ids(events))
        records = [(name, next(ided) if name == "event" else r) for name, r in records]
    days, years, calendar_findings = read_holidays(root)
    return Raw(records, list(days), years, findings + calendar_findings)


def _refuse_blocking(findings: list[Finding], what: str) -> None:
    from .ledger.ledger_file import BLOCKING

    bad = [f for f in findings if f.level == ERROR and f.code in BLOCKING]  # as `loader.blocking`, without loading the checks
    if bad:
        raise GkcliError(f"{what}有 {len(bad)} 处错误，无法使用；请修正后再试（gkcli check 可列出全部问题）", findings=tuple(bad))


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def record_object(table: str, record: Any, with_personal: bool = True) -> dict[str, Any]:
    """One export line's object: the table, then the fields as the ledger writes them."""
    fields = to_toml_fields(TABLES[table], record)
    out: dict[str, Any] = {TABLE_KEY: table}
    for key, value in fields.items():
        if not with_personal and table == "case" and key in personal.FIELDS:
            continue
        out[key] = _json_value(value)
    return out


def _calendar_objects(raw: Raw, year: int | None) -> Iterator[dict[str, Any]]:
    for day in raw.days:
        if year is None or day.date.year == year:
            item = {TABLE_KEY: WORKDAY if day.workday else HOLIDAY, "date": day.date.isoformat()}
            if day.name:
                item["name"] = day.name
            yield item
    for y in raw.years:
        if year is None or y == year:
            yield {TABLE_KEY: HOLIDAY_YEAR, "year": y}


def export_objects(root: Path, year: int | None = None, with_personal: bool = True) -> Iterator[dict[str, Any]]:
    """Every record of the book (of `year`: those whose own date is in it) and its working days;
    refused like `report` when reading left records out."""
    from .ledger.write import record_date

    raw = read_raw(root)
    _refuse_blocking(raw.findings, "账本")
    for table, record in raw.records:
        if year is None or record_date(table, record).year == year:
            yield record_object(table, record, with_personal)
    yield from _calendar_objects(raw, year)


def export_text(root: Path, year: int | None = None, with_personal: bool = True) -> tuple[str, int]:
    """The NDJSON text, and how many of its cases carry personal data."""
    lines, personal_cases = [], 0
    for item in export_objects(root, year, with_personal):
        personal_cases += item[TABLE_KEY] == "case" and any(f in item for f in personal.FIELDS)
        lines.append(json.dumps(item, ensure_ascii=False) + "\n")
    return "".join(lines), personal_cases


# --- load -------------------------------------------------------------------------------------


class Loaded(NamedTuple):
    new: list[tuple[str, Any]]  # ledger records written (or to be written), in input order
    days: list[Any]  # working days added to holidays.toml
    years: list[int]  # years added to holidays.toml's `years`
    present: int  # input lines the book already held
    written: dict[Path, int]  # ledger file -> records appended


def _calendar_item(data: dict[str, Any], where: str) -> Any:
    """A `holiday`/`workday` line → model.CalendarDay; a `holiday_year` line → the year."""
    from .ledger.holidays import _TABLES as CALENDAR
    from .ledger.schema import _date, _year
    from .model import CalendarDay

    table = data.pop(TABLE_KEY)
    if table == HOLIDAY_YEAR:
        unknown = [k for k in data if k != "year"]
        if unknown:
            raise GkcliError(f"[[{table}]] 有未知字段「{unknown[0]}」", where=where)
        if "year" not in data:
            raise GkcliError(f"[[{table}]] 缺少必填字段 year", where=where)
        return _year(data["year"], "year")
    if "end" in data or "note" in data:
        raise GkcliError(f"[[{table}]] 有未知字段「{'end' if 'end' in data else 'note'}」（每行一天）", where=where)
    built = build(CALENDAR[table], data, Source(where))
    _raise_built(table, built, where)
    return CalendarDay(_date(data["date"], "date"), table == WORKDAY, data.get("name", ""), Source(where))


def _raise_built(table: str, built: Any, where: str) -> None:
    if built.missing:
        raise GkcliError(f"[[{table}]] 缺少必填字段 {'、'.join(built.missing)}", where=where)
    if built.bad:
        exc = built.bad[0]
        raise GkcliError(f"[[{table}]] 字段 {exc.where}：{exc.message}", where=where)
    if built.unknown:
        raise GkcliError(f"[[{table}]] 有未知字段「{built.unknown[0]}」（载入时不能丢弃任何字段）", where=where)


def parse_lines(text: str, origin: str) -> list[tuple[str, Any]]:
    """Every line of an export → (table, record), each checked as the reader checks a ledger
    block (`schema.build`); the first bad line raises, naming origin:line, before anything is written."""
    from .bulk.parse import parse

    if text.strip() and text.lstrip()[:1] != "{":
        line = text[: len(text) - len(text.lstrip())].count("\n") + 1
        raise GkcliError("不是 gkcli export 输出的 NDJSON：每行应为一个 JSON 对象", where=f"{origin}:{line}")
    out: list[tuple[str, Any]] = []
    for item in parse(text, "ndjson", origin):
        data = dict(item.fields)
        table = data.get(TABLE_KEY)
        if not isinstance(table, str) or (table not in TABLES and table not in CALENDAR_TABLES):
            shown = "缺少 table 字段" if table is None else f"未知的表「{table}」"
            raise GkcliError(f"{shown}；可选：{'、'.join((*TABLES, *CALENDAR_TABLES))}", where=item.where)
        fraction = next((key for key, value in data.items() if isinstance(value, Decimal)), None)
        if fraction is not None:  # an amount is exact text, as a ledger holds it (a JSON fraction may already be rounded)
            raise GkcliError(f"字段 {fraction} 的数值请写成带引号的文本（如 \"1234.56\"），以免舍入误差", where=item.where)
        if table in CALENDAR_TABLES:
            out.append((table, _calendar_item(data, item.where)))
            continue
        del data[TABLE_KEY]
        built = build(TABLES[table], data, Source(item.where))
        _raise_built(table, built, item.where)
        if table == "event" and not built.record.id:  # an id-less block would shift the ids derived for old ones
            raise GkcliError("[[event]] 缺少必填字段 id（gkcli export 为每个事项都写出编号）", where=item.where)
        out.append((table, built.record))
    return out


def _key(table: str, record: Any) -> tuple[str, Any]:
    return table, record  # records compare without their source (model._same_fact)


def plan_load(root: Path, items: list[tuple[str, Any]]) -> tuple[list[tuple[str, Any]], list[Any], list[int], int]:
    """(ledger records to write, days to add, years to add, lines already present); raises on a
    conflict: an id the book or the input already uses for another record, a day the book has
    the other way round (working day / day off)."""
    raw = read_raw(root)
    _refuse_blocking(raw.findings, "目标账本")
    held = Counter(_key(t, r) for t, r in raw.records)
    by_id = {(t, r.id): r for t, r in raw.records if t in ID_TABLES}
    days = {d.date: d for d in raw.days}
    years = set(raw.years)
    new: list[tuple[str, Any]] = []
    new_days: list[Any] = []
    new_years: list[int] = []
    present = 0
    for table, record in items:
        if table == HOLIDAY_YEAR:
            if record in years:
                present += 1
            else:
                years.add(record)
                new_years.append(record)
            continue
        if table in (HOLIDAY, WORKDAY):
            there = days.get(record.date)
            if there is None:
                days[record.date] = record
                new_days.append(record)
            elif there.workday != record.workday:
                kind = lambda d: "工作日" if d.workday else "休息日"  # noqa: E731
                raise GkcliError(
                    f"{record.date} 在本账本的节假日安排中是{kind(there)}（{there.source}），载入内容却是{kind(record)}；未写入任何内容",
                    where=str(record.source),
                )
            else:
                present += 1
            continue
        key = _key(table, record)
        if held[key] > 0:
            held[key] -= 1
            present += 1
            continue
        if table in ID_TABLES:
            other = by_id.get((table, record.id))
            if other is not None:
                raise GkcliError(
                    f"编号 {record.id} 在账本中已是另一条内容不同的 [[{table}]] 记录（{other.source}）；未写入任何内容",
                    where=str(record.source),
                    hint="两个账本的编号冲突：请先核对两边的记录，不能直接合并。",
                )
            by_id[(table, record.id)] = record
        new.append((table, record))
    return new, new_days, new_years, present


def load(root: Path, text: str, origin: str, entry: Any, dry_run: bool = False) -> Loaded:
    """Validate every line, then under the book lock skip what the book holds and write the rest
    in one batch through the guard rails (`guard.admit`): all of it, or nothing."""
    from .guard import admit, append_admitted
    from .ledger import write

    items = parse_lines(text, origin)
    with write.book_lock(root):
        new, days, years, present = plan_load(root, items)
        admitted = admit(root, new, entry) if new else []
        if dry_run:
            return Loaded(new, days, years, present, {})
        undo = _write_calendar(root, days, years) if days or years else None
        try:
            written = append_admitted(root, new, admitted) if admitted else {}
        except BaseException:
            if undo is not None:
                undo()
            raise
    return Loaded(new, days, years, present, written)


# --- holidays.toml ----------------------------------------------------------------------------


def _calendar_block(day: Any) -> str:
    name = f"name = {json.dumps(day.name, ensure_ascii=False)}\n" if day.name else ""
    return f"[[{WORKDAY if day.workday else HOLIDAY}]]\ndate = {day.date.isoformat()}\n{name}"


def _write_calendar(root: Path, days: list[Any], years: list[int]):
    """Add days (and completely described years) to holidays.toml, replaced atomically; returns
    how to put the file back as it was."""
    from .ledger import parser

    path = root / layout.HOLIDAYS_NAME
    before = path.read_bytes() if path.exists() else None
    text = before.decode("utf-8-sig") if before is not None else "# 本账本的节假日安排（由 gkcli load 写入）：[[holiday]] 为休息日，[[workday]] 为工作日。\n"
    if years:
        if before is not None and "years" in parser.strict_loads(text):
            raise GkcliError(
                f"载入内容说明 {'、'.join(map(str, years))} 年的节假日安排是完整的，但本账本的 {layout.HOLIDAYS_NAME} 已有 years；未写入任何内容",
                where=layout.HOLIDAYS_NAME,
                hint=f"请手工在 {layout.HOLIDAYS_NAME} 的 years 中加上这些年份后重新载入。",
            )
        head = f"years = [{', '.join(map(str, sorted(years)))}]\n"
        text = head + text if before is None else head + "\n" + text
    blocks = "\n".join(_calendar_block(d) for d in days)
    if blocks:
        text = text + ("" if text.endswith("\n") else "\n") + "\n" + blocks
    _replace(path, text.encode("utf-8"))

    def undo() -> None:
        if before is None:
            path.unlink(missing_ok=True)
        else:
            _replace(path, before)

    return undo


def _replace(path: Path, data: bytes) -> None:
    from .ledger.durable import fsync_dir, write_all

    fd, tmp = tempfile.mkstemp(prefix=".gkcli-", dir=path.parent)
    try:
        write_all(fd, data)
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise

