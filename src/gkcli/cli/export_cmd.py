"""`gkcli export` and `gkcli load`: move a whole book, every record as written, through NDJSON (gkcli/transfer.py)."""

from __future__ import annotations

from typing import Optional

import typer

from .common import book_root, entry_of, parse_year, reopen_option, say, today_option, write_output


def export(
    ctx: typer.Context,
    year: Optional[str] = typer.Option(None, "--year", "-y", metavar="年度", help="只导出本身日期（收到、办理、登记的日期）在该年度的记录"),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="文件", help="写入文件（默认：标准输出）"),
    without_personal_data: bool = typer.Option(False, "--without-personal-data", help="不导出申请人的姓名、身份证号码和联系电话"),
) -> None:
    """导出账本中的全部记录（NDJSON，每行一条），用于迁移、备份或合并到另一个账本。

    导出的是账本中写下的每一条记录：申请、办理步骤、主动公开事项、复议诉讼、更正与作废、年度定稿与重新打开，
    以及本账本的节假日安排；用 gkcli load 读入另一个账本后，各年度的报告与原账本相同。
    默认包含申请人的个人信息（迁移账本需要）。

    示例：gkcli export -o 全部记录.ndjson
          gkcli export --year 2024 --without-personal-data > 2024.ndjson
          gkcli export | gkcli --book ../新账本 load -
    """
    from ..transfer import export_text

    root = book_root(ctx)
    chosen = parse_year(year, "--year") if year is not None else None
    text, personal_cases = export_text(root, chosen, not without_personal_data)
    write_output(text, output, root)
    count = text.count("\n")
    say(ctx, f"已导出 {count} 条记录" + (f"（{chosen} 年）" if chosen else "") + "。")
    if personal_cases:
        say(ctx, f"注意：导出内容含 {personal_cases} 件申请的申请人个人信息（姓名、身份证号码、联系电话），请妥善保管；不需要时加 --without-personal-data。")
    if chosen:
        say(ctx, f"注意：只含 {chosen} 年的记录；{chosen} 年的报告还需要此前年度结转的申请和现行有效件数，迁移账本请导出全部年度。")


def load(
    ctx: typer.Context,
    source: str = typer.Argument("-", metavar="[-|FILE]", help="gkcli export 的输出：- 为标准输入（默认），或文件"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只检查并显示将写入几条，不写入"),
    today: Optional[str] = today_option(),
    reopen: Optional[str] = reopen_option(),
) -> None:
    """把 gkcli export 导出的记录读入当前账本：全部无误才写入，已在账本中的记录不重复写入。

    每一行先逐条核对（有误时指出「标准输入:行号」，不写入任何内容）；编号与账本中内容不同的记录冲突时拒绝全部。
    编号保持不变，此后登记的新编号接在读入的最大编号之后。

    示例：gkcli init ../新账本 --agency 某某单位 && gkcli export | gkcli --book ../新账本 load -
          gkcli load 全部记录.ndjson --dry-run
    """
    from ..transfer import load as load_records
    from .bulk_cmd import read_source

    root = book_root(ctx)
    # What is loaded is a book's history, checked where it was entered: records it let in as
    # real second records (--duplicate-ok) and answers it moved between years stay as they were.
    entry = entry_of(today, reopen, duplicate_ok=True, move_year=True)
    text, origin = read_source(source)
    done = load_records(root, text, origin, entry, dry_run)
    extra = len(done.days) + len(done.years)
    calendar = f"，节假日安排 {extra} 项" if extra else ""
    if dry_run:
        say(ctx, f"试运行：将写入 {len(done.new)} 条记录{calendar}，{done.present} 条已在账本中；未写入任何内容。")
        return
    files = "，".join(f"{p.relative_to(root).as_posix()} {n} 条" for p, n in done.written.items())
    say(ctx, f"已写入 {len(done.new)} 条记录" + (f"（{files}）" if files else "") + f"{calendar}；{done.present} 条已在账本中，未重复写入。")


app = typer.Typer(add_completion=False)
app.command("export")(export)
load_app = typer.Typer(add_completion=False)
load_app.command("load")(load)
