"""Word documents (.docx) → lines of cells.

Paragraphs and tables are read in body order. Table cells are read from the XML so
that a merged cell counts once: a horizontal merge (gridSpan) is one cell, and the
continuation of a vertical merge (vMerge) is an empty cell, as in an HTML table.
"""

from __future__ import annotations

import io

from ..errors import GkcliError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(element) -> str:
    """Paragraphs of a cell or body element, joined by spaces (「结果<w:br/>纠正」 → two words)."""
    paragraphs = element.iter(f"{_W}p") if element.tag != f"{_W}p" else [element]
    words = []
    for p in paragraphs:
        text = "".join(n.text or (" " if n.tag in (f"{_W}br", f"{_W}tab") else "") for n in p.iter(f"{_W}t", f"{_W}br", f"{_W}tab"))
        words.append(text)
    return " ".join(w for w in words if w.strip())


def _table(tbl, lines: list[list[str]]) -> None:
    for tr in tbl.iter(f"{_W}tr"):
        lines.append([_text(tc) for tc in tr.iterchildren(f"{_W}tc")])
    lines.append([])


def read(path: str, data: bytes) -> list[list[str]]:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - a damaged file fails in zipfile, zlib, lxml or python-docx, each with its own errors
        raise GkcliError(f"无法打开 Word 文档：{_why(exc)}", where=path) from None
    body = document.element.body
    lines: list[list[str]] = []
    for element in body.iterchildren() if body is not None else ():
        if element.tag == f"{_W}tbl":
            _table(element, lines)
        elif element.tag == f"{_W}p":
            text = _text(element)
            lines.append([text] if text.strip() else [])
    return lines


def _why(exc: Exception) -> str:
    """What a clerk can act on; the library's own words are English and name internals."""
    import zipfile

    if isinstance(exc, ValueError) and "is not a Word file" in str(exc):
        return "这不是 Word 文档（可能是 Excel 或 PowerPoint 文件）"
    if isinstance(exc, zipfile.BadZipFile) and "not a zip file" in str(exc):
        return "不是 .docx 格式（文件不完整，或是改了扩展名的其他文件）"
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc):
        return "文件已加密"
    return "文件已损坏（压缩包或其中的 XML 无法读取）"
