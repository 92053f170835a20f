"""`gkcli audit FILE...`: read published annual reports and check them.

Only argument handling and output here; reading and checking live in `gkcli.audit`.
"""

from __future__ import annotations

import json
import sys

import typer

from ..errors import ERROR, GkcliError
from ..safe_text import visible, visible_json
from .common import book_in_use, choose, write_output


def _counts(findings) -> tuple[int, int]:
    errors = sum(1 for f in findings if f.level == ERROR)
    return errors, len(findings) - errors


def _record(reading, findings) -> dict:
    from ..audit.output import tables_json

    errors, warnings = _counts(findings)
    data = {"file": reading.path, "input": reading.kind, **tables_json(reading)}
    return data | {"errors": errors, "warnings": warnings, "findings": [f.to_json() for f in findings]}


def _text(results, failed) -> str:
    from ..audit.output import new_applications
    from ..render.rows import to_table

    out = []
    if len(results) + len(failed) > 1:
        rows = [
            {
                "文件": r.path,
                "机关": r.tables.agency or "（未识别）",
                "年度": r.tables.year or "",
                "新收申请": new_applications(r),
                "错误": e,
                "警告": w,
            }
            for r, fs in results
            for e, w in [_counts(fs)]
        ]
        rows += [{"文件": path, "机关": "（无法读取）", "年度": "", "新收申请": "", "错误": "", "警告": ""} for path, _ in failed]
        out.append(to_table(rows))
    for reading, findings in results:
        t = reading.tables
        out.append(f"== {reading.path}（{t.agency or '机关未识别'} {t.year or '年度未识别'}）")
        out += [str(f) for f in findings]
        errors, warnings = _counts(findings)
        out.append(f"共 {errors} 个错误、{warnings} 个警告。" if findings else "未发现问题。")
        out.append("")
    return "\n".join(out)


def _read_all(paths: list[str]):
    from ..audit import read_report

    readings, failed = [], []
    for path in paths:
        try:
            readings.append(read_report(path))
        except GkcliError as exc:
            failed.append((path, exc))
    return readings, failed


def audit(
    ctx: typer.Context,
    files: list[str] = typer.Argument(..., metavar="FILE...", help="已发布的年度报告：网页复制的文本、Markdown、HTML、DOCX 或 PDF（- 为标准输入）"),
    fmt: str = typer.Option("text", "--format", "-f", help="输出格式：text json"),
    previous: list[str] = typer.Option([], "--previous", "-p", metavar="FILE", help="同一机关上一年度的报告，用于核对 Y1、Y2（可重复）"),
    output: str = typer.Option(None, "--output", "-o", help="输出文件（- 为标准输出）"),
) -> None:
    """读取已发布的政府信息公开工作年度报告，还原三张统计表并核对。

    退出码：0 全部无错误；1 有错误；2 有文件无法读取。

    示例：gkcli audit 东二营镇2024年报.txt
          gkcli audit 2024/*.html --format json
          gkcli audit 年报2024.pdf --previous 年报2023.pdf
    """
    from ..audit import audit_all

    choose(fmt, ("text", "json"), "--format")
    book = book_in_use(ctx)
    if output not in (None, "-"):
        from .outpath import check_target

        check_target(output, book)  # audit runs anywhere: refuse a -o inside any book before reading
    readings, failed = _read_all(files)
    before, failed_before = _read_all(previous)
    for path, exc in failed + failed_before:
        print(f"错误：{exc}", file=sys.stderr)
    results = audit_all(readings, before)
    if fmt == "json":
        records = [_record(r, fs) for r, fs in results] + [{"file": path, "error": exc.message} for path, exc in failed]
        data = records[0] if len(files) == 1 and records else records
        text = json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"  # a 12.5 in a count cell stays exact
        write_output(visible_json(text), output, book)
    else:
        write_output(visible(_text(results, failed)), output, book)  # agency and file names as read: never raw controls
    if failed or failed_before:
        raise typer.Exit(2)
    if any(f.level == ERROR for _, fs in results for f in fs):
        raise typer.Exit(1)


app = typer.Typer(add_completion=False)
app.command("audit")(audit)
