"""Read one ledger file's bytes → its records by table and its findings (the L1–L4, L10 codes).

Nothing here stops at the first problem: every unusable block becomes a finding with
file:line and is left out, so `check` can list them all at once. `tomllib` reports no
positions for values, so block lines come from scanning `[[table]]` headers. The reading of a
whole book (`read.py`), of its holidays file and of a book shared between two cores
(`parallel.py`) build on this module, which imports none of them.
"""

from __future__ import annotations

import re
from itertools import chain, repeat
from operator import attrgetter
from typing import Any

from ..errors import ERROR, WARNING, Finding, Source
from . import cache, columns, parser, torn
from .schema import STEP_TABLES, TABLES, build, quick_record

_LINE = attrgetter("source.line")
_BRACKETS = re.compile(r"\[\[[ \t]*([A-Za-z0-9_\-]+)[ \t]*\]\]")

# Finding codes of the reading stage. A record with any of these errors is left out,
# so a report computed without it would be wrong: `report` refuses such a book.
SYNTAX = "L1"  # not UTF-8, or not TOML
STRUCTURE = "L2"  # unknown record table, or a table that is not an array of blocks
FIELDS = "L3"  # missing required field (error) or unknown field (warning)
VALUE = "L4"  # a value that is not a real date, known code, count or amount
TORN = "L10"  # the file's last record was cut short (an interrupted append); warning when only the newline is missing
BLOCKING = frozenset({SYNTAX, STRUCTURE, FIELDS, VALUE, TORN})

_TORN = f"文件最后一条记录不完整（没有以「{torn.END_LINE}」一行结束：写入被中断，或手工添加时漏写了这一行），未计入账本"
_TORN_HINT = (
    f"；运行 gkcli repair 把它移到旁边的 .torn 文件，核对后重新登记（手工添加且内容完整的，在其末尾加一行「{torn.END_LINE}」即可）"
)
_UNTERMINATED = "文件末尾缺少换行：最后一条记录可能在写入时被截断，请核对其内容；如有误，追加更正记录"


Reading = tuple[dict[str, list[Any]], list[Finding]]  # one file's records by table, and its findings


def read_file(root: Path, rel: str, raw: bytes, digest: bytes = b"") -> Reading:
    """One ledger file's records by table and its findings (through the cache when it is large)."""
    records: dict[str, list[Any]] = {name: [] for name in TABLES}
    findings: list[Finding] = []
    if len(raw) < cache.MIN_BYTES:
        read_ledger(raw, rel, records, findings)
    else:
        _read_large_ledger(root, raw, rel, records, findings, digest)
    return records, findings


def _read_large_ledger(root: Path, raw: bytes, rel: str, records: dict[str, list[Any]], findings: list[Finding], digest: bytes = b"") -> None:
    """`read_ledger`, or what it gave for the same bytes before (ledger/cache.py)."""
    key = cache.entry(root, rel, raw, digest)
    done = cache.load_entry(key)
    if done is None:
        grown = _read_grown(key, raw, rel)
        if grown is not None:
            before, after = grown
            done = {name: before.records[name] + after[name] for name in TABLES}, []
            cache.store_appended(key, rel, raw, before, after)
        else:
            done = {name: [] for name in TABLES}, []
            whole = read_ledger(raw, rel, *done)
            if key is not None:
                cache.store_entry(key, rel, raw, *done, continuable=whole and cache.continuable(raw, *done))
    for name, found in done[0].items():
        records[name] += found
    findings += done[1]


def _read_grown(key: cache.Entry | None, raw: bytes, rel: str) -> tuple[cache.Earlier, dict[str, list[Any]]] | None:
    """What reading `raw` gives, as the cached reading of its earlier content and the records of
    only the blocks appended since (`read_appended`); None unless that is certain to equal
    reading it whole."""
    before = cache.earlier(key, raw)
    if before is None:
        return None
    after = read_appended(raw[before.size :], rel, before.lines + 1, torn.marked(raw))
    return None if after is None else (before, after)


def read_appended(tail: bytes, rel: str, first_line: int, marked: bool) -> dict[str, list[Any]] | None:
    """The records of `tail`, the part of a file that follows content which can be continued
    (`cache.continuable`) and has `first_line` - 1 lines; None unless they are certainly what
    reading the whole file gives for that part: `tail` is whole `[[table]]` blocks (nothing that
    could continue or redefine what came before), read without any finding, and can be continued
    too. Then so can the whole file. `marked`: whether the whole file's blocks end with end lines
    (`torn.marked`), so its tail is judged as the whole file's would be."""
    try:
        text = tail.decode("utf-8")
        if not _APPENDED_BLOCKS.match(text) or _OTHER_HEADER.search(text) or torn.torn_tail(tail, is_marked=marked):
            return None
        data = parser.loads(text, tail)
    except (UnicodeDecodeError, parser.ParseError):
        return None
    after: dict[str, list[Any]] = {name: [] for name in TABLES}
    findings: list[Finding] = []
    _collect(data, text, first_line, rel, after, findings)
    return after if cache.continuable(tail, after, findings) else None


