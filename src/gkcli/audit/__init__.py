"""`gkcli audit`: read a published annual report and check it.

The pipeline: a reader per input kind (text/Markdown, HTML, DOCX, PDF) gives lines of
cells → `tokens` → `outline` (title, headings, narrative) → `recover` (the three tables
as `tables.Tables`, the same value the tally makes) → `validate.check_tables` (A1–A6,
Y1, Y2) and `checks` (S1, S2, S5, S8, X1). Nothing here prints.
"""

from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path

from ..errors import WARNING, Finding, GkcliError
from ..validate import check_tables
from .reading import Reading

# identities that mean nothing while a table's cells could not all be read
_IDENTITIES = {"applications": ("A1", "A2", "A3"), "review": ("A4",)}


def _bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise GkcliError("文件不存在", where=path) from None
    except IsADirectoryError:
        raise GkcliError("这是一个目录，不是文件", where=path) from None
    except OSError as exc:
        raise GkcliError(f"无法读取文件：{exc.strerror}", where=path) from None


def read_report(path: str) -> Reading:
    """One published report → its `Reading`. Raises `GkcliError` if the file cannot be read at all."""
    from .filetype import kind_of
    from .outline import outline
    from .recover import recover
    from .tokens import tokenize

    data = _bytes(path)
    kind = kind_of(path, data)
    lines = import_module(f"{__name__}.{kind}").read(path, data)
    stream = tokenize(lines)
    if not stream.text:
        raise GkcliError("文件中没有可读的文字", where=path)
    shape = outline(stream)
    return Reading(path, kind, stream, shape, recover(stream, shape))


def audit(reading: Reading, previous: Reading | None = None) -> list[Finding]:
    """Every finding for one report: reading problems, the identities, the report checks."""
    from .checks import check_report

    recovered = reading.recovered
    skipped = {code for table in recovered.unread for code in _IDENTITIES.get(table, ())}
    last = previous.tables if previous else None
    found = list(recovered.findings)
    found += [f for f in check_tables(reading.tables, last) if f.code not in skipped]
    found += check_report(reading)
    if previous is not None:
        found += _previous_fits(reading, previous)
    return found


def _previous_fits(reading: Reading, previous: Reading) -> list[Finding]:
    """Y1/Y2 compare with last year's report of the same agency: say so when it is not."""
    now, before = reading.tables, previous.tables
    problems = []
    if now.year and before.year and before.year != now.year - 1:
        problems.append(f"上年报告的年度是 {before.year}，不是 {now.year - 1}")
    if now.agency and before.agency and now.agency != before.agency:
        problems.append(f"上年报告的机关是「{before.agency}」，不是「{now.agency}」")
    return [Finding("R4", WARNING, "；".join(problems) + "，Y1/Y2 的比较可能没有意义", previous.path)] if problems else []


def pair_previous(readings: list[Reading], previous: list[Reading]) -> list[Reading | None]:
    """Last year's report for each: the only --previous given, or the one of the same agency and year − 1."""
    if len(readings) == 1 and len(previous) == 1:
        return [previous[0]]
    pool = previous + readings
    return [next((p for p in pool if p.tables.agency == r.tables.agency and p.tables.year == r.tables.year - 1), None) for r in readings]
