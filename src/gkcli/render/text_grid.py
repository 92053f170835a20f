"""The official tables as monospaced text, for a terminal of any width.

Merged headers stand over the columns they span, underlined across them (申请人情况 over
seven columns, 法人或其他组织 over five). Number columns are as narrow as their numbers and
the words of their headers (a header wraps between two-character words: 社会/公益/组织);
the label column takes the rest and wraps a long label under its own indentation. With no
width (a pipe, a file) every label and header stands on one line. Numbers never wrap.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .. import spec
from ..tables import Tables
from . import grid

HEADER, LABEL, NUMBER, CAPTION = "header", "label", "number", "caption"
INDENT = 2  # cells per outline level
_WORD = re.compile(r"[\u4e00-\u9fff]{1,8}")


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    span: int = 1  # columns covered, counting the label column
    kind: str = NUMBER
    depth: int = 0  # outline level of a label


def cells(text: str) -> int:
    """Terminal cells a text takes: two for a CJK character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def words(text: str) -> list[str]:
    """A header's unbreakable pieces: two-character words for a compound (社会|公益|组织), a
    three-character word first when the length is odd; otherwise each character."""
    if _WORD.fullmatch(text):
        if len(text) <= 3:
            return [text]
        first = 3 if len(text) % 2 else 2
        return [text[:first]] + [text[i : i + 2] for i in range(first, len(text), 2)]
    return list(text)


_CLOSING = frozenset("）」』》〉，、。；：？！”’)]")


def wrap(tokens: list[str], width: int) -> list[str]:
    """Lines of at most `width` cells; a closing mark never starts a line (it takes the
    character before it along)."""
    lines = [""]
    for token in tokens:
        if lines[-1] and cells(lines[-1] + token) > width:
            carried = ""
            if token in _CLOSING and len(lines[-1]) > 1:
                lines[-1], carried = lines[-1][:-1], lines[-1][-1]
            lines.append(carried)
        lines[-1] += token
    return lines