_APPENDED_BLOCKS = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\r?\n)*\[\[")  # blank or comment lines, then a block
_OTHER_HEADER = re.compile(r"^[ \t]*\[(?!\[)", re.MULTILINE)  # a [table], or a line of an array value


def in_line_order(records: dict[str, list[Any]]) -> list[Any]:
    """One file's steps of every kind in line order (each kind's are already)."""
    kinds = [records[name] for name in STEP_TABLES if records[name]]
    return kinds[0] if len(kinds) == 1 else sorted(chain.from_iterable(kinds), key=_LINE)


def read_ledger(raw: bytes, rel: str, records: dict[str, list[Any]], findings: list[Finding]) -> bool:
    """Parse one ledger file's bytes, appending its records and findings; whether it was parsed whole.

    The whole file is parsed at once; only when that fails is it read block by block,
    so one broken block (a torn final record, a bad hand edit) hides nothing else.
    """
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # the byte-order mark Windows editors write
    tail = torn.torn_tail(raw)
    try:
        text = raw.decode("utf-8")
        data = parser.loads(text, raw)
    except (UnicodeDecodeError, parser.ParseError):
        _read_by_blocks(raw, rel, records, findings, tail)
        return False
    if tail and tail.level == torn.CUT:  # parsed, but its last block lacks its last fields
        _read_by_blocks(raw, rel, records, findings, tail)
        return False
    _collect(data, text, 1, rel, records, findings)
    if tail:
        findings.append(Finding(TORN, WARNING, _UNTERMINATED, f"{rel}:{tail.line}"))
    return True


def _read_by_blocks(raw: bytes, rel: str, records: dict[str, list[Any]], findings: list[Finding], tail: torn.Tail | None) -> None:
    # Everything before a torn tail is intact; the tail is one piece however many headers it holds.
    intact = raw[: tail.offset] if tail and tail.level == torn.CUT else raw
    starts = torn.block_starts(intact) if intact else []
    if len(intact) < len(raw):
        starts.append((tail.offset, tail.line))
    ends = [s for s, _ in starts[1:]] + [len(raw)]
    for (start, line), end in zip(starts, ends):
        if tail and start == tail.offset:
            level = ERROR if tail.level == torn.CUT else WARNING
            findings.append(Finding(TORN, level, _TORN + _TORN_HINT if level == ERROR else _UNTERMINATED, f"{rel}:{tail.line}"))
            if level == ERROR:
                continue
        chunk = raw[start:end]
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = line + chunk[: exc.start].count(b"\n")
            findings.append(Finding(SYNTAX, ERROR, "文件不是 UTF-8 编码，该处未能读取；请用 UTF-8 保存", f"{rel}:{bad}"))
            continue
        try:
            data = parser.strict_loads(text)
        except parser.ParseError as exc:
            findings.append(syntax_finding(exc, rel, line, "该记录块"))
            continue
        _collect(data, text, line, rel, records, findings)


def _collect(data: dict, text: str, first_line: int, rel: str, records: dict[str, list[Any]], findings: list[Finding]) -> None:
    """Records and findings of parsed TOML `data` read from `text`, which starts at `first_line`."""
    lines = header_lines(text, first_line)
    for name, blocks in data.items():
        table = TABLES.get(name)
        at = lines.get(name, [])
        if table is None:
            where = f"{rel}:{at[0]}" if at else rel
            known = "、".join(f"[[{t}]]" for t in TABLES)
            findings.append(Finding(STRUCTURE, ERROR, f"未知的记录类型「{name}」；可用的有 {known}", where))
            continue
        if not isinstance(blocks, list) or not all(map(isinstance, blocks, repeat(dict))):
            findings.append(Finding(STRUCTURE, ERROR, f"「{name}」应写成 [[{name}]] 记录块", rel))
            continue
        if len(at) != len(blocks):  # a header inside a multi-line string: give up on lines
            at = [0] * len(blocks)
        found = columns.records(table, blocks, rel, at)
        if found is not None:  # every block is fine: read a column at a time
            records[name] += found
            continue
        for block, line in zip(blocks, at):
            _read_block(table, block, Source(rel, line), records[name], findings)


def _read_block(table, block: dict, source: Source, out: list, findings: list[Finding]) -> None:
    record = quick_record(table, block, source)
    if record is not None:
        out.append(record)
        return
    built = build(table, block, source)
    if built.record is not None:
        out.append(built.record)
        if not built.unknown:
            return
    where = str(source)
    for name in built.missing or ():
        findings.append(Finding(FIELDS, ERROR, f"[[{table.name}]] 缺少必填字段 {name}", where))
    for exc in built.bad or ():
        findings.append(Finding(VALUE, ERROR, f"[[{table.name}]] 字段 {exc.where}：{exc.message}", where))
    for key in built.unknown or ():
        findings.append(Finding(FIELDS, WARNING, f"[[{table.name}]] 有未知字段「{key}」，已忽略", where))


def header_lines(text: str, first_line: int = 1) -> dict[str, list[int]]:
    lines: dict[str, list[int]] = {}
    line, pos = first_line, 0
    for m in _BRACKETS.finditer(text):  # faster than a multi-line `^` pattern on large files
        start = m.start()
        if text[text.rfind("\n", 0, start) + 1 : start].strip(" \t"):
            continue  # not at the start of a line
        line += text.count("\n", pos, start)
        pos = start
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


def syntax_finding(exc: parser.ParseError, rel: str, first_line: int = 1, what: str = "整个文件") -> Finding:
    """A TOML syntax error as an L1 finding at file:line:column, explained in Chinese."""
    where = f"{rel}:{first_line + exc.line - 1}:{exc.column}" if exc.line else f"{rel}:{first_line}"
    return Finding(SYNTAX, ERROR, f"TOML 语法错误：{_explain(exc.reason)}；{what}未能读取，请按提示位置修正", where)


def _explain(reason: str) -> str:
    explained = next((zh for en, zh in _TOML_REASONS.items() if reason.startswith(en)), "")
    return f"{explained}（{reason}）" if explained else reason
