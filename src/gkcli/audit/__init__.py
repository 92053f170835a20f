"""`gkcli audit`: read a published annual report and check it.

The pipeline: a reader per input kind (text/Markdown, HTML, DOCX, PDF) gives lines of
cells → `tokens` → `outline` (title, headings, narrative) → `recover` (the three tables
as `tables.Tables`, the same value the tally makes) → `prose` (a run-together 表一 stock
row settled by the figures the report's text states for it) → `validate.check_tables` (A1–A6,
Y1, Y2) and `checks` (S1, S2, S5, S8, X1). Nothing here prints.
"""

from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path

from ..errors import WARNING, Finding, GkcliError
from .reading import Reading

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
    from .prose import settle_from_prose
    from .recover import recover
    from .tokens import tokenize

    data = _bytes(path)
    kind = kind_of(path, data)
    lines = import_module(f"{__name__}.{kind}").read(path, data)
    stream = tokenize(lines)
    if not stream.text:
        raise GkcliError("文件中没有可读的文字", where=path)
    shape = outline(stream)
    return settle_from_prose(Reading(path, kind, stream, shape, recover(stream, shape)))


def audit(reading: Reading, previous: Reading | None = None) -> list[Finding]:
    """Every finding for one report: reading problems, the identities on the cells read, the report checks."""
    from .checks import check_report
    from .identities import check

    recovered = reading.recovered
    found = list(recovered.findings)
    if previous is None:
        found += check(reading.tables, recovered.unknown)
    else:
        found += check(reading.tables, recovered.unknown, previous.tables, previous.recovered.unknown)
    found += check_report(reading)
    if previous is not None:
        found += _previous_fits(reading, previous)
    return found


def _previous_fits(reading: Reading, previous: Reading) -> list[Finding]:
    """Y1/Y2 compare with last year's report of the same agency: say so when it is not, or cannot be told."""
    now, before = reading.outline, previous.outline
    problems = []
    if now.year and before.year and before.year != now.year - 1:
        problems.append(f"上年报告的年度是 {before.year}，不是 {now.year - 1}")
    if now.agency and before.agency and now.agency != before.agency:
        problems.append(f"上年报告的机关是「{before.agency}」，不是「{now.agency}」")
    unknown = [what for what, a, b in (("机关", now.agency, before.agency), ("年度", now.year, before.year)) if not a or not b]
    if unknown and not problems:
        problems.append(f"无法从标题识别{'和'.join(unknown)}，不能确认两份报告是同一机关的相邻两年")
    return [Finding("R4", WARNING, "；".join(problems) + "，Y1/Y2 的比较可能没有意义", previous.path)] if problems else []


def pair_previous(readings: list[Reading], previous: list[Reading]) -> list[Reading | None]:
    """Last year's report for each: the only --previous given, or the one of the same agency and year − 1.
    A report whose agency or year is unknown is paired with nothing (the caller says so with R4)."""
    if len(readings) == 1 and len(previous) == 1:
        return [previous[0]]
    pool = previous + readings

    def match(r: Reading) -> Reading | None:
        agency, year = r.outline.agency, r.outline.year
        if not agency or not year:
            return None
        return next((p for p in pool if p.outline.agency == agency and p.outline.year == year - 1), None)

    return [match(r) for r in readings]


def audit_all(readings: list[Reading], previous: list[Reading]) -> list[tuple[Reading, list[Finding]]]:
    """Each report, settled with last year's where that decides a reading, and its findings;
    R4 says when --previous was given but a report could not be paired (agency or year unknown,
    or no report of year − 1)."""
    from .previous import settle_stock

    out = []
    for r, p in zip(readings, pair_previous(readings, previous)):
        if p is not None:
            r = settle_stock(r, p)
        found = audit(r, p)
        if p is None and previous:
            agency, year = r.outline.agency, r.outline.year
            why = "无法从标题识别机关或年度" if not agency or not year else f"没有「{agency}」{year - 1}年度的报告"
            found.append(Finding("R4", WARNING, f"{why}，没有与上年报告比较（Y1、Y2 未核对）", r.path))
        out.append((r, found))
    return out
