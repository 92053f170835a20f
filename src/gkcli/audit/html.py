"""HTML pages → lines of cells.

A data table (a `<table>` with no table inside it) gives one line per `<tr>` and one
cell per `<td>`/`<th>` in document order; a merged cell (rowspan/colspan) is one cell
where it starts, as the page wrote it. Layout tables that hold other tables are read
as ordinary blocks. Scripts, styles and hidden navigation markup give nothing.
"""

from __future__ import annotations

from ..errors import GkcliError

_SKIP = frozenset({"script", "style", "noscript", "template", "head", "select", "option"})
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "center",
        "dt",
        "dd",
        "pre",
        "blockquote",
        "title",
        "hr",
    }
)


def _cell_text(cell) -> str:
    """A cell's words; a <br> or paragraph inside the cell only splits words (「商业<br>企业」)."""
    return " ".join(t.strip() for t in cell.itertext() if t.strip())


class _Lines:
    def __init__(self) -> None:
        self.lines: list[list[str]] = []
        self.current: list[str] = []

    def text(self, text: str | None) -> None:
        if text:  # a line break in HTML source is only a space; <br> and blocks end lines
            self.current.append(text.replace("\n", " "))

    def end(self) -> None:
        line = "".join(self.current)
        if line.strip():
            self.lines.append([line])
        self.current = []

    def table(self, element) -> None:
        self.end()
        for row in element.iter("tr"):
            self.lines.append([_cell_text(c) for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")])
        self.lines.append([])


def _walk(element, out: _Lines) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIP:
        pass
    elif tag == "table" and element.find(".//table") is None:
        out.table(element)
    else:
        if tag in _BLOCKS:
            out.end()
        out.text(element.text)
        for child in element:
            _walk(child, out)
        if tag in _BLOCKS:
            out.end()
    out.text(element.tail)


def read(path: str, data: bytes) -> list[list[str]]:
    import lxml.html
    from lxml.etree import LxmlError

    try:
        root = lxml.html.document_fromstring(data)
    except (LxmlError, ValueError) as exc:
        raise GkcliError(f"无法解析 HTML：{_why(exc)}", where=path) from None
    out = _Lines()
    try:
        _walk(root, out)
    except RecursionError:  # libxml2 stops at 256 levels; this guards a parser built without that limit
        raise GkcliError("无法解析 HTML：标签嵌套过深", where=path) from None
    out.end()
    return out.lines


def _why(exc: Exception) -> str:
    return "文件是空的，或不含任何 HTML 内容" if "empty" in str(exc).lower() else "内容已损坏"
