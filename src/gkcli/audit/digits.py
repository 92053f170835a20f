"""Digits of adjacent cells that ran together (「21710000218」 for seven cells).

`readings` lists the ways to cut the runs of a row into the expected number of cells
(no cell but 「0」 starts with 0, every run holds at least one cell). With a group size,
only readings in which each group's last cell is the sum of the others are listed:
that identity decides the cut as it goes, so long runs stay cheap. When the search is
cut short the answer says so — an incomplete list is never taken for the only reading.
Pure; never picks one of several readings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

MAX_READINGS = 64  # listed readings; more than this and the row is left unread
MAX_STEPS = 200_000  # search steps for one row
MAX_CELL_DIGITS = 18


@dataclass(frozen=True, slots=True)
class Readings:
    found: tuple[tuple[int, ...], ...]
    complete: bool  # False: the search stopped early, `found` may miss readings


class _Search:
    def __init__(self, runs: list[str], cells: int, group: int | None):
        self.digits = "".join(runs)
        ends, position = set(), 0
        for run in runs:
            position += len(run)
            ends.add(position)
        self.ends = ends  # a cell may not straddle two runs
        self.cells, self.group = cells, group
        self.found: list[tuple[int, ...]] = []
        self.steps = 0
        self.complete = True

    def _pieces(self, at: int) -> list[int]:
        """End offsets of a cell starting at `at`: up to the end of its run, no leading 0."""
        if self.digits[at] == "0":
            return [at + 1]
        out = []
        for end in range(at + 1, min(len(self.digits), at + MAX_CELL_DIGITS) + 1):
            out.append(end)
            if end in self.ends:
                break
        return out

    def _stop(self) -> bool:
        self.steps += 1
        if self.steps > MAX_STEPS or len(self.found) > MAX_READINGS:
            self.complete = False
            return True
        return False

    def _room(self, at: int, values: tuple[int, ...]) -> bool:
        """Digits left for the group's other cells, its total (at least as long as its
        running sum) and every cell after the group."""
        in_group = len(values) % self.group or self.group
        free_left = self.group - 1 - in_group
        after = self.cells - len(values) - free_left - 1
        total = len(str(sum(values[len(values) - in_group :])))
        return len(self.digits) - at >= free_left + total + after

    def walk(self, at: int = 0, values: tuple[int, ...] = ()) -> None:
        if self._stop():
            return
        left = self.cells - len(values)
        remaining = len(self.digits) - at
        if left == 0:
            if remaining == 0:
                self.found.append(values)
            return
        if remaining < left:
            return
        in_group = len(values) % self.group if self.group else -1
        if self.group and in_group == self.group - 1:  # the group's total is forced
            total = str(sum(values[len(values) - in_group :]))
            end = at + len(total)
            if self.digits.startswith(total, at) and all(e not in self.ends for e in range(at + 1, end)):
                self.walk(end, (*values, int(total)))
            return
        for end in self._pieces(at):
            value = int(self.digits[at:end])
            if self.group and not self._room(end, (*values, value)):
                break  # longer cells only make the group's total longer
            self.walk(end, (*values, value))
            if not self.complete:
                return


def readings(runs: list[str], cells: int, group: int | None = None) -> Readings:
    """Readings of `runs` (digit strings, in order) as `cells` numbers; with `group`, only
    those whose every group of `group` cells ends with the sum of the group's others."""
    search = _Search(runs, cells, group)
    if search.digits:
        search.walk()
    return Readings(tuple(search.found[:MAX_READINGS]), search.complete and len(search.found) <= MAX_READINGS)


def row_total_holds(values: tuple[int, ...]) -> bool:
    """A1 for one row of table 2 (and A4 for a group of table 3): the last cell is the sum of the others."""
    return values[-1] == sum(values[:-1])


def groups_hold(size: int) -> Callable[[tuple[int, ...]], bool]:
    return lambda values: all(row_total_holds(values[i : i + size]) for i in range(0, len(values), size))
