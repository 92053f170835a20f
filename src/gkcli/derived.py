"""Values derived from a whole `Book`, computed once per Book object.

Several checks and tallies need the same index of a book (its steps grouped by case,
its working-day calendar, its deadlines). Keyed by the Book's identity, never by its
hash: hashing a Book hashes every record in it. Pure: nothing here reads files.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import compress
from operator import attrgetter, not_
from typing import Any, TypeVar

from .clock.answer_due import Deadline, deadlines_by_case, steps_by_case
from .model import Book, CaseStep
from .clock.workdays import Calendar, calendar_of

T = TypeVar("T")
_MEMO: dict[tuple[int, str], tuple[Book, Any]] = {}
_LIMIT = 32  # a command looks at one or two books; tests at many, one after the other


def once(book: Book, name: str, compute: Callable[[Book], T]) -> T:
    """`compute(book)`, remembered for this very Book object under `name`. The result is shared:
    callers must not change it."""
    key = (id(book), name)
    hit = _MEMO.get(key)
    if hit is not None and hit[0] is book:  # the id of a collected Book may be reused
        return hit[1]
    value = compute(book)
    if len(_MEMO) >= _LIMIT:
        _MEMO.clear()
    _MEMO[key] = (book, value)
    return value


def answers_and_others(book: Book) -> tuple[list[CaseStep], list[CaseStep]]:
    """The book's answers, and its other steps, each in ledger order (shared: do not change).
    Most steps of a book are answers; the checks and tallies that look for other kinds
    of step (补正, 延期, 收费, 撤回) need only look at the others."""
    return once(book, "answers_and_others", _answers_and_others)


def _answers_and_others(book: Book) -> tuple[list[CaseStep], list[CaseStep]]:
    steps = book.steps
    is_answer = list(map("answer".__eq__, map(attrgetter("kind"), steps)))
    answers = list(compress(steps, is_answer))
    return answers, list(compress(steps, map(not_, is_answer))) if len(answers) < len(steps) else []


def book_conclusions(book: Book) -> dict[str, tuple[date, str]]:
    """`tally.conclusion.conclusions` of the book's steps (shared: do not change)."""
    from .clock.conclusion import conclusions

    def compute(b: Book) -> dict[str, tuple[date, str]]:
        answers, others = answers_and_others(b)
        return conclusions(b.steps if any(s.kind == "withdrawal" for s in others) else answers)

    return once(book, "conclusions", compute)


def book_case_keys(book: Book):
    """`tally.applications.case_keys` of the book (shared: do not change)."""
    from .tally.applications import case_keys

    return once(book, "case_keys", lambda b: case_keys(b.cases, book_conclusions(b), case_ends(b)))


def case_ends(book: Book) -> list[tuple[date, str] | None]:
    """(date, outcome) of each case's conclusion, or None, in the order of `book.cases` (shared)."""
    return once(book, "case_ends", lambda b: list(map(book_conclusions(b).get, map(attrgetter("id"), b.cases))))


def case_steps(book: Book) -> dict[str, list[CaseStep]]:
    """`deadlines.steps_by_case` of the book's steps (shared: do not change)."""
    return once(book, "steps_by_case", lambda b: steps_by_case(b.steps))


def book_calendar(book: Book) -> Calendar:
    """The book's working-day calendar, one per book so its memo of days is shared."""
    return once(book, "calendar", calendar_of)


def as_of(book: Book) -> date:
    """The day the book's deadlines are checked against: today, else its latest date."""
    dates = [c.receipt for c in book.cases] + [s.date for s in book.steps]
    return book.today or max(dates, default=date(2000, 1, 1))


def deadlines_of(book: Book) -> dict[str, Deadline]:
    """Each case's deadline as of `as_of(book)`, by case id."""
    return once(book, "deadlines", _deadlines)


def _deadlines(book: Book) -> dict[str, Deadline]:
    found = deadlines_by_case(book_calendar(book), book.cases, case_steps(book), as_of(book))
    return {d.case.id: d for d in found}
