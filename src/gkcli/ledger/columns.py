"""Read all blocks of one record table at once, column by column.

A large book is hundreds of thousands of blocks written by appends, without any problem.
Checking them one field at a time in Python costs more than parsing them; checked a column
at a time (the set of types in a column, the set of codes, the earliest and latest date),
the work runs in C. When any block of the table has any problem, or a value that only
the forgiving readers understand, `records` gives None and the caller reads block by
block, which finds and explains every problem: both paths give the same records
(tests/test_fast_paths.py).
"""

from __future__ import annotations

from datetime import date
from itertools import chain, repeat
from operator import itemgetter, methodcaller
from typing import Any

from .. import coerce
from ..errors import GkcliError, Source
from .schema import Table, _date, _flag, _ident, _text

_ABSENT = object()
_YEARS = coerce.YEARS


def records(table: Table, blocks: list[dict[str, Any]], rel: str, lines: list[int]) -> list[Any] | None:
    """The records of `blocks` (header lines `lines`), or None when any block needs a closer look."""
    if not blocks:
        return []
    keys = set(chain.from_iterable(blocks))
    fields = {f.name: f for f in table.fields}
    if not keys <= fields.keys() or any(f.required and f.name not in keys for f in table.fields):
        return None
    model = table.model
    n = len(blocks)
    columns: dict[str, Any] = {attr: repeat(value, n) for attr, value in table.fixed}
    for name, raw, absent in _raw_columns(blocks, keys):
        f = fields[name]
        if absent and f.required:
            return None
        present = [v for v in raw if v is not _ABSENT] if absent else raw
        read = _read_column(f.read, present, name)
        if read is None:
            return None
        if name == "note":  # read to check it, not kept
            continue
        attr = f.attr or name
        if absent:
            default, values = model._field_defaults[attr], iter(read)
            read = [default if v is _ABSENT else next(values) for v in raw]
        columns[attr] = read
    defaults = model._field_defaults
    ordered = [columns[a] if a in columns else repeat(defaults[a], n) for a in model._fields[:-1]]  # all but `source`
    sources = map(tuple.__new__, repeat(Source), zip(repeat(rel), lines, repeat(0)))
    return list(map(tuple.__new__, repeat(model), zip(*ordered, sources)))


def _raw_columns(blocks: list[dict[str, Any]], keys: set[str]):
    """(key, its value in every block or _ABSENT, whether any block lacks it) for each key: one
    pass over the blocks per key (a key every block has, as appends write them, in C)."""
    for name in keys:
        try:
            raw, absent = list(map(itemgetter(name), blocks)), False
        except KeyError:
            raw, absent = list(map(methodcaller("get", name, _ABSENT), blocks)), True
        yield name, raw, absent


def _read_column(read, values: list[Any], name: str) -> list[Any] | None:
    """`values` as the field's reader gives them, or None when one needs the reader's closer
    look (then block-by-block reading says what, if anything, is wrong)."""
    types = set(map(type, values))
    if read is _text:
        ok = types <= {str}
    elif read is _ident:
        ok = types <= {str} and coerce.all_valid_ids(values)
    elif read is _date:
        ok = types <= {date} and (not values or (_YEARS[0] <= min(values).year and max(values).year <= _YEARS[1]))
        if ok:
            return _shared(values)
    elif read is _flag:
        ok = types <= {bool}
    elif getattr(read, "codes", None) is not None:  # a coded value, as appends write it
        distinct = set(values) if types <= {str} else None
        if distinct is not None and distinct <= read.codes:
            return _shared(values, distinct)
        ok = False
    else:  # counts, amounts, personal data: each value through its reader
        try:
            return [read(v, name) for v in values]
        except GkcliError:
            return None
    return values if ok else None


def _shared(values: list[Any], distinct: set[Any] | None = None) -> list[Any]:
    """Equal values as one object each: a million cases name a few codes and a few hundred days,
    and the parser gives every occurrence its own object. `distinct`: set(values), if known."""
    one = {v: v for v in (set(values) if distinct is None else distinct)}
    return list(map(one.__getitem__, values))
