"""XLSX: the three official tables as worksheets an office would draw in Excel or WPS (openpyxl).

One sheet per table, laid out from `grid`: the merged cells are exactly the grid's row and
column spans (`grid.place`), so no label is spelt here and no two merged ranges overlap.
Cells have thin borders and wrapped text; column widths come from `widths` (the Word
file's), row heights are set from the text each row must hold (Excel does not grow a row
for a merged cell); the header rows are frozen and each sheet prints on A4, one page wide.

Numbers are numbers: counts are integers. The fee (万元) is a number when a spreadsheet's
double holds it exactly (at most 15 significant digits, always the case for real fees: 元
have two decimals, so 万元 have six), shown with exactly the decimals of the report
(number format `0.000000` for 0.123456, `0.00` with `fee_decimals=2`); otherwise it is
written as text, right-aligned, so no digit is ever lost to rounding.

`render(doc)` gives the report's tables only (like JSON and CSV); `rows_sheet` adds a plain
table (a header row and rows), for commands that list one row per unit or per case.
"""

from __future__ import annotations

import io
import math
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from .. import spec
from ..document import Document
from ..tables import Tables
from . import grid, widths

FONT_NAME = "宋体"
TITLE_PT = 14
PRINT_MARGIN_IN = 0.6  # left and right, inches (openpyxl's unit)
PAGE_MM = {"portrait": 210.0, "landscape": 297.0}
ORIENTATION = {"proactive": "portrait", "applications": "portrait", "review": "landscape"}
HEADER_ROWS = {"proactive": 0, "applications": 3, "review": 3}  # as in the Word file: rows repeated on each page
LABEL_COLUMNS = {"proactive": 0, "applications": 3, "review": 0}  # columns frozen at the left
TITLE_ROWS = 2  # the report title, then the section heading, above the table
SHEET_NAME_MAX = 31
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
EXACT_DIGITS = 15  # significant digits a double always keeps


def tables_sheets(workbook, tables: Tables, fee_decimals: int | None, title_prefix: str = "") -> None:
    """Add one sheet per official table (spec.TABLE_SECTIONS) to `workbook`, in the official layout.

    The sheets are named after the report sections (二、主动公开政府信息情况 …), preceded by
    `title_prefix` (e.g. 汇总) and cut to Excel's 31 characters; a name already taken gets a number.
    """
    sections = spec.by_code(spec.SECTIONS)
    for section in spec.TABLE_SECTIONS:
        cells = grid.table_grid(section, tables, fee_decimals)
        heading = f"{title_prefix}{sections[section].label}"
        sheet = workbook.create_sheet(sheet_name(workbook, heading))
        _draw_table(sheet, section, cells, [spec.title(tables.agency, tables.year), heading])


def rows_sheet(workbook, title: str, headers: list[str], rows: list[list]) -> None:
    """Add a plain table: one bold header row (frozen, with a filter) and the rows below it.

    Integers and exact decimals are numbers, dates are dates, None is an empty cell, any other
    value is text (never a formula, whatever it starts with).
    """
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(sheet_name(workbook, title))
    border = _border()
    bold = Font(name=FONT_NAME, bold=True)
    plain = Font(name=FONT_NAME)
    wrap = Alignment(wrap_text=True, vertical="center")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    ems = [widths.text_em(str(h)) for h in headers]
    for c, text in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=c)
        _set_text(cell, str(text))
        cell.font, cell.alignment, cell.border = bold, centre, border
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            shown = _set_value(cell, value)
            cell.font, cell.border = plain, border
            if cell.alignment.horizontal is None:
                cell.alignment = wrap
            if c <= len(ems):
                ems[c - 1] = max(ems[c - 1], widths.text_em(shown))
            else:
                ems.append(widths.text_em(shown))
    for c, em in enumerate(ems, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(max(em * 2 + 2, 6), 60)
    width = max(len(headers), max((len(r) for r in rows), default=0))
    if width:
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(width)}{len(rows) + 1}"
        sheet.print_title_rows = "1:1"
    _page(sheet, "landscape" if width > 8 else "portrait")


def sheet_name(workbook, wanted: str) -> str:
    """A sheet name Excel accepts: no []:*?/\\ or control characters, at most 31 characters,
    not starting or ending with an apostrophe, not 'History', and not already in the workbook."""
    name = _SHEET_NAME_BAD.sub("_", wanted).strip("'").strip() or "Sheet"
    if name.casefold() == "history":
        name = f"{name}_"
    taken = {s.title.casefold() for s in workbook.worksheets}
    candidate, n = name[:SHEET_NAME_MAX], 1
    while candidate.casefold() in taken:
        n += 1
        suffix = f"（{n}）"
        candidate = name[: SHEET_NAME_MAX - len(suffix)] + suffix
    return candidate


def render(doc: Document) -> bytes:
    """The report's three tables as an .xlsx file (its bytes)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    tables_sheets(book, doc.tables, doc.fee_decimals)
    properties(book, spec.title(doc.tables.agency, doc.tables.year), doc.tables.agency)
    return to_bytes(book)


def properties(workbook, title: str, author: str) -> None:
    """The file's title and author, as Excel shows them under 信息/属性."""
    workbook.properties.title = title
    workbook.properties.creator = author or None
    workbook.properties.lastModifiedBy = author or None


def to_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- the official tables ------------------------------------------------------------------


