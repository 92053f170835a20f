"""JSON of the report tables, exactly the shape of spec §7 (plus a few extra keys)."""

from __future__ import annotations

import json
import re

from .. import spec
from ..document import Document
from ..tables import Tables, decimal_text
from . import timeliness


def tables_json(t: Tables) -> dict:
    """The three tables in the shape of spec §7 (what a published report holds)."""
    p = t.proactive
    stock = {name: {"issued": getattr(p, name).issued, "repealed": getattr(p, name).repealed, "in_force": getattr(p, name).in_force} for name in spec.STOCK_ROWS}
    return {
        "year": t.year,
        "agency": t.agency,
        "format": "2021",
        "proactive": {**stock, **{name: getattr(p, name) for name in spec.DECISION_ROWS}, "fees_wan": decimal_text(p.fees_wan)},
        "applications": {
            "columns": list(spec.APPLICANT_CODES),
            "rows": {code: list(row) for code, row in zip(spec.APPLICATION_ROW_CODES, t.applications)},
        },
        "review": {g.code: list(row) for g, row in zip(spec.REVIEW_GROUPS, t.review)},
    }


def book_extras_json(t: Tables) -> dict:
    """What only a book knows besides the tables: publications and 信息处理费, for the narrative."""
    return {
        "publications": t.publications_by_channel(),
        "publication_categories": t.publications_by_category(),
        "processing_fees": {
            "notices": t.processing_fees.notices,
            "billed_yuan": decimal_text(t.processing_fees.billed),
            "paid": t.processing_fees.paid,
            "collected_yuan": decimal_text(t.processing_fees.collected),
        },
    }


def render(doc: Document) -> str:
    data = tables_json(doc.tables) | book_extras_json(doc.tables)
    if doc.timeliness is not None:
        data.update(timeliness.to_json(doc.timeliness))
    data["closed"] = doc.closed.to_json() if doc.closed is not None else None  # the year's closing (定稿), null: never closed
    data["findings"] = [f.to_json() for f in doc.findings]
    return _inline_number_lists(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


_NUMBER_LIST = re.compile(r"\[\s+(-?\d+(?:,\s+-?\d+)*)\s+\]")


def _inline_number_lists(text: str) -> str:
    """One table row per line: `[0, 1, 0, 0, 0, 0, 1]` instead of nine lines."""
    return _NUMBER_LIST.sub(lambda m: "[" + ", ".join(m.group(1).split()).replace(",,", ",") + "]", text)
