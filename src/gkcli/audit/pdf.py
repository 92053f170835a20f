"""PDF → lines of cells, through pypdf's text extraction.

Each page's text is handled like `pdftotext -layout` output: lines of words, page
numbers at the page's edges dropped, a table simply continuing on the next page.
A PDF without a text layer (a scan) cannot be read: that is an input error.
"""

from __future__ import annotations

import io

from ..errors import GkcliError
from .text import split_cells, without_folios


def read(path: str, data: bytes) -> list[list[str]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise GkcliError(f"无法读取 PDF：{exc}", where=path) from None
    if not any(p.strip() for p in pages):
        raise GkcliError("PDF 中没有可提取的文字（可能是扫描件）", where=path, hint="请先用 OCR 转成文字，再运行 gkcli audit。")
    return [split_cells(line) for page in pages for line in without_folios(page.split("\n"))]
