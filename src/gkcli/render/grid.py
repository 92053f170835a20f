"""The three official tables laid out as cell grids, as the 2021 format prints them.

A grid is rows of `Cell`s with row/column spans, as in an HTML table; `flatten`
turns it into a plain rectangle (a merged cell's text in its top-left position,
blanks elsewhere) for Markdown and terminal output. Labels come from `spec`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .. import spec
from ..tables import Tables, decimal_text


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    number: bool = False


def fee_text(value: Decimal, decimals: int | None) -> str:
    if decimals is None:
        return decimal_text(value)
    return format(value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP), "f")


def _numbers(values) -> list[Cell]:
    return [Cell(str(v), number=True) for v in values]


def proactive_grid(t: Tables, fee_decimals: int | None = None) -> list[list[Cell]]:
    """Table 1: four blocks, each a caption row, a header row and its data rows (4 columns)."""
    p = t.proactive
    rows: list[list[Cell]] = []
    for block in spec.PROACTIVE_BLOCKS:
        span = 3 // len(block.columns)
        rows.append([Cell(block.caption, colspan=4, header=True)])
        rows.append([Cell(spec.PROACTIVE_HEADER, header=True)] + [Cell(c.label, colspan=span, header=True) for c in block.columns])
        for item in block.rows:
            if item.code in spec.STOCK_ROWS:
                stock = getattr(p, item.code)
                values = [Cell(str(getattr(stock, c.code)), number=True) for c in block.columns]
            elif item.code == "fees":
                values = [Cell(fee_text(p.fees_wan, fee_decimals), colspan=3, number=True)]
            else:
                values = [Cell(str(getattr(p, item.code)), colspan=3, number=True)]
            rows.append([Cell(item.label, header=True)] + values)
    return rows


def applications_grid(t: Tables) -> list[list[Cell]]:
    """Table 2: three header rows, then the 25 data rows under their group labels (10 columns)."""
    cols = spec.APPLICANT_COLUMNS
    organisations = [c for c in cols if c.parent == "organisation"]
    rows: list[list[Cell]] = [
        [Cell(spec.IDENTITY_NOTE, rowspan=3, colspan=3, header=True), Cell(spec.APPLICANT_HEADER, colspan=7, header=True)],
        [Cell(cols[0].label, rowspan=2, header=True), Cell(spec.ORGANISATION_HEADER, colspan=len(organisations), header=True), Cell(cols[-1].label, rowspan=2, header=True)],
        [Cell(c.label, header=True) for c in organisations],
    ]
    groups = spec.by_code(spec.APPLICATION_GROUPS)
    for item, values in zip(spec.APPLICATION_ROWS, t.applications):
        if not item.parent:  # 一、二、四: one label across the three label columns
            labels = [Cell(item.label, colspan=3, header=True)]
        else:
            labels = []
            under_results = _rows_under("results")
            if item is under_results[0]:
                labels.append(Cell(groups["results"].label, rowspan=len(under_results), header=True))
            if item.parent == "results":
                labels.append(Cell(item.label, colspan=2, header=True))
            else:
                members = _rows_under(item.parent)
                if item is members[0]:
                    labels.append(Cell(groups[item.parent].label, rowspan=len(members), header=True))
                labels.append(Cell(item.label, header=True))
        rows.append(labels + _numbers(values))
    return rows


def _rows_under(group: str) -> list[spec.Item]:
    """The data rows a group label spans: its own rows and those of its subgroups."""
    groups = spec.by_code(spec.APPLICATION_GROUPS)
    return [r for r in spec.APPLICATION_ROWS if r.parent == group or (r.parent in groups and groups[r.parent].parent == group)]


def review_grid(t: Tables) -> list[list[Cell]]:
    """Table 3: 行政复议 (5 columns) and 行政诉讼 with its two groups (10 columns), one data row."""
    results = spec.REVIEW_COLUMNS
    first, *litigation = spec.REVIEW_GROUPS
    rows = [
        [Cell(first.label, colspan=5, header=True), Cell(spec.LITIGATION_HEADER, colspan=10, header=True)],
        [Cell(r.label, rowspan=2, header=True) for r in results] + [Cell(g.label, colspan=5, header=True) for g in litigation],
        [Cell(r.label, header=True) for _ in litigation for r in results],
        [Cell(str(v), number=True) for row in t.review for v in row],
    ]
    return rows


def table_grid(section: str, t: Tables, fee_decimals: int | None = None) -> list[list[Cell]]:
    """The grid of the table in a report section (spec.TABLE_SECTIONS)."""
    if section == "proactive":
        return proactive_grid(t, fee_decimals)
    return {"applications": applications_grid, "review": review_grid}[section](t)


def place(grid: list[list[Cell]]) -> list[tuple[int, int, Cell]]:
    """(row, column, cell) of each cell in the rectangle, skipping positions spanned from above."""
    width = sum(c.colspan for c in grid[0])
    taken = [[False] * width for _ in grid]
    out = []
    for r, row in enumerate(grid):
        col = 0
        for cell in row:
            while taken[r][col]:
                col += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken[r + dr][col + dc] = True
            out.append((r, col, cell))
            col += cell.colspan
    return out


def flatten(grid: list[list[Cell]]) -> list[list[Cell]]:
    """A rectangle of cells: each merged cell's text top-left, blank cells where it spans."""
    width = sum(c.colspan for c in grid[0])
    out: list[list[Cell | None]] = [[None] * width for _ in grid]
    for r, col, cell in place(grid):
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                blank = Cell("", header=cell.header, number=cell.number)
                out[r + dr][col + dc] = cell if (dr, dc) == (0, 0) else blank
    return [[c or Cell("") for c in row] for row in out]

