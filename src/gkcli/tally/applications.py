"""Table 2: applications received and handled (spec §3).

For report year N: new = received in N; carried_in = received before N and not
concluded before 1 January N; outcome rows = concluded in N; carried_out = received
by 31 December N and not concluded by then. A case counts in its applicant's column.
"Received" is the legal receipt date of 第三十一条: for an ordinary letter, online or fax
application the day receipt was confirmed with the applicant, when the ledger has it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from operator import attrgetter

from .. import spec
from ..model import Case

_ROW = {code: i for i, code in enumerate(spec.APPLICATION_ROW_CODES)}
_COL = {code: i for i, code in enumerate(spec.APPLICANT_CODES)}
_TOTAL_COL = _COL["total"]
_ID, _CONFIRMED, _RECEIVED_YEAR, _APPLICANT = attrgetter("id"), attrgetter("confirmed"), attrgetter("received.year"), attrgetter("applicant")


def application_rows(received: int, done: int | None, outcome: str, year: int) -> list[str]:
    """The row codes of table 2 in which a case counts for year N (spec §3), given the year it was
    received and the year and outcome of its conclusion (None, "" while open). The whole
    year-assignment rule."""
    rows = []
    if received == year:
        rows.append("new")
    if received < year and (done is None or done >= year):
        rows.append("carried_in")
    if done == year:
        rows += [outcome, "total"]
    if received <= year and (done is None or done > year):
        rows.append("carried_out")
    return rows


CaseKey = tuple[int, int | None, str, str]  # (year received, year concluded, outcome, applicant)


def case_key(case: Case, end: tuple[date, str] | None) -> CaseKey:
    """All of a case the table needs: cases with the same key count in the same cells."""
    return (case.receipt.year, end[0].year, end[1], case.applicant) if end else (case.receipt.year, None, "", case.applicant)


def case_keys(cases: Iterable[Case], concluded: dict[str, tuple[date, str]], ends: list | None = None) -> Counter[CaseKey]:
    """How many cases share each key (a book's hundred thousand cases share a few hundred keys).
    `ends`: each case's entry in `concluded`, when already looked up."""
    cases = list(cases)
    ends = map(concluded.get, map(_ID, cases)) if ends is None else ends
    if any(map(_CONFIRMED, cases)):  # `case_key`, written out: this runs once per case of a large book
        return Counter(
            (c.receipt.year, e[0].year, e[1], c.applicant) if e else (c.receipt.year, None, "", c.applicant) for c, e in zip(cases, ends)
        )
    # no confirmation dates: received is the receipt date, and the cases can be grouped in C first
    grouped = Counter(zip(map(_RECEIVED_YEAR, cases), ends, map(_APPLICANT, cases)))
    keys: Counter[CaseKey] = Counter()
    for (received, e, applicant), n in grouped.items():
        keys[(received, e[0].year, e[1], applicant) if e else (received, None, "", applicant)] += n
    return keys


def tally_case_keys(keys: Counter[CaseKey], year: int) -> tuple[tuple[int, ...], ...]:
    """Table 2 for `year` from `case_keys`."""
    grid = [[0] * len(spec.APPLICANT_COLUMNS) for _ in spec.APPLICATION_ROWS]
    for (received, done, outcome, applicant), n in keys.items():
        for row in application_rows(received, done, outcome, year):
            grid[_ROW[row]][_COL[applicant]] += n
            grid[_ROW[row]][_TOTAL_COL] += n
    return tuple(tuple(row) for row in grid)
