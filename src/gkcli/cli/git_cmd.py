"""Git support for books: the ledger merge driver and its registration."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import typer

from ..errors import GkcliError
from .common import book_root, say

DRIVER = "gkcli-ledger"

app = typer.Typer(add_completion=False)


def configure_git(root: Path) -> bool:
    """Register the ledger merge driver in the git repository holding `root`; False if none."""
    if shutil.which("git") is None:
        return False
    inside = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=root, capture_output=True, text=True)
    if inside.returncode != 0:
        return False
    command = f'"{sys.executable}" -m gkcli merge-ledger %O %A %B'
    for key, value in ((f"merge.{DRIVER}.name", "gkcli 账本（只追加）合并"), (f"merge.{DRIVER}.driver", command)):
        done = subprocess.run(["git", "config", key, value], cwd=root, capture_output=True)
        if done.returncode:  # a read-only repository, most often
            raise GkcliError(
                f"git 未能登记账本合并方式（git config 退出码 {done.returncode}）",
                where=str(root),
                hint="请检查该 git 仓库 .git 文件夹的写权限，然后运行 gkcli git-setup。",
            )
    return True


@app.command("git-setup")
def git_setup(ctx: typer.Context) -> None:
    """在账本所在的 git 仓库中登记账本合并方式（每个克隆需执行一次）。

    示例：git clone 地址 东二营镇 && cd 东二营镇 && gkcli git-setup
    """
    root = book_root(ctx)
    if not configure_git(root):
        raise GkcliError(f"{root} 不在 git 仓库中", hint="先 git init，或在克隆下来的目录中运行。")
    say(ctx, "已登记：合并分支时，两边追加的账本记录都会完整保留。")
