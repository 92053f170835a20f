"""Checks of the case lifecycle against the 条例's deadlines (D codes, docs/deadlines.md).

Small pure functions of a `Book`, registered in `validate.LEDGER_CHECKS`. Checks that
compare with today's date are skipped when the book was read without one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .. import spec
from .answer_due import correction_until
from ..derived import book_calendar, case_steps, deadlines_of
from ..errors import ERROR, WARNING, Finding
from ..model import Book, CaseStep
from .workdays import nth_workday_after

_STEPS = spec.by_code(spec.CASE_STEPS)
# closing step -> the step it closes
_OPENED_BY = {"correction_received": "correction_requested", "consultation_end": "consultation", "fee_paid": "fee_notice"}


def _answer(steps: list[CaseStep]) -> CaseStep | None:
    answers = [s for s in steps if s.kind == "answer"]
    amended = [s for s in answers if s.amend]
    return (amended or answers or [None])[-1]


def correction_notice_late(book: Book) -> Iterator[Finding]:
    """D1: the 补正 notice is due within 7 working days of receipt (第三十条)."""
    cal, found = book_calendar(book), deadlines_of(book)
    for case_id, steps in case_steps(book).items():
        dl = found.get(case_id)
        req = next((s for s in steps if s.kind == "correction_requested"), None)
        if dl and req:
            limit = nth_workday_after(cal, dl.case.receipt, spec.CORRECTION_NOTICE_DAYS)
            if req.date > limit:
                yield Finding("D1", WARNING, f"案件「{case_id}」的补正告知 {req.date} 晚于收到申请后 {spec.CORRECTION_NOTICE_DAYS} 个工作日（{limit}）", str(req.source))


def extensions(book: Book) -> Iterator[Finding]:
    """D2: one extension at most, of at most 20 working days (第三十三条)."""
    for case_id, steps in case_steps(book).items():
        found = [s for s in steps if s.kind == "extension"]
        for s in found[1:]:
            yield Finding("D2", ERROR, f"案件「{case_id}」已在 {found[0].source} 延期，条例只允许延期一次", str(s.source))
        for s in found:
            if (s.days or 0) > spec.MAX_EXTENSION_DAYS:
                yield Finding("D2", ERROR, f"案件「{case_id}」延期 {s.days} 个工作日，超过 {spec.MAX_EXTENSION_DAYS} 个工作日", str(s.source))


def answered_late(book: Book) -> Iterator[Finding]:
    """D3: 逾期答复, an answer after the due date."""
    found = deadlines_of(book)
    for case_id, steps in case_steps(book).items():
        dl, answer = found.get(case_id), _answer(steps)
        if dl and answer and dl.due and answer.date > dl.due:
            yield Finding("D3", WARNING, f"逾期答复：案件「{case_id}」答复期限为 {dl.due}，{answer.date} 才答复", str(answer.source))


def no_correction_outcome(book: Book) -> Iterator[Finding]:
    """D4: other_no_correction needs a 补正 request whose period passed without a correction."""
    cal = book_calendar(book)
    for case_id, steps in case_steps(book).items():
        answer = _answer(steps)
        if not answer or answer.outcome != "other_no_correction":
            continue
        req = next((s for s in steps if s.kind == "correction_requested" and s.date <= answer.date), None)
        got = any(s.kind == "correction_received" for s in steps)
        if req is None or got or answer.date <= correction_until(cal, req):
            why = "没有补正告知" if req is None else "已收到补正" if got else f"补正期限 {correction_until(cal, req)} 尚未届满"
            yield Finding("D4", ERROR, f"案件「{case_id}」以“逾期不补正”办结，但{why}", str(answer.source))


def no_fee_outcome(book: Book) -> Iterator[Finding]:
    """D5: other_no_fee needs a fee notice unpaid 20 working days before the answer."""
    cal = book_calendar(book)
    for case_id, steps in case_steps(book).items():
        answer = _answer(steps)
        if not answer or answer.outcome != "other_no_fee":
            continue
        notice = next((s for s in reversed(steps) if s.kind == "fee_notice" and s.date <= answer.date), None)
        paid = notice is not None and any(s.kind == "fee_paid" and s.date >= notice.date for s in steps)
        limit = nth_workday_after(cal, notice.date, spec.FEE_PAYMENT_DAYS) if notice else None
        if notice is None or paid or answer.date <= limit:
            why = "没有收费通知" if notice is None else "申请人已缴费" if paid else f"缴费期限 {limit} 尚未届满"
            yield Finding("D5", ERROR, f"案件「{case_id}」以“逾期未缴费”办结，但{why}", str(answer.source))


def after_today(book: Book) -> Iterator[Finding]:
    """D6: nothing can have happened after today."""
    if book.today is None:
        return
    for c in book.cases:
        if c.receipt > book.today or c.received > book.today:
            yield Finding("D6", ERROR, f"案件「{c.id}」的收到日期 {c.receipt} 晚于今天 {book.today}", str(c.source))
    for s in book.steps:
        if s.date > book.today:
            yield Finding("D6", ERROR, f"案件「{s.case}」的{_STEPS[s.kind].label}日期 {s.date} 晚于今天 {book.today}", str(s.source))


def unmatched_steps(book: Book) -> Iterator[Finding]:
    """D7: a closing step (收到补正、征求意见结束、缴费) needs the step it closes, on or before it."""
    for case_id, steps in case_steps(book).items():
        for s in steps:
            opener = _OPENED_BY.get(s.kind)
            if opener and not any(o.kind == opener and o.date <= s.date for o in steps):
                yield Finding("D7", ERROR, f"案件「{case_id}」有{_STEPS[s.kind].label}，但此前没有{_STEPS[opener].label}", str(s.source))


def unknown_calendar_years(book: Book) -> Iterator[Finding]:
    """D8: a deadline runs into a year the working-day calendar does not know."""
    years: dict[int, list[str]] = {}
    for dl in deadlines_of(book).values():
        for y in dl.guessed:
            years.setdefault(y, []).append(dl.case.id)
    for year, ids in sorted(years.items()):
        yield Finding("D8", WARNING, guessed_year_message(year, ids), "holidays.toml")


def guessed_year_message(year: int, ids: list[str]) -> str:
    return (
        f"{year} 年不在工作日历中，{len(ids)} 件案件（{'、'.join(ids[:5])}{'等' if len(ids) > 5 else ''}）的期限暂按周一至周五推算；"
        f"请在账本的 holidays.toml 写入 {year} 年的放假和调休安排，并写上 years = [{year}]"
    )


DEADLINE_CHECKS = (
    correction_notice_late,
    extensions,
    answered_late,
    no_correction_outcome,
    no_fee_outcome,
    after_today,
    unmatched_steps,
    unknown_calendar_years,
)
