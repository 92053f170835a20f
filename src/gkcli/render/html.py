"""HTML: the report as one self-contained page (inline CSS, no scripts, no external assets).

The official tables keep their merged header cells as real rowspan/colspan from
`grid`, with the column widths of the Word file. Every piece of text is HTML-escaped.
The page reads on a phone (tables scroll sideways inside their box); a column header
breaks only between words. Printed, it gives the Word file's page: GB/T 9704 margins
and fonts, header rows repeated, small tables and rows kept whole.
"""

from __future__ import annotations

import re
from html import escape

from .. import document
from ..document import Document
from ..narrative import HEADING, MISSING
from . import grid, widths
from .docx_page import TYPE_AREA_MM
from .docx_table import HEADER_ROWS, KEEP_TOGETHER_ROWS

CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@page :right { @bottom-right { content: "— " counter(page) " —"; font: 14pt "SimSun", "宋体", "Noto Serif CJK SC", serif; margin-right: 14pt; vertical-align: top; padding-top: 7mm; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font: 14pt "SimSun", "宋体", "Noto Serif CJK SC", serif; margin-left: 14pt; vertical-align: top; padding-top: 7mm; } }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem 1rem 3rem; color: #111; background: #fff; line-height: 1.8;
  font-family: "FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; }
h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "STZhongsong", "华文中宋", "Noto Serif CJK SC", "Source Han Serif SC", serif;
  font-weight: normal; font-size: 1.6rem; text-align: center; line-height: 1.5; margin: 1rem 0 1.5rem; text-wrap: balance; }
h2 { font-family: "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
h3 { font-family: "KaiTi_GB2312", "楷体_GB2312", "KaiTi", "楷体", "STKaiti", "Noto Serif CJK SC", serif; }
h2, h3 { font-weight: normal; font-size: 1.1rem; margin: .8rem 0 .3rem; text-indent: 2em; }
p, li { text-indent: 2em; margin: .4rem 0; overflow-wrap: anywhere; }
ul { list-style: none; padding: 0; margin: 0; }
p.missing { color: #a00; font-style: italic; }
.table { overflow-x: auto; margin: .6rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; line-height: 1.45;
  font-family: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; }
th, td { border: 1px solid #222; padding: .25rem .4rem; vertical-align: middle; }
th { font-weight: normal; text-align: center; background: #f4f4f4; }
td { text-align: center; font-variant-numeric: tabular-nums; white-space: nowrap; }
th.label { text-align: left; }
.w { white-space: nowrap; }
@media (max-width: 40rem) {
  body { padding: 1rem .75rem 2rem; }
  table { font-size: .78rem; }
  th, td { padding: .2rem .25rem; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 16pt; line-height: 29pt; }
  h1 { font-size: 22pt; line-height: 36pt; margin: 0 0 29pt; }
  h2, h3 { font-size: 16pt; margin: 0; break-after: avoid; }
  p, li { margin: 0; }
  .table { overflow: visible; margin: 0; }
  table { font-size: 10.5pt; line-height: 1.25; }
  table.small { font-size: 9pt; }
  th, td { padding: 0 .5mm; }
  th { background: none; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  .keep { break-inside: avoid; }
}
""".strip()


def words(text: str) -> str:
    """A column header as unbreakable two-character words (「社会|公益|组织」, 「法人或|其他|组织」):
    a narrow column breaks it between words, never inside one. Headers with punctuation
    are sentences and wrap as text does."""
    if not _WORD.fullmatch(text) or len(text) <= 3:
        return f'<span class="w">{escape(text)}</span>' if _WORD.fullmatch(text) else escape(text)
    first = 3 if len(text) % 2 else 2
    parts = [text[:first]] + [text[i : i + 2] for i in range(first, len(text), 2)]
    return "<wbr>".join(f'<span class="w">{escape(p)}</span>' for p in parts)


_WORD = re.compile(r"[\u4e00-\u9fff]{1,8}")


def table(cells: list[list[grid.Cell]], label_columns: int = 0, header_rows: int = 0) -> str:
    """A grid as an HTML table; header cells in the first `label_columns` columns align left;
    the first `header_rows` rows repeat on each printed page."""
    size, column_mm = widths.fit(cells, TYPE_AREA_MM)
    total = sum(column_mm)
    cols = "".join(f'<col style="width:{w / total * 100:.1f}%">' for w in column_mm)
    rows: list[list[str]] = [[] for _ in cells]
    for r, col, cell in grid.place(cells):
        tag = "th" if cell.header else "td"
        attrs = "".join(f' {name}="{n}"' for name, n in (("rowspan", cell.rowspan), ("colspan", cell.colspan)) if n > 1)
        label = cell.header and col < label_columns and r >= 1 and not cell.number
        if label:
            attrs += ' class="label"'
        text = words(cell.text) if cell.header and not label else escape(cell.text)
        rows[r].append(f"<{tag}{attrs}>{text}</{tag}>")
    head = "\n".join(f"<tr>{''.join(row)}</tr>" for row in rows[:header_rows])
    body = "\n".join(f"<tr>{''.join(row)}</tr>" for row in rows[header_rows:])
    head = f"<thead>\n{head}\n</thead>\n" if header_rows else ""
    classes = "table" + (" keep" if len(cells) <= KEEP_TOGETHER_ROWS else "")
    small = ' class="small"' if size < widths.SIZES_PT[0] else ""
    return f'<div class="{classes}"><table{small}>\n<colgroup>{cols}</colgroup>\n{head}<tbody>\n{body}\n</tbody>\n</table></div>'


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
            cells = grid.table_grid(part.table, doc.tables, doc.fee_decimals)
            out.append(table(cells, _LABEL_COLUMNS[part.table], HEADER_ROWS[part.table]))
        out.append("</section>")
    extra = document.appendix(doc)
    if extra:
        items = "".join(f"<li>{escape(line)}</li>" for line in extra.lines)
        out.append(f'<section id="appendix">\n<h2>{escape(extra.heading)}</h2>\n<ul>{items}</ul>\n</section>')
    note = document.closing_note(doc)
    if note:
        out.append(f'<section id="closing">\n<h2>{escape(document.CLOSING_HEADING)}</h2>\n<p>{escape(note)}</p>\n</section>')
    body = "\n".join(out)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
