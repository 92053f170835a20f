"""The table identities (`validate.check_tables`) on a report whose cells may not all be read.

Each identity instance (A1 for one row, A2 for one column, …) runs only when every cell
it uses was read, in this report and, for Y1/Y2/A6, in last year's. What could not run is
one R5 finding per table that names the checks and why — never a check on a placeholder 0.
"""

from __future__ import annotations

from .. import spec, validate
from ..errors import WARNING, Finding
from ..tables import Tables
from ..validate import check_tables
from .recover import all_cells, application_cells, review_cells, stock_cells

_OUTCOME_ROWS = ("total", *spec.OUTCOME_CODES)
_BALANCE_ROWS = ("new", "carried_in", "total", "carried_out")


def _column(rows, col: str) -> list[str]:
    return [f"applications.{r}.{col}" for r in rows]


def instances() -> list[tuple[str, str, list[str], list[str]]]:
    """(code, where, cells of this report, cells of last year's) for every identity instance."""
    out = [("A1", f"applications.{r}", application_cells(r), []) for r in spec.APPLICATION_ROW_CODES]
    out += [("A2", f"applications.total.{c}", _column(_OUTCOME_ROWS, c), []) for c in spec.APPLICANT_CODES]
    out += [("A3", f"applications.{c}", _column(_BALANCE_ROWS, c), []) for c in spec.APPLICANT_CODES]
    out += [("A4", f"review.{g.code}", review_cells(g.code), []) for g in spec.REVIEW_GROUPS]
    out += [("A6", "proactive.fees_wan", ["proactive.fees_wan"], ["proactive.fees_wan"])]
    if hasattr(validate, "other_share"):  # A8, where the table checks have it
        out += [("A8", "applications.other_other.total", ["applications.other_other.total", "applications.total.total"], [])]
    out += [("Y1", f"applications.carried_in.{c}", [f"applications.carried_in.{c}"], [f"applications.carried_out.{c}"]) for c in spec.APPLICANT_CODES]
    out += [("Y2", f"proactive.{n}.in_force", stock_cells(n), [f"proactive.{n}.in_force"]) for n in spec.STOCK_ROWS]
    return out


_TABLE_NAME = {"proactive": "表一", "applications": "表二", "review": "表三"}


def check(tables: Tables, unknown: frozenset[str], previous: Tables | None = None, before_unknown: frozenset[str] = frozenset()) -> list[Finding]:
    """`check_tables` without the instances that would use an unread cell, plus R5 naming them."""
    skipped: dict[tuple[str, str], list[str]] = {}
    for code, where, cells, last in instances():
        if code in ("Y1", "Y2") and previous is None:
            continue
        missing = [c for c in cells if c in unknown] + [f"上年 {c}" for c in last if previous is not None and c in before_unknown]
        if missing:
            skipped[(code, where)] = missing
    found = [f for f in check_tables(tables, previous) if (f.code, f.where) not in skipped]
    found = [f for f in found if not (f.code == "A5" and f.where in unknown)]
    by_table: dict[str, dict[str, list[str]]] = {}
    for (code, where), _ in skipped.items():
        by_table.setdefault(where.split(".")[0], {}).setdefault(code, []).append(where.split(".", 1)[1])
    return found + [_not_run(t, codes, unknown) for t, codes in by_table.items()]


def _not_run(table: str, codes: dict[str, list[str]], unknown: frozenset[str]) -> Finding:
    name = _TABLE_NAME[table]
    if all(c in unknown for c in all_cells() if c.startswith(table + ".")):
        return Finding("R5", WARNING, f"{name}没有读出任何单元格，{'、'.join(codes)} 都没有核对", table)
    listed = "；".join(f"{code}（{'、'.join(ws)}）" for code, ws in codes.items())
    return Finding("R5", WARNING, f"{name}有单元格未读出，用到它们的核对没有进行：{listed}", table)
