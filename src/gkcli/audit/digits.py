"""Digits of adjacent cells that ran together (「21710000218」 for seven cells).

`readings` lists every way to cut the runs of a row into the expected number of
cells (no cell but 「0」 starts with 0); the caller keeps those that satisfy the
format's identities. Pure; never picks one of several readings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import product

MAX_READINGS = 20000  # beyond this a row is reported as unreadable rather than searched


def _cuts(run: str, parts: int) -> Iterator[tuple[int, ...]]:
    if parts == 1:
        if len(run) == 1 or run[0] != "0":
            yield (int(run),)
        return
    for i in range(1, len(run) - parts + 2):
        head = run[:i]
        if len(head) > 1 and head[0] == "0":
            break
        for rest in _cuts(run[i:], parts - 1):
            yield (int(head), *rest)


def _shares(lengths: list[int], total: int) -> Iterator[tuple[int, ...]]:
    """How many cells each run holds: at least one, at most its length, `total` in all."""
    if not lengths:
        if total == 0:
            yield ()
        return
    first, rest = lengths[0], lengths[1:]
    for n in range(1, min(first, total - len(rest)) + 1):
        for tail in _shares(rest, total - n):
            yield (n, *tail)


def readings(runs: list[str], cells: int) -> list[tuple[int, ...]]:
    """Every reading of `runs` (digit strings) as `cells` numbers, up to MAX_READINGS."""
    found: list[tuple[int, ...]] = []
    for share in _shares([len(r) for r in runs], cells):
        for pieces in product(*(list(_cuts(r, n)) for r, n in zip(runs, share))):
            found.append(tuple(v for piece in pieces for v in piece))
            if len(found) >= MAX_READINGS:
                return found
    return found


def satisfying(runs: list[str], cells: int, identity: Callable[[tuple[int, ...]], bool]) -> list[tuple[int, ...]]:
    return [r for r in readings(runs, cells) if identity(r)]


def row_total_holds(values: tuple[int, ...]) -> bool:
    """A1 for one row of table 2 (and A4 for a group of table 3): the last cell is the sum of the others."""
    return values[-1] == sum(values[:-1])


def groups_hold(size: int) -> Callable[[tuple[int, ...]], bool]:
    return lambda values: all(row_total_holds(values[i : i + size]) for i in range(0, len(values), size))
