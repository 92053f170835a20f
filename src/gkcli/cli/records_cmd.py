"""`gkcli event list`, `gkcli review list`, `gkcli review show`: the records of a kind as the
book reads them (corrected; voided ones only with `--voided`). Views are in `gkcli.recordviews`.
Registered onto the `event` and `review` groups by `register(app, target)`.
"""

from __future__ import annotations

from typing import Optional

import typer

from .common import book_root, choose, parse_year, say

FORMAT_HELP = "输出格式：table json ndjson csv tsv md"


def _listing(ctx: typer.Context, target: str, year: str | None, kind: str | None, fmt: str, voided: bool) -> None:
    from .. import recordviews
    from ..loader import load_usable_book
    from ..render.rows import LIST_FORMATS, emit

    choose(fmt, LIST_FORMATS, "--format")
    wanted = parse_year(year, "--year") if year else None
    code = (recordviews.event_kind if target == "event" else recordviews.review_kind)(kind)
    book, _ = load_usable_book(book_root(ctx))
    title = "主动公开事项" if target == "event" else "行政复议、行政诉讼"
    if voided:
        items = recordviews.voided_json(book, target, wanted)
        emit(items, recordviews.voided_rows(items), fmt, f"已作废的{title}")
        count = len(items)
    else:
        views = (recordviews.event_views if target == "event" else recordviews.review_views)(book, wanted, code)
        emit([v.to_json() for v in views], [v.to_row() for v in views], fmt, title)
        count = len(views)
    if fmt == "table":
        say(ctx, f"共 {count} 项" if target == "event" else f"共 {count} 件")


def event_list(
    ctx: typer.Context,
    year: Optional[str] = typer.Option(None, "--year", help="只列出该年日期的事项"),
    kind: Optional[str] = typer.Option(None, "--kind", help="只列出该类型的事项：编码或名称，如 penalty、行政处罚"),
    fmt: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
    voided: bool = typer.Option(False, "--voided", help="只列出已作废的事项及作废原因（--year 按作废日期）"),
) -> None:
    """列出主动公开事项（含编号，供更正、作废时使用）；更正过的以更正为准，已作废的不列出。

    示例：gkcli event list --year 2024 --kind penalty
          gkcli event list --year 2024 --format csv > 2024年主动公开事项.csv
    """
    _listing(ctx, "event", year, kind, fmt, voided)


def review_list(
    ctx: typer.Context,
    year: Optional[str] = typer.Option(None, "--year", help="只列出该年立案的案件"),
    kind: Optional[str] = typer.Option(None, "--kind", help="只列出该类型：reconsideration litigation_direct litigation_after_review（或中文名称）"),
    fmt: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
    voided: bool = typer.Option(False, "--voided", help="只列出已作废的案件及作废原因（--year 按作废日期）"),
) -> None:
    """列出行政复议、行政诉讼案件及其审理结果；更正过的以更正为准，已作废的不列出。

    示例：gkcli review list --year 2024
          gkcli review list --kind 复议 --format json
    """
    _listing(ctx, "review", year, kind, fmt, voided)


def review_show(
    ctx: typer.Context,
    review_id: str = typer.Argument(..., metavar="ID", help="复议诉讼编号"),
    fmt: str = typer.Option("text", "--format", "-f", help="输出格式：text json"),
) -> None:
    """显示一件行政复议或行政诉讼：审理结果、更正与作废记录（含文件:行号）。

    示例：gkcli review show R2024-0001
          gkcli review show R2024-0001 --format json
    """
    import json

    from .. import recordviews
    from ..loader import load_usable_book
    from ..safe_text import visible_json

    choose(fmt, ("text", "json"), "--format")
    book, _ = load_usable_book(book_root(ctx))
    shown = recordviews.voided_record(book, "review", review_id) or recordviews.review_detail(book, review_id)
    if fmt == "json":
        print(visible_json(json.dumps(shown.to_json(), ensure_ascii=False, indent=2)))
    else:
        print("\n".join(shown.lines()))


COMMANDS = {
    "event": {"list": event_list},
    "review": {"list": review_list, "show": review_show},
}


def register(app: typer.Typer, target: str) -> None:
    for name, command in COMMANDS[target].items():
        app.command(name)(command)
