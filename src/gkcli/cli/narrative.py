"""`gkcli narrative`: the report's text for a year — write a first draft, list the placeholders."""

from __future__ import annotations

import typer

from ..errors import GkcliError
from .common import book_in_use, book_root, choose, parse_year, say, write_output

app = typer.Typer(add_completion=False, no_args_is_help=True, help="年度报告正文：生成初稿、列出数字占位符。\n\n示例：gkcli narrative init 2024\n      gkcli narrative fields 2024")


@app.command("init")
def init(
    ctx: typer.Context,
    year: str = typer.Argument(..., metavar="YEAR", help="报告年度，如 2024"),
    output: str | None = typer.Option(None, "--output", "-o", help="写到别处（- 为标准输出）；默认账本中的 narrative/YEAR.md"),
) -> None:
    """生成年度报告正文初稿（含常用语句和数字占位符），已有的正文文件不会被覆盖。

    示例：gkcli narrative init 2024
          gkcli narrative init 2024 -o -
    """
    from ..narrative.read import narrative_path
    from ..narrative.template import starting_text

    from pathlib import Path

    from .outpath import check_target, replace

    number = parse_year(year)
    text = starting_text(number)
    if output == "-":
        write_output(text, output)
        return
    if output is None:  # the book's own narrative file: the one place this command writes into a book
        path = narrative_path(book_root(ctx), number)
        path.parent.mkdir(exist_ok=True)
        output, where = str(path), "YEAR"
    else:
        path, where = check_target(output, book_in_use(ctx)), "-o"
    if Path(output).exists():
        raise GkcliError(f"{output} 已存在，未做任何修改", where=where, hint="正文是手写的文本，gkcli 不会覆盖；如需重新生成，请先改名或删除该文件。")
    replace(path, text.encode("utf-8"), where)
    say(ctx, f"已写入 {output}；请修改其中的文字，然后运行 gkcli report {number} 查看效果。")


@app.command("fields")
def fields(
    ctx: typer.Context,
    year: str = typer.Argument(..., metavar="YEAR", help="报告年度，如 2024"),
    fmt: str = typer.Option("table", "--format", "-f", help="输出格式：table json ndjson csv"),
) -> None:
    """列出正文可用的全部占位符及其本年度数值。

    示例：gkcli narrative fields 2024
          gkcli narrative fields 2024 --format csv > 占位符.csv
    """
    from ..loader import load_usable_book
    from ..narrative.figures import figures
    from ..render.rows import LIST_FORMATS, emit
    from ..tally import tally

    choose(fmt, LIST_FORMATS, "--format")
    book, _ = load_usable_book(book_root(ctx))
    found = figures(tally(book, parse_year(year)), book.config.fee_decimals)
    records = [{"name": f.name, "value": f.value, "meaning": f.meaning} for f in found]
    rows = [{"占位符": "{" + f.name + "}", "数值": f.value, "含义": f.meaning} for f in found]
    emit(records, rows, fmt, title=f"{year} 年度正文占位符")
