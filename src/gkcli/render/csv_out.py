"""CSV: the report tables as one row per cell (tables only; the narrative is not tabular).

Columns: year, agency, table, row, column (stable codes), row_label, column_label
(official labels), value. Cells a spreadsheet would run as a formula are neutralised
by `rows.to_csv`.
"""

from __future__ import annotations

from .. import spec
from ..document import Document
from ..tables import Tables
from . import grid
from .rows import to_csv


def cells(t: Tables, fee_decimals: int | None = None) -> list[tuple[str, spec.Item, spec.Item, str]]:
    """(table code, row item, column item, value) for every cell of the three tables."""
    p, out = t.proactive, []
    for block in spec.PROACTIVE_BLOCKS:
        for row in block.rows:
            for col in block.columns:
                if row.code in spec.STOCK_ROWS:
                    value = str(getattr(getattr(p, row.code), col.code))
                elif row.code == "fees":
                    value = grid.fee_text(p.fees_wan, fee_decimals)
                else:
                    value = str(getattr(p, row.code))
                out.append(("proactive", row, col, value))
    for row, values in zip(spec.APPLICATION_ROWS, t.applications):
        out += [("applications", row, col, str(v)) for col, v in zip(spec.APPLICANT_COLUMNS, values)]
    for group, values in zip(spec.REVIEW_GROUPS, t.review):
        out += [("review", group, col, str(v)) for col, v in zip(spec.REVIEW_COLUMNS, values)]
    return out


def render(doc: Document) -> str:
    t = doc.tables
    records = [
        {
            "year": t.year,
            "agency": t.agency,
            "table": table,
            "row": row.code,
            "column": col.code,
            "row_label": row.label,
            "column_label": col.label,
            "value": value,
        }
        for table, row, col, value in cells(t, doc.fee_decimals)
    ]
    return to_csv(records)
