"""Checks of the case lifecycle against the 条例's deadlines (D codes, docs/deadlines.md).

Small pure functions of a `Book`, registered in `validate.LEDGER_CHECKS`. Checks that
compare with today's date are skipped when the book was read without one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .. import spec
from .answer_due import CLOCK_STEPS
from ..derived import book_calendar, case_steps, deadlines_of
from ..errors import ERROR, WARNING, Finding
from ..model import Book, CaseStep
from .limits import outcome_refusal, too_late
from .workdays import nth_workday_after

_STEPS = spec.by_code(spec.CASE_STEPS)
_PARTIES = spec.by_code(spec.CONSULT_PARTIES)
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
    yield from _outcome_findings(book, "other_no_correction", "D4", "逾期不补正")


def no_fee_outcome(book: Book) -> Iterator[Finding]:
    """D5: other_no_fee needs a fee notice unpaid 20 working days before the answer."""
    yield from _outcome_findings(book, "other_no_fee", "D5", "逾期未缴费")


def _outcome_findings(book: Book, outcome: str, code: str, words: str) -> Iterator[Finding]:
    cal = book_calendar(book)
    for case_id, steps in case_steps(book).items():
        answer = _answer(steps)
        if answer and answer.outcome == outcome:
            why = outcome_refusal(cal, steps, outcome, answer.date)
            if why:
                yield Finding(code, ERROR, f"案件「{case_id}」以“{words}”办结，但{why}", str(answer.source))


def late_steps(book: Book) -> Iterator[Finding]:
    """D9: a 补正 request, extension, consultation or fee notice after the period had run out
    changes no deadline; an error unless the step says why it was late (`--late`)."""
    cal, cases = book_calendar(book), {c.id: c for c in book.cases}
    for case_id, steps in case_steps(book).items():
        case = cases.get(case_id)
        if case is None or not any(s.kind in CLOCK_STEPS for s in steps):
            continue
        for i, s in enumerate(steps):
            late = too_late(cal, case, steps[:i], s.kind, s.date)
            if late:
                reason = f"；登记的原因：{s.late}" if s.late else "；确实如此办理的，请在该记录中写明 late = \"原因\""
                yield Finding("D9", WARNING if s.late else ERROR, late.message(case_id) + reason, str(s.source))


def consultation_over_limit(book: Book) -> Iterator[Finding]:
    """D10: a consultation recorded as ending after its 15 working days, or still open after them;
    the clock runs again from the 16th (条例第三十二条、第三十四条)."""
    found = deadlines_of(book)
    for case_id, dl in found.items():
        for p in dl.pauses:
            if p.capped:
                label = _PARTIES.get(p.step.party)
                yield Finding(
                    "D10", WARNING,
                    f"案件「{case_id}」{p.step.date} 征求{label.label if label else ''}意见，被征求意见方应在 {spec.CONSULTATION_DAYS} 个工作日内（至 {p.until}）"
                    f"提出意见；答复期限只暂停到 {p.until}（{spec.ARTICLES.get(p.step.party, '条例第三十二条、第三十四条')}）",
                    str(p.step.source),
                )


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
    late_steps,
    consultation_over_limit,
)
