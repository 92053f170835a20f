"""Checks: ledger consistency (L codes) and the format's identities (spec §5).

Each check is a small pure function returning findings; `LEDGER_CHECKS` run on a
book, `TABLE_CHECKS` on one year's tables (from a book or from a published report).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from itertools import repeat
from operator import attrgetter, lt

from . import spec
from .clock.checks import DEADLINE_CHECKS
from .derived import answers_and_others, book_conclusions, once
from .duplicates import probable_duplicates
from .errors import ERROR, WARNING, Finding
from .model import Book
from .tables import Tables, decimal_text

# --- ledger checks ---------------------------------------------------------------


# The record checks look at every record of a large book: each first asks, a column at a time,
# whether there is anything to report at all, and only then walks the records to say what.
_ID, _CASE, _DATE, _RECEIVED, _CONFIRMED = (attrgetter(name) for name in ("id", "case", "date", "received", "confirmed"))


def _received_by_id(book: Book) -> dict[str, date]:
    """Each case id's received date (the last case of an id, if there are several): the index
    of a book's cases the record checks share."""
    return once(book, "received_by_id", lambda b: dict(zip(map(_ID, b.cases), map(_RECEIVED, b.cases))))


def _step_starts(book: Book) -> list[date]:
    """The received date of the case each step points to, step by step (date.min: no such case)."""
    return once(book, "step_starts", lambda b: list(map(_received_by_id(b).get, map(_CASE, b.steps), repeat(date.min))))


DUPLICATE_ID_HINT = "同一件登记了两次的，请删去其中一条；确为两件的，请把其中一件改为未用的编号（连同指向它的记录）"


def duplicate_ids(book: Book) -> Iterator[Finding]:
    for what, records in (("申请案件", book.cases), ("复议诉讼案件", book.reviews)):
        ids = _received_by_id(book) if records is book.cases else set(map(_ID, records))
        if len(ids) == len(records):
            continue
        seen: dict[str, object] = {}
        for r in records:
            first = seen.setdefault(r.id, r)
            if first is not r:
                same = "内容相同（可能是合并后重复）" if first == r else "内容不同"
                yield Finding("L5", ERROR, f"{what}编号「{r.id}」重复，首次出现在 {first.source}，{same}；{DUPLICATE_ID_HINT}", str(r.source))


def dangling_references(book: Book) -> Iterator[Finding]:
    cases = _received_by_id(book)
    reviews = set(map(_ID, book.reviews))
    for s in book.steps if date.min in _step_starts(book) else ():
        if s.case not in cases:
            yield Finding("L6", ERROR, f"记录指向不存在的申请案件「{s.case}」", str(s.source))
    for d in book.decisions:
        if d.review not in reviews:
            yield Finding("L6", ERROR, f"审理结果指向不存在的复议诉讼案件「{d.review}」", str(d.source))
    for r in book.reviews:
        if r.case and r.case not in cases:
            yield Finding("L6", WARNING, f"复议诉讼案件关联的申请案件「{r.case}」不在账本中", str(r.source))


def dates_in_order(book: Book) -> Iterator[Finding]:
    received = _received_by_id(book)
    filed = {r.id: r.filed for r in book.reviews}
    steps = spec.by_code(spec.CASE_STEPS)
    for c in filter(_CONFIRMED, book.cases):
        if c.confirmed < c.received:
            yield Finding("L7", ERROR, f"案件「{c.id}」的确认日期 {c.confirmed} 早于收件日期 {c.received}", str(c.source))
    for s in book.steps if any(map(lt, map(_DATE, book.steps), _step_starts(book))) else ():
        start = received.get(s.case)
        if start and s.date < start:
            yield Finding("L7", ERROR, f"案件「{s.case}」的{steps[s.kind].label}日期 {s.date} 早于收到日期 {start}", str(s.source))
    for d in book.decisions:
        start = filed.get(d.review)
        if start and d.date < start:
            yield Finding("L7", ERROR, f"案件「{d.review}」的审结日期 {d.date} 早于立案日期 {start}", str(d.source))


def concluded_once(book: Book) -> Iterator[Finding]:
    answers, others = answers_and_others(book)
    answered: dict[str, object] = {}
    for s in sorted(answers, key=_DATE) if _answered_twice(book, answers, others) else ():
        first = answered.setdefault(s.case, s)
        if first is not s and not s.amend:
            yield Finding(
                "L8", ERROR, f"案件「{s.case}」已在 {first.source} 答复过，此处再次答复；如为更正，请追加带 amend = true 的答复", str(s.source)
            )
    decided: dict[str, object] = {}
    for d in sorted(book.decisions, key=_DATE):  # as the tally takes them (tally/review.py)
        first = decided.setdefault(d.review, d)
        if first is not d and not d.amend:
            yield Finding("L8", ERROR, f"复议诉讼案件「{d.review}」已在 {first.source} 记录过审理结果；如为更正，请追加带 amend = true 的审理结果", str(d.source))


