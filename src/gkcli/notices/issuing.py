"""`gkcli notice ID`: the step a letter is about, its record (numbered once, under the book lock), its text.

Issuing reads the whole book under the lock: the case as corrected, its steps, the letters
already issued (the notice records of every year). A letter issued before for the same step
is produced again from its record: same number, same date, same text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple

from .. import spec
from ..errors import GkcliError
from ..model import Book, Case, CaseStep, Notice
from . import kinds, settings
from .letter import DRAFT_NUMBER, Letter, chinese_date, fill, letter_of, placeholders, template_of


class Issued(NamedTuple):
    letter: Letter
    notice: Notice | None  # None for a draft
    again: bool  # the record was there already
    written: Path | None  # the ledger file the record went to


def letter_steps(book: Book, case_id: str) -> list[CaseStep]:
    """The case's steps that call for a letter, oldest first; of its answers only the one in force
    (the last recorded: a later one corrects it)."""
    steps = [s for s in book.steps if s.case == case_id and kinds.calls_for_letter(s)]
    answers = [s for s in steps if s.kind == "answer"]
    steps = [s for s in steps if s.kind != "answer"] + answers[-1:]
    return sorted(steps, key=lambda s: (s.date, s.kind == "answer"))


def choose_step(book: Book, case: Case, kind: str | None) -> CaseStep:
    steps = letter_steps(book, case.id)
    if kind is not None:
        steps = [s for s in steps if s.kind == kinds.STEP_OF_KIND[kind]]
    if not steps:
        what = f"「{kinds.label(kind)}」所对应的办理步骤" if kind else "需要发告知书的办理步骤（答复、补正告知、延期、向第三方征求意见、收费通知、撤回）"
        raise GkcliError(
            f"案件「{case.id}」还没有{what}", where="--step" if kind else "ID",
            hint="先登记办理步骤（如 gkcli case answer、gkcli case correction-requested），再出具告知书。",
        )
    return steps[-1]


def find_case(book: Book, case_id: str) -> Case:
    case = next((c for c in book.cases if c.id == case_id), None)
    if case is None:
        raise GkcliError(f"账本中没有编号为「{case_id}」的申请案件", where="ID", hint="用 gkcli case list 查看已登记的案件。")
    return case


def existing(book: Book, case_id: str, kind: str, step: CaseStep) -> Notice | None:
    return next((n for n in book.notices if n.case == case_id and n.kind == kind and n.step_date == step.date and n.outcome == step.outcome), None)


def next_seq(book: Book, kind: str, year: int) -> int:
    """The next number of `year` (and `kind`, when numbers name their kind): one more than the
    highest issued, so numbers stay unique and in order."""
    mine = settings.per_kind(book.config)
    used = [n.seq for n in book.notices if n.date.year == year and (not mine or n.kind == kind)]
    return max(used, default=0) + 1


def new_number(book: Book, kind: str, year: int) -> tuple[int, str]:
    """The next sequence number and the number it makes; never one already given (a pattern
    changed during the year could otherwise write an earlier number again)."""
    seq = next_seq(book, kind, year)
    given = {n.number for n in book.notices}
    while (number := settings.format_number(book.config, kind, year, seq)) in given:
        seq += 1
    return seq, number


def _letter_day(on: date, step: CaseStep) -> date:
    if on < step.date:
        raise GkcliError(f"告知书日期 {on} 早于所告知的办理步骤的日期 {step.date}（{step.source}）", where="--date")
    return on


def issue(root: Path, case_id: str, kind: str | None, day: date | None, entry, draft: bool) -> Issued:
    """The letter; unless `draft`, its notice record, written under the book lock when new."""
    from ..ledger import write

    if draft:
        book = _book(root, entry.today)
        case = find_case(book, case_id)
        step = choose_step(book, case, kind)
        on = _letter_day(day or step.date, step)  # the letter is the step: sent the day it was taken
        return Issued(render(root, book, case, step, DRAFT_NUMBER, on), None, False, None)
    from ..guard import commit

    with write.book_lock(root):
        book = _book(root, entry.today)
        case = find_case(book, case_id)
        step = choose_step(book, case, kind)
        code = kinds.KIND_OF_STEP[step.kind]
        found = existing(book, case_id, code, step)
        if found is not None:
            if day is not None and day != found.date:
                raise GkcliError(
                    f"该步骤的{kinds.label(code)}已于 {found.date} 出具（{found.number}，{found.source}），日期不能再改",
                    where="--date", hint="不加 --date 即按原日期、原编号重新生成同一份告知书。",
                )
            return Issued(render(root, book, case, step, found.number, found.date), found, True, None)
        on = _letter_day(day or step.date, step)  # the letter is the step: sent the day it was taken
        seq, number = new_number(book, code, on.year)
        notice = Notice(case_id, code, number, seq, on, step.date, step.outcome)
        letter = render(root, book, case, step, notice.number, on)  # a bad template writes nothing
        path = next(iter(commit(root, [("notice", notice)], entry)))
    return Issued(letter, notice, False, path)


def _book(root: Path, today: date) -> Book:
    from ..loader import load_usable_book

    book, _ = load_usable_book(root, today)
    return book


# --- the letter's values -------------------------------------------------------------------------


def render(root: Path, book: Book, case: Case, step: CaseStep, number: str, on: date) -> Letter:
    kind = kinds.KIND_OF_STEP[step.kind]
    values = letter_values(book, case, step, number, on)
    values = {name: values[name] for name in placeholders(kind)}  # exactly those a template of the kind may use
    text, where = template_of(root, kind)
    return letter_of(kind, fill(text, where, values), values, on)


def letter_values(book: Book, case: Case, step: CaseStep, number: str, on: date) -> dict[str, str]:
    """Every placeholder of the step's kind of letter → its text (the wording is `wording`'s)."""
    from . import wording

    kind = kinds.KIND_OF_STEP[step.kind]
    config = book.config
    values = {
        "机关": config.agency,
        "编号": number,
        "日期": chinese_date(on),
        "申请人": case.name or "申请人",
        "地址": case.address,
        "收到日期": chinese_date(case.receipt),
        "申请内容": case.subject or "所申请的政府信息",
        "案件编号": case.id,
        "救济途径": wording.remedy_for(kind, step.outcome or None, on, config.review_body, config.court),
    }
    values.update(_own_values(book, case, step, kind))
    return values


def _own_values(book: Book, case: Case, step: CaseStep, kind: str) -> dict[str, str]:
    from ..clock.workdays import calendar_of, nth_workday_after
    from . import wording

    cal = calendar_of(book)
    if kind == "answer":
        return {"答复内容": "\n\n".join(wording.answer_paragraphs(step.outcome)), "法律依据": wording.basis_text(step.outcome)}
    if kind == "correction":
        period = step.period or spec.CORRECTION_PERIOD_DAYS
        return {"补正内容": "\n\n".join(wording.step_paragraphs("correction", period=period)), "补正期限": f"{period}个工作日"}
    if kind == "extension":
        from ..clock.answer_due import deadline

        if step.days > spec.MAX_EXTENSION_DAYS:
            raise GkcliError(
                f"案件「{case.id}」登记的延期为 {step.days} 个工作日，超过条例第三十三条第二款规定的 {spec.MAX_EXTENSION_DAYS} 个工作日，不能出具延期答复告知书",
                where=str(step.source), hint="请先更正延期记录（gkcli check 列出 D2）。",
            )

        earlier = sorted((s for s in book.steps if s.case == case.id and s.date <= step.date), key=lambda s: s.date)
        due = deadline(cal, case, earlier, step.date).due
        return {"延长天数": str(step.days), "答复期限": chinese_date(due) if due else wording.fill_in("写明延长后的答复期限")}
    if kind == "consult":
        return {
            "征求对象": wording.fill_in("写明第三方的姓名或者名称"),  # the ledger names no third party
            "征求意见期限": chinese_date(nth_workday_after(cal, step.date, spec.CONSULTATION_DAYS)),
        }
    if kind == "fee":
        return {
            "金额": f"{step.amount:.2f}元" if step.amount is not None else wording.fill_in("写明金额"),
            "收费方式": spec.by_code(spec.FEE_METHODS)[step.method].label if step.method else wording.fill_in("按件计收／按量计收"),
            "缴费期限": chinese_date(nth_workday_after(cal, step.date, spec.FEE_PAYMENT_DAYS)),
        }
    return {}
