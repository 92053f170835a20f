"""Placeholders → figures: a `Narrative` whose `{name}`s are replaced by their values.

`{{` and `}}` stand for literal braces. An unknown name is an error naming the file
and line of the placeholder, with the closest known names as a hint.
"""

from __future__ import annotations

import difflib
import re

from ..errors import GkcliError
from . import Block, Narrative

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}")


def fill(narrative: Narrative, values: dict[str, str]) -> Narrative:
    sections = tuple((code, tuple(_fill_block(b, values) for b in blocks)) for code, blocks in narrative.sections)
    return Narrative(narrative.path, tuple(_fill_block(b, values) for b in narrative.opening), sections)


def _fill_block(block: Block, values: dict[str, str]) -> Block:
    def replace(m: re.Match) -> str:
        if m.group(0) in ("{{", "}}"):
            return m.group(0)[0]
        name = m.group(1).strip()
        if name in values:
            return values[name]
        line = block.source.line + block.text.count("\n", 0, m.start())
        close = difflib.get_close_matches(name, list(values), n=3, cutoff=0.6)
        hint = f"是不是 {'、'.join('{' + c + '}' for c in close)}？" if close else ""
        hint += "运行 gkcli narrative fields 年度 可列出全部占位符。"
        raise GkcliError(f"未知的占位符「{m.group(0)}」", where=f"{block.source.path}:{line}", hint=hint)

    text = _PLACEHOLDER.sub(replace, block.text)
    return Block(block.kind, _join_lines(text), block.source)


def _join_lines(text: str) -> str:
    """Lines of one paragraph → one line: Chinese joins directly, Latin words keep a space."""
    lines = [line.strip() for line in text.split("\n")]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        gap = " " if out[-1:].isascii() and out[-1:].isalnum() and line[:1].isascii() and line[:1].isalnum() else ""
        out += gap + line
    return out
