"""`gkcli case correction-requested|correction-received|extend|consult|consult-end|fee-notice|
fee-paid|withdraw`: the dated steps of a case between receipt and answer (条例第三十条至第四十二条).

Each command checks the step against the case's earlier steps (fast look-ups, no full
parse) and appends one record; the rules of the 条例 that make a step impossible are
refused here (exit 2), the ones that make it merely suspicious are left to `check`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Optional

import typer

from .. import coerce, spec
from ..errors import GkcliError
from .common import book_root, entry_of, reopen_option, say, today_option

_LABELS = spec.by_code(spec.CASE_STEPS)


def append_step(ctx: typer.Context, case_id: str, date_text: str, kind: str, guard: Callable[[list, date], None] | None = None, *, entry, **fields) -> date:
    """Check and append one step of `kind` (an answer too) through the guard rails of `entry`; returns its date.

    A concluded case takes no more steps, except an answer marked `amend` (更正) after an answer.
    """
    from ..guard import commit
    from ..ledger import lookup, write
    from ..model import CaseStep

    day = coerce.parse_date(date_text, "--date")
    root = book_root(ctx)
    with write.book_lock(root):
        case = lookup.find_record(root, "case", "id", case_id)
        if case is None:
            raise GkcliError(f"账本中没有编号为「{case_id}」的申请案件", where="ID", hint="用 gkcli case list 查看已登记的案件。")
        if day < case.received:
            raise GkcliError(f"{_LABELS[kind].label}日期 {day} 早于收到申请的日期 {case.received}", where="--date")
        history = lookup.case_steps(root, case_id)
        done = next((s for s in history if s.kind in ("answer", "withdrawal")), None)
        correcting = kind == "answer" and fields.get("amend") and done is not None and done.kind == "answer"
        if done is not None and not correcting:
            hint = "如需更正办理结果，请加 --amend。" if kind == done.kind == "answer" else ""
            raise GkcliError(f"案件「{case_id}」已于 {done.date} {_LABELS[done.kind].label}办结（{done.source}）", where="ID", hint=hint)
        if guard:
            guard(history, day)
        fields = _within_period(root, case, history, kind, day, fields)
        path = next(iter(commit(root, [(kind, CaseStep(kind, case_id, day, **fields))], entry)))
    say(ctx, f"已登记{_LABELS[kind].label} {case_id}（{day}）→ {path.relative_to(root)}")
    if fields.get("late"):
        say(ctx, "注意：该步骤晚于期限，不改变答复期限，案件仍按逾期计；gkcli check 会列出它（D9）。")
    return day


def book_calendar(root):
    """The book's working-day calendar (the State Council's, with its holidays.toml)."""
    from ..clock.workdays import Calendar
    from ..ledger.holidays import read_holidays

    days, years, _ = read_holidays(root)  # a broken holidays.toml is `check`'s to report
    return Calendar({d.date: d for d in days}, frozenset(years))


def _within_period(root, case, history: list, kind: str, day: date, fields: dict) -> dict:
    """Refuse a clock step after the period ran out (docs/deadlines.md), unless `late` says why
    it really was taken late; `late` is kept only on a step that is late."""
    from ..clock.answer_due import CLOCK_STEPS

    late = (fields.pop("late", None) or "").strip()
    if kind not in CLOCK_STEPS:
        return fields
    from ..clock.limits import too_late

    found = too_late(book_calendar(root), case, history, kind, day)
    if found is None:
        return fields
    if not late:
        raise GkcliError(
            found.message(case.id), where="--date",
            hint='日期有误的，请改正；确实是在期限后办理的，加 --late "原因" 如实登记（不改变答复期限，gkcli check 会列出）。',
        )
    return {**fields, "late": late}


def _open_step(history: list, opener: str, closer: str):
    """The latest `opener` step not yet followed by a `closer`, or None."""
    latest = None
    for s in history:
        if s.kind == opener:
            latest = s
        elif s.kind == closer:
            latest = None
    return latest


def _needs_open(opener: str, closer: str) -> Callable[[list, date], None]:
    def guard(history: list, day: date) -> None:
        start = _open_step(history, opener, closer)
        if start is None:
            raise GkcliError(f"没有尚未结束的{_LABELS[opener].label}，无法登记{_LABELS[closer].label}", where="ID")
        if day < start.date:
            raise GkcliError(f"{_LABELS[closer].label}日期 {day} 早于{_LABELS[opener].label}日期 {start.date}", where="--date")

    return guard


def _none_open(opener: str, closer: str) -> Callable[[list, date], None]:
    def guard(history: list, day: date) -> None:
        start = _open_step(history, opener, closer)
        if start is not None:
            raise GkcliError(f"{start.date} 的{_LABELS[opener].label}尚未结束（{start.source}）", where="ID", hint=f"先登记{_LABELS[closer].label}。")

    return guard


def _only_once(kind: str, why: str) -> Callable[[list, date], None]:
    def guard(history: list, day: date) -> None:
        earlier = next((s for s in history if s.kind == kind), None)
        if earlier is not None:
            raise GkcliError(f"案件已于 {earlier.date} 登记过{_LABELS[kind].label}（{earlier.source}）；{why}", where="ID")

    return guard


def _days(text: str, option: str, most: int | None = None) -> int:
    from ..ledger.schema import MAX_DAYS  # what the ledger reader accepts

    most = most or MAX_DAYS
    number = coerce.parse_count(text, option)
    if number < 1 or number > most:
        limit = f"1 到 {most}"
        raise GkcliError(f"工作日数应为 {limit}，而不是 {number}", where=option)
    return number


def correction_requested(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="ID", help="案件编号"),
    date: str = typer.Option(..., "--date", help="发出补正告知的日期"),
    period: str = typer.Option(str(spec.CORRECTION_PERIOD_DAYS), "--period", help="给申请人的补正期限（工作日）"),
    late: Optional[str] = typer.Option(None, "--late", help="确实在期限届满后办理的，写明原因后如实登记（不改变答复期限）"),
    today: Optional[str] = today_option(),
    reopen: Optional[str] = reopen_option(),
) -> None:
    """登记补正告知（条例第三十条：收到申请之日起 7 个工作日内一次性告知）。

    示例：gkcli case correction-requested 2024-0003 --date 2024-05-15 --period 15
    """
    days = _days(period, "--period")
    append_step(ctx, case_id, date, "correction_requested", _only_once("correction_requested", "补正告知只能一次"), period=days, late=late, entry=entry_of(today, reopen))
    if days > spec.CORRECTION_PERIOD_DAYS:
        say(ctx, f"注意：补正期限一般不超过 {spec.CORRECTION_PERIOD_DAYS} 个工作日。")


def correction_received(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="ID", help="案件编号"),
    date: str = typer.Option(..., "--date", help="收到补正后申请的日期；答复期限自次日重新计算"),
    today: Optional[str] = today_option(),
    reopen: Optional[str] = reopen_option(),
) -> None:
    """登记收到申请人补正后的申请。

    示例：gkcli case correction-received 2024-0003 --date 2024-05-22
    """
    append_step(ctx, case_id, date, "correction_received", _needs_open("correction_requested", "correction_received"), entry=entry_of(today, reopen))


def extend(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="ID", help="案件编号"),
    date: str = typer.Option(..., "--date", help="批准延期的日期"),
    days: str = typer.Option(..., "--days", help=f"延长的工作日数（最多 {spec.MAX_EXTENSION_DAYS}）"),
    approver: str = typer.Option(..., "--approver", help="批准延期的负责人"),
    late: Optional[str] = typer.Option(None, "--late", help="确实在期限届满后办理的，写明原因后如实登记（不改变答复期限）"),
    today: Optional[str] = today_option(),
    reopen: Optional[str] = reopen_option(),
) -> None:
    """登记延长答复期限（条例第三十三条：经负责人同意、告知申请人，延长不超过 20 个工作日，仅一次）。

    示例：gkcli case extend 2024-0003 --date 2024-06-05 --days 20 --approver 王主任
    """
    number = _days(days, "--days", spec.MAX_EXTENSION_DAYS)
    if not approver.strip():
        raise GkcliError("请写明批准延期的负责人", where="--approver")
    append_step(ctx, case_id, date, "extension", _only_once("extension", "条例只允许延期一次"), days=number, approver=approver.strip(), late=late, entry=entry_of(today, reopen))


def consult(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="ID", help="案件编号"),
    date: str = typer.Option(..., "--date", help="发出征求意见的日期"),
    party: str = typer.Option(..., "--party", help="third_party（第三方，第三十二条）或 agency（其他行政机关，第三十四条）"),
    late: Optional[str] = typer.Option(None, "--late", help="确实在期限届满后办理的，写明原因后如实登记（不改变答复期限）"),
    today: Optional[str] = today_option(),
    reopen: Optional[str] = reopen_option(),
) -> None:
    """登记征求第三方或其他机关意见；所需时间不计入答复期限。

    示例：gkcli case consult 2024-0003 --date 2024-05-20 --party third_party
    """
    code = coerce.resolve(party, spec.CONSULT_PARTIES, "征求意见对象", "--party")
    append_step(ctx, case_id, date, "consultation", _none_open("consultation", "consultation_end"), party=code, late=late, entry=entry_of(today, reopen))


def consult_end(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="ID", help="案件编号"),
    date: str = typer.Option(..., "--date", help="收到意见（或征求意见期限届满）的日期"),
    today: Optional[str] = today_option(),
    reopen: Optional[str] = reopen_option(),
) -> None:
    """登记征求意见结束；此日之后恢复计算答复期限。

    示例：gkcli case consult-end 2024-0003 --date 2024-06-07
    """
    append_step(ctx, case_id, date, "consultation_end", _needs_open("consultation", "consultation_end"), entry=entry_of(today, reopen))


def fee_notice(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="ID", help="案件编号"),
    date: str = typer.Option(..., "--date", help="发出收费通知的日期"),
    amount: str = typer.Option(..., "--amount", help="收费金额，单位：元（可用 gkcli fee 计算）"),
    method: Optional[str] = typer.Option(None, "--method", help="per_application（按件计收）或 per_page（按量计收）"),
    late: Optional[str] = typer.Option(None, "--late", help="确实在期限届满后办理的，写明原因后如实登记（不改变答复期限）"),
    today: Optional[str] = today_option(),
    reopen: Optional[str] = reopen_option(),
) -> None:
    """登记信息处理费收费通知（条例第四十二条、国办函〔2020〕109号）；至缴费之日不计入答复期限。

    示例：gkcli case fee-notice 2024-0003 --date 2024-05-20 --amount 3000 --method per_application
    """
    money = coerce.parse_amount(amount, "--amount")
    code = coerce.resolve(method, spec.FEE_METHODS, "收费方式", "--method") if method else ""
    append_step(ctx, case_id, date, "fee_notice", _none_open("fee_notice", "fee_paid"), amount=money, method=code, late=late, entry=entry_of(today, reopen))


def fee_paid(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="ID", help="案件编号"),
    date: str = typer.Option(..., "--date", help="申请人缴纳费用的日期"),
    today: Optional[str] = today_option(),
    reopen: Optional[str] = reopen_option(),
) -> None:
    """登记申请人已缴纳信息处理费；次日恢复计算答复期限。

    示例：gkcli case fee-paid 2024-0003 --date 2024-05-30
    """
    append_step(ctx, case_id, date, "fee_paid", _needs_open("fee_notice", "fee_paid"), entry=entry_of(today, reopen))


def withdraw(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="ID", help="案件编号"),
    date: str = typer.Option(..., "--date", help="申请人撤回申请的日期"),
    today: Optional[str] = today_option(),
    reopen: Optional[str] = reopen_option(),
) -> None:
    """登记申请人撤回申请；案件以「其他处理—其他」办结。

    示例：gkcli case withdraw 2024-0003 --date 2024-05-18
    """
    append_step(ctx, case_id, date, "withdrawal", entry=entry_of(today, reopen))


COMMANDS = {
    "correction-requested": correction_requested,
    "correction-received": correction_received,
    "extend": extend,
    "consult": consult,
    "consult-end": consult_end,
    "fee-notice": fee_notice,
    "fee-paid": fee_paid,
    "withdraw": withdraw,
}


def register(app: typer.Typer) -> None:
    for name, command in COMMANDS.items():
        app.command(name)(command)
