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


def first_decisions(decisions: Iterable[Decision]) -> dict[str, Decision]:
    """review id → its decision, in date order (ties in ledger order): the first one stands,
    except that a later one marked `amend` (更正) replaces it, as a corrected answer does
    (clock/conclusion.py); a second one not so marked is a check finding (L8)."""
    decided: dict[str, Decision] = {}
    for d in sorted(decisions, key=lambda d: d.date):
        if d.amend or d.review not in decided:
            decided[d.review] = d
    return decided


def review_column(review: Review, decision: Decision | None, year: int) -> str | None:
    """The table 3 column a review counts in for year N (besides total), or None if not that year."""
    if review.filed.year != year:
        return None
    return decision.result if decision and decision.date <= date(year, 12, 31) else "pending"


def tally_review(reviews: Iterable[Review], decisions: Iterable[Decision], year: int) -> tuple[tuple[int, ...], ...]:
    decided = first_decisions(decisions)
    grid = {g.code: [0] * len(spec.REVIEW_COLUMNS) for g in spec.REVIEW_GROUPS}
    for review in reviews:
        column = review_column(review, decided.get(review.id), year)
        if column is None:
            continue
        row = grid[review.kind]
        row[_COL[column]] += 1
        row[_COL["total"]] += 1
    return tuple(tuple(grid[g.code]) for g in spec.REVIEW_GROUPS)
