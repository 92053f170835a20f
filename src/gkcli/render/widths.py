"""Column widths of an official table on paper, from its content.

Label columns get the width their longest label needs on two lines (a label spanning
several rows may use one line per row); number columns are equal and as narrow as their
headers allow. Whatever width is left is shared in proportion. Pure: millimetres in and out.
"""

from __future__ import annotations

import math
import unicodedata

from .grid import Cell, place

PT_MM = 25.4 / 72
CELL_MARGIN_MM = 0.5  # left and right, inside each cell
SLACK_MM = 0.3  # borders, and rounding in the word processor's own layout
SIZES_PT = (10.5, 9)  # 五号, then 小五 where 五号 does not fit


def text_em(text: str) -> float:
    """Width of a text in em: CJK characters one, Latin letters and digits a half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def _lines(cell: Cell) -> int:
    """Lines a cell's text may take: two, or one per row it spans."""
    return max(2, cell.rowspan)


def _needs_em(grid: list[list[Cell]], numbers: list[bool]) -> list[float]:
    width = len(numbers)
    need = [1.0 if numbers[c] else 2.0 for c in range(width)]
    spanning = []
    for _, col, cell in place(grid):
        em = math.ceil(text_em(cell.text) / _lines(cell)) if cell.text else 0
        if em and not numbers[col] and _lines(cell) == 2 and text_em(cell.text) > em:
            em += 1  # line-breaking rules (no 「、」 at a line's start) may carry a character over
        if cell.colspan == 1:
            need[col] = max(need[col], em)
        else:
            spanning.append((col, cell.colspan, em))
    widest_number = max((need[c] for c in range(width) if numbers[c]), default=0)
    need = [widest_number if numbers[c] else need[c] for c in range(width)]
    for col, span, em in spanning:  # a merged cell too narrow for its text widens its last column
        short = em - sum(need[col : col + span])
        if short > 0:
            need[col + span - 1] += short
    return need


def number_columns(grid: list[list[Cell]]) -> list[bool]:
    from .grid import flatten

    return [c.number for c in flatten(grid)[-1]]


def column_widths(grid: list[list[Cell]], area_mm: float, pt: float) -> list[float] | None:
    """Widths in mm filling `area_mm` at font size `pt`, or None if the text does not fit."""
    numbers = number_columns(grid)
    need = _needs_em(grid, numbers)
    pad = 2 * CELL_MARGIN_MM + SLACK_MM
    widths = [em * pt * PT_MM + pad for em in need]
    total = sum(widths)
    if total > area_mm:
        return None
    return [w * area_mm / total for w in widths]


def fit(grid: list[list[Cell]], area_mm: float) -> tuple[float, list[float]]:
    """(font size, widths): the largest size whose labels fit; the smallest, squeezed, otherwise."""
    for pt in SIZES_PT:
        widths = column_widths(grid, area_mm, pt)
        if widths:
            return pt, widths
    pt = SIZES_PT[-1]
    numbers = number_columns(grid)
    need = _needs_em(grid, numbers)
    return pt, [em * area_mm / sum(need) for em in need]
