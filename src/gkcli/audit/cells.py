"""One row's cells out of the tokens between its label and the next: numbers, dashes
and empty cells, with run-together digits cut by the identities (see `digits`).

Pure: tokens in, a `RowRead` out; a row that cannot be read says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import digits
from .tokens import BLANK, DASH, NUMBER, TEXT, Token

# Digits in one cell: no count, and no fee in 万元 with its six decimals, comes near this.
# Longer is damage, not a figure; it is also past what Decimal arithmetic keeps exact.
MAX_DIGITS = 18


@dataclass(frozen=True, slots=True)
class RowRead:
    values: tuple[int | Decimal, ...]  # always `expected` long; 0 placeholders when `problem` (the row is unread)
    blanks: tuple[tuple[int, str], ...] = ()  # (cell index, what was printed) read as 0 (S5)
    problem: str = ""  # why the row could not be read exactly; "" when it could
    readings: tuple[tuple[int, ...], ...] = ()  # candidate readings of run-together digits
    resolved: str = ""  # the runs that were cut, when exactly one reading fits
    line: int = 0
    extra: tuple[str, ...] = field(default=())


def cell_tokens(tokens: list[Token], expected: int) -> list[Token]:
    """Numbers and dashes in order; an empty cell counts when it lies between them, or
    after them when the row is short (layout blanks before a row's numbers never count)."""
    cells: list[Token] = []
    pending: list[Token] = []
    for t in tokens:
        if t.kind in (NUMBER, DASH):
            cells += pending if cells else []
            pending = []
            cells.append(t)
        elif t.kind == BLANK:
            pending.append(t)
    if cells and len(cells) < expected:
        cells += pending[: expected - len(cells)]
    return cells


def _plain(cells: list[Token]) -> tuple[tuple[int | Decimal, ...], tuple[tuple[int, str], ...]]:
    values, blanks = [], []
    for i, t in enumerate(cells):
        if t.kind == NUMBER:
            values.append(t.value())
        else:
            values.append(0)
            blanks.append((i, t.raw or "空白"))
    return tuple(values), tuple(blanks)


def _digits(raw: str) -> int:
    return sum(ch.isdigit() for ch in raw)


def _cut(raw: str, limit: int = 24) -> str:
    return raw if len(raw) <= limit else f"{raw[:limit]}…"


def _listed(found: tuple[tuple[int, ...], ...], limit: int = 4) -> str:
    shown = "；".join(str(list(r)) for r in found[:limit])
    return shown + ("；……" if len(found) > limit else "")


def read_row(tokens: list[Token], expected: int, group: int | None, last: bool = False) -> RowRead:
    """`group`: cells per identity group (the last cell of each is the sum of the others), None if the row has none."""
    cells = cell_tokens(tokens, expected)
    line = cells[0].line if cells else (tokens[0].line if tokens else 0)
    zeros = (0,) * expected
    if not cells:
        return RowRead(zeros, problem="没有找到数字", line=line)
    if len(cells) >= expected:
        overlong = next((t.raw for t in cells[:expected] if t.kind == NUMBER and _digits(t.raw) > MAX_DIGITS), None)
        if overlong is not None:
            return RowRead(zeros, problem=f"数字「{_cut(overlong)}」有 {_digits(overlong)} 位，不是统计表中的数", line=line)
        values, blanks = _plain(cells[:expected])
        extra = tuple(t.raw for t in cells[expected:] if t.kind != BLANK)
        if extra and not last:
            return RowRead(zeros, problem=f"比应有的 {expected} 格多出 {'、'.join(extra)}，无法确定哪些是本行的数", line=line, extra=extra)
        return RowRead(values, blanks, line=line)
    runs = [t.raw for t in cells]
    between = tokens[tokens.index(cells[0]) : tokens.index(cells[-1])]
    words = [t.raw for t in between if t.kind == TEXT and t.raw.strip()]
    if words:  # text inside the digits: some of them may belong to a label not recognised
        return RowRead(zeros, problem=f"数字「{_cut(' '.join(runs), 40)}」中间夹有文字「{_cut(''.join(words))}」，无法确定哪些数属于本行", line=line)
    if not all(t.kind == NUMBER and t.raw.isdigit() for t in cells):
        return RowRead(zeros, problem=f"只找到 {len(cells)} 格，应有 {expected} 格", line=line)
    if sum(map(len, runs)) > expected * MAX_DIGITS:  # more digits than the row's cells can hold
        return RowRead(zeros, problem=f"数字「{_cut(' '.join(runs))}」过长，无法按 {expected} 格读取", line=line)
    found = digits.readings(runs, expected, group)
    printed = _cut(" ".join(runs), 40)
    if not found.complete:
        return RowRead(zeros, problem=f"数字「{printed}」连在一起，读法太多，无法按 {expected} 格读取", line=line)
    if len(found.found) == 1:
        return RowRead(found.found[0], resolved=" ".join(runs), line=line)
    if not found.found:
        rule = "满足勾稽关系的数" if group else "数"
        return RowRead(zeros, problem=f"数字「{printed}」连在一起，无法按 {expected} 格读出{rule}", line=line)
    rule = "都满足勾稽关系" if group else "（本行没有勾稽关系可以区分）"
    return RowRead(
        zeros,
        problem=f"数字「{printed}」连在一起，有 {len(found.found)} 种读法{rule}：{_listed(found.found)}；这些单元格按未读出处理",
        readings=found.found,
        line=line,
    )
