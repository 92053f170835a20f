"""`narrative/<year>.md` → a `Narrative`, with every block's file:line.

The file is Markdown (CommonMark, parsed by markdown-it): text before the first `##`
heading is the opening; each `##` heading names a report section (official heading,
part of it, or its code); `###` headings are subheadings; paragraphs are text; HTML
comments are notes for the writer and are dropped. Anything else is refused, naming
the line, so what the office wrote is exactly what gets published.
"""

from __future__ import annotations

from pathlib import Path

from .. import coerce, spec
from ..errors import GkcliError, Source
from . import HEADING, PARAGRAPH, Block, Narrative

FOLDER = "narrative"
HINT = "正文只用段落、## 部分标题（如「## 一、总体情况」）和 ### 小标题；其他 Markdown 结构请改写为段落。"


def narrative_path(root: Path, year: int) -> Path:
    return root / FOLDER / f"{year}.md"


def narrative_years(root: Path) -> list[int]:
    """Years with a narrative file: checked even before the book has any record of them."""
    folder = root / FOLDER
    return sorted(int(p.stem) for p in folder.glob("*.md") if p.stem.isdigit() and len(p.stem) == 4) if folder.is_dir() else []


def read_narrative(root: Path, year: int) -> Narrative | None:
    """The year's narrative, or None when the book has none."""
    path = narrative_path(root, year)
    if not path.is_file():
        return None
    rel = path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise GkcliError("文件不是 UTF-8 编码，无法读取；请用 UTF-8 保存", where=rel) from None
    return parse_narrative(text, rel)


def parse_narrative(text: str, rel: str) -> Narrative:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    opening: list[Block] = []
    sections: dict[str, list[Block]] = {}
    current = opening
    for i, tok in enumerate(tokens):
        if tok.level != 0 or tok.type.endswith("_close") or tok.type == "inline":
            continue
        line = tok.map[0] + 1 if tok.map else 0
        where = f"{rel}:{line}"
        if tok.type == "heading_open" and tok.tag == "h2":
            code = coerce.resolve(tokens[i + 1].content, spec.SECTIONS, "报告部分标题", where)
            if code in sections:
                raise GkcliError(f"报告部分「{tokens[i + 1].content}」重复出现", where=where)
            current = sections[code] = []
        elif tok.type == "heading_open" and tok.tag != "h1" and current is not opening:
            current.append(Block(HEADING, tokens[i + 1].content.strip(), Source(rel, line)))
        elif tok.type == "paragraph_open":
            current.append(Block(PARAGRAPH, tokens[i + 1].content, Source(rel, line)))
        elif tok.type == "html_block" and not _is_comment(tok.content):
            current.append(Block(PARAGRAPH, tok.content.strip(), Source(rel, line)))
        elif tok.type == "heading_open":
            raise GkcliError("标题由 gkcli 生成；正文开头只写开篇段落，部分标题用 ##", where=where, hint=HINT)
        elif tok.type != "html_block":
            raise GkcliError(f"正文中不支持这种 Markdown 结构（{tok.type.removesuffix('_open')}）", where=where, hint=HINT)
    order = [s.code for s in spec.SECTIONS]
    ordered = sorted(sections.items(), key=lambda kv: order.index(kv[0]))
    return Narrative(rel, tuple(opening), tuple((code, tuple(blocks)) for code, blocks in ordered))


def _is_comment(html: str) -> bool:
    text = html.strip()
    return text.startswith("<!--") and text.endswith("-->")
