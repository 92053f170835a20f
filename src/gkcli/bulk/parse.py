"""Bulk input text → (line number, fields) pairs: NDJSON, a JSON array, or CSV/TSV with a header.

Only the shape of the input is checked here; what the fields mean is `convert`'s job.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..errors import GkcliError

INPUT_FORMATS = ("ndjson", "json", "csv", "tsv")


@dataclass(frozen=True, slots=True)
class Item:
    """One input record and where it starts (1-based line, or a row named in words)."""

    where: str
    fields: dict[str, Any]


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


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise GkcliError("每条记录应为一个 JSON 对象（{…}）", where=where)
    return value


def _ndjson(text: str, origin: str) -> list[Item]:
    items = []
    decoder = json.JSONDecoder(parse_float=Decimal)  # amounts stay exact; one decoder for every line
    scan = decoder.scan_once  # one value from a position, in C: a line that is just one value needs nothing more
    for n, line in enumerate(text.splitlines(), 1):
        where = f"{origin}:{n}"
        try:
            value, end = scan(line, 0)
            if end != len(line):
                raise ValueError("more after the value")
        except (StopIteration, ValueError):  # blank, padded, marked or broken: the decoder says which
            if not line.strip():
                continue
            try:
                value = json.loads(line, parse_float=Decimal) if line.startswith("\ufeff") else decoder.decode(line)
            except json.JSONDecodeError as exc:
                raise GkcliError(f"不是有效的 JSON：{exc.msg}（第 {exc.colno} 列）", where=where) from None
        items.append(Item(where, _object(value, where)))
    return items


def _json_array(text: str, origin: str) -> list[Item]:
    """Element by element, so each record knows the line it starts on."""
    decoder = json.JSONDecoder(parse_float=Decimal)  # amounts stay exact
    pos = text.index("[") + 1
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
            raise GkcliError(f"不是有效的 JSON：{exc.msg}", where=f"{origin}:{exc.lineno}") from None
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
    if not reader.fieldnames:
        return []
    items, line = [], 1
    for row in reader:
        start, line = line + 1, reader.line_num
        if None in row:
            raise GkcliError("这一行的列数多于表头", where=f"{origin}:{start}")
        fields = {k.strip(): _unquote(v) for k, v in row.items() if k and v not in (None, "")}
        if fields:
            items.append(Item(f"{origin}:{start}", fields))
    return items


def _unquote(cell: str) -> str:
    """Undo the apostrophe our CSV output puts before a cell a spreadsheet would run as a formula."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell
