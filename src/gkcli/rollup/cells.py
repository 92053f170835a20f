"""The cells of `Tables` by name (`applications.new.total`, `proactive.fees_wan` …, as `audit` names
them), their cell-wise sum, and the key figures a supervising office compares year on year."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from .. import spec
from ..tables import Proactive, StockRow, Tables

FEES = "proactive.fees_wan"


def names() -> list[str]:
    from ..audit.recover import all_cells

    return all_cells()


def flat(t: Tables) -> dict[str, int | Decimal]:
    """Every cell of the three tables by name."""
    p = t.proactive
    out: dict[str, int | Decimal] = {}
    for name in spec.STOCK_ROWS:
        for col in ("issued", "repealed", "in_force"):
            out[f"proactive.{name}.{col}"] = getattr(getattr(p, name), col)
    for name in spec.DECISION_ROWS:
        out[f"proactive.{name}"] = getattr(p, name)
    out[FEES] = p.fees_wan
    for code, row in zip(spec.APPLICATION_ROW_CODES, t.applications):
        for col, value in zip(spec.APPLICANT_CODES, row):
            out[f"applications.{code}.{col}"] = value
    for group, row in zip(spec.REVIEW_GROUPS, t.review):
        for col, value in zip(spec.REVIEW_CODES, row):
            out[f"review.{group.code}.{col}"] = value
    return out


def tables_of(cells: dict[str, int | Decimal], year: int, agency: str) -> Tables:
    """`flat` undone."""
    stock = {n: StockRow(*(int(cells[f"proactive.{n}.{c}"]) for c in ("issued", "repealed", "in_force"))) for n in spec.STOCK_ROWS}
    decisions = {n: int(cells[f"proactive.{n}"]) for n in spec.DECISION_ROWS}
    proactive = Proactive(**stock, **decisions, fees_wan=Decimal(cells[FEES]))
    applications = tuple(tuple(int(cells[f"applications.{r}.{c}"]) for c in spec.APPLICANT_CODES) for r in spec.APPLICATION_ROW_CODES)
    review = tuple(tuple(int(cells[f"review.{g.code}.{c}"]) for c in spec.REVIEW_CODES) for g in spec.REVIEW_GROUPS)
    return Tables(year, agency, proactive, applications, review)


def total(tables: Iterable[Tables], year: int, agency: str) -> Tables:
    """The cell-wise sum (fees exact): every cell of `flat`, added row by row."""
    stock = {n: [0, 0, 0] for n in spec.STOCK_ROWS}
    decisions = dict.fromkeys(spec.DECISION_ROWS, 0)
    fees = Decimal(0)
    applications = [[0] * len(spec.APPLICANT_CODES) for _ in spec.APPLICATION_ROW_CODES]
    review = [[0] * len(spec.REVIEW_CODES) for _ in spec.REVIEW_GROUPS]
    for t in tables:
        p = t.proactive
        for name, sums in stock.items():
            row = getattr(p, name)
            sums[0] += row.issued
            sums[1] += row.repealed
            sums[2] += row.in_force
        for name in decisions:
            decisions[name] += getattr(p, name)
        fees += p.fees_wan
        for part, rows in ((applications, t.applications), (review, t.review)):
            for sums, row in zip(part, rows):
                for i, value in zip(range(len(sums)), row):
                    sums[i] += value
    proactive = Proactive(**{n: StockRow(*map(int, v)) for n, v in stock.items()}, **{n: int(v) for n, v in decisions.items()}, fees_wan=Decimal(fees))
    return Tables(year, agency, proactive, tuple(tuple(map(int, r)) for r in applications), tuple(tuple(map(int, r)) for r in review))


# Key figures: name → (label, the cells they add up).
KEY_FIGURES: dict[str, tuple[str, tuple[str, ...]]] = {
    "new": ("新收", ("applications.new.total",)),
    "concluded": ("办结", ("applications.total.total",)),
    "carried_out": ("结转", ("applications.carried_out.total",)),
    "reconsideration": ("复议", ("review.reconsideration.total",)),
    "litigation": ("诉讼", ("review.litigation_direct.total", "review.litigation_after_review.total")),
}


# where each key figure's cells are: (part of Tables, row index, column index)
_KEY_CELLS: dict[str, tuple[str, int, int]] = {
    **{f"applications.{r}.{c}": ("applications", i, j) for i, r in enumerate(spec.APPLICATION_ROW_CODES) for j, c in enumerate(spec.APPLICANT_CODES)},
    **{f"review.{g.code}.{c}": ("review", i, j) for i, g in enumerate(spec.REVIEW_GROUPS) for j, c in enumerate(spec.REVIEW_CODES)},
}


def key_figures(t: Tables | None, unread: Iterable[str] = ()) -> dict[str, int | None] | None:
    """The key figures of one unit's tables; a figure using an unread cell is None."""
    if t is None:
        return None
    missing = set(unread)

    def value(cell: str) -> int:
        part, row, column = _KEY_CELLS[cell]
        return int(getattr(t, part)[row][column])

    return {key: None if any(c in missing for c in used) else sum(value(c) for c in used) for key, (_, used) in KEY_FIGURES.items()}


def change(now: dict[str, int | None] | None, before: dict[str, int | None] | None) -> dict[str, int | None] | None:
    if now is None or before is None:
        return None
    return {k: None if now[k] is None or before[k] is None else now[k] - before[k] for k in now}


def cell_name(cell) -> str:
    """A `tally.cells.Cell` (as `gkcli explain` parses it) → its name here."""
    if cell.table == "proactive":
        return f"proactive.{cell.row}.{cell.column}" if cell.column else f"proactive.{cell.row}"
    return f"{cell.table}.{cell.row}.{cell.column}"
