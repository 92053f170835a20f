"""Record tables of the ledgers: their fields, how values are read, how records are written.

One table per record type (`[[case]]`, `[[answer]]` and the other case steps such as
`[[extension]]`, `[[event]]`, `[[review]]`, `[[decision]]`). Reading accepts what a clerk might hand-write (a label instead of a
code, a quoted date); writing always stores codes, TOML dates and 元 as a string.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import coerce, personal, spec
from ..errors import GkcliError, Source
from ..model import Case, CaseAmend, CaseStep, Close, Decision, Event, EventAmend, Notice, Reopen, Review, ReviewAmend, Void

if TYPE_CHECKING:
    from decimal import Decimal


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        shown = "" if name in personal.FIELDS else f"，而不是 {value!r}"  # personal data is never repeated
        raise GkcliError(f"字段 {name} 应为文本（用双引号括起）{shown}", where=name)
    return value


def _ident(value: Any, name: str) -> str:
    """A case or review id: the whole of it matches what appends accept (no stray space or newline)."""
    return coerce.valid_id(_text(value, name), name)


def _flag(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise GkcliError(f"字段 {name} 应为 true 或 false，而不是 {value!r}", where=name)
    return value


def _code(items: tuple[spec.Item, ...], what: str, aliases: dict[str, str] | None = None) -> Callable[[Any, str], str]:
    codes = frozenset(i.code for i in items)

    def read(value: Any, name: str) -> str:
        if type(value) is str and value in codes:  # what appends write: skip the forgiving look-up (a large book has millions)
            return value
        return coerce.resolve(_text(value, name), items, what, name, aliases)

    read.codes = codes  # ledger/columns.py checks a whole column against them
    return read


def _date(value: Any, name: str) -> date:
    if type(value) is date and coerce.YEARS[0] <= value.year <= coerce.YEARS[1]:  # the common case, fast
        return value
    return coerce.parse_date(value, name)


# Beyond any real figure: a slip of the keyboard. Bounded so that sums stay small and a
# deadline counted from a ledger date stays far inside the calendar.
MAX_COUNT = 10**9
MAX_DAYS = 366  # working days of a period or an extension (the 条例 allows 20 for an extension)


def read_count(value: Any, name: str) -> int:
    number = coerce.parse_count(value, name)
    if number > MAX_COUNT:
        raise GkcliError(f"数量过大（超过 {MAX_COUNT:,}），请核对", where=name)
    return number


def _days(value: Any, name: str) -> int:
    number = coerce.parse_count(value, name)
    if number == 0:
        raise GkcliError("工作日数应至少为 1", where=name)
    if number > MAX_DAYS:
        raise GkcliError(f"工作日数过大（超过 {MAX_DAYS}），请核对", where=name)
    return number


def _year(value: Any, name: str) -> int:
    if type(value) is not int or not coerce.YEARS[0] <= value <= coerce.YEARS[1]:
        raise GkcliError(f"字段 {name} 应为四位数的年份，而不是 {value!r}", where=name)
    return value


def _reason(value: Any, name: str) -> str:
    text = _text(value, name)
    if not text.strip():
        raise GkcliError(f"字段 {name} 应写明原因", where=name)
    return text


def _amount(value: Any, name: str) -> Decimal:
    if isinstance(value, float):
        raise GkcliError(f"字段 {name} 的金额请写成带引号的文本（如 \"1234.56\"），以免舍入误差", where=name)
    return coerce.parse_amount(value, name)


class Field(NamedTuple):
    name: str
    read: Callable[[Any, str], Any]
    required: bool = False
    attr: str = ""  # model attribute when it differs from the TOML key


class Table(NamedTuple):
    name: str
    model: type
    fields: tuple[Field, ...]
    fixed: tuple[tuple[str, Any], ...] = ()  # model attributes implied by the table


APPLICANT = _code(spec.APPLICANT_TYPES, "申请人类型", spec.APPLICANT_ALIASES)
OUTCOME = _code(spec.OUTCOMES, "办理结果")
CASE_CHANNEL = _code(spec.CASE_CHANNELS, "申请渠道")
EVENT_KIND = _code(spec.EVENT_KINDS, "事项类型")
PUBLICATION_CHANNEL = _code(spec.PUBLICATION_CHANNELS, "发布渠道")
PUBLICATION_CATEGORY = _code(spec.PUBLICATION_CATEGORIES, "信息类别")
REVIEW_KIND = _code(spec.REVIEW_GROUPS, "复议诉讼类型", spec.REVIEW_KIND_ALIASES)
REVIEW_RESULT = _code(spec.REVIEW_RESULTS, "审理结果", spec.REVIEW_RESULT_ALIASES)
CONSULT_PARTY = _code(spec.CONSULT_PARTIES, "征求意见对象")
FEE_METHOD = _code(spec.FEE_METHODS, "收费方式")
NOTE = Field("note", _text)
CASE_REF = Field("case", _text, True)
STEP_DATE = Field("date", _date, True)
LATE = Field("late", _text)  # why a clock step was taken after the period ran out


def _step(name: str, *fields: Field) -> Table:
    """A dated step of a case (spec.CASE_STEPS), read into `CaseStep` with `kind` = table name."""
    return Table(name, CaseStep, (CASE_REF, STEP_DATE, *fields, NOTE), fixed=(("kind", name),))


LIFECYCLE_TABLES = (
    _step("correction_requested", Field("period", _days), LATE),
    _step("correction_received"),
    _step("extension", Field("days", _days, True), Field("approver", _text, True), LATE),
    _step("consultation", Field("party", CONSULT_PARTY, True), LATE),
    _step("consultation_end"),
    _step("fee_notice", Field("amount", _amount, True), Field("method", FEE_METHOD), LATE),
    _step("fee_paid"),
    _step("withdrawal"),
)

def _correction(name: str, model: type, *fields: Field, fixed: tuple[tuple[str, Any], ...] = ()) -> Table:
    """A correction (更正) or void (作废) of the record whose id it names; `date` is when it was entered."""
    return Table(name, model, (Field("id", _ident, True), STEP_DATE, Field("reason", _reason, True), *fields, NOTE), fixed=fixed)


CORRECTION_TABLES = (
    _correction(
        "case_amend", CaseAmend,
        Field("received", _date), Field("confirmed", _date), Field("applicant", APPLICANT), Field("channel", CASE_CHANNEL), Field("subject", _text),
    ),
    _correction("case_void", Void, fixed=(("target", "case"),)),
    _correction("event_amend", EventAmend, Field("event_date", _date), Field("count", read_count), Field("amount", _amount), Field("title", _text)),
    _correction("event_void", Void, fixed=(("target", "event"),)),
    _correction("review_amend", ReviewAmend, Field("kind", REVIEW_KIND), Field("filed", _date), Field("case", _text)),
    _correction("review_void", Void, fixed=(("target", "review"),)),
)

CLOSING_TABLES = (
    Table("close", Close, (Field("year", _year, True), STEP_DATE, Field("fingerprint", _text, True), Field("figures", _text, True), NOTE)),
    Table("reopen", Reopen, (Field("year", _year, True), STEP_DATE, Field("reason", _reason, True), NOTE)),
)

def _seq(value: Any, name: str) -> int:
    if type(value) is not int or not 1 <= value <= MAX_COUNT:
        raise GkcliError(f"字段 {name} 应为正整数（告知书的序号），而不是 {value!r}", where=name)
    return value


# The letters to applicants (告知书): their kinds are spec.NOTICE_KINDS (the steps a letter is about).
NOTICE_KIND = _code(spec.NOTICE_KINDS, "告知书类型")
NOTICE_TABLE = Table(
    "notice", Notice,
    (CASE_REF, Field("kind", NOTICE_KIND, True), Field("number", _text, True), Field("seq", _seq, True), STEP_DATE, Field("step_date", _date, True), Field("outcome", OUTCOME), NOTE),
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "case",
            Case,
            (
                Field("id", _ident, True),
                Field("received", _date, True),
                Field("applicant", APPLICANT, True),
                Field("channel", CASE_CHANNEL),
                Field("subject", _text),
                Field("confirmed", _date),
                Field("name", _text),
                Field("id_number", lambda v, n: personal.check_id_number(_text(v, n), n)),
                Field("phone", lambda v, n: personal.check_phone(_text(v, n), n)),
                Field("address", _text),
                NOTE,
            ),
        ),
        Table(
            "answer",
            CaseStep,
            (
                Field("case", _text, True),
                Field("date", _date, True),
                Field("outcome", OUTCOME, True),
                Field("amend", _flag),
                NOTE,
            ),
            fixed=(("kind", "answer"),),
        ),
        *LIFECYCLE_TABLES,
        Table(
            "event",
            Event,
            (
                Field("kind", EVENT_KIND, True),
                Field("date", _date, True),
                Field("count", read_count),
                Field("amount", _amount),
                Field("title", _text),
                Field("channel", PUBLICATION_CHANNEL),
                Field("category", PUBLICATION_CATEGORY),
                Field("id", _ident),
                NOTE,
            ),
        ),
        Table(
            "review",
            Review,
            (
                Field("id", _ident, True),
                Field("kind", REVIEW_KIND, True),
                Field("filed", _date, True),
                Field("case", _text),
                NOTE,
            ),
        ),
        Table(
            "decision",
            Decision,
            (
                Field("review", _text, True),
                Field("date", _date, True),
                Field("result", REVIEW_RESULT, True),
                Field("amend", _flag),
                NOTE,
            ),
        ),
        *CORRECTION_TABLES,
        *CLOSING_TABLES,
        NOTICE_TABLE,
    )
}


# Every table whose records are case steps (`Book.steps`).
STEP_TABLES = tuple(name for name, t in TABLES.items() if t.model is CaseStep)


class Built(NamedTuple):
    record: Any = None  # None when any field is missing or bad
    missing: list[str] | None = None
    bad: list[GkcliError] | None = None
    unknown: list[str] | None = None


def build(table: Table, data: dict[str, Any], source: Source) -> Built:
    """Read one TOML block into a record, collecting every problem with it."""
    record = quick_record(table, data, source)
    if record is not None:
        return Built(record, [], [], [])
    return _build_reporting(table, data, source)


def quick_record(table: Table, data: dict[str, Any], source: Source) -> Any:
    """The record of a block without any problem, else None (then `build` says what is wrong).

    The same field readers as `build`, without collecting problems: most of the time spent
    reading a large book goes into blocks written by appends, which have none."""
    readers, required = _PLANS.get(table.name) or _plan(table)
    if not data.keys() >= required:
        return None
    values = dict(table.fixed)
    try:
        for key, raw in data.items():
            read, attr = readers[key]
            value = read(raw, key)
            if attr:
                values[attr] = value
    except (KeyError, GkcliError):  # an unknown field or a bad value
        return None
    return table.model(**values, source=source)


# table name -> (TOML key -> (reader, model attribute or "" for a note: read, not kept), required keys)
_PLANS: dict[str, tuple[dict[str, tuple[Callable[[Any, str], Any], str]], frozenset[str]]] = {}


def _plan(table: Table) -> tuple[dict[str, tuple[Callable[[Any, str], Any], str]], frozenset[str]]:
    readers = {f.name: (f.read, "" if f.name == "note" else f.attr or f.name) for f in table.fields}
    plan = _PLANS[table.name] = (readers, frozenset(f.name for f in table.fields if f.required))
    return plan


def _build_reporting(table: Table, data: dict[str, Any], source: Source) -> Built:
    values: dict[str, Any] = dict(table.fixed)
    errors: list[GkcliError] = []
    seen = 0
    for f in table.fields:
        if f.name not in data:
            continue
        seen += 1
        try:
            value = f.read(data[f.name], f.name)
        except GkcliError as exc:
            errors.append(exc)
            continue
        if f.name != "note":
            values[f.attr or f.name] = value
    unknown = [k for k in data if k not in _names(table)] if seen < len(data) else []
    missing = [f.name for f in table.fields if f.required and f.name not in data]
    if errors or missing:
        return Built(None, missing, errors, unknown)
    return Built(table.model(**values, source=source), missing, errors, unknown)


_NAMES: dict[str, frozenset[str]] = {}


def _names(table: Table) -> frozenset[str]:
    if table.name not in _NAMES:
        _NAMES[table.name] = frozenset(f.name for f in table.fields)
    return _NAMES[table.name]


def to_toml_fields(table: Table, record: Any) -> dict[str, Any]:
    """The record's fields as a flat TOML mapping, in schema order, without empty optionals."""
    out: dict[str, Any] = {}
    for f in table.fields:
        if f.name == "note":
            continue
        value = getattr(record, f.attr or f.name)
        if not f.required and (value is None or value is False or value == ""):
            continue
        if f.read is _amount and value is not None:  # a Decimal: written as text, exact
            value = format(value, "f")
        out[f.name] = value
    return out
