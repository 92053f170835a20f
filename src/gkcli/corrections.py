"""Corrections (更正) and voids (作废) applied to a book's records: the book as corrected.

A correction is a record of its own that names the record it corrects by id; the
corrected record stays in its ledger as it was entered, so history is kept. Reading a
book applies them in reading order: each field a correction gives replaces the record's,
and a voided record leaves the book with everything that hangs on it (a case's steps, a
review's decisions). Every table, check and listing sees the corrected book.

Pure: nothing here reads files.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from .errors import ERROR, WARNING, Finding, Source
from .model import Book, CaseAmend, EventAmend, ReviewAmend, Void

CODE = "L12"  # a correction or void that refers to nothing, or to a voided record

# model of the correction -> (what it corrects, {correction field: corrected record's field})
FIELDS: dict[type, tuple[str, dict[str, str]]] = {
    CaseAmend: ("case", {"received": "received", "confirmed": "confirmed", "applicant": "applicant", "channel": "channel", "subject": "subject"}),
    EventAmend: ("event", {"event_date": "date", "count": "count", "amount": "amount", "title": "title"}),
    ReviewAmend: ("review", {"kind": "kind", "filed": "filed", "case": "case"}),
}
WHAT = {"case": "申请案件", "event": "主动公开事项", "review": "复议诉讼案件"}


class Change(NamedTuple):
    """One field of a record as a correction set it."""

    field: str  # the corrected record's field
    before: Any
    after: Any
    correction: CaseAmend | EventAmend | ReviewAmend


def target_of(correction: CaseAmend | EventAmend | ReviewAmend | Void) -> str:
    return correction.target if type(correction) is Void else FIELDS[type(correction)][0]


def given(correction: CaseAmend | EventAmend | ReviewAmend) -> dict[str, Any]:
    """The corrected record's fields this correction sets, with their new values."""
    return {field: getattr(correction, name) for name, field in FIELDS[type(correction)][1].items() if getattr(correction, name) not in (None, "")}


def apply(book: Book) -> tuple[Book, list[Finding]]:
    """The book with its corrections and voids applied, and what refers to nothing."""
    if not book.amendments and not book.voids:
        return book, []
    records = {"case": list(book.cases), "event": list(book.events), "review": list(book.reviews)}
    where = {kind: _positions(found) for kind, found in records.items()}
    voided: dict[str, dict[str, Void]] = {"case": {}, "event": {}, "review": {}}
    findings = []
    for void in book.voids:
        if void.id not in where[void.target]:
            findings.append(_nothing(void))
        else:
            voided[void.target].setdefault(void.id, void)
    for amend in book.amendments:
        kind = target_of(amend)
        if amend.id not in where[kind]:
            findings.append(_nothing(amend))
            continue
        if amend.id in voided[kind]:
            void = voided[kind][amend.id]
            findings.append(Finding(CODE, WARNING, f"更正的{WHAT[kind]}「{amend.id}」已在 {void.source} 作废，更正不起作用", str(amend.source)))
            continue
        changes = given(amend)
        for i in where[kind][amend.id]:
            records[kind][i] = records[kind][i]._replace(**changes)
    gone = {kind: set(ids) for kind, ids in voided.items()}
    book = book._replace(
        cases=_kept(records["case"], gone["case"]),
        steps=tuple(s for s in book.steps if s.case not in gone["case"]) if gone["case"] else book.steps,
        events=_kept(records["event"], gone["event"]),
        reviews=_kept(records["review"], gone["review"]),
        decisions=tuple(d for d in book.decisions if d.review not in gone["review"]) if gone["review"] else book.decisions,
    )
    return book, findings


def history(book: Book, target: str, ident: str) -> list[CaseAmend | EventAmend | ReviewAmend | Void]:
    """Every correction and void of one record, in the order they were made."""
    found = [a for a in book.amendments if a.id == ident and target_of(a) == target]
    found += [v for v in book.voids if v.id == ident and v.target == target]
    return sorted(found, key=_order)


def changes(book: Book, target: str, ident: str, original: Any) -> list[Change]:
    """The fields of `original` (the record as entered) that corrections changed, one entry per change."""
    out = []
    current = original
    for amend in history(book, target, ident):
        if type(amend) is Void:
            continue
        for field, value in given(amend).items():
            out.append(Change(field, getattr(current, field), value, amend))
        current = current._replace(**given(amend))
    return out


def corrected_fields(book: Book, target: str, ident: str) -> dict[str, Source]:
    """Each field of a record whose value comes from a correction, with that correction's file:line."""
    out: dict[str, Source] = {}
    for amend in history(book, target, ident):
        if type(amend) is not Void:
            out.update(dict.fromkeys(given(amend), amend.source))
    return out


def void_of(book: Book, target: str, ident: str) -> Void | None:
    return next((v for v in book.voids if v.target == target and v.id == ident), None)


def _order(record: Any) -> tuple:
    """Reading order: ledger files are read in the order of their paths (`layout.ledger_files`)."""
    return (record.source.path, record.source.line)


def _positions(records: Iterable[Any]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for i, r in enumerate(records):
        found.setdefault(r.id, []).append(i)
    return found


def _kept(records: list[Any], gone: set[str]) -> tuple[Any, ...]:
    return tuple(r for r in records if r.id not in gone) if gone else tuple(records)


def _nothing(record: CaseAmend | EventAmend | ReviewAmend | Void) -> Finding:
    kind = target_of(record)
    what = "作废" if type(record) is Void else "更正"
    return Finding(CODE, ERROR, f"{what}记录指向不存在的{WHAT[kind]}「{record.id}」，不起作用", str(record.source))
