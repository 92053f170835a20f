"""`gkcli notice ID`, `gkcli notice init`, `gkcli notice list`: the letters to applicants (告知书)."""

from __future__ import annotations

from typing import Optional

import typer

from ..errors import GkcliError
from . import complete
from .common import book_root, choose, entry_of, parse_year, say, today_option

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help=(
        "告知书：按案件的办理记录生成答复、补正、延期、征求意见、收费、撤回的告知书，编号并登记。\n\n"
        "gkcli notice ID 与 gkcli notice issue ID 相同。\n\n"
        "示例：gkcli notice 2024-0001 -o 答复告知书.docx\n"
        "      gkcli notice 2024-0001 --step correction --draft\n"
        "      gkcli notice list --year 2024"
    ),
)

OUTPUT_FORMATS = {".md": "md", ".html": "html", ".htm": "html", ".docx": "docx"}


def _group_class():
    from .app import LazyGroup

    class NoticeGroup(LazyGroup):
        """`gkcli notice ID …` runs `issue`: anything that is not a subcommand is a case id."""

        def resolve_command(self, ctx, args):
            if args and not args[0].startswith("-") and args[0] not in self.list_commands(ctx):
                args = ["issue", *args]
            return super().resolve_command(ctx, args)

    return NoticeGroup


app.group_class = _group_class  # read by cli/app.py `lazy_group`


def _kinds(incomplete: str) -> list[tuple[str, str]]:
    from .. import spec

    return [(i.code, i.label) for i in spec.NOTICE_KINDS if i.code.startswith(incomplete)]


def _kind(text: str | None, option: str) -> str | None:
    if text is None:
        return None
    from .. import coerce, spec
    from ..notices.settings import DEFAULT_WORDS

    words = {word: kind for kind, word in DEFAULT_WORDS.items()} | {"征求意见": "consult"}  # 答复 alone is the answer, not 延期答复
    return coerce.resolve(text, spec.NOTICE_KINDS, "告知书类型", option, words)


def _output_format(target: str | None) -> str:
    if target in (None, "-"):
        return "md"
    from pathlib import PurePath

    suffix = PurePath(target).suffix.lower()
    if suffix not in OUTPUT_FORMATS:
        raise GkcliError(f"不支持的输出文件类型「{suffix or '（无扩展名）'}」；可选：.md、.html、.docx", where="-o")
    return OUTPUT_FORMATS[suffix]


@app.command("issue")
def issue(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="ID", help="案件编号", autocompletion=complete.case_ids),
    step: Optional[str] = typer.Option(
        None, "--step", metavar="类型", autocompletion=_kinds,
        help="告知哪一个办理步骤：answer（答复）correction（补正）extension（延期）consult（征求意见）fee（收费）withdrawal（撤回）；默认：案件最近一个需要告知的步骤",
    ),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="文件", help="写入文件，格式按扩展名：.md、.html、.docx；默认以 Markdown 输出到标准输出"),
    draft: bool = typer.Option(False, "--draft", help="只生成草稿：不编号、不登记"),
    on: Optional[str] = typer.Option(None, "--date", metavar="日期", help="告知书日期（默认：所告知的办理步骤的日期，如答复日期）；重新生成已出具的告知书时沿用原日期"),
    today: Optional[str] = today_option(),
) -> None:
    """出具一件申请的告知书：编号、登记在账本中，输出全文。

    同一步骤再次出具时沿用原编号和原日期，生成与原来相同的告知书。告知书含申请人姓名，
    只输出到标准输出或 -o 指定的文件，不缓存，不进入年度报告和导出。
    模板：账本中的告知书模板（gkcli notice init 生成），没有时用默认模板。

    示例：gkcli notice 2024-0001
          gkcli notice 2024-0001 -o 答复告知书.docx
          gkcli notice 2024-0001 --step correction --date 2024-05-14 -o 补正告知书.docx
          gkcli notice 2024-0001 --draft
    """
    from .. import coerce
    from ..notices import issuing, kinds, output as out
    from .common import write_output

    kind = _kind(step, "--step")
    fmt = _output_format(output)
    day = coerce.parse_date(on, "--date") if on else None
    entry = entry_of(today)
    root = book_root(ctx)
    if output not in (None, "-"):
        from .outpath import check_target

        check_target(output, root)  # refused before anything is recorded
    done = issuing.issue(root, coerce.valid_id(case_id, "ID"), kind, day, entry, draft)
    data = out.render(done.letter, fmt)
    if fmt == "docx" and output in (None, "-"):
        raise GkcliError("Word 文件请用 -o 写入文件", where="-o")
    write_output(data, output, root)
    label = kinds.label(done.letter.kind)
    if done.notice is None:
        say(ctx, f"已生成{label}草稿（未编号，未登记）")
    elif done.again:
        say(ctx, f"{label} {done.notice.number} 已于 {done.notice.date} 出具（{done.notice.source}），按原编号、原日期重新生成")
    else:
        say(ctx, f"已出具{label} {done.notice.number}（{done.notice.date}）→ {done.written.relative_to(root)}")
    if output not in (None, "-"):
        say(ctx, f"已写入 {output}")


@app.command("init")
def init(
    ctx: typer.Context,
    force: bool = typer.Option(False, "--force", help="用默认模板覆盖账本中已有的模板"),
) -> None:
    """在账本中生成告知书模板（账本目录下的告知书模板文件夹，每类一个 .md 文件，可按本机关的格式修改），已有的模板不覆盖。

    模板中的 {占位符} 出具时换成案件的内容；gkcli notice ID 优先使用账本中的模板。

    示例：gkcli notice init
          gkcli notice init --force
    """
    from ..notices.kinds import CODES
    from ..notices.letter import book_template, default_template
    from .outpath import replace

    root = book_root(ctx)
    written, kept = [], []
    for kind in CODES:
        path = book_template(root, kind)
        if path.exists() and not force:
            kept.append(path.name)
            continue
        path.parent.mkdir(exist_ok=True)
        replace(path, default_template(kind).encode("utf-8"), where=str(path))
        written.append(path.name)
    if written:
        say(ctx, f"已写入 notices/ 下的模板：{'、'.join(written)}")
    if kept:
        say(ctx, f"已有的模板未覆盖（--force 可覆盖）：{'、'.join(kept)}")


@app.command("list")
def list_notices(
    ctx: typer.Context,
    year: Optional[str] = typer.Option(None, "--year", help="只列出该年出具的告知书"),
    kind: Optional[str] = typer.Option(None, "--kind", metavar="类型", autocompletion=_kinds, help="只列出该类告知书：answer correction extension consult fee withdrawal"),
    fmt: str = typer.Option("table", "--format", "-f", help="输出格式：table json ndjson csv tsv md"),
    with_personal_data: bool = typer.Option(False, "--with-personal-data", help="显示完整的申请人姓名（默认遮蔽）"),
) -> None:
    """列出已出具的告知书：编号、日期、类型、案件、申请人类型（姓名遮蔽）。

    示例：gkcli notice list --year 2024
          gkcli notice list --kind answer --format csv > 2024年告知书.csv
    """
    from ..loader import load_usable_book
    from ..notices.listing import notice_rows
    from ..render.rows import LIST_FORMATS, emit

    choose(fmt, LIST_FORMATS, "--format")
    wanted = parse_year(year, "--year") if year else None
    code = _kind(kind, "--kind")
    book, _ = load_usable_book(book_root(ctx))
    records, rows = notice_rows(book, wanted, code, with_personal_data)
    emit(records, rows, fmt, "告知书")
    if fmt == "table":
        say(ctx, f"共 {len(records)} 件")
