"""`gkcli merge-ledger`: the git merge driver for append-only ledgers (called by git)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import typer

app = typer.Typer(add_completion=False)


@app.command("merge-ledger")
def merge_ledger(
    base: Path = typer.Argument(..., metavar="BASE", help="共同祖先的账本文件"),
    ours: Path = typer.Argument(..., metavar="OURS", help="本方的账本文件，合并结果写回这里"),
    theirs: Path = typer.Argument(..., metavar="THEIRS", help="对方的账本文件"),
) -> None:
    """git 合并驱动（由 git 调用）：保留本方文件，再追加对方新增的记录。

    gkcli init 或 gkcli git-setup 已在 git 仓库中登记本命令，无须手工运行。

    示例：gkcli merge-ledger 共同祖先.toml 本方.toml 对方.toml
    """
    from ..ledger.merge import merge_appends

    merged = merge_appends(base.read_bytes(), ours.read_bytes(), theirs.read_bytes())
    if merged is not None:
        from .outpath import replace

        replace(ours, merged, where=str(ours))  # whole or not at all: a full disk leaves ours as it was
        return
    # Someone edited existing records: fall back to a line merge, which shows its conflicts.
    result = subprocess.run(["git", "merge-file", "-L", "本方", "-L", "共同祖先", "-L", "对方", str(ours), str(base), str(theirs)])
    if result.returncode:
        print("错误：账本中已有的记录被修改过，且两边的修改冲突；请手工解决后运行 gkcli check", file=sys.stderr)
        raise typer.Exit(1)
    print("注意：账本中已有的记录被修改过，已按行合并；请运行 gkcli check 核对", file=sys.stderr)
