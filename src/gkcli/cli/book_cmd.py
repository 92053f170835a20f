"""`gkcli init`: create a book."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import coerce, spec
from .common import say


app = typer.Typer(add_completion=False)

@app.command("init")
def init(
    ctx: typer.Context,
    path: Path = typer.Argument(..., metavar="PATH", help="新账本的目录"),
    agency: str = typer.Option(..., "--agency", help="机关全称，如：蓟州区东二营镇人民政府"),
    kind: str = typer.Option("government", "--kind", help="机关类型：government（人民政府）或 department（政府部门）"),
) -> None:
    """新建账本。

    示例：gkcli init ./东二营镇 --agency 蓟州区东二营镇人民政府 --kind government
    """
    from ..book import create
    from .git_cmd import configure_git

    code = coerce.resolve(kind, spec.AGENCY_KINDS, "机关类型", "--kind")
    create(path, agency, code)
    say(ctx, f"已创建账本：{path}")
    if configure_git(path):
        say(ctx, "已在所在的 git 仓库中登记账本合并方式。")
