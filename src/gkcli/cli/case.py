"""`gkcli case …`: register applications and their answers; list and show them."""

from __future__ import annotations

from typing import Optional

import typer

from .. import coerce, spec
from ..errors import GkcliError
from . import complete, corrections_cmd, lifecycle
from .chinese import required_unless_bulk
from .common import TODAY_HELP, book_root, choose, duplicate_ok_option, entry_of, parse_today, parse_year, reopen_option, required, say, today_option

app = typer.Typer(add_completion=False, no_args_is_help=True, help="政府信息公开申请案件：登记、补正、延期、征求意见、收费、答复、查询。\n\n示例：gkcli case add --received 2024-05-10 --applicant 个人 --channel online\n      gkcli case answer 2024-0001 --date 2024-05-28 --outcome 不掌握\n      gkcli help case add")

@app.command("add")
@required_unless_bulk("--received", "--applicant")
def add(
    ctx: typer.Context,
    source: Optional[str] = typer.Argument(None, metavar="[-]", help="写 - 则从标准输入批量读入（NDJSON、JSON 数组或带表头的 CSV），此时不写标为必填的选项"),
    received: Optional[str] = typer.Option(None, "--received", help="收到申请的日期（条例第三十一条），如 2024-05-10"),
    applicant: Optional[str] = typer.Option(None, "--applicant", help="申请人类型：编码、名称（如 商业企业）或其中一部分", autocompletion=complete.applicants),
    channel: Optional[str] = typer.Option(None, "--channel", help="申请渠道：in_person mail letter online fax（或中文名称）"),
    subject: str = typer.Option("", "--subject", help="申请内容摘要"),
    ident: Optional[str] = typer.Option(None, "--id", help="案件编号（默认按收到年份编为 YYYY-NNNN）"),
    confirmed: Optional[str] = typer.Option(None, "--confirmed", help="平常信函、互联网、传真：与申请人确认收到的日期，即条例第三十一条的收到日期"),
    name: str = typer.Option("", "--name", help="申请人姓名或名称（个人信息：不进入任何报告，列表中默认遮蔽）"),
    id_number: str = typer.Option("", "--id-number", help="申请人身份证号码（校验位会被核对；个人信息）"),
    phone: str = typer.Option("", "--phone", help="申请人联系电话（个人信息）"),
    address: str = typer.Option("", "--address", help="申请人的通讯地址，告知书写在收件人之下（个人信息）"),
    input_format: Optional[str] = typer.Option(None, "--input-format", help="批量读入的格式：ndjson json csv tsv（默认自动识别）"),
    dry_run: bool = typer.Option(False, "--dry-run", help="批量读入时只显示将写入的记录，不写入"),
    duplicate_ok: bool = duplicate_ok_option(),
    today: Optional[str] = today_option(),
    reopen: Optional[str] = reopen_option(),
) -> None:
    """登记一件政府信息公开申请；最后一行输出案件编号。写 - 则批量读入（全部无误才写入）。

    示例：gkcli case add --received 2024-05-10 --applicant 商业企业 --channel online --subject "某项目环评批复"
          gkcli case add --received 2024-05-10 --confirmed 2024-05-13 --applicant 个人 --channel letter
          gkcli case list --format ndjson | gkcli --book 新账本 case add -
    """
    entry = entry_of(today, reopen, duplicate_ok)
    if source is not None:
        from .bulk_cmd import bulk_add

        return bulk_add(ctx, "case", source, input_format, dry_run, entry)
    received = required(received, "--received")
    applicant = required(applicant, "--applicant")
    from .. import personal
    from ..guard import commit
    from ..ledger import lookup, write
    from ..model import Case

    id_number = personal.check_id_number(id_number, "--id-number") if id_number else ""
    phone = personal.check_phone(phone, "--phone") if phone else ""
    day = coerce.parse_date(received, "--received")
    kind = coerce.resolve(applicant, spec.APPLICANT_TYPES, "申请人类型", "--applicant", spec.APPLICANT_ALIASES)
    via = coerce.resolve(channel, spec.CASE_CHANNELS, "申请渠道", "--channel") if channel else ""
    confirmed_day = _confirmed(confirmed, via, day)
    root = book_root(ctx)
    with write.book_lock(root):
        if ident:
            coerce.valid_id(ident, "--id")
            if lookup.id_exists(root, "case", ident):
                raise GkcliError(f"案件编号「{ident}」已存在", where="--id")
        case_id = ident or lookup.next_id(root, "case", f"{day.year}-")
        case = Case(case_id, day, kind, via, subject, confirmed_day, name.strip(), id_number, phone, address.strip())
        path = next(iter(commit(root, [("case", case)], entry)))
    say(ctx, f"已登记申请 {case_id}（{day}，{spec.by_code(spec.APPLICANT_TYPES)[kind].label}）→ {path.relative_to(root)}")
    print(case_id)


def _confirmed(text: str | None, channel: str, received):
    if not text:
        return None
    if channel not in spec.CONFIRMED_CHANNELS:
        names = "、".join(spec.by_code(spec.CASE_CHANNELS)[c].label for c in spec.CONFIRMED_CHANNELS)
        raise GkcliError(f"只有{names}渠道以确认之日为收到日期（条例第三十一条）", where="--confirmed", hint="请同时写 --channel letter、online 或 fax。")
    day = coerce.parse_date(text, "--confirmed")
    if day < received:
        raise GkcliError(f"确认日期 {day} 早于收件日期 {received}", where="--confirmed")
    return day


