"""An official table in a Word document, laid out so Word, WPS and LibreOffice agree.

Fixed layout with the widths written three times over — the table's width, its grid
(`w:tblGrid`) and every cell's `w:tcW` — because each program trusts a different one.
Header rows repeat on every page, no row splits across a page, and a small table is
kept on one page by chaining its paragraphs to the next.
"""

from __future__ import annotations

from . import grid, widths
from .docx_page import TABLE_FONT, TYPE_AREA_MM, set_font

# Header rows that repeat at the top of each page the table runs onto.
HEADER_ROWS = {"proactive": 0, "applications": 3, "review": 3}
KEEP_TOGETHER_ROWS = 20  # tables this short never break across pages


def add(doc, section: str, cells: list[list[grid.Cell]]):
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    size, column_mm = widths.fit(cells, TYPE_AREA_MM)
    table = doc.add_table(rows=len(cells), cols=len(column_mm))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fixed(table, column_mm)
    for width, column in zip(column_mm, table.columns):
        column.width = Mm(width)
    # table.cell() rescans the whole table on every call; take the cells once, before merging
    # (a merge only removes cells that no later position refers to).
    at = [list(row.cells) for row in table.rows]
    keep = len(cells) <= KEEP_TOGETHER_ROWS
    heading_row = [all(c.header for c in row) for row in cells]  # e.g. 信息内容 | 本年制发件数 …
    for r, col, cell in grid.place(cells):
        target = at[r][col]
        for row in at[r : r + cell.rowspan]:  # every cell, merged or not, states its width
            for c in range(col, col + cell.colspan):
                row[c].width = Mm(column_mm[c])
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(at[r + cell.rowspan - 1][col + cell.colspan - 1])
            target.width = Mm(sum(column_mm[col : col + cell.colspan]))
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = target.paragraphs[0]
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = 0
        fmt.line_spacing = 1.0
        fmt.keep_with_next = keep and r < len(cells) - 1
        if cell.number or (cell.header and (cell.rowspan > 1 or cell.colspan > 1 or r < HEADER_ROWS[section] or heading_row[r])):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_font(paragraph.add_run(cell.text), TABLE_FONT, size)
    for r, row in enumerate(table.rows):
        _row_flags(row, header=r < HEADER_ROWS[section])
    return table


def _fixed(table, column_mm: list[float]) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Mm

    tbl_pr = table._tbl.tblPr
    for tag in ("w:tblW", "w:tblLayout", "w:tblCellMar"):
        for old in tbl_pr.findall(qn(tag)):
            tbl_pr.remove(old)
    margin = round(widths.CELL_MARGIN_MM / 25.4 * 1440)
    tbl_pr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{round(Mm(sum(column_mm)).twips)}" w:type="dxa"/>'))
    tbl_pr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    tbl_pr.append(
        parse_xml(
            f'<w:tblCellMar {nsdecls("w")}><w:left w:w="{margin}" w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>'
        )
    )
    _order(tbl_pr)


# The schema fixes the order of a tblPr's children; Word refuses a file that breaks it.
_TBL_PR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc")
_TBL_PR_ORDER += ("tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")


def _order(tbl_pr) -> None:
    def rank(child) -> int:
        local = child.tag.rsplit("}", 1)[-1]
        return _TBL_PR_ORDER.index(local) if local in _TBL_PR_ORDER else len(_TBL_PR_ORDER)

    children = sorted(tbl_pr, key=rank)
    for child in children:
        tbl_pr.remove(child)
        tbl_pr.append(child)


def _row_flags(row, header: bool) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    if header:
        tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
