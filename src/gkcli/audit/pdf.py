"""PDF → lines of cells, through PDFium (pypdfium2): fast, and it keeps the spaces
between table cells that other extractors run together.

Each page's text is handled like `pdftotext -layout` output: lines of words, page
numbers at the page's edges dropped, a table simply continuing on the next page.
A PDF without a text layer (a scan) cannot be read: that is an input error.
"""

from __future__ import annotations

from ..errors import GkcliError
from .text import split_cells, without_folios


def _pages(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n").replace("\x00", ""))
            textpage.close()
            page.close()
        return pages
    finally:
        document.close()


def read(path: str, data: bytes) -> list[list[str]]:
    from pypdfium2 import PdfiumError

    try:
        pages = _pages(data)
    except PdfiumError as exc:  # PDFium's reasons are English: only a password is worth telling apart
        why = "文件有密码保护" if "password" in str(exc).lower() else "文件已损坏、不完整，或不是 PDF"
        raise GkcliError(f"无法读取 PDF：{why}", where=path) from None
    except Exception:  # noqa: BLE001 - a damaged file can fail in the bindings as well as in PDFium itself
        raise GkcliError("无法读取 PDF：文件已损坏", where=path) from None
    if not any(p.strip() for p in pages):
        raise GkcliError("PDF 中没有可提取的文字（可能是扫描件）", where=path, hint="请先用 OCR 转成文字，再运行 gkcli audit。")
    return [split_cells(line) for page in pages for line in without_folios(page.split("\n"))]
