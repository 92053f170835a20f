"""Word documents (.docx) → lines of cells.

Paragraphs and tables are read in body order. Table cells are read from the XML so
that a merged cell counts once: a horizontal merge (gridSpan) is one cell, and the
continuation of a vertical merge (vMerge) is an empty cell, as in an HTML table.
"""

from __future__ import annotations

import io
import zipfile

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
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise GkcliError(f"无法打开 Word 文档：{exc}", where=path) from None
    lines: list[list[str]] = []
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}tbl":
            _table(element, lines)
        elif element.tag == f"{_W}p":
            text = _text(element)
            lines.append([text] if text.strip() else [])
    return lines
