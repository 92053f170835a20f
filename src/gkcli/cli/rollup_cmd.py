"""`gkcli rollup YEAR UNIT...`: many units summed for a supervising office. Arguments and output only;
the roll-up itself lives in `gkcli.rollup`."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from ..errors import GkcliError
from .common import book_in_use, output_format, parse_year, say, write_output

FORMATS = ("terminal", "md", "html", "docx", "xlsx", "json", "csv")
EXPLAIN_FORMATS = ("terminal", "md", "json", "csv")


def rollup(
    ctx: typer.Context,
    year: str = typer.Argument(..., metavar="YEAR", help="报告年度，如 2024"),
    units: Optional[list[str]] = typer.Argument(None, metavar="UNIT...", help="账本文件夹、已发布的年报文件，或存放多个账本、年报的文件夹（只看一层）"),
    units_file: Optional[str] = typer.Option(None, "--units", metavar="文件", help="单位清单（TOML 文件，每个单位一条，写 name、book 或 report、kind、previous）"),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="输出格式：terminal md html docx xlsx json csv（默认按 -o 的扩展名，否则 terminal；csv 为各单位情况表）"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="输出文件（- 为标准输出；已有文件整体替换）"),
    include_incomplete: bool = typer.Option(False, "--include-incomplete", help="有单元格未读出的报告也计入汇总（未读出的按 0 计），并标明汇总数不完整"),
    explain: Optional[str] = typer.Option(None, "--explain", metavar="CELL", help="列出各单位在汇总表某个单元格中的数字，如 new.total、三.四.1.自然人、review.reconsideration.total"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", metavar="N", help="同时读取的进程数（默认：本机的处理器核数）"),
) -> None:
    """汇总多个单位的年度报告数字：账本和已发布的年报逐单位读取，三张统计表逐格相加，核对勾稽关系，
    列出各单位的定稿、勾稽关系、问题、未读出的单元格、缺少的部分和主要数字（与上年比较）。

    有单元格未读出的报告、有阻断性错误的账本不计入汇总，单独列出（--include-incomplete 时按 0 计入并标明）。
    汇总数的勾稽关系不成立时退出码为 1。

    示例：gkcli rollup 2024 ./各单位
          gkcli rollup 2024 --units 单位清单.toml -o 汇总2024.docx
          gkcli rollup 2024 ./东二营镇 ./下级单位年报.pdf --format json
          gkcli rollup 2024 ./各单位 --explain unable_not_held.total
    """
    from .. import rollup as core

    number = parse_year(year)
    if jobs is not None and jobs < 1:
        raise GkcliError("进程数应为正整数", where="--jobs")
    from ..render import BINARY, SUFFIXES

    chosen = output_format(fmt, output, FORMATS, SUFFIXES)
    if explain is not None and chosen not in EXPLAIN_FORMATS:
        raise GkcliError(f"--explain 只支持以下格式：{'、'.join(EXPLAIN_FORMATS)}", where="--format")
    target = None
    if explain is not None:
        from ..explain import parse_cell
        from ..rollup.cells import cell_name

        target = parse_cell(explain)
    book = book_in_use(ctx) if ctx.find_root().params.get("book") else None
    if output not in (None, "-"):
        from .outpath import check_target

        check_target(output, book)  # before any work: a bad -o costs nothing and writes nothing
    if chosen in BINARY and output in (None, "-") and sys.stdout.isatty():
        raise GkcliError(f"{chosen.upper()} 是二进制文件，显示在终端上只是乱码", where="--format", hint=f"用 -o 汇总{number}.{chosen} 写入文件。")
    listed = core.from_units_file(units_file) if units_file else []
    named, skipped = core.from_arguments(list(units or []))
    all_units = listed + named
    if not all_units:
        raise GkcliError("没有要汇总的单位", where="UNIT", hint="请给出账本文件夹、年报文件或存放它们的文件夹，或用 --units 单位清单.toml。")
    from ..rollup.units import check_distinct

    check_distinct(all_units)
    for folder in skipped:
        say(ctx, f"注意：{folder} 既不是账本也不是文件，已跳过。")
    result = core.roll_up(all_units, number, include_incomplete, jobs)
    if target is not None:
        _explain(ctx, result, cell_name(target), target, chosen, output, book)
        return
    _emit(result, chosen, output, book)
    for unit, why in result.left_out:
        say(ctx, f"注意：「{unit.name}」（{unit.path}）未汇总：{why}")
    say(ctx, f"共 {len(result.units)} 个单位，汇总 {result.count} 个" + ("（含未读全的单位，汇总数不完整）" if result.incomplete else "") + "。")
    if output not in (None, "-"):
        say(ctx, f"已写入 {output}")
    if any(f.level == "error" for f in result.findings):
        raise typer.Exit(1)


def _emit(result, chosen: str, output: str | None, book) -> None:
    from ..render import BINARY
    from ..rollup.output import RENDER
    from ..safe_text import visible, visible_json

    rendered = RENDER[chosen](result)
    if chosen in BINARY:
        if output in (None, "-"):
            sys.stdout.flush()
            sys.stdout.buffer.write(rendered)
            sys.stdout.buffer.flush()
            return
    elif chosen == "json":
        rendered = visible_json(rendered)
    elif chosen != "csv":
        rendered = visible(rendered)  # unit names and paths as read: never raw terminal controls
    write_output(rendered, output, book)


def _explain(ctx, result, name: str, target, chosen: str, output, book) -> None:
    import json

    from ..explain import label
    from ..rollup import explain_cell
    from ..rollup.output import _value, explain_records, explain_rows
    from ..render.rows import to_csv, to_markdown, to_table
    from ..safe_text import visible, visible_json, visible_rows

    value, parts = explain_cell(result, name)
    records = explain_records(parts)
    if chosen == "json":
        data = {"year": result.year, "cell": name, "label": label(target), "value": _value(value), "units_summed": result.count, "units": records}
        text = visible_json(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
    elif chosen == "csv":
        text = to_csv(records)
    else:
        rows = visible_rows(explain_rows(parts))
        text = to_markdown(rows) if chosen == "md" else to_table(rows)
        text = visible(text)
    write_output(text, output, book)
    say(ctx, f"{result.year}年汇总 {label(target)}（{name}）= {_value(value)}，来自 {result.count} 个已汇总的单位。")
    if output not in (None, "-"):
        say(ctx, f"已写入 {output}")


app = typer.Typer(add_completion=False)
app.command("rollup")(rollup)
