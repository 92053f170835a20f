"""`gkcli review …`: 行政复议 and 行政诉讼 about this agency's disclosure work."""

from __future__ import annotations

from typing import Optional

import typer

from .. import coerce, spec
from ..errors import GkcliError
from . import complete, corrections_cmd, records_cmd
from .chinese import required_unless_bulk
from .common import book_root, duplicate_ok_option, entry_of, reopen_option, required, say, today_option

app = typer.Typer(add_completion=False, no_args_is_help=True, help="行政复议、行政诉讼案件。\n\n示例：gkcli review add --kind reconsideration --filed 2024-08-01 --case 2024-0001\n      gkcli review decide R2024-0001 --date 2024-10-20 --result 维持")


@app.command("add")
@required_unless_bulk("--kind", "--filed")
def add(
    ctx: typer.Context,
    source: Optional[str] = typer.Argument(None, metavar="[-]", help="写 - 则从标准输入批量读入（NDJSON、JSON 数组或带表头的 CSV），此时不写标为必填的选项"),
    kind: Optional[str] = typer.Option(None, "--kind", help="reconsideration（行政复议）、litigation_direct（未经复议直接起诉）、litigation_after_review（复议后起诉）"),
    filed: Optional[str] = typer.Option(None, "--filed", help="立案（受理）日期"),
    case: Optional[str] = typer.Option(None, "--case", help="所涉政府信息公开申请的案件编号", autocompletion=complete.case_ids),
    ident: Optional[str] = typer.Option(None, "--id", help="编号（默认 R<年份>-NNNN）"),
    input_format: Optional[str] = typer.Option(None, "--input-format", help="批量读入的格式：ndjson json csv tsv（默认自动识别）"),
    dry_run: bool = typer.Option(False, "--dry-run", help="批量读入时只显示将写入的记录，不写入"),
    duplicate_ok: bool = duplicate_ok_option(),
    today: Optional[str] = today_option(),
    reopen: Optional[str] = reopen_option(),
) -> None:
    """登记一件行政复议或行政诉讼；最后一行输出其编号。写 - 则批量读入。

    示例：gkcli review add --kind reconsideration --filed 2024-08-01 --case 2024-0001
          gkcli review add - < 复议诉讼.ndjson
    """
    entry = entry_of(today, reopen, duplicate_ok)
    if source is not None:
        from .bulk_cmd import bulk_add

        return bulk_add(ctx, "review", source, input_format, dry_run, entry)
    kind = required(kind, "--kind")
    filed = required(filed, "--filed")
    from ..guard import commit
    from ..ledger import lookup, write
    from ..model import Review

    code = coerce.resolve(kind, spec.REVIEW_GROUPS, "复议诉讼类型", "--kind", spec.REVIEW_KIND_ALIASES)
    day = coerce.parse_date(filed, "--filed")
    root = book_root(ctx)
    with write.book_lock(root):
        if case and lookup.find_record(root, "case", "id", case) is None:
            raise GkcliError(f"账本中没有编号为「{case}」的申请案件", where="--case")
        if ident:
            coerce.valid_id(ident, "--id")
            if lookup.id_exists(root, "review", ident):
                raise GkcliError(f"编号「{ident}」已存在", where="--id")
        review_id = ident or lookup.next_id(root, "review", f"R{day.year}-")
        path = next(iter(commit(root, [("review", Review(review_id, code, day, case or ""))], entry)))
    say(ctx, f"已登记{spec.by_code(spec.REVIEW_GROUPS)[code].label} {review_id}（{day}）→ {path.relative_to(root)}")
    print(review_id)


@app.command("decide")
def decide(
    ctx: typer.Context,
    review_id: str = typer.Argument(..., metavar="ID", help="复议诉讼编号", autocompletion=complete.review_ids),
    date: str = typer.Option(..., "--date", help="审结日期"),
    result: str = typer.Option(..., "--result", help="upheld（结果维持）、corrected（结果纠正）、other（其他结果），也可写 维持、撤销、撤诉 等"),
    amend: bool = typer.Option(False, "--amend", help="更正此前登记的审理结果（追加一条更正记录）"),
    today: Optional[str] = today_option(),
    reopen: Optional[str] = reopen_option(),
) -> None:
    """登记行政复议或行政诉讼的审理结果。

    示例：gkcli review decide R2024-0001 --date 2024-10-20 --result 维持
          gkcli review decide R2024-0001 --date 2024-10-20 --result 纠正 --amend
    """
    from ..guard import commit
    from ..ledger import lookup, write
    from ..model import Decision

    entry = entry_of(today, reopen)
    day = coerce.parse_date(date, "--date")
    code = coerce.resolve(result, spec.REVIEW_RESULTS, "审理结果", "--result", spec.REVIEW_RESULT_ALIASES)
    root = book_root(ctx)
    with write.book_lock(root):
        review = lookup.find_record(root, "review", "id", review_id)
        if review is None:
            raise GkcliError(f"账本中没有编号为「{review_id}」的复议诉讼案件", where="ID")
        if day < review.filed:
            raise GkcliError(f"审结日期 {day} 早于立案日期 {review.filed}", where="--date")
        voided = lookup.find_all(root, "review_void", "id", review_id)
        if voided:
            raise GkcliError(f"复议诉讼案件「{review_id}」已于 {voided[0].date} 作废（{voided[0].source}）", where="ID")
        earlier = lookup.find_all(root, "decision", "review", review_id)
        if earlier and not amend:
            raise GkcliError(f"「{review_id}」已于 {earlier[0].date} 记录审理结果（{earlier[0].source}）", where="ID", hint="如需更正审理结果，请加 --amend。")
        if amend and not earlier:
            raise GkcliError(f"「{review_id}」尚未记录审理结果，无可更正", where="--amend")
        path = next(iter(commit(root, [("decision", Decision(review_id, day, code, amend))], entry)))
    say(ctx, f"已登记审理结果 {review_id}：{spec.by_code(spec.REVIEW_RESULTS)[code].label} → {path.relative_to(root)}")


corrections_cmd.register(app, "review")  # amend, void
records_cmd.register(app, "review")  # list, show
