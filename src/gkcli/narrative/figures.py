"""The figures a narrative can quote: placeholder name → text, with what each means.

Every value comes from one year's `Tables` (the tally), so the narrative and the
tables cannot disagree. Names follow the JSON codes of spec §7
(`applications.new.total`, `proactive.penalty`, `review.reconsideration.total`) plus
sums the text usually needs (`applications.withheld.total`, `publications.total`,
`review.litigation.total`) and 信息处理费 in 元 (`fees.collected`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .. import spec
from ..render.grid import fee_text
from ..tables import Tables

# Application groups whose rows the text often quotes as one figure.
SUMMED_GROUPS = ("withheld", "unable", "refused", "other")


@dataclass(frozen=True, slots=True)
class Figure:
    name: str
    value: str
    meaning: str


def figures(t: Tables, fee_decimals: int | None = None) -> list[Figure]:
    return [
        Figure("year", str(t.year), "报告年度"),
        Figure("agency", t.agency, "机关名称"),
        *_proactive(t, fee_decimals),
        *_publications(t),
        *_applications(t),
        *_review(t),
        *_processing_fees(t),
    ]


def values(t: Tables, fee_decimals: int | None = None) -> dict[str, str]:
    return {f.name: f.value for f in figures(t, fee_decimals)}


def _proactive(t: Tables, fee_decimals: int | None) -> list[Figure]:
    p, out = t.proactive, []
    rows = {i.code: i for b in spec.PROACTIVE_BLOCKS for i in b.rows}
    for name in spec.STOCK_ROWS:
        for col in spec.STOCK_COLUMNS:
            out.append(Figure(f"proactive.{name}.{col.code}", str(getattr(getattr(p, name), col.code)), f"{rows[name].label}·{col.label}"))
    for name in spec.DECISION_ROWS:
        out.append(Figure(f"proactive.{name}", str(getattr(p, name)), f"{rows[name].label}·{spec.DECISION_COLUMNS[0].label}"))
    out.append(Figure("proactive.fees_wan", fee_text(p.fees_wan, fee_decimals), f"{rows['fees'].label}·{spec.FEE_COLUMNS[0].label}"))
    return out


def _publications(t: Tables) -> list[Figure]:
    counts, detail = t.publications_by_channel(), t.publications_by_category()
    out = []
    for c in spec.PUBLICATION_CHANNELS:
        out.append(Figure(f"publications.{c.code}", str(counts.get(c.code, 0)), f"主动公开信息条数·{c.label}"))
        out += [
            Figure(f"publications.{c.code}.{k.code}", str(detail.get(c.code, {}).get(k.code, 0)), f"主动公开信息条数·{c.label}·{k.label}")
            for k in spec.PUBLICATION_CATEGORIES
        ]
    return out + [Figure("publications.total", str(sum(counts.values())), "主动公开信息条数·各渠道合计")]


def _applications(t: Tables) -> list[Figure]:
    out = []
    for item, row in zip(spec.APPLICATION_ROWS, t.applications):
        out += [Figure(f"applications.{item.code}.{c.code}", str(v), f"{item.label}·{c.label}") for c, v in zip(spec.APPLICANT_COLUMNS, row)]
    groups = spec.by_code(spec.APPLICATION_GROUPS)
    for code in SUMMED_GROUPS:
        members = [t.row(r.code) for r in spec.APPLICATION_ROWS if r.parent == code]
        sums = [sum(col) for col in zip(*members)]
        out += [Figure(f"applications.{code}.{c.code}", str(v), f"{groups[code].label}合计·{c.label}") for c, v in zip(spec.APPLICANT_COLUMNS, sums)]
    return out


def _review(t: Tables) -> list[Figure]:
    out = []
    for group, row in zip(spec.REVIEW_GROUPS, t.review):
        out += [Figure(f"review.{group.code}.{c.code}", str(v), f"{group.label}·{c.label}") for c, v in zip(spec.REVIEW_COLUMNS, row)]
    litigation = [sum(col) for col in zip(*(t.review_row(g.code) for g in spec.REVIEW_GROUPS if g.parent))]
    out += [Figure(f"review.litigation.{c.code}", str(v), f"{spec.LITIGATION_HEADER}合计·{c.label}") for c, v in zip(spec.REVIEW_COLUMNS, litigation)]
    return out


def _processing_fees(t: Tables) -> list[Figure]:
    f = t.processing_fees
    return [
        Figure("fees.notices", str(f.notices), f"{spec.PROCESSING_FEE_TERM}·发出收费通知件数"),
        Figure("fees.billed", _yuan(f.billed), f"{spec.PROCESSING_FEE_TERM}·通知收取金额（元）"),
        Figure("fees.paid", str(f.paid), f"{spec.PROCESSING_FEE_TERM}·已缴费件数"),
        Figure("fees.collected", _yuan(f.collected), f"{spec.PROCESSING_FEE_TERM}·实际收取金额（元）"),
    ]


def _yuan(amount: Decimal) -> str:
    """元 as written in prose: whole yuan without decimals, otherwise to the 分 ("3000", "100.50")."""
    text = format(amount.quantize(Decimal("0.01")), "f")
    return text.removesuffix(".00")
