"""Read a book's `holidays.toml`: days that override the State Council calendar.

The file is optional. `[[holiday]]` blocks (one day, or `date` … `end` inclusive) are
days off; `[[workday]]` blocks are working days (调休上班, or a closure cancelled);
`years = [2027]` says the file lists every holiday and make-up day of those years, so
the calendar may trust it for a year the `chinesecalendar` package does not know yet.
Problems become findings with file:line, as for ledgers; nothing here raises on content.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from ..errors import ERROR, Finding, Source
from ..model import CalendarDay
from . import layout, parser
from .ledger_file import FIELDS, STRUCTURE, SYNTAX, VALUE, header_lines, syntax_finding
from .schema import Field, Table, _date, _text, build

_RANGE = (Field("date", _date, True), Field("end", _date), Field("name", _text), Field("note", _text))
_TABLES = {"holiday": Table("holiday", dict, _RANGE), "workday": Table("workday", dict, _RANGE)}
MAX_RANGE_DAYS = 60


def read_holidays(root: Path) -> tuple[tuple[CalendarDay, ...], tuple[int, ...], list[Finding]]:
    """(days, years described completely, findings) of the book's holidays file."""
    path = root / layout.HOLIDAYS_NAME
    if not path.is_file():
        return (), (), []
    rel = layout.HOLIDAYS_NAME
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = parser.strict_loads(text)
    except UnicodeDecodeError:
        return (), (), [Finding(SYNTAX, ERROR, "文件不是 UTF-8 编码，无法读取；请用 UTF-8 保存", rel)]
    except parser.ParseError as exc:
        return (), (), [syntax_finding(exc, rel)]
    findings: list[Finding] = []
    years = _years(data.pop("years", []), rel, findings)
    lines = header_lines(text)
    days: list[CalendarDay] = []
    for name, blocks in data.items():
        table = _TABLES.get(name)
        if table is None or not isinstance(blocks, list) or not all(isinstance(b, dict) for b in blocks):
            findings.append(Finding(STRUCTURE, ERROR, f"节假日文件只能有 years、[[holiday]] 和 [[workday]]，而不是「{name}」", rel))
            continue
        at = lines.get(name, [])
        if len(at) != len(blocks):
            at = [0] * len(blocks)
        for block, line in zip(blocks, at):
            days += _days(table, block, Source(rel, line), findings)
    return tuple(days), years, findings


def _years(value: object, rel: str, findings: list[Finding]) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(isinstance(y, int) and not isinstance(y, bool) and 2000 <= y <= 2999 for y in value):
        findings.append(Finding(VALUE, ERROR, f"years 应为年份列表，如 years = [2027]，而不是 {value!r}", rel))
        return ()
    return tuple(sorted(set(value)))


def _days(table: Table, block: dict, source: Source, findings: list[Finding]) -> list[CalendarDay]:
    built = build(table, block, source)
    where = str(source)
    findings += [Finding(FIELDS, ERROR, f"[[{table.name}]] 缺少必填字段 {name}", where) for name in built.missing]
    findings += [Finding(VALUE, ERROR, f"[[{table.name}]] 字段 {exc.where}：{exc.message}", where) for exc in built.bad]
    findings += [Finding(FIELDS, ERROR, f"[[{table.name}]] 有未知字段「{key}」", where) for key in built.unknown]
    if built.record is None:
        return []
    first, last = block["date"], block.get("end", block["date"])
    first, last = _date(first, "date"), _date(last, "end")
    if last < first or (last - first).days > MAX_RANGE_DAYS:
        findings.append(Finding(VALUE, ERROR, f"[[{table.name}]] 的 end {last} 应在 date {first} 之后 {MAX_RANGE_DAYS} 天以内", where))
        return []
    name = block.get("name", "")
    count = (last - first).days + 1
    return [CalendarDay(first + timedelta(days=i), table.name == "workday", name, source) for i in range(count)]
