"""When and how each case was concluded, from its steps.

An answer concludes a case with its outcome; a withdrawal (撤回申请) concludes it as
`other_other` (spec §3, practice). A later answer marked `amend` (更正) replaces the
conclusion; any other later concluding step is an error `check` reports, and the first
one stands. Steps are taken in date order, ties in ledger order.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import compress
from operator import attrgetter

from .. import spec
from ..model import CaseStep

CONCLUDING = {"answer", "withdrawal"}


def outcome_of(step: CaseStep) -> str:
    return spec.WITHDRAWN_OUTCOME if step.kind == "withdrawal" else step.outcome


def conclusions(steps: Iterable[CaseStep]) -> dict[str, tuple[date, str]]:
    """case id → (date concluded, outcome code)."""
    steps = list(steps)
    concluding = list(compress(steps, map(CONCLUDING.__contains__, map(_KIND, steps))))
    if any(map(_AMEND, concluding)):
        out: dict[str, tuple[date, str]] = {}
        for step in sorted(concluding, key=_DATE):  # stable: ties keep ledger order
            if step.case not in out or (step.amend and step.kind == "answer"):
                out[step.case] = (step.date, outcome_of(step))
        return out
    # without corrections the first step stands; most cases have only one, and then order does not matter
    out = _last_of_each(concluding)
    if len(out) < len(concluding):
        ordered = sorted(concluding, key=_DATE)  # stable: ties keep ledger order
        ordered.reverse()  # from the last to the first, so the first is kept
        out = _last_of_each(ordered)
    return out


def _last_of_each(steps: list[CaseStep]) -> dict[str, tuple[date, str]]:
    """case id → (date, outcome) of its last concluding step in `steps` (built in C)."""
    kinds = list(map(_KIND, steps))
    outcomes = map(_OUTCOME, steps)
    if "withdrawal" in kinds:
        outcomes = [spec.WITHDRAWN_OUTCOME if kind == "withdrawal" else outcome for kind, outcome in zip(kinds, outcomes)]
    return dict(zip(map(_CASE, steps), zip(map(_DATE, steps), outcomes)))


_DATE, _AMEND, _KIND, _OUTCOME, _CASE = (attrgetter(name) for name in ("date", "amend", "kind", "outcome", "case"))
