"""When and how each case was concluded, from its steps.

An answer concludes a case with its outcome. A later answer marked `amend` (更正)
replaces it; a second plain answer is an error `check` reports, and the first one
stands. Steps are taken in date order, ties in ledger order.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..model import CaseStep

CONCLUDING = {"answer"}


def conclusions(steps: Iterable[CaseStep]) -> dict[str, tuple[date, str]]:
    """case id → (date concluded, outcome code)."""
    out: dict[str, tuple[date, str]] = {}
    for step in sorted((s for s in steps if s.kind in CONCLUDING), key=lambda s: s.date):
        if step.case not in out or step.amend:
            out[step.case] = (step.date, step.outcome)
    return out
