"""`gkcli codes`: every code a clerk may type, with its official label and the words accepted for it."""

from __future__ import annotations

from typing import Optional

import typer

from .. import coerce, spec
from .common import choose, say


def _kind_names(incomplete: str) -> list[tuple[str, str]]:
    return [(k.name, k.what) for k in spec.CODE_KINDS if k.name.startswith(incomplete)]


def codes(
    ctx: typer.Context,
    kind: Optional[str] = typer.Argument(None, metavar="[KIND]", help="只列出一类：" + " ".join(k.name for k in spec.CODE_KINDS), autocompletion=_kind_names),
    fmt: str = typer.Option("table", "--format", "-f", help="输出格式：table json ndjson csv tsv md"),
) -> None:
    """列出可输入的全部编码、官方名称和也可接受的写法（命令行选项、账本、批量读入和 import 通用）。

    除编码外，也可写官方名称、其中不会混淆的一部分，或官方编号（如 三.三.7、（三）7）。

    示例：gkcli codes outcome
          gkcli codes applicant --format csv > 申请人类型.csv
    """
    from ..render.rows import LIST_FORMATS, emit

    choose(fmt, LIST_FORMATS, "--format")
    kinds = spec.CODE_KINDS
    if kind is not None:
        names = tuple(spec.Item(k.name, k.what) for k in kinds)
        wanted = coerce.resolve(kind, names, "编码类别", "KIND")
        kinds = tuple(k for k in kinds if k.name == wanted)
    joined = fmt in ("csv", "tsv")  # a cell holds text, not a list
    records, rows = [], []
    for k in kinds:
        for item in k.items:
            words = [w for w, code in k.aliases.items() if code == item.code]
            records.append(
                {"kind": k.name, "code": item.code, "number": item.number, "label": item.label, "wordings": "、".join(words) if joined else words}
            )
            row = {"编码": item.code, "编号": item.number, "官方名称": item.label, "也可写作": "、".join(words)}
            rows.append(row if len(kinds) == 1 else {"类别": f"{k.what}（{k.name}）", **row})
    title = f"{kinds[0].what}（{kinds[0].name}）" if len(kinds) == 1 else "gkcli 编码"
    emit(records, rows, fmt, title)
    if fmt == "table":
        for k in kinds if len(kinds) == 1 else ():
            say(ctx, f"用于：{k.used_by}")
        say(ctx, "也可写官方名称、其中不会混淆的一部分，或官方编号。")


app = typer.Typer(add_completion=False)
app.command("codes")(codes)
