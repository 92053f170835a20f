"""`gkcli close YEAR` and `gkcli reopen YEAR`: a published year's figures made final, or opened again."""

from __future__ import annotations

from datetime import date
from typing import Optional

import typer

from ..errors import GkcliError
from .common import book_root, parse_year, say, today_option

app = typer.Typer(add_completion=False)  # `close`
reopen_app = typer.Typer(add_completion=False)  # `reopen`, registered through cli/reopen_cmd.py

IDENTITY_CODES = ("A1", "A2", "A3", "A4", "A5", "A6")


@app.command("close")
def close(
    ctx: typer.Context,
    year: str = typer.Argument(..., metavar="YEAR", help="定稿的年度，如 2024（该年 12 月 31 日之后才能定稿）"),
    on: Optional[str] = typer.Option(None, "--date", metavar="日期", help="定稿日期（默认：今天），如报告公开的日期"),
    today: Optional[str] = today_option(),
) -> None:
    """年度定稿：把该年度三张统计表的数字和指纹记入账本。

    定稿后，凡会改变该年度统计表的登记、更正、作废都会被拒绝，除非加 --reopen "原因"，
    或先运行 gkcli reopen YEAR --reason 原因；gkcli check 会报告与定稿不一致的单元格（C1）。
    账本有错误、统计表勾稽关系不成立（A1–A5）或该年度尚未结束时不能定稿。
    已定稿且数字未变时不重复登记（退出码 0）。最后一行输出数字的指纹。

    示例：gkcli close 2024
          gkcli close 2024 --date 2025-01-20
    """
    from .. import closing
    from ..errors import ERROR
    from ..guard import Entry, commit
    from ..ledger import write
    from .. import coerce
    from ..loader import load_usable_book
    from ..model import Close
    from ..tally import tally
    from ..validate import check_tables
    from .common import parse_today

    number = parse_year(year)
    now = parse_today(today)
    day = coerce.parse_date(on, "--date") if on else now
    end = date(number, 12, 31)
    if day > now:
        raise GkcliError(f"定稿日期 {day} 晚于今天（{now}）", where="--date", hint="请核对日期（--today 可指定“今天”）。")
    if now <= end:
        raise GkcliError(f"{number} 年尚未结束（今天是 {now}），不能定稿", where="YEAR", hint=f"{number} 年 12 月 31 日之后再定稿。")
    if day <= end:
        raise GkcliError(f"定稿日期 {day} 不在 {number} 年结束之后", where="--date", hint=f"定稿日期应晚于 {end}，例如报告公开的日期。")
    root = book_root(ctx)
    with write.book_lock(root):
        book, _ = load_usable_book(root)  # refused when reading left records out (blocking errors)
        tables = tally(book, number)
        bad = [f for f in check_tables(tables, tally(book, number - 1)) if f.code in IDENTITY_CODES and f.level == ERROR]
        if bad:
            raise GkcliError(
                f"{number} 年的统计表有 {len(bad)} 处勾稽关系不成立，不能定稿", where="YEAR",
                hint=f"运行 gkcli check {number} 查看并修正后再定稿。", findings=tuple(bad),
            )
        figures = closing.year_figures(book, number)
        print_ = closing.fingerprint(figures)
        state = closing.states(book.closings).get(number)
        if type(state) is Close:
            if state.fingerprint == print_ and state.figures == figures:
                say(ctx, f"{number} 年已于 {state.date} 定稿（{state.source}），数字未变，无需重复定稿")
                print(print_)
                return
            raise GkcliError(
                f"{number} 年已于 {state.date} 定稿（{state.source}），但现在的数字与定稿不一致，不能直接重新定稿",
                where="YEAR",
                hint=f"运行 gkcli check {number} 查看不一致的单元格；如确需更改，先运行 gkcli reopen {number} --reason \"原因\"，再定稿。",
            )
        if state is not None and day < state.date:
            raise GkcliError(f"定稿日期 {day} 早于 {number} 年上一次重新打开的日期 {state.date}（{state.source}）", where="--date")
        record = Close(number, day, print_, figures)
        path = next(iter(commit(root, [("close", record)], Entry(now, duplicate_ok=True, move_year=True))))
    say(ctx, f"已定稿 {number} 年（{day}）→ {path.relative_to(root)}；此后改变该年度数字的登记会被拒绝")
    print(print_)


@reopen_app.command("reopen")
def reopen(
    ctx: typer.Context,
    year: str = typer.Argument(..., metavar="YEAR", help="已定稿的年度，如 2024"),
    reason: Optional[str] = typer.Option(None, "--reason", metavar="原因", help="为什么要更改已定稿年度的数字（必填）"),
    today: Optional[str] = today_option(),
) -> None:
    """重新打开已定稿的年度：登记原因，此后可以更改该年度的数字（改完可再次 gkcli close 定稿）。

    示例：gkcli reopen 2024 --reason "发现一件申请漏登，更正后重新公开"
    """
    from .. import closing
    from ..guard import Entry, commit
    from ..guard.closed import read_closings
    from ..ledger import layout, write
    from ..model import Close, Reopen
    from .common import parse_today

    number = parse_year(year)
    why = (reason or "").strip()
    if not why:
        raise GkcliError("请用 --reason 写明重新打开的原因", where="--reason", hint=f"例如：gkcli reopen {number} --reason \"发现漏登的申请\"")
    now = parse_today(today)
    root = book_root(ctx)
    with write.book_lock(root):
        state = closing.states(read_closings(root, layout.ledger_files(root, layout.FILE_OF_TABLE["reopen"]))).get(number)
        if type(state) is not Close:
            since = f"已于 {state.date} 重新打开（{state.source}），此后" if state is not None else ""
            raise GkcliError(f"{number} 年{since}没有定稿，无需重新打开", where="YEAR")
        path = next(iter(commit(root, [("reopen", Reopen(number, now, why))], Entry(now, duplicate_ok=True, move_year=True))))
    say(ctx, f"已重新打开 {number} 年（{now}）→ {path.relative_to(root)}；改完后可再运行 gkcli close {number} 定稿")
