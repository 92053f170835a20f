"""L11: probable duplicates — two records of one kind that say the same thing.

Merging two branches keeps every record appended on either side (ledger/merge.py), so
a fact recorded on both lands in the book twice; a clerk may also have let a probable
duplicate in with `--duplicate-ok`, or written one by hand. It is never dropped: equal
records may be two real facts (two penalty decisions on one day), so the clerk is told
where both are, as a warning. Events and steps are probable duplicates when every fact
is equal; equal steps that another check already reports (a second answer or review
decision: L8) are left to it. Cases and reviews follow the rule the rail at entry
applies (`guard/duplicate.py`, the one definition): the same received date, applicant
type and subject (and personal data) for a case, the same kind, filing date and case
for a review; cases or reviews that share their id are L5's.

Cheap on large books: the records' facts are hashed and counted in C, and only records
whose hash repeats are compared in Python.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import compress
from operator import attrgetter, itemgetter
from typing import Any

from . import spec
from .derived import answers_and_others
from .errors import WARNING, Finding
from .guard.duplicate import CASE_FACT, REVIEW_FACT, describe, pairs
from .model import Book

CODE = "L11"
_FACT = itemgetter(slice(0, -1))  # every field but `source`
_EVENT_FACT = itemgetter(slice(0, -2))  # events: without their id (the last field before `source`)
_AMEND = attrgetter("amend")
_REPEATS = (1).__lt__  # a hash's count: more than one
_HINT = "同一事项登记了两次的，请用相应的 void 命令作废其中一条（如 gkcli {} void 编号 --reason 重复登记）；确为两件的，可忽略此提示"


def probable_duplicates(book: Book) -> Iterator[Finding]:
    labels = spec.by_code(spec.EVENT_KINDS)
    for first, again in _pairs(book.events, _EVENT_FACT):
        yield _finding(f"与 {first.source} 的「{labels[again.kind].label}」记录完全相同", again)
    answers, others = answers_and_others(book)  # a second plain answer is L8's
    steps, labels = [*others, *filter(_AMEND, answers)], spec.by_code(spec.CASE_STEPS)
    for first, again in sorted(_pairs(steps, _FACT), key=_place):
        yield _finding(f"与 {first.source} 的案件「{again.case}」{labels[again.kind].label}记录完全相同", again)
    for first, again in _repeats(book.cases, CASE_FACT):
        if first.id != again.id:  # the same id twice is L5's
            yield _finding(f"申请案件「{again.id}」：" + describe(first, again, f" {first.source} "), again, "case")
    for first, again in _repeats(book.reviews, REVIEW_FACT):
        if first.id != again.id:
            yield _finding(f"复议诉讼案件「{again.id}」：" + describe(first, again, f" {first.source} "), again, "review")


def _repeats(records: Sequence[Any], fact: attrgetter) -> Iterator[tuple[Any, Any]]:
    """The probable duplicates among cases or reviews (guard/duplicate.py), looking in Python
    only at the records whose fact's hash repeats."""
    hashes = list(map(hash, map(fact, records)))
    if len(set(hashes)) == len(hashes):
        return iter(())
    counts = Counter(hashes)
    return pairs(list(compress(records, map(_REPEATS, map(counts.__getitem__, hashes)))))


def _pairs(records: Sequence[Any], fact: itemgetter) -> Iterator[tuple[Any, Any]]:
    """(first record, a later equal one) for each record whose fact appeared before, in order.

    The facts' hashes are counted in C (each fact tuple freed as soon as it is hashed); only
    records whose hash repeats are compared whole, in Python."""
    hashes = list(map(hash, map(fact, records)))
    if len(set(hashes)) == len(hashes):
        return
    counts = Counter(hashes)
    seen: dict[tuple, Any] = {}
    for record in compress(records, map(_REPEATS, map(counts.__getitem__, hashes))):
        first = seen.setdefault(fact(record), record)
        if first is not record:
            yield first, record


def _place(pair: tuple[Any, Any]) -> tuple[str, int]:
    return pair[1].source.path, pair[1].source.line


def _finding(what: str, record: Any, command: str = "event") -> Finding:
    return Finding(CODE, WARNING, f"{what}，疑似重复登记（例如合并分支后两边各登记了一次）；{_HINT.format(command)}", str(record.source))
