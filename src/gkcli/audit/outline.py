"""The report around the tables: title (agency, year), the six section headings, and
the narrative text of each section. Pure: a token stream in, an `Outline` out.

A heading at the start of a line is preferred, so the introduction's 「全文包括总体情况、…」
and navigation links are not taken for headings; a page flattened into one line has no
line starts, so there a heading counts wherever it stands, in order.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .. import spec
from .tokens import BLANK, TEXT, Stream, find_label, key

_TITLE = re.compile(r"([^\d,。:>»/|]*?)(20\d{2})年度?政府信息公开(?:工作)?年度?报告")
_PERIOD = re.compile(r"(20\d{2})年1月1日")
_AGENCY_NOISE = re.compile(r"(?:关于|的)$")
# a sentence or page furniture before the agency's name: 「…特编制××局2024年…报告」「【字体：大中小】打印本页××局…」
_AGENCY_LEAD = re.compile(r"^.*(?:特编制|现编制|编制|现公布|现予公布|公布|现发布|发布|印发|现将|特此|打印本页|打印|关闭窗口|关闭|分享到|收藏|字号|[】\]」』》>：:；;！!？?，,、])")
_AGENCY_END = re.compile(r"(?:政府|办公室|办公厅|办事处|委员会|局|委|办|厅|署|院|中心|所|站|队|会|部|室|处|馆|社|街道|镇|乡|公司|集团|大学|学校|医院)$")
_SELF = re.compile(r"^(?:我|本)")
_PUBLISHER = re.compile(r"(?:发布机构|发布单位|发文机关|信息来源|来源)[:：]\s*([^\s:：|]{2,40}?)(?=\s|$|发布|日期|时间|索引|文号|[|])")


@dataclass(frozen=True, slots=True)
class Heading:
    code: str
    start: int  # key offset
    end: int
    line: int


@dataclass(frozen=True, slots=True)
class Outline:
    agency: str
    year: int | None
    headings: tuple[Heading, ...]  # found, in document order
    misplaced: tuple[str, ...]  # section codes found only before an earlier section
    texts: tuple[tuple[str, str], ...]  # (section code, its narrative text)

    def heading(self, code: str) -> Heading | None:
        return next((h for h in self.headings if h.code == code), None)

    def text(self, code: str) -> str:
        return dict(self.texts).get(code, "")


def _at_line_start(stream: Stream, offset: int) -> bool:
    i = bisect_left(stream.starts, offset)
    while i < len(stream.tokens) and stream.tokens[i].kind != TEXT:
        i += 1
    if i >= len(stream.tokens) or stream.tokens[i].start != offset:
        return False
    line = stream.tokens[i].line
    j = i - 1
    while j >= 0 and stream.tokens[j].line == line:
        if stream.tokens[j].kind != BLANK:
            return False
        j -= 1
    return True


def find_heading(stream: Stream, label: str, start: int = 0) -> tuple[int, int] | None:
    """The first occurrence at a line's start; else, in text without layout, the first anywhere."""
    first = position = find_label(stream, label, start)
    while position is not None and not _at_line_start(stream, position[0]):
        position = find_label(stream, label, position[0] + 1)
    return position or first


def _headings(stream: Stream) -> tuple[list[Heading], list[str]]:
    found, misplaced, position = [], [], 0
    for section in spec.SECTIONS:
        span = find_heading(stream, section.label, position)
        if span:
            found.append(Heading(section.code, *span, stream.line_at(span[0])))
            position = span[1]
        elif find_heading(stream, section.label, 0):
            misplaced.append(section.code)
    return found, misplaced


def _agency(name: str) -> str:
    """A name as printed → the agency, or "" when it is a sentence's tail or 「我局」 rather than a name."""
    name = _AGENCY_NOISE.sub("", _AGENCY_LEAD.sub("", name))
    if not name or len(name) > 40 or _SELF.match(name) or not _AGENCY_END.search(name):
        return ""
    return name


def _title(stream: Stream, before_line: int) -> tuple[str, int | None]:
    """Agency and year: from the title, else the title block (发布机构, the line above or below
    the title). "" and None when not found — never a guess."""
    lines = [k for k in (key(line) for line in stream.lines[: max(before_line - 1, 0) or 40]) if k]
    published = next((m.group(1) for line in lines for m in [_PUBLISHER.search(line)] if m), "")
    for i, candidate in enumerate(lines + [a + b for a, b in zip(lines, lines[1:])]):
        m = _TITLE.search(candidate)
        if m:
            around = [lines[j] for j in (i - 1, i + 1) if i < len(lines) and 0 <= j < len(lines)]
            names = [m.group(1), published, *around]
            agency = next((a for a in map(_agency, names) if a), "")
            return agency, int(m.group(2))
    m = _PERIOD.search("".join(lines))
    return _agency(published), int(m.group(1)) if m else None


def _texts(stream: Stream, headings: list[Heading]) -> list[tuple[str, str]]:
    """Each section's text, from its heading to the next (by key offset, so one-line pages split too)."""
    bounds = [h.start for h in headings[1:]] + [len(stream.text)]
    out = []
    for h, end in zip(headings, bounds):
        tokens = stream.tokens[stream.index_at(h.start) : stream.index_at(end) if end < len(stream.text) else len(stream.tokens)]
        lines: dict[int, list[str]] = {}
        for t in tokens:
            lines.setdefault(t.line, []).append(t.raw)
        out.append((h.code, "\n".join("".join(words) for words in lines.values())))
    return out


def outline(stream: Stream) -> Outline:
    headings, misplaced = _headings(stream)
    agency, year = _title(stream, headings[0].line if headings else 0)
    return Outline(agency, year, tuple(headings), tuple(misplaced), tuple(_texts(stream, headings)))
