"""`gkcli report YEAR`: the annual report's tables in the terminal, Markdown or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import GkcliError
from .common import book_root, parse_year, say, write_output

app = typer.Typer()

FORMATS = ("terminal", "md", "json")


@app.command("report")
def report(
    ctx: typer.Context,
    year: str = typer.Argument(..., metavar="YEAR", help="报告年度，如 2024"),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="输出格式：terminal md json（默认按 -o 的扩展名，否则 terminal）"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="输出文件（- 为标准输出）"),
) -> None:
    """生成政府信息公开工作年度报告的统计表。

    示例：gkcli report 2024
          gkcli report 2024 --format md -o 年报2024.md
          gkcli report 2024 --format json | jq .applications.rows.carried_out
    """
    from ..loader import load_usable_book, report_document
    from ..render import SUFFIXES, renderer
    from ..render.terminal import is_interactive, print_rich

    number = parse_year(year)
    chosen = fmt or (SUFFIXES.get(Path(output).suffix.lower()) if output and output != "-" else None) or "terminal"
    if chosen not in FORMATS:
        raise GkcliError(f"不支持的格式「{chosen}」；可选：{'、'.join(FORMATS)}", where="--format" if fmt else "-o")
    book, findings = load_usable_book(book_root(ctx))
    doc = report_document(book, findings, number)
    if chosen == "terminal" and output in (None, "-") and is_interactive():
        print_rich(doc)
    else:
        write_output(renderer(chosen).render(doc), output)
    errors = sum(1 for f in doc.findings if f.level == "error")
    if doc.findings:
        say(ctx, f"注意：账本有 {errors} 个错误、{len(doc.findings) - errors} 个警告，报告可能不准确；运行 gkcli check {number} 查看。")
    if output not in (None, "-"):
        say(ctx, f"已写入 {output}")
