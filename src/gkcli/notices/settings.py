"""The book's `[notices]` configuration (gkcli.toml): numbering, remedies, whether letters are required.

    [notices]
    short = "东二营镇"                              # in the number: {short}
    pattern = "{short}依申{kind}〔{year}〕{n}号"      # {n} the sequence, {year}, {short}, {kind}
    words = { answer = "答复" }                     # {kind} per kind, over the defaults
    review_body = "蓟州区人民政府"                    # the 行政复议机关 of the remedies paragraph
    court = "天津市蓟州区人民法院"                    # the court of the remedies paragraph
    required = false                               # true: `check` warns of an answer without its letter

Every key is optional; a book without `[notices]` reads as before.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import GkcliError
from ..model import BookConfig

DEFAULT_PATTERN = "{short}依申{kind}〔{year}〕{n}号"
# the word {kind} stands for, per kind of letter
DEFAULT_WORDS = {
    "answer": "答复",
    "correction": "补正",
    "extension": "延期",
    "consult": "征求",
    "fee": "收费",
    "withdrawal": "撤回",
}
FIELDS = ("short", "n", "year", "kind")
_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
_KEYS = ("short", "pattern", "words", "review_body", "court", "required")


def check_pattern(pattern: str, where: str) -> str:
    """A number pattern: {n} once, only known fields."""
    names = [m.group(1) for m in _FIELD.finditer(pattern) if m.group(1) is not None]
    unknown = [n for n in names if n not in FIELDS]
    if unknown:
        raise GkcliError(f"[notices] pattern 中有未知的字段「{{{unknown[0]}}}」；可用：{'、'.join('{' + f + '}' for f in FIELDS)}", where=where)
    if names.count("n") != 1:
        raise GkcliError("[notices] pattern 应含且只含一个 {n}（序号）", where=where)
    if not pattern.strip() or "\n" in pattern:
        raise GkcliError("[notices] pattern 应为一行文字", where=where)
    return pattern


def read_settings(config: BookConfig, data: Any, where: str) -> BookConfig:
    from .kinds import CODES

    if not isinstance(data, dict):
        raise GkcliError("[notices] 应为一个表（[notices] 一行，下面写 short = \"…\" 等）", where=where)
    unknown = [k for k in data if k not in _KEYS]
    if unknown:
        raise GkcliError(f"[notices] 中有未知的设置「{unknown[0]}」；可用：{'、'.join(_KEYS)}", where=where)
    texts = {}
    for key in ("short", "pattern", "review_body", "court"):
        value = data.get(key, "")
        if not isinstance(value, str) or "\n" in value:
            raise GkcliError(f"[notices] {key} 应为一行文字（用双引号括起）", where=where)
        texts[key] = value.strip()
    if texts["pattern"]:
        check_pattern(texts["pattern"], where)
    words = data.get("words", {})
    if not isinstance(words, dict) or any(k not in CODES or not isinstance(v, str) or "\n" in v for k, v in words.items()):
        raise GkcliError(f"[notices] words 应为「告知书类型 = \"文字\"」的表，类型可用：{'、'.join(CODES)}", where=where)
    required = data.get("required", False)
    if not isinstance(required, bool):
        raise GkcliError("[notices] required 应为 true 或 false", where=where)
    return config._replace(
        notice_short=texts["short"],
        notice_pattern=texts["pattern"],
        notice_words=tuple(sorted((k, v.strip()) for k, v in words.items())),
        review_body=texts["review_body"],
        court=texts["court"],
        notices_required=required,
    )


def pattern_of(config: BookConfig) -> str:
    return config.notice_pattern or DEFAULT_PATTERN


def word_of(config: BookConfig, kind: str) -> str:
    return dict(config.notice_words).get(kind, DEFAULT_WORDS[kind])


def per_kind(config: BookConfig) -> bool:
    """Whether each kind has its own sequence: only when the number names the kind, else two
    letters of different kinds would get the same number."""
    return "{kind}" in pattern_of(config)


def format_number(config: BookConfig, kind: str, year: int, n: int) -> str:
    values = {"short": config.notice_short or config.agency, "year": str(year), "n": str(n), "kind": word_of(config, kind)}

    def put(m: re.Match) -> str:
        return m.group(0)[0] if m.group(1) is None else values[m.group(1)]

    return _FIELD.sub(put, pattern_of(config))
