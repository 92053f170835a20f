"""`gkcli explain YEAR CELL`: the records behind one figure of the report, with file:line."""

from __future__ import annotations

import json

import typer

from .common import book_root, choose, parse_year, say

# Chinese column titles of the table/Markdown view (the machine formats keep the field names).
TITLES = {
    "id": "编号", "received": "收到日期", "applicant": "申请人类型", "answered": "答复日期", "outcome": "办理结果",
    "kind": "类型", "filed": "立案日期", "decided": "审结日期", "result": "审理结果", "date": "日期", "count": "件数",
    "amount": "金额（元）", "title": "标题", "adds": "计入", "source": "来源", "corrected_by": "更正记录",
}


def explain(
    ctx: typer.Context,
    year: str = typer.Argument(..., metavar="YEAR", help="报告年度，如 2024"),
    cell: str = typer.Argument(..., metavar="CELL", help="单元格：[表.]行[.列]，如 carried_out.business、三.四.1.自然人、review.reconsideration.pending、proactive.penalty"),
    fmt: str = typer.Option("table", "--format", "-f", help="输出格式：table json ndjson csv tsv md"),
) -> None:
    """列出报告中某个数字背后的案件或事项（含文件:行号），用来核对任何一个统计数。

    示例：gkcli explain 2024 carried_out.business
          gkcli explain 2024 不掌握.自然人 --format csv
          gkcli explain 2024 review.reconsideration.pending
    """
    from ..explain import cell_value, label, parse_cell, record_json
    from ..loader import load_usable_book
    from ..render.rows import LIST_FORMATS, emit
    from ..safe_text import visible_json
    from ..tally.cells import records_behind

    choose(fmt, LIST_FORMATS, "--format")
    number = parse_year(year)
    target = parse_cell(cell)
    book, _ = load_usable_book(book_root(ctx))
    parts = records_behind(book, number, target)
    records = [record_json(book, record, adds) for record, adds in parts]
    value = cell_value(target, parts)
    if fmt == "json":
        doc = {"year": number, "cell": str(target), "label": label(target), "value": value, "records": records}
        print(visible_json(json.dumps(doc, ensure_ascii=False, indent=2)))
    else:
        emit(records, [{TITLES.get(k, k): v for k, v in r.items()} for r in records], fmt, label(target))
    say(ctx, f"{number}年 {label(target)}（{target}）= {value}，来自以上 {len(records)} 条记录。")


app = typer.Typer(add_completion=False)
app.command("explain")(explain)