def _pad(text: str, width: int, align: str) -> str:
    room = max(0, width - cells(text))
    if align == "right":
        return " " * room + text
    if align == "center":
        return " " * (room // 2) + text + " " * (room - room // 2)
    return text + " " * room


@dataclass(frozen=True, slots=True)
class TextTable:
    rows: list[list[Piece]]
    header_rows: int
    labelled: bool  # the first column holds row labels

    def render(self, width: int | None) -> list[str]:
        """Lines of the table; `width` None: as wide as the longest label needs."""
        gap, columns = 2, self._number_widths(full=True)
        label_need = self._label_need()
        if width is not None and label_need + sum(columns) + gap * len(columns) > width:
            gap, columns = 1, self._number_widths(full=False)
        widths = columns
        if self.labelled:
            room = label_need if width is None else width - sum(columns) - gap * len(columns)
            widths = [max(12, min(label_need, room)), *columns]
        return self._lines(widths, gap)

    def _number_widths(self, full: bool) -> list[int]:
        """Width of each number column: its numbers, and its headers whole or (narrow) their longest word."""
        first = 1 if self.labelled else 0
        widths = [4] * (sum(p.span for p in self.rows[-1]) - first)
        for row in self.rows:
            col = 0
            for piece in row:
                if piece.span == 1 and col >= first and piece.kind in (HEADER, NUMBER):
                    need = cells(piece.text) if full or piece.kind == NUMBER else max(map(cells, words(piece.text)), default=0)
                    widths[col - first] = max(widths[col - first], need)
                col += piece.span
        return widths

    def _label_need(self) -> int:
        if not self.labelled:
            return 0
        return max((INDENT * r[0].depth + cells(r[0].text) for r in self.rows if r[0].span == 1), default=0)

    def _lines(self, widths: list[int], gap: int) -> list[str]:
        out: list[str] = []
        total = sum(widths) + gap * (len(widths) - 1)
        for index, row in enumerate(self.rows):
            blocks, rules, col = [], [], 0
            for piece in row:
                span_width = sum(widths[col : col + piece.span]) + gap * (piece.span - 1)
                blocks.append(self._block(piece, span_width))
                rules.append("─" * span_width if piece.kind == HEADER and piece.span > 1 and piece.text else " " * span_width)
                col += piece.span
            height = max(len(b) for b in blocks)
            for i in range(height):
                parts = [b[i] if i < len(b) else " " * cells(b[0]) for b in blocks]
                out.append((" " * gap).join(parts).rstrip())
            if index < self.header_rows and any(r.strip() for r in rules):
                out.append((" " * gap).join(rules).rstrip())
            if index == self.header_rows - 1:
                out.append("─" * total)
        return out

    @staticmethod
    def _block(piece: Piece, width: int) -> list[str]:
        if piece.kind == NUMBER:
            return [_pad(piece.text, width, "right")]
        if piece.kind == HEADER:
            return [_pad(line, width, "center") for line in wrap(words(piece.text), width)]
        if piece.kind == CAPTION:
            return [_pad(line, width, "left") for line in wrap(list(piece.text), width)]
        indent = INDENT * piece.depth
        lines = wrap(list(piece.text), max(2, width - indent))
        first = " " * indent + lines[0]
        rest = [" " * (indent + INDENT) + line for line in wrap(list("".join(lines[1:])), max(2, width - indent - INDENT))] if len(lines) > 1 else []
        return [_pad(line, width, "left") for line in [first, *rest]]


def _header_rows(cells_grid: list[list[grid.Cell]], rows: int, first_column: int, labelled: bool) -> list[list[Piece]]:
    """The header rows of a grid from `first_column` on; a cell spanning rows stands in its last
    row, so column headers line up."""
    width = sum(c.colspan for c in cells_grid[0])
    slots: list[list[Piece | None]] = [[None] * width for _ in range(rows)]
    for r, col, cell in grid.place(cells_grid):
        if r >= rows or col < first_column:
            continue
        bottom = min(rows, r + cell.rowspan) - 1
        slots[bottom][col] = Piece(cell.text, cell.colspan, HEADER)
        for dr in range(r, bottom + 1):
            for dc in range(col, col + cell.colspan):
                if (dr, dc) != (bottom, col):
                    slots[dr][dc] = slots[dr][dc] or Piece("", 0, HEADER)
    out = []
    for row in slots:
        pieces = [Piece("", 1, LABEL)] if labelled else []
        col = first_column
        while col < width:
            piece = row[col]
            if piece is None or piece.span == 0:
                pieces.append(Piece("", 1, HEADER))
                col += 1
            else:
                pieces.append(piece)
                col += piece.span
        out.append(pieces)
    return out


def applications(t: Tables) -> TextTable:
    """Table 2: 申请人情况 ▸ 法人或其他组织 over the number columns, the rows as an outline."""
    cells_grid = grid.applications_grid(t)
    rows = _header_rows(cells_grid, 3, 3, labelled=True)
    groups = spec.by_code(spec.APPLICATION_GROUPS)
    opened: set[str] = set()
    blank = [Piece("") for _ in spec.APPLICANT_COLUMNS]
    for item, values in zip(spec.APPLICATION_ROWS, t.applications):
        chain, parent = [], item.parent
        while parent:
            chain.insert(0, groups[parent])
            parent = groups[parent].parent
        for depth, group in enumerate(chain):
            if group.code not in opened:
                opened.add(group.code)
                rows.append([Piece(group.label, 1, LABEL, depth), *blank])
        rows.append([Piece(item.label, 1, LABEL, len(chain)), *(Piece(str(v)) for v in values)])
    return TextTable(rows, 3, labelled=True)


def review(t: Tables) -> TextTable:
    cells_grid = grid.review_grid(t)
    rows = _header_rows(cells_grid, 3, 0, labelled=False)
    rows.append([Piece(c.text) for c in cells_grid[3]])
    return TextTable(rows, 3, labelled=False)


def proactive(t: Tables, fee_decimals: int | None) -> TextTable:
    """Table 1: each block's caption on a line of its own, then its header and rows."""
    rows = []
    for row in grid.proactive_grid(t, fee_decimals):
        if len(row) == 1:
            rows.append([Piece(row[0].text, 4, CAPTION)])
        elif row[1].header:
            rows.append([Piece(row[0].text, 1, LABEL)] + [Piece(c.text, c.colspan, HEADER) for c in row[1:]])
        else:
            rows.append([Piece(row[0].text, 1, LABEL, 1)] + [Piece(c.text, c.colspan, NUMBER) for c in row[1:]])
    return TextTable(rows, 0, labelled=True)


def table(section: str, t: Tables, fee_decimals: int | None = None) -> tuple[str, TextTable]:
    """(note above the table, the table) of a report section."""
    if section == "applications":
        return spec.IDENTITY_NOTE, applications(t)
    if section == "review":
        return "", review(t)
    return "", proactive(t, fee_decimals)
