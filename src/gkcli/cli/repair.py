"""`gkcli repair`: move torn final records (left by an interrupted append) to side files."""

from __future__ import annotations

import typer

from .common import book_root, say

_PREVIEW_LINES = 8


def repair(
    ctx: typer.Context,
    yes: bool = typer.Option(False, "--yes", "-y", help="不再询问，直接移出（供脚本使用）"),
) -> None:
    """把写入中断留下的不完整记录移到账本文件旁的 .torn 文件（不删除任何内容）。

    先列出每一处不完整的记录，确认后再移出；移出后请核对 .torn 文件，需要的记录重新登记。

    示例：gkcli repair
          gkcli repair --yes
    """
    from ..ledger import repair as fix
    from ..ledger import write

    from ..personal import mask_ledger_line
    from ..safe_text import visible_cell

    root = book_root(ctx)
    found = fix.find_torn(root)
    if not found:
        say(ctx, "未发现不完整的记录。")
        return
    for item in found:
        print(f"{item.rel}:{item.tail.line}：不完整的记录（{len(item.data)} 字节）")
        lines = item.data.decode("utf-8", errors="replace").splitlines()
        for line in lines[:_PREVIEW_LINES]:
            print(f"    {visible_cell(mask_ledger_line(line))}")  # as written, but no personal data nor terminal controls
        if len(lines) > _PREVIEW_LINES:
            print(f"    …（另有 {len(lines) - _PREVIEW_LINES} 行）")
    if not yes:
        typer.confirm(f"把以上 {len(found)} 处不完整的记录移到同目录的 .torn 文件？", abort=True, err=True)
    moved = 0
    with write.book_lock(root):
        for item in found:
            if fix.move_aside(item):
                moved += 1
                say(ctx, f"已移出：{item.rel}:{item.tail.line} → {item.side.relative_to(root).as_posix()}")
            else:
                say(ctx, f"未移出：{item.rel} 在确认期间有变动，请重新运行 gkcli repair")
    if moved < len(found):
        raise typer.Exit(1)


app = typer.Typer(add_completion=False)
app.command("repair")(repair)
