"""`gkcli explain`: a cell named the way a clerk would name it → the records behind it, as rows.

Cells are written `[TABLE.]ROW[.COLUMN]`: `carried_out.business`, `三.四.1.自然人`,
`review.reconsideration.pending`, `proactive.penalty`, `regulations.in_force`, `fees_wan`.
Rows and columns take codes, labels, parts of labels and the official numbering.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import coerce, spec
from .errors import GkcliError
from .model import Book, Case, Event, Review
from .tables import decimal_text
from .tally.cells import Cell
from .clock.conclusion import conclusions
from .tally.review import first_decisions

TABLES = ("applications", "review", "proactive")
_PROACTIVE_ROWS = (*spec.STOCK_ROWS, *spec.DECISION_ROWS, "fees_wan")
_EXAMPLES = "例如 carried_out.business、三.四.1.自然人、review.reconsideration.pending、proactive.penalty、regulations.in_force、fees_wan"


def parse_cell(text: str) -> Cell:
    raw = coerce.normalize(text)
    table, _, rest = raw.partition(".")
    if table not in TABLES:
        table, rest = _table_of(raw), raw
    try:
        return _parse_in(table, rest)
    except GkcliError as exc:
        raise GkcliError(f"无法识别的单元格「{text}」：{exc.message}", where="CELL", hint=_EXAMPLES) from None


def _table_of(text: str) -> str:
    head = text.split(".")[0]
    if head in _PROACTIVE_ROWS or head == "fees":
        return "proactive"
    if head in spec.by_code(spec.REVIEW_GROUPS) or head in spec.REVIEW_KIND_ALIASES:
        return "review"
    return "applications"


def _parse_in(table: str, text: str) -> Cell:
    if table == "proactive":
        row, _, column = text.partition(".")
        row = "fees_wan" if row == "fees" else row
        if row not in _PROACTIVE_ROWS:
            raise GkcliError(f"表一没有「{row}」这一行；可选：{'、'.join(_PROACTIVE_ROWS)}")
        if row in spec.STOCK_ROWS:
            codes = [c.code for c in spec.STOCK_COLUMNS]
            if column not in codes:
                raise GkcliError(f"「{row}」须指明列：{'、'.join(codes)}")
            return Cell(table, row, column)
        return Cell(table, row, "")
    if table == "review":
        group, _, column = text.partition(".")
        code = coerce.resolve(group, spec.REVIEW_GROUPS, "复议诉讼类型", "CELL", spec.REVIEW_KIND_ALIASES)
        return Cell(table, code, coerce.resolve(column, spec.REVIEW_COLUMNS, "列", "CELL") if column else "total")
    return _application_cell(text)


def _application_cell(text: str) -> Cell:
    rows = spec.APPLICATION_ROWS
    try:  # the whole text may be a row in the official numbering, which has dots itself
        return Cell("applications", coerce.resolve(text, rows, "行", "CELL"), "total")
    except GkcliError:
        if "." not in text:
            raise
    row, _, column = text.rpartition(".")
    return Cell(
        "applications",
        coerce.resolve(row, rows, "行", "CELL"),
        coerce.resolve(column, spec.APPLICANT_COLUMNS, "列", "CELL", spec.APPLICANT_ALIASES),
    )


def label(cell: Cell) -> str:
    """The cell in the official words, for the message above the listing."""
    if cell.table == "applications":
        return f"表二「{spec.by_code(spec.APPLICATION_ROWS)[cell.row].label}」×「{spec.by_code(spec.APPLICANT_COLUMNS)[cell.column].label}」"
    if cell.table == "review":
        return f"表三「{spec.by_code(spec.REVIEW_GROUPS)[cell.row].label}」×「{spec.by_code(spec.REVIEW_COLUMNS)[cell.column].label}」"
    rows = {r.code: r.label for b in spec.PROACTIVE_BLOCKS for r in b.rows}
    if cell.row == "fees_wan":
        return f"表一「{rows['fees']}」（万元）"
    column = spec.by_code(spec.STOCK_COLUMNS)[cell.column].label if cell.column else ""
    return f"表一「{rows[cell.row]}」" + (f"×「{column}」" if column else "")


def value_text(value: int | Decimal) -> int | str:
    return decimal_text(value) if isinstance(value, Decimal) else value


def cell_value(cell: Cell, parts: list[tuple[Any, int | Decimal]]) -> int | str:
    """The figure the report shows: the sum of what the records add (万元 as exact text)."""
    start: int | Decimal = Decimal(0) if cell.row == "fees_wan" else 0
    return value_text(sum((adds for _, adds in parts), start))


def record_json(book: Book, record: Any, adds: int | Decimal) -> dict:
    """One record behind a cell, with what it adds and where it is written."""
    if isinstance(record, Case):
        end = conclusions(book.steps).get(record.id)
        data = {"id": record.id, "received": record.received.isoformat(), "applicant": record.applicant,
                "answered": end[0].isoformat() if end else None, "outcome": end[1] if end else None}
    elif isinstance(record, Review):
        d = first_decisions(book.decisions).get(record.id)
        data = {"id": record.id, "kind": record.kind, "filed": record.filed.isoformat(),
                "decided": d.date.isoformat() if d else None, "result": d.result if d else None}
    else:
        assert isinstance(record, Event)
        data = {"id": record.id, "kind": record.kind, "date": record.date.isoformat(), "count": record.count,
                "amount": format(record.amount, "f") if record.amount is not None else None, "title": record.title}
    from .recordviews import explain_mark

    # a record a correction changed: its value is counted as corrected, from that correction's file:line
    return data | {"adds": value_text(adds), "source": str(record.source), "corrected_by": explain_mark(book, record)}
