"""A narrative draft cannot pass: every prompt of `narrative init` carries one mark (S13)."""

from __future__ import annotations

import re

from gkcli import spec
from gkcli.narrative.template import starting_text


def _prompts(text: str) -> list[str]:
    """The prompts of the text after its opening note (which names the mark too)."""
    return re.findall(re.escape(spec.DRAFT_MARK) + r"[^\n]*", text.split("-->", 1)[1])


def test_every_prompt_of_the_starting_text_carries_the_mark():
    text = starting_text(2024)
    assert "请" in text and len(_prompts(text)) == 5
    body = text.split("-->", 1)[1]
    assert all(spec.DRAFT_MARK in line for line in body.splitlines() if "请写明" in line or "请概述" in line)
    assert "本部分原则上不超过一千字" in text and "全部分" not in text


def test_check_fails_until_every_prompt_is_replaced(gk):
    gk.ok("narrative", "init", "2024")
    path = gk.root / "narrative" / "2024.md"
    text = path.read_text(encoding="utf-8")
    result = gk("check")
    assert result.exit_code == 1 and result.stdout.count("错误 S13") == 5
    prompts = _prompts(text)
    for i, prompt in enumerate(prompts):
        text = text.replace(prompt, "本机关按要求开展工作。", 1)
        path.write_text(text, encoding="utf-8")
        result = gk("check")
        assert ("S13" in result.stdout) == (i < len(prompts) - 1)
    assert result.exit_code == 0, result.stdout


def test_a_section_left_empty_is_an_error(gk):
    gk.ok("narrative", "init", "2024")
    path = gk.root / "narrative" / "2024.md"
    text = path.read_text(encoding="utf-8")
    problems = spec.by_code(spec.SECTIONS)["problems"].label
    head, rest = text.split(f"## {problems}", 1)
    path.write_text(head + f"## {problems}\n\n## " + rest.split("## ", 1)[1], encoding="utf-8")
    result = gk("check")
    assert result.exit_code == 1 and f"「{problems}」部分没有正文" in result.stdout


def test_a_published_draft_fails_audit(gk, tmp_path):
    gk.ok("narrative", "init", "2024")
    out = tmp_path / "2024.md"
    gk("report", "2024", "-o", str(out))
    result = gk("audit", str(out))
    assert "错误 S13" in result.stdout and result.exit_code == 1
