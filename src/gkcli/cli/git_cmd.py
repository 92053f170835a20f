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


def configure_git(root: Path) -> bool:
    """Register the ledger merge driver in the git repository holding `root`; False if none."""
    if shutil.which("git") is None:
        return False
    inside = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=root, capture_output=True, text=True)
    if inside.returncode != 0:
        return False
    command = f'"{sys.executable}" -m gkcli merge-ledger %O %A %B'
    for key, value in ((f"merge.{DRIVER}.name", "gkcli 账本（只追加）合并"), (f"merge.{DRIVER}.driver", command)):
        subprocess.run(["git", "config", key, value], cwd=root, check=True)
    return True


def git_setup(ctx: typer.Context) -> None:
    """在账本所在的 git 仓库中登记账本合并方式（每个克隆需执行一次）。

    示例：git clone 地址 东二营镇 && cd 东二营镇 && gkcli git-setup
    """
    root = book_root(ctx)
    if not configure_git(root):
        raise GkcliError(f"{root} 不在 git 仓库中", hint="先 git init，或在克隆下来的目录中运行。")
    say(ctx, "已登记：合并分支时，两边追加的账本记录都会完整保留。")


def merge_ledger(base: Path, ours: Path, theirs: Path) -> None:
    """git 合并驱动（由 git 调用）：保留本方文件，再追加对方新增的记录。"""
    from ..ledger.merge import merge_appends

    merged = merge_appends(base.read_bytes(), ours.read_bytes(), theirs.read_bytes())
    if merged is not None:
        ours.write_bytes(merged)
        return
    # Someone edited existing records: fall back to a line merge, which shows its conflicts.
    result = subprocess.run(["git", "merge-file", "-L", "本方", "-L", "共同祖先", "-L", "对方", str(ours), str(base), str(theirs)])
    if result.returncode:
        print("错误：账本中已有的记录被修改过，且两边的修改冲突；请手工解决后运行 gkcli check", file=sys.stderr)
        raise typer.Exit(1)
    print("注意：账本中已有的记录被修改过，已按行合并；请运行 gkcli check 核对", file=sys.stderr)


def register(app: typer.Typer) -> None:
    app.command("git-setup")(git_setup)
    app.command("merge-ledger", hidden=True)(merge_ledger)
