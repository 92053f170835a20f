"""Plain text and Markdown → lines of cells.

Handles text copied from a web page (one cell per line, or a row per line with `|`),
gkcli's own Markdown (escaped `\\|`, separator rows, `#` headings) and `pdftotext -layout`
output, whose pages are split by form feeds: page numbers at a page's top or bottom
are dropped so they do not land inside a table.
"""

from __future__ import annotations

import re

from ..errors import GkcliError

_PIPE = re.compile(r"(?<!\\)\|")
_RULE = re.compile(r"^\s*:?-{3,}:?\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
# Page furniture that is never a table cell: 「- 3 -」, 「第3页」, 「第 3 页 共 9 页」, 「3 / 9」.
_FOLIO = re.compile(r"^\s*(?:[-—－]\s*\d{1,4}\s*[-—－]|第\s*\d{1,4}\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$")
_BARE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")


def decode(data: bytes, path: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise GkcliError("无法识别文件编码（应为 UTF-8 或 GB18030）", where=path)


def _unescape(cell: str) -> str:
    return cell.replace("\\|", "|").replace("\\\\", "\\").replace("&lt;", "<")


def split_cells(line: str) -> list[str]:
    """One line → its cells: `|`-separated, or the whole line as one cell.
    An empty line has no cells; a line of white space (a tab) is one empty cell."""
    if not line:
        return []
    if not _PIPE.search(line):
        return [_HEADING.sub("", line)]
    cells = _PIPE.split(line)
    if not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip() and line.rstrip().endswith("|"):
        cells = cells[:-1]
    if cells and all(_RULE.match(c) for c in cells):
        return []
    return [_unescape(c) for c in cells]


def without_folios(page: list[str]) -> list[str]:
    """Drop page numbers: any line that can only be one, and a bare number at the page's edges."""
    kept = [line for line in page if not _FOLIO.match(line)]
    filled = [i for i, line in enumerate(kept) if line.strip()]
    for i in (filled[:1] + filled[-1:]) if filled else ():
        if _BARE_NUMBER.match(kept[i]):
            kept[i] = ""
    return kept


def text_lines(text: str) -> list[list[str]]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")
    if len(pages) > 1:
        raw = [line for page in pages for line in without_folios(page.split("\n"))]
    else:
        raw = [line for line in text.split("\n") if not _FOLIO.match(line)]
    return [split_cells(line) for line in raw]


def read(path: str, data: bytes) -> list[list[str]]:
    return text_lines(decode(data, path))
