"""Table 2: applications received and handled (spec §3).

For report year N: new = received in N; carried_in = received before N and not
concluded before 1 January N; outcome rows = concluded in N; carried_out = received
by 31 December N and not concluded by then. A case counts in its applicant's column.
"Received" is the legal receipt date of 第三十一条: for an ordinary letter, online or fax
application the day receipt was confirmed with the applicant, when the ledger has it.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import spec
from ..model import Case, CaseStep
from .conclusion import conclusions

_ROW = {code: i for i, code in enumerate(spec.APPLICATION_ROW_CODES)}
_COL = {code: i for i, code in enumerate(spec.APPLICANT_CODES)}
_OUTCOME_ROWS = [_ROW[c] for c in spec.OUTCOME_CODES]
_TOTAL_COL = _COL["total"]


def tally_applications(cases: Iterable[Case], steps: Iterable[CaseStep], year: int) -> tuple[tuple[int, ...], ...]:
    grid = [[0] * len(spec.APPLICANT_COLUMNS) for _ in spec.APPLICATION_ROWS]
    concluded = conclusions(steps)
    for case in cases:
        col = _COL[case.applicant]
        end = concluded.get(case.id)
        received = case.receipt.year
        done = end[0].year if end else None
        if received == year:
            grid[_ROW["new"]][col] += 1
        if received < year and (done is None or done >= year):
            grid[_ROW["carried_in"]][col] += 1
        if done == year:
            grid[_ROW[end[1]]][col] += 1
        if received <= year and (done is None or done > year):
            grid[_ROW["carried_out"]][col] += 1
    for row in grid:
        row[_TOTAL_COL] = sum(row[:_TOTAL_COL])
    total = grid[_ROW["total"]]
    for c in range(len(total)):
        total[c] = sum(grid[r][c] for r in _OUTCOME_ROWS)
    return tuple(tuple(row) for row in grid)
