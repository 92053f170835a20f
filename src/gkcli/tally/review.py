"""Table 3: administrative reconsideration and litigation (spec §4).

A review counts in the year it was filed, under its result when decided by
31 December of that year, else as pending.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .. import spec
from ..model import Decision, Review

_COL = {code: i for i, code in enumerate(spec.REVIEW_CODES)}


def tally_review(reviews: Iterable[Review], decisions: Iterable[Decision], year: int) -> tuple[tuple[int, ...], ...]:
    end = date(year, 12, 31)
    decided: dict[str, Decision] = {}
    for d in sorted(decisions, key=lambda d: d.date):
        decided.setdefault(d.review, d)  # the first decision stands; a second one is a check finding
    grid = {g.code: [0] * len(spec.REVIEW_COLUMNS) for g in spec.REVIEW_GROUPS}
    for review in reviews:
        if review.filed.year != year:
            continue
        decision = decided.get(review.id)
        column = decision.result if decision and decision.date <= end else "pending"
        row = grid[review.kind]
        row[_COL[column]] += 1
        row[_COL["total"]] += 1
    return tuple(tuple(grid[g.code]) for g in spec.REVIEW_GROUPS)
