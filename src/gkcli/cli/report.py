"""`gkcli report YEAR`: the annual report in the terminal, Markdown, HTML, DOCX, JSON or CSV."""

from __future__ import annotations

import sys

import typer

from ..errors import GkcliError
from .common import book_root, output_format, parse_year, say, write_output

app = typer.Typer(add_completion=False)

FORMATS = ("terminal", "md", "html", "docx", "json", "csv", "xlsx")
PLAIN = ("md", "html")  # read as text: control characters shown escaped (CSV keeps exact values)


@app.command("report")
def report(
    ctx: typer.Context,
    year: str = typer.Argument(..., metavar="YEAR", help="报告年度，如 2024"),
    fmt: str | None = typer.Option(None, "--format", "-f", help="输出格式：terminal md html docx json csv xlsx（默认按 -o 的扩展名，否则 terminal）"),
    output: str | None = typer.Option(None, "--output", "-o", help="输出文件（- 为标准输出；已有文件整体替换）"),
    tables_only: bool = typer.Option(False, "--tables-only", help="只输出二、三、四部分的统计表，不含正文"),
) -> None:
    """生成政府信息公开工作年度报告：标题、开篇、一至六部分正文和三张统计表。

    json、csv、xlsx 格式只含三张统计表（xlsx 每张表一个工作表，按官方格式合并表头）。

    正文取自账本中的 narrative/YEAR.md（可用 gkcli narrative init YEAR 生成初稿），其中的 {占位符} 按统计结果填入。

    示例：gkcli report 2024
          gkcli report 2024 -o 年报2024.html
          gkcli report 2024 -o 年报2024.docx
          gkcli report 2024 -f docx > 年报2024.docx
          gkcli report 2024 -o 统计表2024.xlsx
          gkcli report 2024 --tables-only --format md
          gkcli report 2024 --format json | jq .applications.rows.carried_out
    """
    from ..document import missing_sections
    from ..loader import report_analysis, report_document
    from ..render import BINARY, SUFFIXES, TABLES_ONLY, renderer
    from ..render.terminal import is_interactive, print_rich

    number = parse_year(year)
    root = book_root(ctx)
    if output not in (None, "-"):
        from .outpath import check_target

        check_target(output, root)  # before any work: a bad -o costs nothing and writes nothing
    chosen = output_format(fmt, output, FORMATS, SUFFIXES)
    if chosen in BINARY and output in (None, "-") and sys.stdout.isatty():
        # before any work: refused, the command costs nothing and writes nothing
        raise GkcliError(
            f"{chosen.upper()} 是二进制文件，显示在终端上只是乱码",
            where="-o" if output == "-" else "--format",
            hint=f"用 -o 年报{number}.{chosen} 写入文件，或把输出重定向到文件：gkcli report {number} -f {chosen} > 年报{number}.{chosen}",
        )
    analysis = report_analysis(root, number)
    doc = report_document(root, analysis, tables_only=tables_only or chosen in TABLES_ONLY)
    if getattr(analysis, "closed", None) is not None:  # the year's closing (定稿), shown in every format
        from dataclasses import replace

        doc = replace(doc, closed=analysis.closed)
    if chosen == "terminal" and output in (None, "-") and is_interactive():
        print_rich(doc)
    else:
        rendered = renderer(chosen).render(doc)
        if chosen in BINARY and output in (None, "-"):
            _write_bytes_to_stdout(rendered)
        elif chosen in PLAIN or chosen == "json":
            from ..safe_text import visible, visible_json

            # a control character in the text would act on the reader's terminal; JSON keeps the value as an escape
            rendered = visible_json(rendered) if chosen == "json" else visible(rendered)
            write_output(rendered, output, root)
        else:
            write_output(rendered, output, root)
    missing = missing_sections(doc)
    if missing:
        names = "、".join(s.label.split("、")[0] for s in missing)
        say(ctx, f"注意：报告第{names}部分没有正文；请编写账本中的 narrative/{number}.md（可运行 gkcli narrative init {number} 生成初稿）。")
    for f in doc.findings:
        if f.code in ("C1", "C2"):  # a closed year's figures and this report disagree
            say(ctx, f"注意：{f.message}")
    errors = sum(1 for f in doc.findings if f.level == "error")
    if doc.findings:
        say(ctx, f"注意：账本有 {errors} 个错误、{len(doc.findings) - errors} 个警告，报告可能不准确；运行 gkcli check {number} 查看。")
    if output not in (None, "-"):
        say(ctx, f"已写入 {output}")


def _write_bytes_to_stdout(data: bytes) -> None:
    """A binary format into a file or pipe the shell opened: its bytes, not their decoding."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()

