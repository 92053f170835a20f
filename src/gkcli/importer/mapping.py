"""A mapping file applied to a sheet: which row holds the headings, which column is which
field, and what the office's own words mean. Produces bulk input items, one per row.

Dates arrive as real dates (a formatted Excel cell), as Excel serial numbers (an
unformatted one), or as text in any form `coerce.parse_date` knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from .. import coerce
from ..errors import GkcliError
from . import values as wording
from .sheet import Sheet

# Fields of a case as bulk input takes them (`case list --format json`).
FIELDS = ("id", "received", "applicant", "channel", "subject", "name", "id_number", "phone", "address", "answered", "outcome")
DATE_FIELDS = ("received", "answered")
CODED_FIELDS = ("applicant", "channel", "outcome")
HEADER_SEARCH = 30  # rows searched for the headings below title rows
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 in Excel's (leap-year-bugged) 1900 system
_SERIAL = re.compile(r"^\d{5}(?:\.0+)?$")
_WITH_TIME = re.compile(r"^(\S+?)[ T]\d{1,2}:\d{2}(?::\d{2})?$")


@dataclass(frozen=True, slots=True)
class Row:
    """One register row as bulk input, and why any of its coded values is unmapped."""

    where: str
    fields: dict[str, str]
    unmapped: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mapping:
    columns: dict[str, str]  # normalized heading → field
    values: dict[str, dict[str, str]]  # field → normalized office wording → code
    sheet: str | None = None
    header_row: int | None = None


def load_mapping(path: Path) -> Mapping:
    """Read and check a mapping file; every problem is a `GkcliError` naming the file (and line)."""
    data = _parse(path)
    where = str(path)
    columns = data.get("columns")
    if not isinstance(columns, dict) or not columns:
        raise GkcliError("映射文件缺少 [columns]（表格列名 = gkcli 字段）", where=where, hint="用 gkcli import --suggest 文件 生成一份初稿。")
    wanted = {}
    for heading, name in columns.items():
        if name == "":
            continue  # a column deliberately left out
        if name not in FIELDS:
            shown = f"对应的字段「{name}」未知" if isinstance(name, str) else "应对应一个字段名（文本）"
            raise GkcliError(f"[columns] 中「{heading}」{shown[:80]}；可用：{'、'.join(FIELDS)}", where=where)
        wanted[coerce.normalize(heading)] = name
    values = {}
    tables = data.get("values", {})
    if not isinstance(tables, dict):
        raise GkcliError(f"[values] 无效：应为取值对应表，如 [values.outcome]（可写：{'、'.join(CODED_FIELDS)}）", where=where)
    for name, table in tables.items():
        if name not in CODED_FIELDS or not isinstance(table, dict):
            raise GkcliError(f"[values.{name}] 无效：只能为 {'、'.join(CODED_FIELDS)} 写取值对应表", where=where)
        if not all(isinstance(v, str) for v in table.values()):
            raise GkcliError(f"[values.{name}] 中的每个取值都应为文本（编码或官方名称，用双引号括起）", where=where)
        values[name] = {coerce.normalize(k): v for k, v in table.items()}
    return Mapping(wanted, values, *_options(data.get("import", {}), where))


def _parse(path: Path) -> dict[str, Any]:
    """The mapping file's TOML, through the ledger's parser and its limits on nesting and size."""
    from ..ledger import parser

    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GkcliError(f"映射文件 {path} 不存在", where="--map") from None
    except UnicodeDecodeError:
        raise GkcliError("映射文件不是 UTF-8 编码", where=str(path)) from None
    except OSError as exc:  # a folder, no permission, a name too long
        raise GkcliError(f"映射文件无法读取：{exc.strerror}", where="--map") from None
    try:
        return parser.strict_loads(text)
    except parser.ParseError as exc:
        reason, line = exc.reason, exc.line
    except (ValueError, RecursionError):  # should the parser's limits miss one: too deep, or a number too long
        reason, line = "嵌套过深或数值过长", 0
    raise GkcliError(f"映射文件无法读取：{reason[:200]}", where=f"{path}:{line}" if line else str(path))


def _options(options: Any, where: str) -> tuple[str | None, int | None]:
    """[import]: the sheet (name or 1-based number) and the heading row (a positive whole number)."""
    if not isinstance(options, dict):
        raise GkcliError("[import] 无效：应写 sheet = \"工作表\"、header_row = 行号", where=where)
    sheet, row = options.get("sheet"), options.get("header_row")
    if sheet is not None and (isinstance(sheet, bool) or not isinstance(sheet, (str, int))):
        raise GkcliError("[import] 的 sheet 应为工作表名称（用双引号括起）或序号", where=where)
    if row is not None and (isinstance(row, bool) or not isinstance(row, int) or not 1 <= row <= 1_000_000):
        raise GkcliError("[import] 的 header_row 应为表头所在的行号（正整数）", where=where)
    return (str(sheet) if sheet is not None else None), row


def header_row(sheet: Sheet, headings: set[str]) -> int:
    """Index into `sheet.rows` of the row naming the most mapped headings (title rows above are skipped)."""
    best, best_hits = -1, 0
    for i, (_, cells) in enumerate(sheet.rows[:HEADER_SEARCH]):
        hits = sum(1 for c in cells if c is not None and coerce.normalize(str(c)) in headings)
        if hits > best_hits:
            best, best_hits = i, hits
    if best < 0:
        raise GkcliError(f"工作表「{sheet.name}」前 {HEADER_SEARCH} 行中找不到映射文件中的任何列名", where="--map")
    return best


def items(sheet: Sheet, mapping: Mapping) -> list[Row]:
    """One row per non-empty register row below the headings, named by sheet and row number."""
    if mapping.header_row:
        index = next((i for i, (n, _) in enumerate(sheet.rows) if n == mapping.header_row), None)
        if index is None:
            raise GkcliError(f"工作表「{sheet.name}」没有第 {mapping.header_row} 行", where="header_row")
    else:
        index = header_row(sheet, set(mapping.columns))
    headings = [coerce.normalize(str(c)) if c is not None else "" for c in sheet.rows[index][1]]
    shown = [str(c).strip() if c is not None else "" for c in sheet.rows[index][1]]
    positions = {h: i for i, h in enumerate(headings) if h in mapping.columns}
    missing = [h for h in mapping.columns if h not in positions]
    if missing:
        raise GkcliError(f"工作表「{sheet.name}」第 {sheet.rows[index][0]} 行的表头中没有这些列：{'、'.join(missing)}", where="--map")
    out = []
    for number, cells in sheet.rows[index + 1 :]:
        fields, unmapped = {}, []
        for heading, col in positions.items():
            name = mapping.columns[heading]
            value = _cell(cells[col] if col < len(cells) else None, name)
            if value != "" and name in CODED_FIELDS:
                value, why = wording.code_for(name, value, mapping.values.get(name, {}), shown[col])
                if why:
                    unmapped.append(why)
            if value != "":
                fields[name] = value
        if fields:
            out.append(Row(f"工作表「{sheet.name}」第 {number} 行", fields, tuple(unmapped)))
    return out


def convert_row(row: Row):
    """The row as `case add -` would take it; refused, with the reason, if a value is unmapped."""
    from ..bulk.convert import KINDS, convert
    from ..errors import ERROR, Finding
    from ..ledger.read import VALUE

    out = convert(KINDS["case"], row.where, row.fields)
    if row.unmapped:
        out.errors[:0] = [Finding(VALUE, ERROR, why, row.where) for why in row.unmapped]
        out.main = out.follow = None
    return out


def _cell(value: Any, name: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if name in DATE_FIELDS and _SERIAL.match(text):
        return (_EXCEL_EPOCH + timedelta(days=int(float(text)))).isoformat()
    if name in DATE_FIELDS and _WITH_TIME.match(text):
        return _WITH_TIME.match(text).group(1)
    return text
