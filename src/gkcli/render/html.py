"""HTML: the report as one self-contained page (inline CSS, no scripts, no external assets).

The official tables keep their merged header cells as real rowspan/colspan from
`grid`. Every piece of text is HTML-escaped. The page reads on a phone (tables scroll
sideways inside their box) and prints on A4 (the print style shrinks the tables to
the page width).
"""

from __future__ import annotations

from html import escape

from .. import document
from ..document import Document
from ..narrative import HEADING, MISSING
from . import grid

CSS = """
@page { size: A4; margin: 20mm 18mm; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem 1rem 3rem; color: #111; background: #fff; line-height: 1.8;
  font-family: "FangSong", "仿宋", "FangSong_GB2312", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; }
h1, h2, h3 { font-family: "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-weight: bold; }
h1 { font-size: 1.6rem; text-align: center; line-height: 1.5; margin: 1rem 0 1.5rem; text-wrap: balance; }
h2 { font-size: 1.25rem; margin: 1.6rem 0 .6rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .3rem; }
p { text-indent: 2em; margin: .4rem 0; overflow-wrap: anywhere; }
p.missing { color: #a00; font-style: italic; }
.table { overflow-x: auto; margin: .6rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; line-height: 1.45;
  font-family: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; }
th, td { border: 1px solid #222; padding: .25rem .4rem; vertical-align: middle; }
th { font-weight: normal; text-align: center; background: #f4f4f4; min-width: 3em; }
td { text-align: center; font-variant-numeric: tabular-nums; min-width: 2em; }
th.label { text-align: left; }
@media (max-width: 40rem) {
  body { padding: 1rem .75rem 2rem; }
  table { font-size: .78rem; }
  th, td { padding: .2rem .25rem; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 12pt; }
  h1 { font-size: 18pt; }
  .table { overflow: visible; }
  table { font-size: 8pt; line-height: 1.3; }
  th, td { padding: 1pt 2pt; }
  th { background: none; }
  h2, h3 { break-after: avoid; }
  tr { break-inside: avoid; }
}
""".strip()


def table(cells: list[list[grid.Cell]], label_columns: int = 0) -> str:
    """A grid as an HTML table; header cells in the first `label_columns` columns align left."""
    rows: list[list[str]] = [[] for _ in cells]
    for r, col, cell in grid.place(cells):
        tag = "th" if cell.header else "td"
        attrs = "".join(f' {name}="{n}"' for name, n in (("rowspan", cell.rowspan), ("colspan", cell.colspan)) if n > 1)
        if cell.header and col < label_columns and r >= 1 and not cell.number:
            attrs += ' class="label"'
        rows[r].append(f"<{tag}{attrs}>{escape(cell.text)}</{tag}>")
    body = "\n".join(f"<tr>{''.join(row)}</tr>" for row in rows)
    return f'<div class="table"><table>\n{body}\n</table></div>'


# Table sections whose first columns hold row labels (left-aligned), and how many.
_LABEL_COLUMNS = {"proactive": 1, "applications": 3, "review": 0}


def render(doc: Document) -> str:
    title = escape(document.title(doc))
    out = [f"<h1>{title}</h1>", *(f"<p>{escape(p)}</p>" for p in document.opening(doc))]
    for part in document.parts(doc):
        out.append(f'<section id="{part.section.code}">\n<h2>{escape(part.section.label)}</h2>')
        for block in part.blocks:
            if block.kind == HEADING:
                out.append(f"<h3>{escape(block.text)}</h3>")
            else:
                out.append(f'<p class="missing">{escape(block.text)}</p>' if block.kind == MISSING else f"<p>{escape(block.text)}</p>")
        if part.table:
            out.append(table(grid.table_grid(part.table, doc.tables, doc.fee_decimals), _LABEL_COLUMNS[part.table]))
        out.append("</section>")
    extra = document.appendix(doc)
    if extra:
        items = "".join(f"<li>{escape(line)}</li>" for line in extra.lines)
        out.append(f'<section id="appendix">\n<h2>{escape(extra.heading)}</h2>\n<ul>{items}</ul>\n</section>')
    body = "\n".join(out)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
