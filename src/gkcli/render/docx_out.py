"""DOCX: the report as a Word file for the signed and stamped paper copy (python-docx).

The page follows GB/T 9704-2012 (`docx_page`); the tables keep their merged cells from
`grid` and are laid out by `docx_table`. Returns the file's bytes.
"""

from __future__ import annotations

import io

from .. import document
from ..document import Document
from ..narrative import HEADING, MISSING
from . import docx_page, docx_table, grid


def _paragraph(doc, text: str):
    from docx.shared import Pt

    p = doc.add_paragraph(text)
    p.paragraph_format.first_line_indent = Pt(docx_page.BODY_PT * 2)
    return p


def render(doc: Document) -> bytes:
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    out = Docx()
    docx_page.setup(out)
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
            docx_table.add(out, part.table, grid.table_grid(part.table, doc.tables, doc.fee_decimals))
    extra = document.appendix(doc)
    if extra:
        out.add_heading(extra.heading, level=1)
        for line in extra.lines:
            _paragraph(out, line)
    note = document.closing_note(doc)
    if note:
        out.add_heading(document.CLOSING_HEADING, level=1)
        _paragraph(out, note)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
