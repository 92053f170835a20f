"""The `gkcli due` listing: open cases by due date, overdue first. No I/O, no printing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import spec
from ..caseview import STATUS_LABELS, WAITING_LABELS
from .answer_due import Deadline, book_deadlines
from ..model import Book
from .workdays import calendar_of, nth_workday_after

_APPLICANTS = spec.by_code(spec.APPLICANT_TYPES)


@dataclass(frozen=True, slots=True)
class DueList:
    items: tuple[Deadline, ...]  # the ones asked for, in order
    overdue: int  # overdue cases in the whole book, whatever was asked for
    guessed: dict[int, list[str]]  # year the calendar does not know -> case ids


def _key(d: Deadline) -> tuple:
    return (d.status != "overdue", d.due or d.waiting_until or date.max, d.case.receipt, d.case.id)


def due_list(book: Book, today: date, within: int | None = None, overdue_only: bool = False) -> DueList:
    cal = calendar_of(book)
    open_cases = [d for d in book_deadlines(cal, book.cases, book.steps, today) if not d.concluded]
    chosen = open_cases
    if overdue_only:
        chosen = [d for d in chosen if d.status == "overdue"]
    if within is not None:
        horizon = nth_workday_after(cal, today, within) if within else today
        chosen = [d for d in chosen if d.status == "overdue" or (d.due or d.waiting_until or date.max) <= horizon]
    guessed: dict[int, list[str]] = {}
    for d in open_cases:
        for y in d.guessed:
            guessed.setdefault(y, []).append(d.case.id)
    overdue = sum(1 for d in open_cases if d.status == "overdue")
    return DueList(tuple(sorted(chosen, key=_key)), overdue, guessed)


def due_json(d: Deadline) -> dict:
    c = d.case
    return {
        "id": c.id,
        "received": c.receipt.isoformat(),
        "applicant": c.applicant,
        "subject": c.subject,
        **{k: v for k, v in d.to_json().items() if k != "calendar_guessed_years"},
        "source": str(c.source),
    }


def due_row(d: Deadline) -> dict:
    c = d.case
    waiting = f"{WAITING_LABELS[d.waiting]}" + (f"（至 {d.waiting_until}）" if d.waiting_until else "") if d.waiting else ""
    return {
        "编号": c.id,
        "收到日期": c.receipt.isoformat(),
        "答复期限": d.due.isoformat() if d.due else "",
        "已用": str(d.used),
        "剩余": str(d.left) if d.due else "",
        "状态": STATUS_LABELS[d.status],
        "暂停": waiting,
        "申请人": _APPLICANTS[c.applicant].label,
        "事由": c.subject,
    }