def _answered_twice(book: Book, answers: list, others: list) -> bool:
    """Whether some case has two answers. Without withdrawals, the tally's conclusions hold one
    entry per answered case (and are worked out anyway): no need to count the cases again."""
    if any(s.kind == "withdrawal" for s in others):
        return len(set(map(_CASE, answers))) < len(answers)
    return len(book_conclusions(book)) < len(answers)


def event_fields(book: Book) -> Iterator[Finding]:
    for e in book.events:
        if e.kind == "fee" and e.amount is None:
            yield Finding("L9", ERROR, "收费记录缺少金额 amount（单位：元）", str(e.source))
        if e.kind != "fee" and e.amount is not None:
            yield Finding("L9", WARNING, f"「{e.kind}」记录不应有金额 amount，已忽略", str(e.source))
        if e.kind == "publication" and not e.channel:
            yield Finding("L9", WARNING, "信息发布记录没有写发布渠道 channel，计入「其他渠道」", str(e.source))


RECORD_CHECKS: tuple[Callable[[Book], Iterator[Finding]], ...] = (
    duplicate_ids,
    dangling_references,
    dates_in_order,
    concluded_once,
    event_fields,
)
LEDGER_CHECKS: tuple[Callable[[Book], Iterator[Finding]], ...] = (
    *RECORD_CHECKS,
    probable_duplicates,  # check's, not report's: a warning that costs a pass over every record
    *DEADLINE_CHECKS,
)


def check_book(book: Book, deadlines: bool = True) -> list[Finding]:
    """Every ledger check; without `deadlines`, only those of the records themselves (L5–L9),
    which are what can make a report's figures wrong (the D checks are `check`'s and `due`'s)."""
    return [f for check in (LEDGER_CHECKS if deadlines else RECORD_CHECKS) for f in check(book)]


# --- identities of the tables (spec §5) ------------------------------------------
_COLS = spec.APPLICANT_CODES
_TOTAL_LABEL = spec.by_code(spec.APPLICATION_ROWS)["total"].label
_IN_FORCE_LABEL = spec.by_code(spec.STOCK_COLUMNS)["in_force"].label
_OUTCOME_INDEXES = [spec.APPLICATION_ROW_CODES.index(c) for c in spec.OUTCOME_CODES]


def row_totals(t: Tables) -> Iterator[Finding]:
    """A1: every row's 总计 = the sum of the six applicant columns."""
    for item, row in zip(spec.APPLICATION_ROWS, t.applications):
        if row[-1] != sum(row[:-1]):
            yield Finding("A1", ERROR, f"「{item.label}」的总计 {row[-1]} 不等于各类申请人之和 {sum(row[:-1])}", f"applications.{item.code}")


def outcome_totals(t: Tables) -> Iterator[Finding]:
    """A2: every column's （七）总计 = the sum of the 21 outcome rows."""
    total = t.row("total")
    for c, col in enumerate(spec.APPLICANT_COLUMNS):
        parts = sum(t.applications[r][c] for r in _OUTCOME_INDEXES)
        if total[c] != parts:
            yield Finding("A2", ERROR, f"「{col.label}」列的{_TOTAL_LABEL} {total[c]} 不等于各项办理结果之和 {parts}", f"applications.total.{col.code}")


def balance(t: Tables) -> Iterator[Finding]:
    """A3: new + carried_in = total + carried_out, in every column (勾稽关系)."""
    new, carried_in, total, out = (t.row(r) for r in ("new", "carried_in", "total", "carried_out"))
    for c, col in enumerate(spec.APPLICANT_COLUMNS):
        if new[c] + carried_in[c] != total[c] + out[c]:
            yield Finding(
                "A3",
                ERROR,
                f"「{col.label}」列不满足勾稽关系：一 {new[c]} + 二 {carried_in[c]} ≠ 三（七）{total[c]} + 四 {out[c]}",
                f"applications.{col.code}",
            )


def review_totals(t: Tables) -> Iterator[Finding]:
    """A4: each group's 总计 = upheld + corrected + other + pending."""
    for group, row in zip(spec.REVIEW_GROUPS, t.review):
        if row[-1] != sum(row[:-1]):
            yield Finding("A4", ERROR, f"「{group.label}」的总计 {row[-1]} 不等于各项结果之和 {sum(row[:-1])}", f"review.{group.code}")


