"""Table 2: applications received and handled (spec §3).

For report year N: new = received in N; carried_in = received before N and not
concluded before 1 January N; outcome rows = concluded in N; carried_out = received
by 31 December N and not concluded by then. A case counts in its applicant's column.
"Received" is the legal receipt date of 第三十一条: for an ordinary letter, online or fax
application the day receipt was confirmed with the applicant, when the ledger has it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .. import spec
from ..model import Case, CaseStep
from .conclusion import conclusions

_ROW = {code: i for i, code in enumerate(spec.APPLICATION_ROW_CODES)}
_COL = {code: i for i, code in enumerate(spec.APPLICANT_CODES)}
_TOTAL_COL = _COL["total"]


def application_rows(received: date, end: tuple[date, str] | None, year: int) -> list[str]:
    """The row codes of table 2 in which a case counts for year N (spec §3), given when it was
    received and (date, outcome) of its conclusion, if any. The whole year-assignment rule."""
    done = end[0].year if end else None
    rows = []
    if received.year == year:
        rows.append("new")
    if received.year < year and (done is None or done >= year):
        rows.append("carried_in")
    if done == year:
        rows += [end[1], "total"]
    if received.year <= year and (done is None or done > year):
        rows.append("carried_out")
    return rows


def tally_applications(
    cases: Iterable[Case], steps: Iterable[CaseStep], year: int, concluded: dict[str, tuple[date, str]] | None = None
) -> tuple[tuple[int, ...], ...]:
    """Table 2 for `year`; `concluded` (`conclusions(steps)`) may be passed in when already known."""
    grid = [[0] * len(spec.APPLICANT_COLUMNS) for _ in spec.APPLICATION_ROWS]
    concluded = conclusions(steps) if concluded is None else concluded
    for case in cases:
        for row in application_rows(case.receipt, concluded.get(case.id), year):
            grid[_ROW[row]][_COL[case.applicant]] += 1
            grid[_ROW[row]][_TOTAL_COL] += 1
    return tuple(tuple(row) for row in grid)
