"""DOCX: the report as a Word file for the signed and stamped paper copy (python-docx).

A4 portrait; body text 仿宋, tables 宋体, title and headings 黑体, set as East Asian
fonts (`w:eastAsia`) so Word uses them for Chinese. The tables keep their merged cells
from `grid`. Returns the file's bytes.
"""

from __future__ import annotations

import io

from .. import document
from ..document import Document
from ..narrative import HEADING, MISSING
from . import grid

BODY_FONT = "仿宋"
TABLE_FONT = "宋体"
HEADING_FONT = "黑体"
# 号 sizes in points: 二号 22, 三号 16, 四号 14, 小五 9
TITLE_PT, HEADING_PT, BODY_PT, TABLE_PT = 22, 16, 16, 9
TABLE2_PT = 7.5  # table 2 has ten columns on a portrait page


def set_font(element, name: str, size: float | None = None, bold: bool | None = None) -> None:
    """Font of a style or run, for Latin and East Asian text alike (themes removed)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    element.font.name = name
    if size is not None:
        element.font.size = Pt(size)
    if bold is not None:
        element.font.bold = bold
    rfonts = element.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        rfonts.set(qn(attr), name)


def _setup(doc) -> None:
    from docx.shared import Mm, Pt, RGBColor

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)  # GB/T 9704 type area
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    set_font(doc.styles["Normal"], BODY_FONT, BODY_PT)
    doc.styles["Normal"].paragraph_format.line_spacing = Pt(28)
    for name, size in (("Title", TITLE_PT), ("Heading 1", HEADING_PT), ("Heading 2", HEADING_PT)):
        style = doc.styles[name]
        set_font(style, HEADING_FONT, size, bold=False)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.italic = False
    for edge in doc.styles["Title"].element.xpath(".//w:pBdr"):  # the default title is underlined
        edge.getparent().remove(edge)


def _paragraph(doc, text: str):
    from docx.shared import Pt

    p = doc.add_paragraph(text)
    p.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
    return p


def _table(doc, cells: list[list[grid.Cell]], size: float) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    width = sum(c.colspan for c in cells[0])
    table = doc.add_table(rows=len(cells), cols=width)
    table.style = "Table Grid"
    # table.cell() rescans the whole table on every call; take the cells once, before merging
    # (a merge only removes cells that no later position refers to).
    at = [list(row.cells) for row in table.rows]
    for r, col, cell in grid.place(cells):
        target = at[r][col]
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(at[r + cell.rowspan - 1][col + cell.colspan - 1])
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = target.paragraphs[0]
        paragraph.paragraph_format.first_line_indent = 0
        paragraph.paragraph_format.line_spacing = 1.0
        if cell.number or (cell.header and (cell.rowspan > 1 or cell.colspan > 1 or r < 3)):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_font(paragraph.add_run(cell.text), TABLE_FONT, size)


def render(doc: Document) -> bytes:
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    out = Docx()
    _setup(out)
    out.core_properties.title = document.title(doc)
    out.core_properties.author = doc.tables.agency
    title = out.add_paragraph(document.title(doc), style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in document.opening(doc):
        _paragraph(out, text)
    for part in document.parts(doc):
        out.add_heading(part.section.label, level=1)
        for block in part.blocks:
            if block.kind == HEADING:
                out.add_heading(block.text, level=2)
            else:
                p = _paragraph(out, block.text)
                if block.kind == MISSING:
                    p.runs[0].italic = True
        if part.table:
            size = TABLE2_PT if part.table == "applications" else TABLE_PT
            _table(out, grid.table_grid(part.table, doc.tables, doc.fee_decimals), size)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
