"""The report around the tables: title (agency, year), the six section headings, and
the narrative text of each section. Pure: a token stream in, an `Outline` out.

A heading counts only at the start of a line, so the introduction's 「全文包括总体情况、…」
and navigation links are not taken for headings.
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
    while True:
        span = find_label(stream, label, start)
        if span is None or _at_line_start(stream, span[0]):
            return span
        start = span[0] + 1


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


def _title(stream: Stream, before_line: int) -> tuple[str, int | None]:
    lines = [k for k in (key(line) for line in stream.lines[: max(before_line - 1, 0) or 40]) if k]
    for candidate in lines + [a + b for a, b in zip(lines, lines[1:])]:
        m = _TITLE.search(candidate)
        if m:
            return _AGENCY_NOISE.sub("", m.group(1)), int(m.group(2))
    m = _PERIOD.search("".join(lines))
    return "", int(m.group(1)) if m else None


def _texts(stream: Stream, headings: list[Heading]) -> list[tuple[str, str]]:
    bounds = [h.line for h in headings] + [len(stream.lines) + 1]
    return [(h.code, "\n".join(stream.lines[h.line - 1 : bounds[i + 1] - 1])) for i, h in enumerate(headings)]


def outline(stream: Stream) -> Outline:
    headings, misplaced = _headings(stream)
    agency, year = _title(stream, headings[0].line if headings else 0)
    return Outline(agency, year, tuple(headings), tuple(misplaced), tuple(_texts(stream, headings)))