def _draw_table(sheet, section: str, cells: list[list[grid.Cell]], titles: list[str]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    orientation = ORIENTATION[section]
    area_mm = PAGE_MM[orientation] - 2 * PRINT_MARGIN_IN * 25.4 - 4
    size, column_mm = widths.fit(cells, area_mm)
    ncols = len(column_mm)
    for c, mm in enumerate(column_mm, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = round(_excel_width(mm), 2)
    capacity = [max(1.0, (mm - 2 * widths.CELL_MARGIN_MM - 1.0) / (size * widths.PT_MM)) for mm in column_mm]
    line_pt = size * 1.3
    title_font = Font(name=FONT_NAME, size=TITLE_PT, bold=True)
    for r, text in enumerate(titles, start=1):
        cell = sheet.cell(row=r, column=1)
        _set_text(cell, text)
        cell.font = title_font if r == 1 else Font(name=FONT_NAME, size=size + 1, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if ncols > 1:
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
        lines = math.ceil(widths.text_em(text) * (TITLE_PT if r == 1 else size + 1) / size / sum(capacity)) or 1
        sheet.row_dimensions[r].height = lines * (TITLE_PT if r == 1 else size + 1) * 1.35 + 6
    top = TITLE_ROWS + 1
    border = _border()
    header_font = Font(name=FONT_NAME, size=size)
    number_font = Font(name=FONT_NAME, size=size)
    heights = [line_pt + 6] * len(cells)
    heading_row = [all(c.header for c in row) for row in cells]
    for r, col, cell in grid.place(cells):
        row, column = top + r, 1 + col
        target = sheet.cell(row=row, column=column)
        if cell.number:
            _set_number(target, cell.text)
            target.font = number_font
            horizontal = "center"
        else:
            _set_text(target, cell.text)
            target.font = header_font
            centred = cell.header and (cell.rowspan > 1 or cell.colspan > 1 or r < HEADER_ROWS[section] or heading_row[r])
            horizontal = "center" if centred else "left"
        target.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        for dr in range(cell.rowspan):  # every position of a merged cell has its border, or Excel draws gaps
            for dc in range(cell.colspan):
                sheet.cell(row=row + dr, column=column + dc).border = border
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_cells(start_row=row, start_column=column, end_row=row + cell.rowspan - 1, end_column=column + cell.colspan - 1)
        room = sum(capacity[col : col + cell.colspan])
        lines = max(1, math.ceil(widths.text_em(cell.text) / room)) if cell.text else 1
        each = (lines * line_pt + 6) / cell.rowspan
        for dr in range(cell.rowspan):
            heights[r + dr] = max(heights[r + dr], each)
    for r, height in enumerate(heights):
        sheet.row_dimensions[top + r].height = round(height, 1)
    frozen_row = top + HEADER_ROWS[section]
    sheet.freeze_panes = f"{get_column_letter(1 + LABEL_COLUMNS[section])}{frozen_row}"
    sheet.print_title_rows = f"1:{frozen_row - 1}"
    _page(sheet, orientation)


def _excel_width(mm: float) -> float:
    """Excel's column width (characters of the default font) for a width in millimetres."""
    px = mm * 96 / 25.4
    return max(1.0, (px - 5) / 7)


def _page(sheet, orientation: str) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = orientation
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as needed
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = PRINT_MARGIN_IN


def _border():
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="000000")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


# --- values -------------------------------------------------------------------------------


def _set_text(cell, text: str) -> None:
    """Text as text: control characters made visible (XML cannot hold them), never a formula."""
    from ..safe_text import visible

    cell.value = visible(text)
    cell.data_type = "s"  # openpyxl would take a leading = as a formula


def _set_number(cell, text: str) -> None:
    """A cell of a table: an integer, a decimal shown with exactly its own decimals, or text."""
    from openpyxl.styles import Alignment

    try:
        cell.value = int(text)
        cell.number_format = "0"
        return
    except ValueError:
        pass
    exact = exact_float(text)
    if exact is None:
        _set_text(cell, text)
        cell.alignment = Alignment(horizontal="right")
        return
    cell.value = exact
    places = len(text.partition(".")[2])
    cell.number_format = "0." + "0" * places if places else "0"


def exact_float(text: str) -> float | None:
    """The decimal `text` as a float when a double holds every one of its digits, else None."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    digits = value.normalize().as_tuple().digits
    if len(digits) > EXACT_DIGITS:
        return None
    number = float(value)
    return number if Decimal(repr(number)) == value else None


def _set_value(cell, value) -> str:
    """A value of a plain table; returns the text it shows (for the column's width)."""
    from openpyxl.styles import Alignment

    if value is None:
        return ""
    if isinstance(value, bool):
        _set_text(cell, "是" if value else "否")
        return cell.value
    if isinstance(value, int):
        cell.value = value
        cell.alignment = Alignment(horizontal="right", vertical="center")
        return str(value)
    if isinstance(value, Decimal | float):
        text = format(value, "f") if isinstance(value, Decimal) else repr(value)
        _set_number(cell, text)
        if cell.data_type == "n":
            cell.alignment = Alignment(horizontal="right", vertical="center")
        return text
    if isinstance(value, date | datetime):
        cell.value = value
        cell.number_format = "yyyy-mm-dd" if not isinstance(value, datetime) else "yyyy-mm-dd hh:mm"
        return value.isoformat()
    _set_text(cell, str(value))
    return cell.value
