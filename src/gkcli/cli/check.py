"""`gkcli check [YEAR]`: every ledger problem and table identity failure, all at once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from .common import TODAY_HELP, book_root, choose, parse_today, parse_year


app = typer.Typer(add_completion=False)

@app.command("check")
def check(
    ctx: typer.Context,
    year: Optional[str] = typer.Argument(None, metavar="[YEAR]", help="只核对该年度的统计表（账本问题总是全部列出）"),
    fmt: str = typer.Option("text", "--format", "-f", help="输出格式：text json"),
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),
) -> None:
    """检查账本、年度统计表和报告正文（narrative/YEAR.md）；有错误时退出码为 1。

    示例：gkcli check 2024
          gkcli check --format json
          gkcli check --today 2024-12-31
    """
    from ..errors import ERROR
    from ..loader import load_book, load_narrative, years_of
    from ..safe_text import visible_json
    from ..tally import tally
    from ..year_checks import check_year

    choose(fmt, ("text", "json"), "--format")
    wanted = parse_year(year) if year else None
    book, findings = load_book(book_root(ctx), parse_today(today))
    if book.notices or book.config.notices_required:  # letters: N1 (when required), N2
        from ..notices.checks import notice_findings

        findings += notice_findings(book)
    from ..narrative.read import narrative_years

    closed_years = {c.year for c in book.closings}  # a closed year is checked against its close (C1) even with no records left
    for y in [wanted] if wanted else sorted(set(years_of(book)) | set(narrative_years(Path(book.root))) | closed_years):
        tables = tally(book, y)
        findings += check_year(book, tables, tally(book, y - 1))
        findings += load_narrative(Path(book.root), book.config, tables)[1]  # an unknown placeholder stops here: exit 2 with file:line
    errors = sum(1 for f in findings if f.level == ERROR)
    warnings = len(findings) - errors
    if fmt == "json":
        data = {"errors": errors, "warnings": warnings, "findings": [f.to_json() for f in findings]}
        print(visible_json(json.dumps(data, ensure_ascii=False, indent=2)))  # values exact, as escapes
    else:
        for f in findings:
            print(f)
        print(f"共 {errors} 个错误、{warnings} 个警告。" if findings else "未发现问题。")
    if errors:
        raise typer.Exit(1)
