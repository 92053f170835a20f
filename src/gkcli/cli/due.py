"""`gkcli due`: what must be answered, and by when; exit 1 when anything is overdue."""

from __future__ import annotations

from typing import Optional

import typer

from .. import coerce
from .common import TODAY_HELP, book_root, choose, parse_today, say


def due(
    ctx: typer.Context,
    within: Optional[str] = typer.Option(None, "--within", help="只列出 N 个工作日内到期的（以及已逾期的）"),
    overdue: bool = typer.Option(False, "--overdue", help="只列出已逾期的"),
    fmt: str = typer.Option("table", "--format", "-f", help="输出格式：table json ndjson csv"),
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),
) -> None:
    """列出尚未办结的申请及其答复期限，已逾期的在前；有逾期时退出码为 1（便于定时任务报警）。

    示例：gkcli due --within 5
          gkcli due --overdue --format csv > 逾期.csv
    """
    from ..clock.checks import guessed_year_message
    from ..clock.due_list import due_json, due_list, due_row
    from ..loader import load_usable_book
    from ..render.rows import LIST_FORMATS, emit

    choose(fmt, LIST_FORMATS, "--format")
    day = parse_today(today)
    days = coerce.parse_count(within, "--within") if within is not None else None
    book, _ = load_usable_book(book_root(ctx), day)
    listing = due_list(book, day, days, overdue)
    for year, ids in sorted(listing.guessed.items()):
        say(ctx, f"警告：{guessed_year_message(year, ids)}")
    emit([due_json(d) for d in listing.items], [due_row(d) for d in listing.items], fmt, f"待办申请（{day}）")
    if fmt == "table":
        say(ctx, f"共 {len(listing.items)} 件；已逾期 {listing.overdue} 件。" if listing.items else "没有符合条件的待办申请。")
    if listing.overdue:
        raise typer.Exit(1)


app = typer.Typer(add_completion=False)
app.command("due")(due)
