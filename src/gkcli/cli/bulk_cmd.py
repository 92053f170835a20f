"""`case add -`, `event add -`, `review add -`: many records from stdin (or a file) at once."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors import GkcliError
from .common import book_root, quiet, say

STDIN_NAME = "标准输入"


def read_source(source: str) -> tuple[str, str]:
    """(text, name used in messages) of `-` (stdin) or a file, decoded strictly as UTF-8.

    Bytes, not the text stream: under a C locale Python would turn bad bytes on stdin
    into lone surrogates that no ledger can hold."""
    if source == "-":
        data, origin = sys.stdin.buffer.read(), STDIN_NAME
    else:
        try:
            data, origin = Path(source).read_bytes(), source
        except FileNotFoundError:
            raise GkcliError(f"文件 {source} 不存在", where="SOURCE") from None
        except IsADirectoryError:
            raise GkcliError(f"{source} 是一个目录，不是文件", where="SOURCE") from None
        except OSError as exc:
            raise GkcliError(f"无法读取文件 {source}：{exc.strerror}", where="SOURCE") from None
    try:
        return data.decode("utf-8-sig"), origin
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GkcliError("不是 UTF-8 编码", where=f"{origin}:{line}", hint="请另存为 UTF-8；Excel 表格请用 gkcli import。") from None


def bulk_add(ctx: typer.Context, kind_name: str, source: str, input_format: str | None, dry_run: bool, entry) -> None:
    from ..allocation import many_objects
    from ..bulk.convert import KINDS, convert
    from ..bulk.parse import parse
    from ..progress import track

    text, origin = read_source(source)
    with many_objects():  # a bulk input may be hundreds of thousands of records
        items = parse(text, input_format, origin)
        kind = KINDS[kind_name]
        converted = [convert(kind, item.where, item.fields, item.plain) for item in track(items, "检查记录", quiet(ctx))]
        finish(ctx, kind_name, converted, dry_run, entry)


def finish(ctx: typer.Context, kind_name: str, converted: list, dry_run: bool, entry, skip_bad: bool = False) -> None:
    """Plan, write (unless `dry_run`) through the guard rails of `entry`, and report; shared with `gkcli import`."""
    from ..bulk.apply import apply
    from ..bulk.convert import KINDS
    from ..ledger import layout
    from ..ledger.write import record_date, render_block

    root = book_root(ctx)
    done = apply(root, KINDS[kind_name], converted, entry, dry_run, skip_bad)
    result = done.plan
    for finding in result.warnings:
        say(ctx, str(finding))
    if done.skipped:
        say(ctx, f"已跳过 {len(done.skipped)} 条有误的记录：{'、'.join(done.skipped)}")
        for finding in done.reasons:
            say(ctx, f"  {finding}")
    if result.masked:
        say(ctx, f"注意：{result.masked} 条记录的个人信息是遮蔽过的（含 *），未导入；迁移个人信息请用 case list --with-personal-data 导出。")
    if dry_run:
        for table, record in result.new:
            path = layout.ledger_path(root, table, record_date(table, record)).relative_to(root)
            sys.stdout.write(f"# → {path.as_posix()}\n{render_block(table, record)}\n")
        say(ctx, f"试运行：将写入 {len(result.new)} 条记录，{result.present} 条已在账本中；未写入任何内容。")
        return
    for table, record in result.new:
        if table == kind_name and hasattr(record, "id"):
            print(record.id)
    files = "，".join(f"{p.relative_to(root).as_posix()} {n} 条" for p, n in done.written.items())
    say(ctx, f"已写入 {len(result.new)} 条记录" + (f"（{files}）" if files else "") + f"；{result.present} 条已在账本中，未重复写入。")
