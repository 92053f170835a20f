"""One bulk input record → ledger records, built exactly as the ledger reader builds them.

Field names are those of `case list --format json`: a case may carry its answer
(`answered` + `outcome`), a review its decision (`decided` + `result`). Fields that
listings compute (`status`, `source`) are ignored. Personal data that a listing
masked (contains `*`) is not real data: it is dropped, never written.

Every value is screened before a record is built: text that UTF-8 cannot encode (a lone
surrogate from a JSON `\\udcff` escape), text too long for a ledger line, and lists or
objects are refused here, so that writing never fails halfway through a batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import coerce
from ..errors import ERROR, Finding, GkcliError, Source
from ..ledger import limits
from ..ledger.read import FIELDS, VALUE
from ..ledger.schema import TABLES, build

PERSONAL = ("name", "id_number", "phone", "address")
# Characters in one value: far beyond any real subject, and the ledger line stays under the
# length a ledger reader accepts even when every character is written as a 6-character escape.
MAX_TEXT = limits.MAX_LINE_CHARS // 8
_UNNUMBERED = "0"
_NOTHING: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Kind:
    """What `<kind> add -` reads: a main table and, optionally, the record that concludes it."""

    table: str
    computed: frozenset[str] = frozenset()  # listing fields ignored on input
    follow: str = ""  # table of the concluding record (answer, decision)
    follow_fields: tuple[tuple[str, str], ...] = ()  # input name → field of the follow table
    link: str = ""  # field of the follow table that names the main record


KINDS = {
    "case": Kind("case", frozenset({"status", "source"}), "answer", (("answered", "date"), ("outcome", "outcome")), "case"),
    "event": Kind("event", frozenset({"source"})),
    "review": Kind("review", frozenset({"source"}), "decision", (("decided", "date"), ("result", "result")), "review"),
}


@dataclass(slots=True)
class Converted:
    where: str
    main: Any = None
    follow: Any = None
    masked: frozenset[str] = frozenset()  # personal fields dropped because they were masked
    errors: list[Finding] = field(default_factory=list)


def convert(kind: Kind, where: str, fields: dict[str, Any], plain: bool = False) -> Converted:
    """`plain`: the caller knows every value is a scalar or short text that encodes (no screening)."""
    out = Converted(where)
    data = {k: v for k, v in fields.items() if v is not None and v != "" and k not in kind.computed}
    screened = _NOTHING if plain else _screen(out, data)
    masked = frozenset(k for k in PERSONAL if isinstance(data.get(k), str) and "*" in data[k])
    out.masked = masked
    for k in masked:
        del data[k]
    follow_data = {name: data.pop(key) for key, name in kind.follow_fields if key in data}
    has_id = "id" in TABLES[kind.table].model._fields
    numbered = "id" in data
    if has_id and numbered:
        _collect(out, lambda: coerce.valid_id(str(data["id"]), "id"))
    elif has_id:
        data["id"] = _UNNUMBERED  # a valid id to build with; the real one is assigned when planned
    out.main = _build(out, kind.table, data, {}, screened)
    if kind.follow and follow_data:
        keys = dict(kind.follow_fields)
        if len(follow_data) != len(keys) and not screened & set(keys):
            need = "、".join(keys)
            out.errors.append(Finding(FIELDS, ERROR, f"{need} 应同时给出", where))
        else:
            follow_data[kind.link] = str(data.get("id", ""))
            out.follow = _build(out, kind.follow, follow_data, {v: k for k, v in keys.items()}, screened)
    if out.errors:
        out.main = out.follow = None
    elif has_id and not numbered:
        out.main = out.main._replace(id="")
        if out.follow is not None:
            out.follow = out.follow._replace(**{kind.link: ""})
    return out


def _collect(out: Converted, check) -> None:
    try:
        check()
    except GkcliError as exc:
        out.errors.append(Finding(VALUE, ERROR, f"字段 {exc.where}：{exc.message}", out.where))


def _screen(out: Converted, data: dict[str, Any]) -> frozenset[str]:
    """Drop from `data` each field no ledger can hold, with an error; the names dropped."""
    dropped = []
    for key, value in data.items():
        if not (key.isascii() or _encodes(key)):  # no field is named so; other unknown names are `build`'s to report
            out.errors.append(Finding(FIELDS, ERROR, f"未知字段「{_shown(key)}」", out.where))
        elif type(value) is str:
            if len(value) > MAX_TEXT:
                problem = f"文字过长（{len(value)} 字，最多 {MAX_TEXT} 字）"
            elif value.isascii() or _encodes(value):
                continue
            else:
                problem = "含有无法保存的字符（不成对的 UTF-16 代理项，如 JSON 中单独的 \\udcff）"
            out.errors.append(Finding(VALUE, ERROR, f"字段 {key}：{problem}", out.where))
        elif isinstance(value, (list, dict)):
            out.errors.append(Finding(VALUE, ERROR, f"字段 {key}：应为一个取值（文本、数字或日期），而不是{'列表' if isinstance(value, list) else '对象'}", out.where))
        else:
            continue
        dropped.append(key)
    for key in dropped:
        del data[key]
    return frozenset(dropped)


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(text: str, limit: int = 40) -> str:
    """`text` as a message can print it: lone surrogates escaped, cut to `limit` characters."""
    cut = text[:limit].encode("utf-8", "backslashreplace").decode("utf-8")
    return cut + (f"…（共 {len(text)} 字）" if len(text) > limit else "")


def _build(out: Converted, table: str, data: dict[str, Any], names: dict[str, str], screened: frozenset[str] = frozenset()) -> Any:
    """The record, or None with every problem added to `out.errors` (input field names).
    A field `_screen` dropped is not reported missing again."""
    built = build(TABLES[table], data, Source(out.where))
    for name in built.missing:
        if names.get(name, name) in screened:
            continue
        out.errors.append(Finding(FIELDS, ERROR, f"缺少必填字段 {names.get(name, name)}", out.where))
    for exc in built.bad:
        out.errors.append(Finding(VALUE, ERROR, f"字段 {names.get(exc.where, exc.where)}：{exc.message}", out.where))
    for key in built.unknown:
        out.errors.append(Finding(FIELDS, ERROR, f"未知字段「{_shown(key)}」", out.where))
    return built.record
