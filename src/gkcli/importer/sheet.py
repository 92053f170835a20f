"""Cells of one worksheet (xlsx through openpyxl) or one CSV file, with 1-based row numbers."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import GkcliError


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    rows: tuple[tuple[int, tuple[Any, ...]], ...]  # (row number, cell values)


def read_sheet(path: Path, sheet: str | None = None) -> Sheet:
    try:
        found = path.is_file()
    except OSError as exc:  # a name too long, a loop of links
        raise GkcliError(f"无法读取文件：{exc.strerror}", where="FILE") from None
    if not found:
        raise GkcliError(f"文件 {path} 不存在", where="FILE")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(path, sheet)
    if suffix in (".csv", ".tsv", ".txt"):
        return _csv(path, "\t" if suffix == ".tsv" else ",")
    if suffix == ".xls":
        raise GkcliError("不支持旧版 .xls 文件", where="FILE", hint="请在 Excel 或 WPS 中另存为 .xlsx 后再导入。")
    raise GkcliError(f"不支持的文件类型「{suffix or path.name}」；可导入 .xlsx 和 .csv", where="FILE")


def _xlsx(path: Path, wanted: str | None) -> Sheet:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or mislabelled file
        raise GkcliError(f"无法读取 Excel 文件：{_reason(exc)}", where=str(path)) from None
    try:
        ws = _pick(book, wanted)
        try:  # read-only mode parses rows as they are asked for: damage shows here
            rows = tuple((n, tuple(row)) for n, row in enumerate(ws.iter_rows(min_row=1, values_only=True), 1))
        except Exception as exc:  # noqa: BLE001 - as above: openpyxl, zipfile, lxml and date conversion all raise their own
            raise GkcliError(f"Excel 文件已损坏，无法读取工作表「{ws.title}」：{_reason(exc)}", where=str(path)) from None
        return Sheet(ws.title, rows)
    finally:
        book.close()


def _reason(exc: Exception) -> str:
    return (str(exc) or type(exc).__name__)[:200]


def _pick(book, wanted: str | None):
    if not book.worksheets:
        raise GkcliError("这个 Excel 文件中没有工作表", where="FILE")
    if wanted is None:
        return book.worksheets[0]
    if wanted in book.sheetnames:
        return book[wanted]
    if wanted.isascii() and wanted.isdigit() and 1 <= int(wanted) <= len(book.worksheets):
        return book.worksheets[int(wanted) - 1]
    raise GkcliError(f"没有名为「{wanted}」的工作表；有：{'、'.join(book.sheetnames)}", where="--sheet")


def _csv(path: Path, delimiter: str) -> Sheet:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise GkcliError(f"无法读取文件：{exc.strerror}", where=str(path)) from None
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK unless told otherwise
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise GkcliError("CSV 文件既不是 UTF-8 也不是 GBK 编码", where=str(path))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, line = [], 0
    try:
        for cells in reader:
            rows.append((line + 1, tuple(cells)))
            line = reader.line_num
    except csv.Error:  # a cell over the csv module's size limit (128 KB)
        raise GkcliError(f"第 {line + 1} 行：单元格过长，或引号不成对", where=str(path)) from None
    return Sheet(path.stem, tuple(rows))