def value_ranges(t: Tables) -> Iterator[Finding]:
    """A5: counts are integers ≥ 0; the fee amount is ≥ 0 and exact to the 分."""
    p = t.proactive
    counts = [
        (f"proactive.{name}.{col}", getattr(getattr(p, name), col))
        for name in spec.STOCK_ROWS
        for col in ("issued", "repealed", "in_force")
    ]
    counts += [(f"proactive.{name}", getattr(p, name)) for name in spec.DECISION_ROWS]
    counts += [(f"applications.{r}.{c}", v) for r, row in zip(spec.APPLICATION_ROW_CODES, t.applications) for c, v in zip(_COLS, row)]
    counts += [(f"review.{g.code}.{c}", v) for g, row in zip(spec.REVIEW_GROUPS, t.review) for c, v in zip(spec.REVIEW_CODES, row)]
    for where, value in counts:
        if not isinstance(value, int) or value < 0:
            yield Finding("A5", ERROR, f"数量应为非负整数，实际为 {value}", where)
    fees = p.fees_wan
    if fees < 0 or fees != fees.quantize(Decimal("0.000001")):
        yield Finding("A5", ERROR, f"收费金额应为非负数且精确到分（万元最多六位小数），实际为 {decimal_text(fees)}", "proactive.fees_wan")


def fee_magnitude(t: Tables, previous: Tables | None = None) -> Iterator[Finding]:
    """A6: a 万元 figure that looks like 元 typed into the 万元 column."""
    fees = t.proactive.fees_wan
    last = previous.proactive.fees_wan if previous else Decimal(0)
    if fees >= 100000 or (last > 0 and fees >= 10 * last):
        yield Finding("A6", WARNING, f"收费金额 {decimal_text(fees)} 万元异常偏大，是否把“元”填成了“万元”？", "proactive.fees_wan")


TABLE_CHECKS: tuple[Callable[[Tables], Iterator[Finding]], ...] = (
    row_totals,
    outcome_totals,
    balance,
    review_totals,
    value_ranges,
)


def carried_over(t: Tables, previous: Tables) -> Iterator[Finding]:
    """Y1: this year's 上年结转 = last year's 结转下年度, every column."""
    now, before = t.row("carried_in"), previous.row("carried_out")
    for c, col in enumerate(spec.APPLICANT_COLUMNS):
        if now[c] != before[c]:
            yield Finding(
                "Y1", ERROR, f"「{col.label}」列上年结转 {now[c]} 不等于{previous.year}年结转下年度 {before[c]}", f"applications.carried_in.{col.code}"
            )


def stock_continuity(t: Tables, previous: Tables) -> Iterator[Finding]:
    """Y2: in_force(N) = in_force(N−1) + issued(N) − repealed(N)."""
    for name in spec.STOCK_ROWS:
        now, before = getattr(t.proactive, name), getattr(previous.proactive, name)
        expected = before.in_force + now.issued - now.repealed
        if now.in_force != expected:
            label = spec.by_code(spec.PROACTIVE_BLOCKS[0].rows)[name].label
            message = f"「{label}」{t.year} 年{_IN_FORCE_LABEL} {now.in_force} 与 {previous.year} 年的 {before.in_force} + 制发 {now.issued} − 废止 {now.repealed} 不符"
            yield Finding("Y2", WARNING, message, f"proactive.{name}.in_force")


def other_share(t: Tables) -> Iterator[Finding]:
    """A8: （六）其他处理 is for rare cases; a large share of the outcomes there is suspicious."""
    total, other = t.cell("total", "total"), t.cell("other_other", "total")
    if other >= spec.OTHER_SHARE_MIN and other * spec.OTHER_SHARE_DENOMINATOR > total:
        label = spec.by_code(spec.APPLICATION_ROWS)["other_other"].label
        yield Finding(
            "A8", WARNING,
            f"「（六）其他处理」中「{label}」{other} 件，占办结总数 {total} 件的 {other * 100 // total if total > 0 else 100}%；"
            "该项只用于少数无法归入其他结果的情形，请核对",
            "applications.other_other.total",
        )


def check_tables(t: Tables, previous: Tables | None = None) -> list[Finding]:
    found = [f for check in TABLE_CHECKS for f in check(t)]
    found += other_share(t)
    found += fee_magnitude(t, previous)
    if previous is not None:
        found += carried_over(t, previous)
        found += stock_continuity(t, previous)
    return found
