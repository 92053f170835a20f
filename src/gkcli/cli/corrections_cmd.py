"""`gkcli case|event|review amend|void`: corrections (更正) and voids (作废) of any record.

Each appends one dated record that names the record it corrects; the record itself stays
as entered. What may be corrected and how is worked out in `gkcli.correction_entry`; here the
options are read, the book is read under its lock and the record goes through the guard
rails (`guard.commit`). Registered onto the `case`, `event` and `review` groups by
`register(app, target)`.
"""

from __future__ import annotations

from typing import Any, Optional

import typer

from .. import coerce, spec
from .common import book_root, entry_of, reopen_option, say, today_option


def reason_option():
    return typer.Option("", "--reason", metavar="原因", help="更正或作废的原因（必填），记入账本")


def _correct(ctx: typer.Context, target: str, ident: str, reason: str, today: str | None, reopen: str | None, given: dict[str, Any] | None) -> None:
    """Append the amend (`given` fields) or, with `given` None, the void of record `ident`."""
    from .. import correction_entry
    from ..guard import commit
    from ..ledger import write
    from ..loader import load_usable_book

    entry = entry_of(today, reopen)
    root = book_root(ctx)
    with write.book_lock(root):
        book, _ = load_usable_book(root, entry.today)
        if given is None:
            planned = correction_entry.plan_void(book, target, ident, reason, entry.today)
        else:
            planned = correction_entry.plan_amend(book, target, ident, given, reason, entry.today)
        path = next(iter(commit(root, [(planned.table, planned.record)], entry)))
    short = correction_entry.SHORT[target]
    if given is None:
        say(ctx, f"已作废{short} {ident}（原因：{planned.record.reason}），记入 {path.relative_to(root)}")
    else:
        say(ctx, f"已更正{short} {ident}：{correction_entry.change_text(target, planned.changes)}，记入 {path.relative_to(root)}")


def _date(text: str | None, option: str):
    return coerce.parse_date(text, option) if text else None


def case_amend(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="ID", help="要更正的案件编号"),
    received: Optional[str] = typer.Option(None, "--received", help="更正后的收到申请日期"),
    confirmed: Optional[str] = typer.Option(None, "--confirmed", help="更正后的确认收到日期（平常信函、互联网、传真）"),
    applicant: Optional[str] = typer.Option(None, "--applicant", help="更正后的申请人类型：编码、名称或其中一部分"),
    channel: Optional[str] = typer.Option(None, "--channel", help="更正后的申请渠道：in_person mail letter online fax（或中文名称）"),
    subject: Optional[str] = typer.Option(None, "--subject", help="更正后的申请内容摘要"),
    reason: str = reason_option(),
    today: Optional[str] = today_option(),
    reopen: Optional[str] = reopen_option(),
) -> None:
    """更正一件申请的登记内容（追加一条更正记录，原记录保留）。

    示例：gkcli case amend 2024-0001 --received 2024-05-11 --reason "收到日期录入有误"
          gkcli case amend 2024-0002 --applicant 商业企业 --reason "申请人类型登记错误"
    """
    given = {
        "received": _date(received, "--received"),
        "confirmed": _date(confirmed, "--confirmed"),
        "applicant": coerce.resolve(applicant, spec.APPLICANT_TYPES, "申请人类型", "--applicant", spec.APPLICANT_ALIASES) if applicant else "",
        "channel": coerce.resolve(channel, spec.CASE_CHANNELS, "申请渠道", "--channel") if channel else "",
        "subject": (subject or "").strip(),
    }
    _correct(ctx, "case", case_id, reason, today, reopen, given)


def case_void(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="ID", help="要作废的案件编号"),
    reason: str = reason_option(),
    today: Optional[str] = today_option(),
    reopen: Optional[str] = reopen_option(),
) -> None:
    """作废误登记的申请：该案件连同其办理步骤不再计入任何统计（追加一条作废记录，原记录保留）。

    示例：gkcli case void 2024-0007 --reason "同一申请重复登记"
    """
    _correct(ctx, "case", case_id, reason, today, reopen, None)


