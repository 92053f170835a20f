"""`gkcli import`: take in an office's existing register (xlsx or CSV) through a mapping file."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import GkcliError
from .common import duplicate_ok_option, entry_of, quiet, reopen_option, say, today_option


def import_register(
    ctx: typer.Context,
    file: Path = typer.Argument(..., metavar="FILE", help="登记台账：.xlsx 或 .csv（UTF-8 或 GBK）"),
    mapping: Optional[Path] = typer.Option(None, "--map", "-m", help="映射文件（TOML）：表格列名 → gkcli 字段，本机关的写法 → 编码"),
    sheet: Optional[str] = typer.Option(None, "--sheet", help="工作表名称或序号（默认：映射文件所写，否则第一个）"),
    suggest: bool = typer.Option(False, "--suggest", help="根据表头和取值生成一份映射文件初稿（输出到标准输出）"),
    skip_bad: bool = typer.Option(False, "--skip-bad", help="跳过无法对应的行（逐行列出），导入其余各行"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只显示将写入的记录，不写入"),
    duplicate_ok: bool = duplicate_ok_option(),
    today: Optional[str] = today_option(),
    reopen: Optional[str] = reopen_option(),
) -> None:
    """导入本机关已有的依申请公开登记台账（Excel 或 CSV）。全部行都能对应才写入。

    示例：gkcli import 2024年台账.xlsx --suggest > 台账映射.toml
          gkcli import 2024年台账.xlsx --map 台账映射.toml --dry-run
          gkcli import 2024年台账.xlsx --map 台账映射.toml
    """
    from ..importer.sheet import read_sheet

    if suggest:
        from ..importer.suggest import suggest as make_suggestion

        print(make_suggestion(read_sheet(file, sheet)), end="")
        return
    if mapping is None:
        raise GkcliError("缺少映射文件", where="--map", hint=f"先运行 gkcli import {file} --suggest > 映射.toml，核对后再用 --map 映射.toml 导入。")
    from ..importer.mapping import convert_row, items, load_mapping
    from ..progress import track
    from .bulk_cmd import finish

    plan = load_mapping(mapping)
    rows = items(read_sheet(file, sheet or plan.sheet), plan)
    if not rows:
        raise GkcliError("表头以下没有数据行", where="FILE")
    converted = [convert_row(row) for row in track(rows, "检查台账", quiet(ctx))]
    say(ctx, f"读入 {len(rows)} 行。")
    finish(ctx, "case", converted, dry_run, entry_of(today, reopen, duplicate_ok), skip_bad)


app = typer.Typer(add_completion=False)
app.command("import")(import_register)
