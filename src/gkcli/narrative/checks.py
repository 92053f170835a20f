"""Checks on a year's narrative (spec §5): sections present, length of 一, 信息处理费 in 六.

Pure functions on a filled `Narrative`; they return findings and never raise.
"""

from __future__ import annotations

from .. import spec
from ..errors import ERROR, WARNING, Finding
from . import PARAGRAPH, Narrative


def check_narrative(n: Narrative) -> list[Finding]:
    found = []
    for code in spec.NARRATIVE_SECTIONS:
        if not n.section(code):
            label = spec.by_code(spec.SECTIONS)[code].label
            found.append(Finding("S1", ERROR, f"报告正文缺少「{label}」部分", n.path))
    overview = _text(n, "overview")
    if len(overview) > spec.OVERVIEW_MAX_CHARS:
        found.append(Finding("S12", WARNING, f"「总体情况」共 {len(overview)} 字，超过约 {spec.OVERVIEW_MAX_CHARS} 字的篇幅要求", n.path))
    if n.section("other") and spec.PROCESSING_FEE_TERM not in _text(n, "other"):
        found.append(Finding("S8", WARNING, f"「其他需要报告的事项」没有说明{spec.PROCESSING_FEE_TERM}的收取情况（收取或未收取）", n.path))
    return found


def _text(n: Narrative, code: str) -> str:
    return "".join(b.text for b in n.section(code) or () if b.kind == PARAGRAPH)