def event_amend(
    ctx: typer.Context,
    event_id: str = typer.Argument(..., metavar="ID", help="要更正的事项编号（gkcli event list 可查）"),
    date: Optional[str] = typer.Option(None, "--date", help="更正后的日期"),
    count: Optional[str] = typer.Option(None, "--count", help="更正后的件数"),
    amount: Optional[str] = typer.Option(None, "--amount", help="更正后的收费金额，单位：元（仅 fee）"),
    title: Optional[str] = typer.Option(None, "--title", help="更正后的标题或说明"),
    reason: str = reason_option(),
    today: Optional[str] = today_option(),
    reopen: Optional[str] = reopen_option(),
) -> None:
    """更正一项主动公开事项的日期、件数、金额或标题（追加一条更正记录，原记录保留）。

    示例：gkcli event amend E2024-0003 --count 2 --reason "两件处罚决定只登记了一件"
          gkcli event amend E2024-0005 --amount 1234.56 --reason "金额录入有误"
    """
    from ..ledger.schema import read_count

    given = {
        "date": _date(date, "--date"),
        "count": read_count(count, "--count") if count is not None else None,
        "amount": coerce.parse_amount(amount, "--amount") if amount is not None else None,
        "title": (title or "").strip(),
    }
    _correct(ctx, "event", event_id, reason, today, reopen, given)


def event_void(
    ctx: typer.Context,
    event_id: str = typer.Argument(..., metavar="ID", help="要作废的事项编号（gkcli event list 可查）"),
    reason: str = reason_option(),
    today: Optional[str] = today_option(),
    reopen: Optional[str] = reopen_option(),
) -> None:
    """作废误登记的主动公开事项：不再计入统计（追加一条作废记录，原记录保留）。

    示例：gkcli event void E2024-0004 --reason "同一处罚决定登记了两次"
    """
    _correct(ctx, "event", event_id, reason, today, reopen, None)


def review_amend(
    ctx: typer.Context,
    review_id: str = typer.Argument(..., metavar="ID", help="要更正的复议诉讼编号"),
    kind: Optional[str] = typer.Option(None, "--kind", help="更正后的类型：reconsideration litigation_direct litigation_after_review（或中文名称）"),
    filed: Optional[str] = typer.Option(None, "--filed", help="更正后的立案（受理）日期"),
    case: Optional[str] = typer.Option(None, "--case", help="更正后所涉申请的案件编号"),
    reason: str = reason_option(),
    today: Optional[str] = today_option(),
    reopen: Optional[str] = reopen_option(),
) -> None:
    """更正一件行政复议或行政诉讼的类型、立案日期或所涉申请（追加一条更正记录，原记录保留）。

    示例：gkcli review amend R2024-0001 --kind litigation_direct --reason "应为直接起诉"
          gkcli review amend R2024-0002 --filed 2024-08-05 --reason "立案日期录入有误"
    """
    given = {
        "kind": coerce.resolve(kind, spec.REVIEW_GROUPS, "复议诉讼类型", "--kind", spec.REVIEW_KIND_ALIASES) if kind else "",
        "filed": _date(filed, "--filed"),
        "case": (case or "").strip(),
    }
    _correct(ctx, "review", review_id, reason, today, reopen, given)


def review_void(
    ctx: typer.Context,
    review_id: str = typer.Argument(..., metavar="ID", help="要作废的复议诉讼编号"),
    reason: str = reason_option(),
    today: Optional[str] = today_option(),
    reopen: Optional[str] = reopen_option(),
) -> None:
    """作废误登记的行政复议或行政诉讼：连同其审理结果不再计入统计（追加一条作废记录，原记录保留）。

    示例：gkcli review void R2024-0003 --reason "同一诉讼重复登记"
    """
    _correct(ctx, "review", review_id, reason, today, reopen, None)


COMMANDS = {
    "case": {"amend": case_amend, "void": case_void},
    "event": {"amend": event_amend, "void": event_void},
    "review": {"amend": review_amend, "void": review_void},
}


def register(app: typer.Typer, target: str) -> None:
    for name, command in COMMANDS[target].items():
        app.command(name)(command)
