"""Table 1: proactive disclosure (spec §2), and publication counts for the narrative.

Decisions and documents count in the year of their date. in_force is a year-end
stock: the latest `*-stock` assertion on or before 31 December (the number in force
at the end of that day), plus documents issued and minus those repealed after it.
Fees are summed in 元 and reported in 万元, exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from .. import spec
from ..model import Event
from ..tables import Proactive, StockRow, wan_from_yuan


def stock_parts(events: list[Event], prefix: str, year: int) -> dict[str, list[tuple[Event, int]]]:
    """(event, what it adds) behind issued, repealed and in_force of a stock row for year N."""
    end = date(year, 12, 31)
    issued = [e for e in events if e.kind == f"{prefix}-issued"]
    repealed = [e for e in events if e.kind == f"{prefix}-repealed"]
    stocks = [e for e in events if e.kind == f"{prefix}-stock" and e.date <= end]
    base: list[tuple[Event, int]] = []
    since = date.min
    if stocks:  # latest assertion wins; on the same day, the one written last
        latest = stocks[max(range(len(stocks)), key=lambda i: (stocks[i].date, i))]
        base, since = [(latest, latest.count)], latest.date

    def within(items: list[Event], lo: date, sign: int = 1) -> list[tuple[Event, int]]:
        return [(e, sign * e.count) for e in items if lo < e.date <= end]

    year_start = date(year - 1, 12, 31)
    return {
        "issued": within(issued, year_start),
        "repealed": within(repealed, year_start),
        "in_force": base + within(issued, since) + within(repealed, since, -1),
    }


def _stock_row(events: list[Event], prefix: str, year: int) -> StockRow:
    parts = stock_parts(events, prefix, year)
    return StockRow(**{column: sum(n for _, n in found) for column, found in parts.items()})


def tally_proactive(events: Iterable[Event], year: int) -> Proactive:
    events = [e for e in events if e.date.year <= year]
    in_year = [e for e in events if e.date.year == year]
    stock = {row: _stock_row(events, prefix, year) for prefix, row in spec.STOCK_EVENT_ROWS.items()}
    decisions = {kind: sum(e.count for e in in_year if e.kind == kind) for kind in spec.DECISION_ROWS}
    fees = sum((e.amount for e in in_year if e.kind == "fee" and e.amount is not None), Decimal(0))
    return Proactive(**stock, **decisions, fees_wan=wan_from_yuan(fees))


def tally_publications(events: Iterable[Event], year: int) -> tuple[tuple[str, str, int], ...]:
    """(channel, category, count) in spec order; a publication without a channel counts as "other"."""
    counts: dict[tuple[str, str], int] = {}
    for e in events:
        if e.kind == "publication" and e.date.year == year:
            key = (e.channel or "other", e.category)
            counts[key] = counts.get(key, 0) + e.count
    channels = [c.code for c in spec.PUBLICATION_CHANNELS]
    categories = ["", *(c.code for c in spec.PUBLICATION_CATEGORIES)]
    ordered = sorted(counts.items(), key=lambda kv: (channels.index(kv[0][0]), categories.index(kv[0][1])))
    return tuple((channel, category, n) for (channel, category), n in ordered)
