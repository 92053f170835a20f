"""Bulk records weighed against the book: what is new, what is already there, what is wrong.

Idempotence: a record whose id is already in the book (or earlier in the input) with
the same content adds nothing; with other content it is an error (L5). Input without
ids (a register that never numbered its cases) matches a book record with the same
content instead, and otherwise gets the next free id, as `case add` would give it.
Events given without an id match by content: the same event given k times is in the
book once it is there k times; new ones get the next free `E<year>-NNNN` id.
After that, the book's own ledger checks run on the book plus the new records, so
a bulk record is held to exactly the rules of a hand-written one.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from ..errors import ERROR, Finding
from ..event_ids import prefix as event_prefix
from ..ledger.write import record_date
from ..model import Book
from ..clock.conclusion import conclusions
from ..validate import check_book
from .convert import Converted, Kind

DUPLICATE = "L5"
_BOOK_ATTR = {"case": "cases", "answer": "steps", "event": "events", "review": "reviews", "decision": "decisions"}
_ID_PREFIX = {"case": "{year}-", "review": "R{year}-"}
_EVENT_FACT = itemgetter(slice(0, -2))  # an event's fact: every field but id and source


@dataclass(slots=True)
class Plan:
    new: list[tuple[str, Any]] = field(default_factory=list)  # (table, record) in writing order
    present: int = 0  # input records already in the book
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)  # where each bad input record is
    masked: int = 0  # records whose masked personal data was dropped


def plan(book: Book, kind: Kind, items: list[Converted]) -> Plan:
    out = Plan(masked=sum(1 for c in items if c.masked))
    good = []
    for c in items:
        if c.errors:
            out.errors += c.errors
            out.bad.append(c.where)
        else:
            good.append(c)
    if kind.table == "event":
        _plan_events(book, good, out)
    else:
        _plan_identified(book, kind, good, out)
    _check_against_book(book, out)
    return out


def _plan_events(book: Book, items: list[Converted], out: Plan) -> None:
    already = Counter(map(_EVENT_FACT, book.events))
    by_id = {e.id: e for e in book.events}
    numbers = _IdNumbers(set(by_id) | {c.main.id for c in items if c.main.id})
    for c in items:
        old = by_id.get(c.main.id) if c.main.id else None
        if old is not None:
            if _conflict(c, old, out):
                out.bad.append(c.where)
            else:
                out.present += 1
            continue
        fact = _EVENT_FACT(c.main)
        if not c.main.id and already[fact] > 0:
            already[fact] -= 1
            out.present += 1
            continue
        event = c.main if c.main.id else c.main._replace(id=numbers.next(event_prefix(c.main.date.year)))
        by_id[event.id] = event
        out.new.append(("event", event))


def _plan_identified(book: Book, kind: Kind, items: list[Converted], out: Plan) -> None:
    existing = {r.id: r for r in getattr(book, _BOOK_ATTR[kind.table])}
    ends = _follow_ups(book, kind)
    by_date: dict[Any, list[Any]] = defaultdict(list)  # for input without ids
    for r in existing.values():
        by_date[record_date(kind.table, r)].append(r)
    seen: dict[str, Converted] = {}
    unnumbered = []
    for c in items:
        if not c.main.id:
            match = _same_content(c, by_date[record_date(kind.table, c.main)])
            if match is None:
                unnumbered.append(c)
                continue
            by_date[record_date(kind.table, match)].remove(match)
            c.main = c.main._replace(id=match.id)
        old = existing.get(c.main.id) or (seen[c.main.id].main if c.main.id in seen else None)
        if old is None:
            seen[c.main.id] = c
            _add(kind, c, out)
        elif _conflict(c, old, out):
            out.bad.append(c.where)
        elif c.main.id in existing:
            _follow_existing(kind, c, ends.get(c.main.id), out)
        else:
            out.present += 1  # repeated within the input
    numbers = _IdNumbers(set(existing) | set(seen))
    for c in unnumbered:
        c.main = c.main._replace(id=numbers.next(_ID_PREFIX[kind.table].format(year=record_date(kind.table, c.main).year)))
        _add(kind, c, out)


def _add(kind: Kind, c: Converted, out: Plan) -> None:
    out.new.append((kind.table, c.main))
    if c.follow is not None:
        out.new.append((kind.follow, c.follow._replace(**{kind.link: c.main.id})))


def _follow_ups(book: Book, kind: Kind) -> dict[str, tuple[Any, str]]:
    """id → (date, outcome/result) of the record that concluded it, as the tally sees it."""
    if kind.table == "case":
        return conclusions(book.steps)
    first: dict[str, tuple[Any, str]] = {}
    for d in sorted(book.decisions, key=lambda d: d.date):
        first.setdefault(d.review, (d.date, d.result))
    return first


def _follow_existing(kind: Kind, c: Converted, end: tuple[Any, str] | None, out: Plan) -> None:
    if c.follow is None or (end and end == (c.follow.date, _result(c.follow))):
        out.present += 1
    elif end is None:
        out.new.append((kind.follow, c.follow._replace(**{kind.link: c.main.id})))
    else:
        message = f"「{c.main.id}」在账本中已于 {end[0]} 办结为 {end[1]}，与输入的 {c.follow.date} {_result(c.follow)} 不同；更正请逐件办理（如 case answer --amend）"
        out.errors.append(Finding(DUPLICATE, ERROR, message, c.where))
        out.bad.append(c.where)


def _result(record: Any) -> str:
    return getattr(record, "outcome", "") or getattr(record, "result", "")


def _comparable(record: Any, masked: frozenset[str], other: Any) -> Any:
    """`record` with the fields the input could not know (masked personal data) taken from `other`."""
    return record._replace(**{k: getattr(other, k) for k in masked})


def _same_content(c: Converted, candidates: list[Any]) -> Any | None:
    return next((r for r in candidates if _comparable(c.main._replace(id=r.id), c.masked, r) == r), None)


def _conflict(c: Converted, old: Any, out: Plan) -> bool:
    if _comparable(c.main, c.masked, old) == old:
        return False
    differ = [name for name in old._fields if name != "source" and getattr(old, name) != getattr(c.main, name) and name not in c.masked]
    where = f"（{old.source}）" if str(old.source) else ""
    message = f"编号「{old.id}」已存在{where}，但内容不同：{'、'.join(differ)}"
    out.errors.append(Finding(DUPLICATE, ERROR, message, c.where))
    return True


class _IdNumbers:
    """`<prefix>NNNN` ids one past the highest in use, as `lookup.next_id` gives them one at a time."""

    def __init__(self, taken: set[str]):
        self.taken = taken
        self.highest: dict[str, int] = {}

    def next(self, prefix: str) -> str:
        if prefix not in self.highest:
            pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
            self.highest[prefix] = max((int(m.group(1)) for t in self.taken if (m := pattern.match(t))), default=0)
        self.highest[prefix] += 1
        return f"{prefix}{self.highest[prefix]:04d}"


def _check_against_book(book: Book, out: Plan) -> None:
    """The book's ledger checks on book + new records; problems of the new records count."""
    added: dict[str, list[Any]] = defaultdict(list)
    for table, record in out.new:
        added[_BOOK_ATTR[table]].append(record)
    combined = book._replace(**{attr: getattr(book, attr) + tuple(records) for attr, records in added.items()})
    mine = {str(r.source) for _, r in out.new}
    for finding in check_book(combined):
        if finding.where in mine:
            (out.errors if finding.level == ERROR else out.warnings).append(finding)
            if finding.level == ERROR:
                out.bad.append(finding.where)
