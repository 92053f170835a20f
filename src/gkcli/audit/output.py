"""What `gkcli audit` shows of the tables it read: an unread cell is null (JSON) or
「未读出」 (text), never the 0 that stands in for it inside `Tables`."""

from __future__ import annotations

from .. import spec
from ..render.json_out import tables_json as report_tables_json
from .reading import Reading

UNREAD_TEXT = "未读出"


def _blank_out(data: dict, unknown: frozenset[str]) -> None:
    """Replace each unread cell (named as in `recover.all_cells`) by None, in place."""
    for name in unknown:
        table, row, *col = name.split(".")
        part = data[table]
        if table == "applications":
            part["rows"][row][part["columns"].index(col[0])] = None
        elif table == "review":
            part[row][spec.REVIEW_CODES.index(col[0])] = None
        elif col:
            part[row][col[0]] = None
        else:
            part[row] = None


def tables_json(reading: Reading) -> dict:
    """The report JSON's tables with null for every cell, agency or year not read, and the
    names of the cells not read and of those cut out of run-together digits."""
    data = report_tables_json(reading.tables)
    data["year"] = reading.outline.year
    data["agency"] = reading.outline.agency or None
    _blank_out(data, reading.recovered.unknown)
    data["unread"] = sorted(reading.recovered.unknown)
    data["inferred"] = sorted(reading.recovered.inferred)
    return data


def new_applications(reading: Reading) -> int | str:
    """一、本年新收 总计 for the summary table, or 「未读出」."""
    if "applications.new.total" in reading.recovered.unknown:
        return UNREAD_TEXT
    return reading.tables.cell("new", "total")
