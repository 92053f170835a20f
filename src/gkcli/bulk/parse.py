"""Bulk input text → (line number, fields) pairs: NDJSON, a JSON array, or CSV/TSV with a header.

Only the shape of the input is checked here; what the fields mean is `convert`'s job.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..errors import GkcliError

INPUT_FORMATS = ("ndjson", "json", "csv", "tsv")
# Longer number literals are no real count or amount, and Python refuses to turn an integer
# of over 4,300 digits into text: refused while parsing, with the line they are on.
MAX_NUMBER_CHARS = 100


@dataclass(frozen=True, slots=True)
class Item:
    """One input record and where it starts (1-based line, or a row named in words)."""

    where: str
    fields: dict[str, Any]
    plain: bool = False  # every value is known to be a scalar or short text UTF-8 can encode (see `_plain_ndjson`)


def detect(text: str) -> str:
    """`[` starts a JSON array, `{` NDJSON; anything else is CSV with a header row."""
    head = text.lstrip()[:1]
    return "json" if head == "[" else "ndjson" if head == "{" else "csv"


def parse(text: str, fmt: str | None, origin: str) -> list[Item]:
    text = text.removeprefix("\ufeff")
    chosen = fmt or detect(text)
    if chosen not in INPUT_FORMATS:
        raise GkcliError(f"不支持的输入格式「{chosen}」；可选：{'、'.join(INPUT_FORMATS)}", where="--input-format")
    if chosen == "ndjson":
        return _ndjson(text, origin)
    if chosen == "json":
        return _json_array(text, origin)
    return _delimited(text, origin, "\t" if chosen == "tsv" else ",")


class _NumberTooLong(ValueError):
    pass


def _number(kind):
    def parse(text: str):
        if len(text) > MAX_NUMBER_CHARS:
            raise _NumberTooLong(text)
        return kind(text)

    return parse


def _decoder() -> json.JSONDecoder:
    """Amounts stay exact (Decimal)."""
    return json.JSONDecoder(parse_float=_number(Decimal), parse_int=_number(int))


def _refused(exc: BaseException, where: str) -> GkcliError:
    """The message for a value the JSON decoder refused."""
    if isinstance(exc, _NumberTooLong):
        return GkcliError(f"数字过长（超过 {MAX_NUMBER_CHARS} 位）", where=where)
    if isinstance(exc, RecursionError):
        return GkcliError("嵌套过深：每条记录应为一个只含字段和取值的 JSON 对象", where=where)
    if isinstance(exc, json.JSONDecodeError):
        return GkcliError(f"不是有效的 JSON：{exc.msg}（第 {exc.colno} 列）", where=where)
    return GkcliError("不是有效的 JSON", where=where)


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise GkcliError("每条记录应为一个 JSON 对象（{…}）", where=where)
    return value


# A JSON escape of a UTF-16 surrogate: the only way a lone surrogate gets into the records of
# text decoded strictly from UTF-8, as `cli/bulk_cmd.read_source` decodes it.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _plain_ndjson(text: str, lines: list[str]) -> bool:
    """Whether no record can hold a value `convert` would refuse (a lone surrogate, text
    over its length limit, a list or an object), judged on the whole text at once so that
    a large input skips the per-field screening. Any doubt (a `[`, a brace inside a string)
    only means the fields are screened one by one."""
    from .convert import MAX_TEXT

    return (
        "[" not in text
        and text.count("{") == text.count("\n{") + text.startswith("{")
        and max(map(len, lines), default=0) <= MAX_TEXT
        and not _SURROGATE_ESCAPE.search(text)
    )


def _ndjson(text: str, origin: str) -> list[Item]:
    items = []
    decoder = _decoder()  # one decoder for every line
    scan = decoder.scan_once  # one value from a position, in C: a line that is just one value needs nothing more
    # Split on \n only: a JSON string may hold U+2028 and the other characters splitlines() breaks at.
    lines = text.split("\n")
    plain = _plain_ndjson(text, lines)
    for n, line in enumerate(lines, 1):
        where = f"{origin}:{n}"
        line = line.removesuffix("\r")
        try:
            value, end = scan(line, 0)
            if end != len(line):
                raise ValueError("more after the value")
        except (StopIteration, ValueError, RecursionError):  # blank, padded, marked or broken: the decoder says which
            if not line.strip():
                continue
            try:
                value = json.loads(line) if line.startswith("\ufeff") else decoder.decode(line)  # json.loads names the mark
            except (ValueError, RecursionError) as exc:
                raise _refused(exc, where) from None
        items.append(Item(where, _object(value, where), plain))
    return items


def _json_array(text: str, origin: str) -> list[Item]:
    """Element by element, so each record knows the line it starts on."""
    decoder = _decoder()
    pos = _skip(text, 0, " \t\r\n")
    if text[pos : pos + 1] != "[":
        line = text.count("\n", 0, pos) + 1
        raise GkcliError("不是 JSON 数组：应以 [ 开头", where=f"{origin}:{line}", hint="NDJSON 请用 --input-format ndjson，CSV 请用 --input-format csv。")
    pos += 1
    items = []
    while True:
        pos = _skip(text, pos, " \t\r\n,")
        if pos >= len(text):
            raise GkcliError("JSON 数组缺少结尾的 ]", where=f"{origin}:{text.count(chr(10)) + 1}")
        if text[pos] == "]":
            break
        where = f"{origin}:{text.count(chr(10), 0, pos) + 1}"
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise _refused(exc, f"{origin}:{exc.lineno}") from None
        except (ValueError, RecursionError) as exc:
            raise _refused(exc, where) from None
        items.append(Item(where, _object(value, where)))
    if text[pos + 1 :].strip():
        raise GkcliError("JSON 数组之后还有多余的内容", where=origin)
    return items


def _skip(text: str, pos: int, chars: str) -> int:
    while pos < len(text) and text[pos] in chars:
        pos += 1
    return pos


def _delimited(text: str, origin: str, delimiter: str) -> list[Item]:
    """Empty cells are absent fields, as an empty cell in a register means 'not recorded'."""
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    items, line = [], 0  # the last line read whole
    try:
        if not reader.fieldnames:
            return []
        line = reader.line_num
        for row in reader:
            start, line = line + 1, reader.line_num
            if None in row:
                raise GkcliError("这一行的列数多于表头", where=f"{origin}:{start}")
            fields = {k.strip(): _unquote(v) for k, v in row.items() if k and v not in (None, "")}
            if fields:
                items.append(Item(f"{origin}:{start}", fields))
    except csv.Error as exc:  # a cell over the csv module's size limit, or a stray quote at the end
        raise GkcliError(_csv_problem(exc), where=f"{origin}:{line + 1}") from None
    return items


def _csv_problem(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return f"单元格过长（超过 {csv.field_size_limit()} 字）"
    return "CSV 格式有误（引号不成对或位置不对）"


def _unquote(cell: str) -> str:
    """Undo the apostrophe our CSV output puts before a cell a spreadsheet would run as a formula."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell
