"""What `case|event|review amend|void` append, worked out on the book as read: the correction
record, the changes it makes, and the refusals (unknown or voided record, nothing changed,
no reason, a record the correction would make invalid).

Pure: the command reads the book and writes the record (cli/corrections_cmd.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from . import corrections, spec
from .errors import ERROR, Finding, GkcliError
from .model import Book, CaseAmend, EventAmend, ReviewAmend, Void

# what is corrected -> (the book's records, ledger table of an amend, of a void, model of an amend)
KINDS: dict[str, tuple[str, str, str, type]] = {
    "case": ("cases", "case_amend", "case_void", CaseAmend),
    "event": ("events", "event_amend", "event_void", EventAmend),
    "review": ("reviews", "review_amend", "review_void", ReviewAmend),
}
WHAT = corrections.WHAT
SHORT = {"case": "申请", "event": "事项", "review": "复议诉讼"}
LIST_HINT = {"case": "gkcli case list", "event": "gkcli event list", "review": "gkcli review list"}
# the corrected record's field -> its name in Chinese
FIELD_LABELS: dict[str, dict[str, str]] = {
    "case": {"received": "收到日期", "confirmed": "确认收到日期", "applicant": "申请人类型", "channel": "申请渠道", "subject": "申请内容"},
    "event": {"date": "日期", "count": "件数", "amount": "金额（元）", "title": "标题"},
    "review": {"kind": "类型", "filed": "立案日期", "case": "所涉申请"},
}


class Planned(NamedTuple):
    """A correction or void ready to append, and the fields it changes (field, before, after)."""

    table: str
    record: CaseAmend | EventAmend | ReviewAmend | Void
    changes: tuple[tuple[str, Any, Any], ...] = ()


def find(book: Book, target: str, ident: str) -> Any | None:
    """The record `ident` of the kind `target` as corrected, or None (unknown or voided)."""
    return next((r for r in getattr(book, KINDS[target][0]) if r.id == ident), None)


def existing(book: Book, target: str, ident: str) -> Any:
    """The record to correct; refuses an unknown or voided one."""
    record = find(book, target, ident)
    if record is not None:
        return record
    void = corrections.void_of(book, target, ident)
    if void is not None:
        raise GkcliError(
            f"{WHAT[target]}「{ident}」已于 {void.date} 作废（{void.source}，原因：{void.reason}），不能再更正或作废",
            where="ID",
        )
    raise GkcliError(f"账本中没有编号为「{ident}」的{WHAT[target]}", where="ID", hint=f"用 {LIST_HINT[target]} 查看已登记的编号。")


def _reason(text: str) -> str:
    reason = (text or "").strip()
    if not reason:
        raise GkcliError("请写明更正或作废的原因", where="--reason", hint='例如 --reason "收到日期录入有误"')
    return reason


def plan_amend(book: Book, target: str, ident: str, given: dict[str, Any], reason: str, today: date) -> Planned:
    """The amend of record `ident` setting the fields `given` (the corrected record's field names;
    None or "" for a field not given). Refuses one that changes nothing or makes the book invalid."""
    reason = _reason(reason)
    record = existing(book, target, ident)
    wanted = {f: v for f, v in given.items() if v not in (None, "")}
    changed = tuple((f, getattr(record, f), v) for f, v in wanted.items() if getattr(record, f) != v)
    if not changed:
        what = "未给出要更正的字段" if not wanted else "给出的值与现有记录相同"
        raise GkcliError(f"{what}：{WHAT[target]}「{ident}」没有任何改变", where="ID", hint="用选项写出要改成的值，如 " + _option_example(target))
    _, table, _, model = KINDS[target]
    names = {field: name for name, field in corrections.FIELDS[model][1].items()}
    amend = model(ident, today, reason, **{names[f]: after for f, _, after in changed})
    if target == "case":
        _check_confirmed(record._replace(**{f: after for f, _, after in changed}))
    if target == "event" and "amount" in wanted and record.kind != "fee":
        raise GkcliError(f"只有 fee（收费）事项有金额，「{record.kind}」没有", where="--amount")
    case_id = dict((f, after) for f, _, after in changed).get("case") if target == "review" else None
    if case_id and find(book, "case", case_id) is None:
        raise GkcliError(f"账本中没有编号为「{case_id}」的申请案件", where="--case")
    planned = Planned(table, amend, changed)
    refuse_invalid(book, planned)
    return planned


def plan_void(book: Book, target: str, ident: str, reason: str, today: date) -> Planned:
    reason = _reason(reason)
    existing(book, target, ident)
    planned = Planned(KINDS[target][2], Void(target, ident, today, reason))
    refuse_invalid(book, planned)
    return planned


def _check_confirmed(case: Any) -> None:
    if case.confirmed is None:
        return
    if case.channel not in spec.CONFIRMED_CHANNELS:
        names = "、".join(spec.by_code(spec.CASE_CHANNELS)[c].label for c in spec.CONFIRMED_CHANNELS)
        raise GkcliError(f"只有{names}渠道以确认之日为收到日期（条例第三十一条）", where="--confirmed")
    if case.confirmed < case.received:
        raise GkcliError(f"确认日期 {case.confirmed} 早于收件日期 {case.received}", where="--confirmed")


def _option_example(target: str) -> str:
    return {"case": "--received 2024-05-11", "event": "--count 2", "review": "--filed 2024-08-02"}[target]


def with_correction(book: Book, record: CaseAmend | EventAmend | ReviewAmend | Void) -> tuple[Book, list[Finding]]:
    """The book (already corrected) with one more correction applied, as reading would give it."""
    if type(record) is Void:
        applied, found = corrections.apply(book._replace(amendments=(), voids=(record,)))
        return applied._replace(amendments=book.amendments, voids=book.voids + (record,)), found
    applied, found = corrections.apply(book._replace(amendments=(record,), voids=()))
    return applied._replace(amendments=book.amendments + (record,), voids=book.voids), found


def refuse_invalid(book: Book, planned: Planned) -> None:
    """Refuse a correction after which the book's checks find an error they did not find before."""
    from .validate import check_book

    after, found = with_correction(book, planned.record)
    before = {(f.code, f.where) for f in check_book(book) if f.level == ERROR}
    new = [f for f in found + check_book(after) if f.level == ERROR and (f.code, f.where) not in before]
    if new:
        first = new[0]
        where = f"（{first.where}）" if first.where else ""
        raise GkcliError(
            f"更正后账本将出现错误：{first.message}{where}" + (f"；另有 {len(new) - 1} 处" if len(new) > 1 else ""),
            where="ID",
            hint="请核对要改成的值；更正需先做的（如先更正答复日期），请按顺序进行。",
        )


def shown(target: str, field: str, value: Any) -> str:
    """A field's value in the words a clerk uses."""
    if value in (None, ""):
        return "（空）"
    if target == "case" and field == "applicant":
        return spec.by_code(spec.APPLICANT_TYPES)[value].label
    if target == "case" and field == "channel":
        return spec.by_code(spec.CASE_CHANNELS)[value].label
    if target == "review" and field == "kind":
        return spec.by_code(spec.REVIEW_GROUPS)[value].label
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return format(value, "f") if field == "amount" else str(value)


def change_text(target: str, changes: tuple[tuple[str, Any, Any], ...]) -> str:
    """「收到日期 2024-05-10 → 2024-05-11；…」"""
    return "；".join(f"{FIELD_LABELS[target][f]} {shown(target, f, before)} → {shown(target, f, after)}" for f, before, after in changes)


def given_text(target: str, record: CaseAmend | EventAmend | ReviewAmend) -> str:
    """What a correction sets, 「收到日期 → 2024-05-11」."""
    return "；".join(f"{FIELD_LABELS[target][f]} → {shown(target, f, v)}" for f, v in corrections.given(record).items())


def history_json(book: Book, target: str, ident: str) -> list[dict]:
    """Every correction and void of a record, for JSON output."""
    out = []
    for c in corrections.history(book, target, ident):
        item: dict[str, Any] = {"kind": "void" if type(c) is Void else "amend", "date": c.date.isoformat(), "reason": c.reason}
        item["fields"] = {} if type(c) is Void else {f: json_value(v) for f, v in corrections.given(c).items()}
        item["source"] = str(c.source)
        out.append(item)
    return out


def history_lines(book: Book, target: str, ident: str) -> list[str]:
    """「2024-06-01 更正：收到日期 → 2024-05-11（原因：…）[file:line]」 for each correction and void."""
    out = []
    for c in corrections.history(book, target, ident):
        if type(c) is Void:
            out.append(f"{c.date}  作废（原因：{c.reason}）    [{c.source}]")
        else:
            out.append(f"{c.date}  更正：{given_text(target, c)}（原因：{c.reason}）    [{c.source}]")
    return out


def json_value(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "as_tuple"):  # Decimal: exact text
        return format(value, "f")
    return value


def void_json(void: Void) -> dict:
    return {"date": void.date.isoformat(), "reason": void.reason, "source": str(void.source)}


def void_line(target: str, ident: str, void: Void) -> str:
    return f"{WHAT[target]} {ident} 已于 {void.date} 作废，原因：{void.reason}    [{void.source}]"
