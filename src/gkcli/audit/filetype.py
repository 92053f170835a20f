"""Which reader a file needs, judged by its bytes first and its name second.

A file audit cannot read (a spreadsheet, an image, an OFD or old Office file, an archive) is
refused with the type seen and the types read: a clerk who saved the wrong download learns
what it is, not how a reader failed on it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import GkcliError

READABLE = "文本（.txt）、Markdown（.md）、HTML（.html）、Word（.docx）和 PDF（.pdf）"
_RESAVE = "请用原来的软件另存为 .docx 或 PDF 后再试。"
_SHEET = "导入登记台账请用 gkcli import。"
_PICTURE = "图片和扫描件中的文字需先用 OCR 识别成文本。"
_UNPACK = "请先解压，再核查其中的报告。"

# name → (the type a clerk knows it by, what to do)
_BY_SUFFIX: dict[str, tuple[str, str]] = {
    ".doc": ("旧版 Word 文档（.doc）", _RESAVE),
    ".wps": ("WPS 文字文档（.wps）", _RESAVE),
    ".rtf": ("RTF 文档（.rtf）", _RESAVE),
    ".odt": ("OpenDocument 文本（.odt）", _RESAVE),
    ".ofd": ("OFD 版式文件（.ofd）", "请在 OFD 阅读器中另存为 PDF 后再试。"),
    ".xlsx": ("Excel 电子表格（.xlsx）", _SHEET),
    ".xlsm": ("Excel 电子表格（.xlsm）", _SHEET),
    ".xls": ("旧版 Excel 电子表格（.xls）", _SHEET),
    ".et": ("WPS 表格（.et）", _SHEET),
    ".ods": ("OpenDocument 电子表格（.ods）", _SHEET),
    ".csv": ("CSV 表格（.csv）", _SHEET),
    ".ppt": ("旧版 PowerPoint 演示文稿（.ppt）", _RESAVE),
    ".pptx": ("PowerPoint 演示文稿（.pptx）", _RESAVE),
    ".dps": ("WPS 演示文稿（.dps）", _RESAVE),
    ".odp": ("OpenDocument 演示文稿（.odp）", _RESAVE),
    ".png": ("PNG 图片", _PICTURE),
    ".jpg": ("JPEG 图片", _PICTURE),
    ".jpeg": ("JPEG 图片", _PICTURE),
    ".gif": ("GIF 图片", _PICTURE),
    ".bmp": ("BMP 图片", _PICTURE),
    ".tif": ("TIFF 图片", _PICTURE),
    ".tiff": ("TIFF 图片", _PICTURE),
    ".webp": ("WebP 图片", _PICTURE),
    ".zip": ("ZIP 压缩包", _UNPACK),
    ".rar": ("RAR 压缩包", _UNPACK),
    ".7z": ("7z 压缩包", _UNPACK),
    ".gz": ("gzip 压缩文件", _UNPACK),
}
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"GIF87a", ".gif"),
    (b"GIF89a", ".gif"),
    (b"II*\x00", ".tif"),
    (b"MM\x00*", ".tif"),
    (b"{\\rtf", ".rtf"),
    (b"Rar!\x1a\x07", ".rar"),
    (b"7z\xbc\xaf\x27\x1c", ".7z"),
    (b"\x1f\x8b", ".gz"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of every Office file before 2007, and of WPS files
_OLE_SUFFIXES = frozenset({".doc", ".wps", ".xls", ".et", ".ppt", ".dps"})
_OPEN_DOCUMENT = {b"text": ".odt", b"spreadsheet": ".ods", b"presentation": ".odp"}
_WEB_PAGE = (b"<!doctype html", b"<html")
_TEXT_KINDS = {".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html", ".docx": "docx", ".pdf": "pdf"}
_READ_NAMES = frozenset({*_TEXT_KINDS, ".txt", ".text", ".md", ".markdown"})


def kind_of(path: str, data: bytes) -> str:
    """The reader for `data` ("text", "html", "docx" or "pdf"); `GkcliError` for a type none reads."""
    suffix = Path(path).suffix.lower()
    head = data[:2048].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(path, data, suffix)
    if data.startswith(_OLE):
        raise _refused(path, suffix if suffix in _OLE_SUFFIXES else "", "旧版 Office 或 WPS 文件（.doc、.xls、.wps 等）")
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        raise _refused(path, ".webp")
    for signature, seen in _SIGNATURES:
        if data.startswith(signature):
            raise _refused(path, seen)
    if head.startswith(_WEB_PAGE) or b"<table" in head:
        return "html"  # also a page saved under another name (「年报.doc」 downloaded from a website)
    if suffix in _TEXT_KINDS:
        return _TEXT_KINDS[suffix]
    if suffix in _BY_SUFFIX:
        raise _refused(path, suffix)
    if b"\x00" in data[:8192]:  # UTF-8 and GB18030 text never holds a NUL byte
        raise _refused(path, "", f"无法识别类型的二进制文件（扩展名「{suffix or '无'}」）")
    return "text"


def _zip_kind(path: str, data: bytes, suffix: str) -> str:
    """A Word document, or which other zip-based file it is."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:200] if "mimetype" in names else b""
    except Exception:  # noqa: BLE001 - a damaged zip: the Word reader says what is wrong with it
        if suffix in _BY_SUFFIX:
            raise _refused(path, suffix) from None
        return "docx"
    if "word/document.xml" in names:
        return "docx"
    if any(n.startswith("xl/") for n in names):
        raise _refused(path, ".xlsm" if suffix == ".xlsm" else ".xlsx")
    if any(n.startswith("ppt/") for n in names):
        raise _refused(path, ".pptx")
    if b"opendocument" in mimetype:
        seen = next((s for word, s in _OPEN_DOCUMENT.items() if word in mimetype), ".odt")
        raise _refused(path, seen)
    if any(n.lower() == "ofd.xml" for n in names):
        raise _refused(path, ".ofd")
    if suffix == ".docx" or "[Content_Types].xml" in names:
        return "docx"  # a Word file with its document missing: the Word reader says so
    raise _refused(path, ".zip")


def _refused(path: str, suffix: str, seen: str = "") -> GkcliError:
    seen, advice = _BY_SUFFIX[suffix] if suffix else (seen, _RESAVE if "Office" in seen else "")
    named = Path(path).suffix.lower()
    space = " " if seen[:1].isascii() else ""
    if named in _READ_NAMES or named in _BY_SUFFIX and _BY_SUFFIX[named][0] != seen:
        said = f"扩展名是 {named}，内容却是{space}{seen}"  # renamed, or saved under the wrong name
    else:
        said = f"这是{space}{seen}"
    return GkcliError(f"{said}，不是 gkcli audit 能读取的年度报告", where=path, hint=f"gkcli audit 读取{READABLE}格式的报告。{advice}")
