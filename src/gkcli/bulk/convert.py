"""One bulk input record → ledger records, built exactly as the ledger reader builds them.

Field names are those of `case list --format json`: a case may carry its answer
(`answered` + `outcome`), a review its decision (`decided` + `result`). Fields that
listings compute (`status`, `source`) are ignored. Personal data that a listing
masked (contains `*`) is not real data: it is dropped, never written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import coerce
from ..errors import ERROR, Finding, GkcliError, Source
from ..ledger.read import FIELDS, VALUE
from ..ledger.schema import TABLES, build

PERSONAL = ("name", "id_number", "phone")


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


def convert(kind: Kind, where: str, fields: dict[str, Any]) -> Converted:
    out = Converted(where)
    data = {k: v for k, v in fields.items() if v is not None and v != "" and k not in kind.computed}
    masked = frozenset(k for k in PERSONAL if isinstance(data.get(k), str) and "*" in data[k])
    out.masked = masked
    for k in masked:
        del data[k]
    follow_data = {name: data.pop(key) for key, name in kind.follow_fields if key in data}
    has_id = "id" in TABLES[kind.table].model._fields
    if has_id and "id" in data:
        _collect(out, lambda: coerce.valid_id(str(data["id"]), "id"))
    elif has_id:
        data["id"] = ""  # assigned when planned
    out.main = _build(out, kind.table, data, {})
    if kind.follow and follow_data:
        keys = dict(kind.follow_fields)
        if len(follow_data) != len(keys):
            need = "、".join(keys)
            out.errors.append(Finding(FIELDS, ERROR, f"{need} 应同时给出", where))
        else:
            follow_data[kind.link] = str(data.get("id", ""))
            out.follow = _build(out, kind.follow, follow_data, {v: k for k, v in keys.items()})
    if out.errors:
        out.main = out.follow = None
    return out


def _collect(out: Converted, check) -> None:
    try:
        check()
    except GkcliError as exc:
        out.errors.append(Finding(VALUE, ERROR, f"字段 {exc.where}：{exc.message}", out.where))


def _build(out: Converted, table: str, data: dict[str, Any], names: dict[str, str]) -> Any:
    """The record, or None with every problem added to `out.errors` (input field names)."""
    built = build(TABLES[table], data, Source(out.where))
    for name in built.missing:
        out.errors.append(Finding(FIELDS, ERROR, f"缺少必填字段 {names.get(name, name)}", out.where))
    for exc in built.bad:
        out.errors.append(Finding(VALUE, ERROR, f"字段 {names.get(exc.where, exc.where)}：{exc.message}", out.where))
    for key in built.unknown:
        out.errors.append(Finding(FIELDS, ERROR, f"未知字段「{key}」", out.where))
    return built.record
