"""The report's own prose settles what a 表一 stock row cannot: 「行政规范性文件2115」 reads as
[2, 1, 15], [2, 11, 5] or [21, 1, 5] and the row has no identity of its own, but a sentence such
as 「本年制发行政规范性文件2件，废止1件，现行有效15件」 states its figures.

Only figures whose row (规章 / 规范性文件) and column (制发 / 废止 / 现行有效) are plain from the
words right around them are taken: the subject word next to its verb and its number, or a clause
that follows one of those at once (「，废止1件」). Two subjects joined (「规章和规范性文件5件」), a
figure of another year or a running total (「累计」), or two different figures for one cell: the
figure is not used. Among the row's readings only those agreeing with every figure taken are kept;
one left is used and said to be inferred (R3), several or none leave the row unread as before.
Pure: a `Reading` in, a new `Reading` out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from .. import spec
from ..errors import WARNING, Finding
from ..tables import StockRow
from .checks import chinese_count
from .reading import Reading
from .recover import stock_cells

_COLUMNS = ("issued", "repealed", "in_force")
_SUBJECT = r"(?P<subject>(?<!党内)(?:行政)?规范性文件|(?<!党内)规章(?!制度))"
# a verb joined to another (「修改和废止」「修订、废止」) counts more than its own figure
_VERB = r"(?<![和及与或并、])(?P<verb>制发|印发|出台|发布|制定|废止|现行有效)"
_FILLER = r"(?:的)?(?:共计|共|合计|总计|计|数量|件数|数)?(?:为|达)?"
_COUNT = r"(?P<count>\d{1,6}|[零〇一二两三四五六七八九十百千]{1,6})(?:件|部|个|份)"
# the words between a verb and its subject: no digit, no other subject, no joining word, no clause break
_GAP = r"(?:(?!规章|规范性文件|[和及与或、，,。；;:：\d]).){0,8}?"
_VERB_FIRST = re.compile(_VERB + r"(?:了)?" + _GAP + _SUBJECT + _FILLER + _COUNT)
_SUBJECT_FIRST = re.compile(_SUBJECT + r"(?:本年度?|年内|全年)?(?:共)?" + _VERB + r"(?:了)?" + _FILLER + _COUNT)
# after a matched figure, at once: 「，废止1件」 (same subject) or 「、规范性文件3件」 (same verb)
# (the clause before ends with its own count, so 「、废止」 here starts a clause; it joins no verbs)
_NEXT_VERB = re.compile(r"[，,、]" + _GAP.replace("{0,8}", "{0,6}") + _VERB.replace("(?<![和及与或并、])", "") + r"(?:了)?" + _FILLER + _COUNT)
_NEXT_SUBJECT = re.compile(r"[，,、]" + _SUBJECT + _FILLER + _COUNT)
# a figure of another period, not this year's: 「累计制发」「上年废止」「近三年出台」
_OTHER_PERIOD = re.compile(r"(?:累计|历年|以来|上年|上一年|去年|前年|近[一二三四五六七八九十\d]+年)[^，,。；;]{0,4}$")
_YEAR = re.compile(r"(\d{4})年度?[^，,。；;\d]{0,4}$")
_SENTENCE = re.compile(r"[^。；;！!？?]+")


def _column(verb: str) -> str:
    return {"废止": "repealed", "现行有效": "in_force"}.get(verb, "issued")


def _row(subject: str) -> str:
    return "regulations" if subject == "规章" else "normative_docs"


def _another_period(sentence: str, at: int, year: int | None) -> bool:
    before = sentence[max(0, at - 12) : at]
    m = _YEAR.search(before)
    return bool(_OTHER_PERIOD.search(before)) or bool(m and year and int(m.group(1)) != year)


def _figures_in(sentence: str, year: int | None) -> list[tuple[str, str, int]]:
    """(row, column, figure) stated in one sentence."""
    out = []
    position = 0
    while True:
        found = [m for m in (_VERB_FIRST.search(sentence, position), _SUBJECT_FIRST.search(sentence, position)) if m]
        if not found:
            return out
        m = min(found, key=lambda m: m.start())
        position = m.end()
        if _another_period(sentence, m.start(), year):
            continue
        verb, subject = m.group("verb"), m.group("subject")
        value = chinese_count(m.group("count"))
        if value is not None:
            out.append((_row(subject), _column(verb), value))
        while True:  # clauses that carry this subject or this verb on
            nxt = _NEXT_VERB.match(sentence, position) or _NEXT_SUBJECT.match(sentence, position)
            if not nxt:
                break
            position = nxt.end()
            if _another_period(sentence, nxt.start("verb") if nxt.groupdict().get("verb") else nxt.start(), year):
                break
            verb = nxt.groupdict().get("verb") or verb
            subject = nxt.groupdict().get("subject") or subject
            value = chinese_count(nxt.group("count"))
            if value is not None:
                out.append((_row(subject), _column(verb), value))


def _prose(reading: Reading) -> str:
    """The narrative sections, and section 二 up to its table: the text no table cell is in."""
    parts = []
    for code in (*spec.NARRATIVE_SECTIONS, "proactive"):
        part = _fold(reading.outline.text(code))
        for mark in (spec.PROACTIVE_BLOCKS[0].caption, spec.PROACTIVE_HEADER):
            at = part.find(_fold(mark))
            part = part[:at] if at >= 0 else part
        parts.append(part)
    return "。".join(parts)


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def stated_figures(text: str, year: int | None = None) -> dict[tuple[str, str], int]:
    """(row, column) → the figure the prose states for it; a cell given two different figures is left out."""
    seen: dict[tuple[str, str], set[int]] = {}
    for sentence in _SENTENCE.findall(_fold(text)):
        for row, column, value in _figures_in(sentence, year):
            seen.setdefault((row, column), set()).add(value)
    return {cell: next(iter(values)) for cell, values in seen.items() if len(values) == 1}


def settle_from_prose(reading: Reading) -> Reading:
    recovered = reading.recovered
    open_rows = [(w, options) for w, options in recovered.readings if w in (f"proactive.{r}" for r in spec.STOCK_ROWS)]
    open_rows = [(w, o) for w, o in open_rows if stock_cells(w.split(".")[1])[0] in recovered.unknown]
    if not open_rows:
        return reading
    stated = stated_figures(_prose(reading), reading.outline.year)
    proactive = recovered.tables.proactive
    unknown, inferred = set(recovered.unknown), set(recovered.inferred)
    findings = list(recovered.findings)
    for where, options in open_rows:
        name = where.split(".")[1]
        given = {i: stated[(name, c)] for i, c in enumerate(_COLUMNS) if (name, c) in stated}
        if not given:
            continue
        fits = sorted({r for r in options if len(r) == 3 and all(r[i] == v for i, v in given.items())})
        if len(fits) != 1:
            continue
        proactive = replace(proactive, **{name: StockRow(*fits[0])})
        unknown.difference_update(stock_cells(name))
        inferred.update(stock_cells(name))
        said = "、".join(f"{spec.STOCK_COLUMNS[i].label} {v}" for i, v in sorted(given.items()))
        findings = [f for f in findings if not (f.code == "R2" and f.where == where)]
        findings.append(Finding("R3", WARNING, f"连在一起的数字按报告正文所写的件数（{said}）只有一种读法：{list(fits[0])}", where))
    if unknown == set(recovered.unknown):
        return reading
    unread = set(recovered.unread)
    if not any(f.code in ("R1", "R2") and f.where.startswith("proactive") for f in findings):
        unread.discard("proactive")
    tables = replace(recovered.tables, proactive=proactive)
    settled = replace(
        recovered, tables=tables, findings=tuple(findings), unknown=frozenset(unknown), inferred=frozenset(inferred), unread=frozenset(unread)
    )
    return replace(reading, recovered=settled)
