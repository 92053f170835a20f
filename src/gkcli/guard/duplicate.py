"""A probable duplicate: the same application or review entered a second time.

The one definition of a probable duplicate, shared by the rail at entry
(`refuse_probable_duplicates`, exit 2 unless `--duplicate-ok`) and by `check` (L11 warnings,
duplicates.py):

- a case repeats an earlier one received on the same day from the same type of applicant
  with the same subject, when each item of personal data (name, id number, phone) the later
  one gives is the earlier one's too. A case with no subject and no personal data never
  repeats one: two people may apply on one day, and nothing tells them apart;
- a review repeats an earlier one of the same kind, filed on the same day about the same
  case; a review about no case in the book never does.

Voided records do not count, and corrected ones count with their corrected values.

An append must not read the whole book: a single record is weighed against the records of
its own day only (`ledger.lookup.dated_or_marked` finds them, with the corrections, by a
text scan of the ledgers of that year and later: a correction is entered after what it
corrects, and never sets a date after the day it is entered). A batch whose book is
already read (`bulk/apply.py`, see `book_at_hand`) is weighed against the whole book.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from operator import attrgetter
from pathlib import Path
from typing import Any

from ..errors import ERROR, Finding, GkcliError
from ..model import Case, CaseAmend, Review, ReviewAmend, Void

CODE = "L11"
HINT = "确为另一件的，加 --duplicate-ok 照常登记"
# The address (personal.FIELDS has it too) is left out on purpose: one address is shared by a
# household or an office, and the same person writes it in many ways, so it neither makes two
# cases the same person on its own nor tells two cases apart.
PERSONAL = ("name", "id_number", "phone")
# the fields two records must share to be probable duplicates (hashed in C by `check`)
CASE_FACT = attrgetter("received", "applicant", "subject")
REVIEW_FACT = attrgetter("kind", "filed", "case")
_FAST_DAYS = 4  # a batch of records on more days than this is weighed against the whole book

_KINDS = {"case": Case, "review": Review}
_CORRECTIONS = {"case_amend", "case_void", "review_amend", "review_void"}


def key_of(record: Case | Review) -> tuple | None:
    """What a probable duplicate of `record` has in common with it; None when it says too little to tell."""
    if type(record) is Case:
        if not record.subject and not (record.name or record.id_number or record.phone):
            return None
        return (Case, *CASE_FACT(record))
    return (Review, *REVIEW_FACT(record)) if record.case else None


def repeats(later: Case | Review, earlier: Case | Review) -> bool:
    """Whether `later` is a probable duplicate of `earlier` (both with the same `key_of`)."""
    if type(later) is Case:
        return all(not getattr(later, f) or getattr(later, f) == getattr(earlier, f) for f in PERSONAL)
    return True


def pairs(records: Sequence[Case | Review]) -> Iterator[tuple[Any, Any]]:
    """(earlier record, later one that repeats it) for each record that repeats one before it, in order."""
    keys = list(map(key_of, records))
    counts = Counter(keys)  # counted in C: only records whose key repeats are compared in Python
    seen: dict[tuple, list] = {}
    for record, key in zip(records, keys):
        if key is None or counts[key] < 2:
            continue
        group = seen.setdefault(key, [])
        first = next((e for e in group if repeats(record, e)), None)
        if first is not None:
            yield first, record
        group.append(record)


def describe(first: Case | Review, again: Case | Review, place: str) -> str:
    """What `again` has in common with `first`, which is at `place` (a ledger file:line, or where it is in the input)."""
    if type(again) is Case:
        same = "收到日期、申请人类型和申请内容" + ("、申请人信息" if any(getattr(again, f) for f in PERSONAL) else "")
        subject = f"「{again.subject}」" if again.subject else "（未写申请内容）"
        return f"申请（{again.received}，{subject}）与{place}的申请案件「{first.id}」{same}相同"
    return f"复议诉讼与{place}的「{first.id}」种类、立案日期（{again.filed}）和所涉申请案件「{again.case}」相同"


# --- the rail ----------------------------------------------------------------------------------

_BOOKS: dict[Path, Any] = {}


@contextmanager
def book_at_hand(root: Path, book: Any) -> Iterator[None]:
    """Within it, the rails weigh records against `book` (the book at `root`, read and corrected)
    instead of looking records up in the ledgers: a batch that has read the whole book says so."""
    _BOOKS[root] = book
    try:
        yield
    finally:
        _BOOKS.pop(root, None)


def known_book(root: Path) -> Any | None:
    return _BOOKS.get(root)


def refuse_probable_duplicates(root: Path, records: list[tuple[str, Any]]) -> None:
    """Refuse new cases and reviews that repeat one already in the book or earlier in `records`
    (exit 2, nothing written), naming every one found and the record each repeats."""
    new = [r for t, r in records if t in _KINDS]
    if not any(key_of(r) is not None for r in new):
        return
    existing = _existing(root, new)
    corrections = [r for t, r in records if t in _CORRECTIONS]
    marked = [(r, False) for r in existing] + [(r, True) for r in new]
    if corrections:  # a batch that corrects or voids records of its own or of the book (`load`)
        marked = _corrected(marked, corrections)
    fresh = {id(r) for r, is_new in marked if is_new}
    found = [(first, again, f"本次输入 {first.source} " if id(first) in fresh else f" {first.source} ") for first, again in pairs([r for r, _ in marked]) if id(again) in fresh]
    if not found:
        return
    if len(new) == 1:
        first, again, place = found[0]
        raise GkcliError(
            describe(first, again, place) + "，疑似重复登记",
            where=str(again.source) or ("--received" if type(again) is Case else "--filed"),
            hint=HINT + "。",
        )
    findings = tuple(Finding(CODE, ERROR, describe(first, again, place) + "，疑似重复登记", str(again.source)) for first, again, place in found)
    raise GkcliError(f"{len(found)} 条记录疑似重复登记，未写入任何内容", findings=findings, hint=f"{HINT}（对整批输入有效）。")


def _existing(root: Path, new: list[Case | Review]) -> list[Case | Review]:
    """The book's cases and reviews, corrected, that a record of `new` could repeat, in reading order."""
    keyed = [r for r in new if key_of(r) is not None]
    book = known_book(root)
    days = {(type(r), r.received if type(r) is Case else r.filed) for r in keyed}
    if book is None and len(days) > _FAST_DAYS:
        from ..ledger.read import read_book

        book, _ = read_book(root)
    if book is None:
        return [r for kind, day in sorted(days, key=lambda d: (d[0].__name__, d[1])) for r in _of_day(root, kind, day, keyed)]
    facts = {CASE_FACT(r) for r in keyed if type(r) is Case}
    wanted = [c for c in book.cases if CASE_FACT(c) in facts] if facts else []
    facts = {REVIEW_FACT(r) for r in keyed if type(r) is Review}
    return wanted + ([r for r in book.reviews if REVIEW_FACT(r) in facts] if facts else [])


