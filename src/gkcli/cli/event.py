"""`gkcli event add`: proactive-disclosure facts (decisions, documents, stocks, fees, publications)."""

from __future__ import annotations

from typing import Optional

import typer

from .. import coerce, spec
from ..errors import GkcliError
from . import corrections_cmd, records_cmd
from .chinese import required_unless_bulk
from .common import book_root, entry_of, reopen_option, required, say, today_option

app = typer.Typer(add_completion=False, no_args_is_help=True, help="主动公开事项：规章、规范性文件、处理决定、收费、信息发布。\n\n示例：gkcli event add penalty --date 2024-06-03 --count 1\n      gkcli help event add")

_KINDS = " ".join(k.code for k in spec.EVENT_KINDS)


@app.command("add")
@required_unless_bulk("--date")
def add(
    ctx: typer.Context,
    kind: str = typer.Argument(..., metavar="KIND", help=f"事项类型：{_KINDS}；写 - 则从标准输入批量读入，此时不写标为必填的选项"),
    date: Optional[str] = typer.Option(None, "--date", help="日期（*-stock 为截至该日的现行有效件数）"),
    count: str = typer.Option("1", "--count", help="件数（默认 1）"),
    amount: Optional[str] = typer.Option(None, "--amount", help="收费金额，单位：元（仅 fee）"),
    title: str = typer.Option("", "--title", help="标题或说明"),
    channel: Optional[str] = typer.Option(None, "--channel", help="发布渠道（仅 publication）：website wechat weibo newmedia gazette press reading_room other"),
    category: Optional[str] = typer.Option(None, "--category", help="信息类别（仅 publication，可选）：info（政府信息）或 news（工作动态）"),
    input_format: Optional[str] = typer.Option(None, "--input-format", help="批量读入的格式：ndjson json csv tsv（默认自动识别）"),
    dry_run: bool = typer.Option(False, "--dry-run", help="批量读入时只显示将写入的记录，不写入"),
    today: Optional[str] = today_option(),
    reopen: Optional[str] = reopen_option(),
) -> None:
    """登记一项主动公开事项；最后一行输出事项编号。

    示例：gkcli event add penalty --date 2024-06-03 --count 1
          gkcli event add fee --date 2024-07-01 --amount 1234.56
          gkcli event add regulation-stock --date 2023-12-31 --count 12
          gkcli event add publication --date 2024-12-31 --channel website --category info --count 83
          gkcli event add publication --date 2024-12-31 --channel wechat --count 286
          gkcli event add - < 处罚决定.csv
    """
    entry = entry_of(today, reopen)
    if kind == "-":
        from .bulk_cmd import bulk_add

        return bulk_add(ctx, "event", kind, input_format, dry_run, entry)
    date = required(date, "--date")
    from ..event_ids import prefix
    from ..guard import commit
    from ..ledger import lookup, write
    from ..ledger.schema import read_count
    from ..model import Event

    code = coerce.resolve(kind, spec.EVENT_KINDS, "事项类型", "KIND")
    day = coerce.parse_date(date, "--date")
    number = read_count(count, "--count")  # bounded as the ledger reader bounds it
    money = coerce.parse_amount(amount, "--amount") if amount is not None else None
    if code == "fee" and money is None:
        raise GkcliError("收费事项必须给出金额", where="--amount", hint="例如 --amount 1234.56（单位：元）")
    if code != "fee" and money is not None:
        raise GkcliError(f"只有 fee（收费）事项有金额，「{code}」没有", where="--amount")
    if code != "publication" and channel:
        raise GkcliError(f"只有 publication（信息发布）事项有发布渠道，「{code}」没有", where="--channel")
    if code != "publication" and category:
        raise GkcliError(f"只有 publication（信息发布）事项有信息类别，「{code}」没有", where="--category")
    via = coerce.resolve(channel, spec.PUBLICATION_CHANNELS, "发布渠道", "--channel") if channel else ""
    kind_of_item = coerce.resolve(category, spec.PUBLICATION_CATEGORIES, "信息类别", "--category") if category else ""
    root = book_root(ctx)
    with write.book_lock(root):
        event_id = lookup.next_id(root, "event", prefix(day.year))
        path = next(iter(commit(root, [("event", Event(code, day, number, money, title, via, kind_of_item, event_id))], entry)))
    say(ctx, f"已登记{spec.by_code(spec.EVENT_KINDS)[code].label} {event_id}（{day}）→ {path.relative_to(root)}")
    print(event_id)


corrections_cmd.register(app, "event")  # amend, void
records_cmd.register(app, "event")  # list
