"""Last year's report settles what this year's cannot: a 表一 stock row whose digits ran
together (「规章 5012」) has no identity of its own, but Y2 — 现行有效 = 上年现行有效 + 制发 − 废止 —
picks among its readings when last year's 现行有效 was read. One surviving reading is used
and said to be inferred (R3); several stay unread. Pure: readings in, a new `Reading` out."""

from __future__ import annotations

from dataclasses import replace

from ..errors import WARNING, Finding
from ..tables import StockRow
from .reading import Reading
from .recover import stock_cells


def settle_stock(reading: Reading, previous: Reading) -> Reading:
    now, last = reading.outline, previous.outline
    if not (now.agency and now.year and last.agency == now.agency and last.year == now.year - 1):
        return reading  # Y2 decides only between two years of the same agency
    recovered = reading.recovered
    proactive = recovered.tables.proactive
    unknown, inferred = set(recovered.unknown), set(recovered.inferred)
    findings = list(recovered.findings)
    earlier = dict(previous.recovered.readings)
    for where, options in recovered.readings:
        table, name = where.split(".")[0], where.split(".")[-1]
        if table != "proactive":
            continue
        if f"proactive.{name}.in_force" not in previous.recovered.unknown:
            before = {getattr(previous.tables.proactive, name).in_force}
        else:  # last year's row ran together too: any of its readings may be the one
            before = {r[2] for r in earlier.get(where, ())}
        fits = {r for r in options if len(r) == 3 and r[2] - r[0] + r[1] in before}
        if len(fits) != 1:
            continue
        fits = sorted(fits)
        proactive = replace(proactive, **{name: StockRow(*fits[0])})
        unknown.difference_update(stock_cells(name))
        inferred.update(stock_cells(name))
        findings = [f for f in findings if not (f.code == "R2" and f.where == where)]
        findings.append(Finding("R3", WARNING, f"连在一起的数字按上年报告的现行有效件数（Y2）只有一种读法：{list(fits[0])}", where))
    if unknown == set(recovered.unknown):
        return reading
    tables = replace(recovered.tables, proactive=proactive)
    settled = replace(recovered, tables=tables, findings=tuple(findings), unknown=frozenset(unknown), inferred=frozenset(inferred))
    return replace(reading, recovered=settled)