def _of_day(root: Path, kind: type, day, new: list[Case | Review]) -> list[Case | Review]:
    """The book's cases received (reviews filed) on `day` that records of `new` could repeat,
    corrected: a scan of that year's ledger and later ones."""
    from ..ledger import lookup

    table, stem, field, amend, fact = ("case", "cases", "received", CaseAmend, CASE_FACT) if kind is Case else ("review", "reviews", "filed", ReviewAmend, REVIEW_FACT)
    facts = {fact(r) for r in new if type(r) is kind}

    def wanted(found: list) -> list:  # the corrections, and the records they touch or that look like a new one
        touched = {r.id for r in found if type(r) is amend or type(r) is Void}
        return [r for r in found if type(r) is not kind or r.id in touched or fact(r) in facts]

    found = lookup.dated_or_marked(root, stem, day.year, field, day, f"{table}_", wanted, _needs([r for r in new if type(r) is kind]))
    records = [r for r in found if type(r) is kind and getattr(r, field) == day]
    corrections = [r for r in found if type(r) is amend or (type(r) is Void and r.target == table)]
    if not corrections:
        return records
    here = {r.id for r in records}
    for ident in dict.fromkeys(a.id for a in corrections if type(a) is amend and getattr(a, field) == day):
        if ident not in here:  # corrected to this day from another
            records += lookup.find_all(root, table, "id", ident)
    records.sort(key=lambda r: (r.source.path, r.source.line))
    return [r for r, _ in _corrected([(r, False) for r in records], corrections) if getattr(r, field) == day]


def _needs(new: list[Case | Review]) -> tuple[bytes, ...]:
    """Text a ledger block must hold to be a record that the one new record could repeat (uncorrected):
    its codes, and a subject as it is written when it needs no escaping in TOML."""
    if len(new) != 1:
        return ()
    record = new[0]
    if type(record) is Review:
        return (record.kind.encode(), record.case.encode())
    plain = record.subject and record.subject.isprintable() and not any(c in record.subject for c in "\"'\\")
    return (record.applicant.encode(), *((record.subject.encode(),) if plain else ()))


def _corrected(marked: list[tuple[Any, bool]], corrections: list[Any]) -> list[tuple[Any, bool]]:
    """`marked` records with `corrections` (in the order they were made) applied; voided ones left out."""
    from ..corrections import given, target_of

    gone = {(v.target, v.id) for v in corrections if type(v) is Void}
    amends = [a for a in corrections if type(a) is not Void]
    out = []
    for record, flag in marked:
        target = "case" if type(record) is Case else "review"
        if (target, record.id) in gone:
            continue
        for amend in amends:
            if amend.id == record.id and target_of(amend) == target:
                record = record._replace(**given(amend))
        out.append((record, flag))
    return out