@app.command("answer")
def answer(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="ID", help="案件编号", autocompletion=complete.case_ids),
    date: str = typer.Option(..., "--date", help="答复日期"),
    outcome: str = typer.Option(..., "--outcome", help="办理结果：编码、名称（如 不掌握）或编号（如 三.四.1）", autocompletion=complete.outcomes),
    amend: bool = typer.Option(False, "--amend", help="更正此前登记的答复（追加一条更正记录）"),
    move_year: bool = typer.Option(False, "--move-year", help="更正后的答复日期在另一年度：确认把案件的办结移到该年度"),
    today: Optional[str] = today_option(),
    reopen: Optional[str] = reopen_option(),
) -> None:
    """登记对申请的答复及办理结果。

    示例：gkcli case answer 2024-0001 --date 2024-05-28 --outcome 不掌握
    """
    result = coerce.resolve(outcome, spec.OUTCOMES, "办理结果", "--outcome")

    def only_amend_an_answer(history: list, day) -> None:
        if amend and not any(s.kind == "answer" for s in history):
            raise GkcliError(f"案件「{case_id}」尚未答复，无可更正", where="--amend")
        if result in ("other_no_correction", "other_no_fee"):  # the rule of check's D4/D5
            from ..clock.limits import outcome_refusal
            from .lifecycle import book_calendar

            why = outcome_refusal(book_calendar(book_root(ctx)), history, result, day)
            if why:
                raise GkcliError(f"案件「{case_id}」不能以“{'逾期不补正' if result == 'other_no_correction' else '逾期未缴费'}”办结：{why}", where="--outcome")

    entry = entry_of(today, reopen, move_year=move_year)
    lifecycle.append_step(ctx, case_id, date, "answer", only_amend_an_answer, entry=entry, outcome=result, amend=amend)


@app.command("list")
def list_cases(
    ctx: typer.Context,
    year: Optional[str] = typer.Option(None, "--year", help="只列出该年收到的申请"),
    open_only: bool = typer.Option(False, "--open", help="只列出尚未办结的申请"),
    fmt: str = typer.Option("table", "--format", "-f", help="输出格式：table json ndjson csv tsv md"),
    with_personal_data: bool = typer.Option(False, "--with-personal-data", help="显示完整的申请人个人信息（默认遮蔽）"),
) -> None:
    """列出申请案件。

    示例：gkcli case list --year 2024 --format csv > 2024年申请.csv
    """
    from ..caseview import case_views
    from ..loader import load_usable_book
    from ..render.rows import LIST_FORMATS, emit

    choose(fmt, LIST_FORMATS, "--format")
    wanted = parse_year(year, "--year") if year else None
    book, _ = load_usable_book(book_root(ctx))
    views = case_views(book, wanted, open_only)
    emit([v.to_json(with_personal_data) for v in views], [v.to_row(with_personal_data) for v in views], fmt, "政府信息公开申请")
    if fmt == "table":
        say(ctx, f"共 {len(views)} 件")


@app.command("show")
def show(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="ID", help="案件编号", autocompletion=complete.case_ids),
    fmt: str = typer.Option("text", "--format", "-f", help="输出格式：text json"),
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),
    explain: bool = typer.Option(False, "--explain", help="列出答复期限的推算过程（起算日、节假日、暂停、延期）及条例依据"),
    with_personal_data: bool = typer.Option(False, "--with-personal-data", help="显示完整的申请人个人信息（默认遮蔽）"),
) -> None:
    """显示一件申请及其全部办理经过、答复期限和已用工作日。

    示例：gkcli case show 2024-0001
          gkcli case show 2024-0001 --explain --today 2024-05-20
    """
    import json

    from ..caseview import case_history
    from ..clock.explanation import notes
    from ..loader import load_usable_book
    from ..safe_text import visible_json
    from ..clock.workdays import calendar_of

    choose(fmt, ("text", "json"), "--format")
    day = parse_today(today)
    book, _ = load_usable_book(book_root(ctx), day)
    from ..recordviews import voided_record

    gone = voided_record(book, "case", case_id)  # a voided case: when, why, where
    if gone is not None:
        print(visible_json(json.dumps(gone.to_json(), ensure_ascii=False, indent=2)) if fmt == "json" else "\n".join(gone.lines()))
        return
    history = case_history(book, case_id, day)
    explained = notes(calendar_of(book), history.deadline) if explain else []
    if fmt == "json":
        data = history.to_json(with_personal_data)
        if explain:
            data["explain"] = [{"date": n.day.isoformat(), "until": n.last.isoformat() if n.last else None, "text": n.text, "basis": n.basis} for n in explained]
        print(visible_json(json.dumps(data, ensure_ascii=False, indent=2)))
    else:
        lines = history.lines(with_personal_data)
        if explain:
            lines += ["期限推算："] + [f"  {n.line()}" for n in explained]
        print("\n".join(lines))


lifecycle.register(app)  # correction-requested, extend, consult, fee-notice, withdraw …
corrections_cmd.register(app, "case")  # amend, void
