"""A letter: its template (the book's `notices/<kind>.md`, else the default), filled from the case record.

A template is Markdown-like text: `# ` starts the title, paragraphs are separated by blank
lines (the lines of one paragraph are joined), `<!-- … -->` is a comment. `{名称}` is a
placeholder; `{{` and `}}` stand for literal braces. An unknown placeholder is an error
naming the file and line. A value of several paragraphs (the answer's wording) makes as many
paragraphs where it stands. A paragraph whose placeholders all stand for nothing is left out
(「（地址：{地址}）」 when no address is recorded; {救济途径} in a letter without remedies).
The placeholders of each kind of letter are `wording.PLACEHOLDERS`, defined there only.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from ..errors import GkcliError

TEMPLATE_DIR = "notices"  # in the book: notices/<kind>.md
DRAFT_NUMBER = "（草稿，未编号）"

TITLE, HEADING, PARAGRAPH = "title", "heading", "paragraph"
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


class Block(NamedTuple):
    kind: str  # TITLE, HEADING or PARAGRAPH
    text: str


class Letter(NamedTuple):
    kind: str
    title: str
    blocks: tuple[Block, ...]  # after the title
    number: str  # as it stands in the letter (or DRAFT_NUMBER)
    agency: str
    day: str  # the letter's date as written in it
    addressee: str
    dated: date  # the letter's date


def placeholders(kind: str) -> tuple[str, ...]:
    from .wording import PLACEHOLDERS

    return PLACEHOLDERS[kind]


def chinese_date(day: date) -> str:
    """A date as an official document writes it (GB/T 9704: Arabic numerals, year, month and day in full)."""
    from .wording import chinese_date

    return chinese_date(day)


def default_template(kind: str) -> str:
    return resources.files("gkcli.notices").joinpath("templates", f"{kind}.md").read_text(encoding="utf-8")


def book_template(root: Path, kind: str) -> Path:
    return root / TEMPLATE_DIR / f"{kind}.md"


def template_of(root: Path | None, kind: str) -> tuple[str, str]:
    """(text, where it was read: a path in the book, or the default's name)."""
    if root is not None:
        path = book_template(root, kind)
        if path.is_file():
            try:
                return path.read_text(encoding="utf-8-sig"), f"{TEMPLATE_DIR}/{kind}.md"
            except UnicodeDecodeError:
                raise GkcliError("模板不是 UTF-8 编码的文本", where=f"{TEMPLATE_DIR}/{kind}.md") from None
    return default_template(kind), f"（默认模板）{kind}.md"


def fill(text: str, where: str, values: dict[str, str]) -> list[Block]:
    """The template's blocks with every placeholder replaced; raises naming where:line for an unknown one."""
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text.replace("\r\n", "\n"))
    groups: list[tuple[int, list[str]]] = []  # (first line number, lines) of each block
    current: list[str] | None = None
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            current = None
        elif line.lstrip().startswith("#"):
            groups.append((number, [line]))
            current = None
        elif current is None:
            current = [line]
            groups.append((number, current))
        else:
            current.append(line)
    blocks: list[Block] = []
    for first, raw in groups:
        _check(raw, first, where, values)
        head = raw[0].lstrip()
        if head.startswith("#"):
            kind = TITLE if not any(b.kind == TITLE for b in blocks) and head.startswith("# ") else HEADING
            blocks.append(Block(kind, _substitute(head.lstrip("#").strip(), values)))
        elif _all_empty(raw, values):
            continue
        else:
            filled = _substitute(_join_lines(raw), values)
            blocks += [Block(PARAGRAPH, p.strip()) for p in filled.split("\n\n") if p.strip()]
    return blocks


def _check(raw: list[str], first_line: int, where: str, values: dict[str, str]) -> None:
    for offset, line in enumerate(raw):
        for m in _PLACEHOLDER.finditer(line):
            if m.group(1) is None or m.group(1).strip() in values:
                continue
            close = difflib.get_close_matches(m.group(1).strip(), list(values), n=3, cutoff=0.5)
            hint = f"是不是 {'、'.join('{' + c + '}' for c in close)}？" if close else ""
            hint += f"这类告知书可用的占位符：{'、'.join('{' + v + '}' for v in values)}。"
            raise GkcliError(f"未知的占位符「{m.group(0)}」", where=f"{where}:{first_line + offset}", hint=hint)


def _all_empty(raw: list[str], values: dict[str, str]) -> bool:
    """Whether the paragraph has placeholders and every one of them stands for nothing."""
    names = [m.group(1).strip() for line in raw for m in _PLACEHOLDER.finditer(line) if m.group(1) is not None]
    return bool(names) and not any(values[name] for name in names)


def _substitute(text: str, values: dict[str, str]) -> str:
    def put(m: re.Match) -> str:
        return m.group(0)[0] if m.group(1) is None else values[m.group(1).strip()]

    return _PLACEHOLDER.sub(put, text)


def _join_lines(lines: list[str]) -> str:
    """Lines of one paragraph → one line: Chinese joins directly, Latin words keep a space."""
    out = ""
    for line in (line.strip() for line in lines):
        gap = " " if out[-1:].isascii() and out[-1:].isalnum() and line[:1].isascii() and line[:1].isalnum() else ""
        out += gap + line if out else line
    return out


def letter_of(kind: str, blocks: list[Block], values: dict[str, str], dated: date) -> Letter:
    titles = [b.text for b in blocks if b.kind == TITLE]
    return Letter(
        kind,
        titles[0] if titles else "",
        tuple(b for b in blocks if b.kind != TITLE),
        values["编号"],
        values["机关"],
        values["日期"],
        values["申请人"],
        dated,
    )
