"""Checks on a year's narrative (spec §5): sections present, length of 一, 信息处理费 in 六,
a draft left as written (S13), and figures typed as digits instead of placeholders (X1).

Pure functions on a `Narrative`; they return findings and never raise.
"""

from __future__ import annotations

import re

from .. import spec
from ..errors import ERROR, WARNING, Finding
from . import HEADING, PARAGRAPH, Narrative

# A count or amount typed as digits: "3件", "1,200元" (years, dates and numbering are not figures).
_TYPED_FIGURE = re.compile(r"(?<![\d.,])\d[\d,]*(?:\.\d+)?\s*(?:件|条|项|次|个|人次|起|元|万元)")
_PLACEHOLDER = re.compile(r"\{[^{}\n]*\}")


def check_narrative(n: Narrative) -> list[Finding]:
    found = []
    for code in spec.NARRATIVE_SECTIONS:
        if not n.section(code):
            label = spec.by_code(spec.SECTIONS)[code].label
            found.append(Finding("S1", ERROR, f"报告正文缺少「{label}」部分", n.path))
    overview = _text(n, "overview")
    if len(overview) > spec.OVERVIEW_MAX_CHARS:
        found.append(Finding("S12", WARNING, f"「总体情况」共 {len(overview)} 字，超过约 {spec.OVERVIEW_MAX_CHARS} 字的篇幅要求", n.path))
    found += draft_left(n)
    if n.section("other") and spec.PROCESSING_FEE_TERM not in _text(n, "other"):
        found.append(Finding("S8", WARNING, f"「其他需要报告的事项」没有说明{spec.PROCESSING_FEE_TERM}的收取情况（收取或未收取）", n.path))
    return found


def draft_left(n: Narrative) -> list[Finding]:
    """S13: a prompt of the starting text not yet replaced, or a section written with no text."""
    found = []
    labels = spec.by_code(spec.SECTIONS)
    for code, blocks in (("", n.opening), *n.sections):
        for block in blocks:
            if spec.DRAFT_MARK in block.text:
                prompt = block.text[block.text.index(spec.DRAFT_MARK) :][:30]
                found.append(Finding("S13", ERROR, f"报告正文还留有待填写的提示「{prompt}」；请换成本机关的实际情况", str(block.source)))
        if code in spec.NARRATIVE_SECTIONS and not any(b.kind == PARAGRAPH and b.text.strip() for b in blocks):
            found.append(Finding("S13", ERROR, f"「{labels[code].label}」部分没有正文", n.path))
    return found


def _text(n: Narrative, code: str) -> str:
    return "".join(b.text for b in n.section(code) or () if b.kind == PARAGRAPH)


def typed_figures(raw: Narrative) -> list[Finding]:
    """X1: in the text as written (placeholders not yet filled), figures typed as digits can
    drift from the tables; a placeholder cannot."""
    found = []
    for code, blocks in raw.sections:
        for block in blocks:
            if block.kind == HEADING:
                continue
            text = _PLACEHOLDER.sub("", block.text)
            for m in _TYPED_FIGURE.finditer(text):
                line = block.source.line + text.count("\n", 0, m.start())
                message = f"正文直接写了数字「{m.group(0).strip()}」，与统计表可能不一致；请改用占位符（gkcli narrative fields 可列出）"
                found.append(Finding("X1", WARNING, message, f"{block.source.path}:{line}"))
    return found
