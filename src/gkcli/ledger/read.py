"""Read a book: `gkcli.toml` and every ledger file → a `Book` plus reading findings.

Nothing here stops at the first problem: every unusable block becomes a finding with
file:line and is left out of the Book, so `check` can list them all at once. `tomllib`
reports no positions for values, so block lines come from scanning `[[table]]` headers.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import ERROR, WARNING, Finding, GkcliError, Source
from ..model import Book, BookConfig
from . import layout
from .schema import STEP_TABLES, TABLES, build

_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*([A-Za-z0-9_\-]+)[ \t]*\]\]", re.MULTILINE)
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")

# Finding codes of the reading stage. A record with any of these errors is left out,
# so a report computed without it would be wrong: `report` refuses such a book.
SYNTAX = "L1"  # not UTF-8, or not TOML
STRUCTURE = "L2"  # unknown record table, or a table that is not an array of blocks
FIELDS = "L3"  # missing required field (error) or unknown field (warning)
VALUE = "L4"  # a value that is not a real date, known code, count or amount
BLOCKING = frozenset({SYNTAX, STRUCTURE, FIELDS, VALUE})


def load_config(root: Path) -> BookConfig:
    path = root / layout.CONFIG_NAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GkcliError(f"{root} 不是 gkcli 账本（缺少 {layout.CONFIG_NAME}）", hint="用 gkcli init 创建账本。") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise GkcliError(f"配置文件无法读取：{exc}", where=str(path)) from None
    book = data.get("book")
    if not isinstance(book, dict) or not isinstance(book.get("agency"), str) or not book["agency"].strip():
        raise GkcliError("配置文件缺少 [book] 中的 agency（机关名称）", where=str(path))
    kind = book.get("kind", "government")
    if kind not in ("government", "department"):
        raise GkcliError(f"机关类型 kind 应为 government 或 department，而不是 {kind!r}", where=str(path))
    decimals = data.get("report", {}).get("fee_decimals")
    if decimals is not None and (not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= 6):
        raise GkcliError("[report] fee_decimals 应为 0 到 6 之间的整数", where=str(path))
    return BookConfig(agency=book["agency"].strip(), kind=kind, schema=book.get("schema", 1), fee_decimals=decimals)


def read_book(root: Path, today: date | None = None) -> tuple[Book, list[Finding]]:
    """The book as of `today` (None: checks against today's date are skipped)."""
    from .holidays import read_holidays

    config = load_config(root)
    records: dict[str, list[Any]] = {name: [] for name in TABLES}
    findings: list[Finding] = []
    for path in layout.ledger_files(root):
        rel = path.relative_to(root).as_posix()
        read_ledger(path.read_bytes(), rel, records, findings)
    calendar, calendar_years, calendar_findings = read_holidays(root)
    book = Book(
        config=config,
        root=str(root),
        cases=tuple(records["case"]),
        steps=_in_reading_order(r for name in STEP_TABLES for r in records[name]),
        events=tuple(records["event"]),
        reviews=tuple(records["review"]),
        decisions=tuple(records["decision"]),
        calendar=calendar,
        calendar_years=calendar_years,
        today=today,
    )
    return book, findings + calendar_findings


def _in_reading_order(steps) -> tuple:
    """Steps of every kind in file and line order (ledger files sort by year)."""
    return tuple(sorted(steps, key=lambda s: (s.source.path, s.source.line)))


def read_ledger(raw: bytes, rel: str, records: dict[str, list[Any]], findings: list[Finding]) -> None:
    """Parse one ledger file's bytes, appending its records and findings."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        findings.append(Finding(SYNTAX, ERROR, "文件不是 UTF-8 编码，无法读取；请用 UTF-8 保存", f"{rel}:{line}"))
        return
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        findings.append(_syntax_finding(exc, rel))
        return
    lines = _header_lines(text)
    for name, blocks in data.items():
        table = TABLES.get(name)
        header_lines = lines.get(name, [])
        if table is None:
            where = f"{rel}:{header_lines[0]}" if header_lines else rel
            known = "、".join(f"[[{t}]]" for t in TABLES)
            findings.append(Finding(STRUCTURE, ERROR, f"未知的记录类型「{name}」；可用的有 {known}", where))
            continue
        if not isinstance(blocks, list) or not all(isinstance(b, dict) for b in blocks):
            findings.append(Finding(STRUCTURE, ERROR, f"「{name}」应写成 [[{name}]] 记录块", rel))
            continue
        if len(header_lines) != len(blocks):  # a header inside a multi-line string: give up on lines
            header_lines = [0] * len(blocks)
        for block, line in zip(blocks, header_lines):
            _read_block(table, block, Source(rel, line), records[name], findings)


def _read_block(table, block: dict, source: Source, out: list, findings: list[Finding]) -> None:
    built = build(table, block, source)
    where = str(source)
    for name in built.missing:
        findings.append(Finding(FIELDS, ERROR, f"[[{table.name}]] 缺少必填字段 {name}", where))
    for exc in built.bad:
        findings.append(Finding(VALUE, ERROR, f"[[{table.name}]] 字段 {exc.where}：{exc.message}", where))
    for key in built.unknown:
        findings.append(Finding(FIELDS, WARNING, f"[[{table.name}]] 有未知字段「{key}」，已忽略", where))
    if built.record is not None:
        out.append(built.record)


def _header_lines(text: str) -> dict[str, list[int]]:
    lines: dict[str, list[int]] = {}
    line, pos = 1, 0
    for m in _HEADER.finditer(text):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        lines.setdefault(m.group(1), []).append(line)
    return lines


# The parser's most common complaints, in the words a clerk can act on.
_TOML_REASONS = {
    "Invalid date or datetime": "日期无效或不存在",
    "Invalid value": "值的写法不对（文本要用双引号括起）",
    "Unterminated string": "文本缺少结尾的双引号",
    "Illegal character": "文本中有不允许的控制字符",
    "Cannot declare": "重复声明了同一个表",
    "Cannot overwrite a value": "同一记录中重复写了同一个字段",
    "Expected '=' after a key in a key/value pair": "字段名后缺少 =",
    "Expected newline or end of document after a statement": "一行只能写一个字段",
    "Invalid statement": "无法识别的语句",
}


def _syntax_finding(exc: tomllib.TOMLDecodeError, rel: str) -> Finding:
    detail = str(exc)
    m = _TOML_POSITION.search(detail)
    where = f"{rel}:{m.group(1)}:{m.group(2)}" if m else rel
    reason = _TOML_POSITION.sub("", detail).strip()
    explained = next((zh for en, zh in _TOML_REASONS.items() if reason.startswith(en)), "")
    text = f"{explained}（{reason}）" if explained else reason
    return Finding(SYNTAX, ERROR, f"TOML 语法错误：{text}；整个文件未能读取，请按提示位置修正", where)
