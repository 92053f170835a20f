"""Lines of cells → a stream of tokens and one searchable key text.

Every reader (text, HTML, DOCX, PDF) gives lines of cells; this module turns them into
tokens (text, number, dash, blank) and concatenates the text tokens, folded by `key`,
into one string in which official labels are searched. Number tokens take no room in
the key text: a label wrapped around its row's numbers is still found whole, and the
numbers between two labels belong to the first. No table logic here.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

TEXT, NUMBER, DASH, BLANK = "text", "number", "dash", "blank"

_QUOTES = dict.fromkeys(map(ord, "“”\"'‘’「」『』"), None)
_DIGIT_MARK = re.compile(r"(\d)[、.]")
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
# What published tables print instead of 0 (spec §1 forbids them; S5).
DASHES = frozenset({"/", "／", "-", "－", "—", "——", "―", "–", "无"})


def key(text: str) -> str:
    """Fold full-width forms, drop white space and quotes, `1、` → `1.`: the form labels are matched in."""
    folded = "".join(unicodedata.normalize("NFKC", text).split()).translate(_QUOTES)
    return _DIGIT_MARK.sub(r"\1.", folded)


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    raw: str
    line: int  # 1-based line (or table row) in the source, for messages
    start: int  # offset in the key text where the token sits
    glued: bool = False  # cut out of a word that ran into text: its digits may be cut short at a text's end

    def value(self) -> int | Decimal:
        digits = unicodedata.normalize("NFKC", self.raw).replace(",", "")
        return Decimal(digits) if "." in digits else int(digits)


@dataclass(frozen=True, slots=True)
class Stream:
    tokens: tuple[Token, ...]
    text: str  # the key text of all text tokens
    starts: tuple[int, ...]  # token.start for every token, for bisecting
    lines: tuple[str, ...]  # the source lines, cells joined by a space, for narrative checks
    text_starts: tuple[int, ...] = ()  # key offset of each text token
    text_tokens: tuple[int, ...] = ()  # its index in `tokens`

    def index_at(self, offset: int) -> int:
        """Index of the text token holding key offset `offset` (len(tokens) past the end)."""
        if offset >= len(self.text):
            return len(self.tokens)
        return self.text_tokens[bisect_right(self.text_starts, offset) - 1]

    def between(self, start: int, end: int) -> list[Token]:
        """The tokens from the text token holding `start` up to the one holding `end`:
        numbers that follow a label belong to it, not to the label after them."""
        return list(self.tokens[self.index_at(start) : self.index_at(end)])

    def line_at(self, offset: int) -> int:
        """Line of the text token at `offset` (numbers before it share its offset but not its line)."""
        if not self.tokens:
            return 0
        if not self.text_tokens:
            return self.tokens[min(bisect_left(self.starts, offset), len(self.tokens) - 1)].line
        return self.tokens[min(self.index_at(offset), len(self.tokens) - 1)].line


# Digits run into the text around them, as PDF extraction and flattened web pages give them:
# 「1.属于国家秘密1201」, 「0（二）部分公开」, 「…0000003200000326.属于四类过程性信息」.
_RUN = re.compile(r"[-−]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)")
# A row's numbering: one digit and 「.」 or 「、」 before a label's text (never before a digit).
_NUMBERING = re.compile(r"\d[.、．](?=[^\d\s]|$)")


def _split(word: str) -> list[str]:
    """A word of text and digits → its text and digit runs. The last digit of a run that is
    followed by 「.」 and text is the next label's numbering (「326.属于」 → 「32」「6.属于」);
    digits after 「第」 stay in the text (「第3页」)."""
    out: list[str] = []
    text, at = "", 0
    for m in _RUN.finditer(word):
        run, end = m.group(0), m.end()
        before = word[at : m.start()]
        after = word[end:]
        if (text + before).endswith("第"):
            text += before + run
            at = end
            continue
        text += before
        if _NUMBERING.match(word, end - 1) and "." not in run and "," not in run:
            run, numbering = run[:-1], run[-1]
        else:
            numbering = ""
        if run:
            if text:
                out.append(text)
            out.append(run)
            text = ""
        text += numbering
        at = end
    text += word[at:]
    if text:
        out.append(text)
    return out


def words(cell: str) -> list[str]:
    return [w for w, _ in _words(cell)]


def _words(cell: str) -> list[tuple[str, bool]]:
    """(word, whether it was cut out of a longer word without white space)."""
    out = []
    for word in cell.split():
        has_digit = any(ch.isdigit() for ch in word)
        parts = _split(word) if has_digit and not classify(word) == NUMBER else [word]
        out += [(p, len(parts) > 1) for p in parts]
    return out


def classify(word: str) -> str:
    folded = unicodedata.normalize("NFKC", word)
    if _NUMBER.fullmatch(folded):
        return NUMBER
    if word in DASHES or folded in DASHES:
        return DASH
    return TEXT


def tokenize(lines: list[list[str]]) -> Stream:
    """`lines[i]` is the cells of line i+1; an empty cell is a blank, a cell is split into words."""
    tokens: list[Token] = []
    parts: list[str] = []
    text_starts: list[int] = []
    text_tokens: list[int] = []
    offset = 0
    for number, cells in enumerate(lines, 1):
        for cell in cells:
            found = _words(cell)
            if not found:
                tokens.append(Token(BLANK, "", number, offset))
            for word, glued in found:
                kind = classify(word)
                tokens.append(Token(kind, word, number, offset, glued))
                if kind == TEXT and key(word):
                    folded = key(word)
                    text_starts.append(offset)
                    text_tokens.append(len(tokens) - 1)
                    parts.append(folded)
                    offset += len(folded)
    joined = [" ".join(c.strip() for c in cells if c.strip()) for cells in lines]
    return Stream(tuple(tokens), "".join(parts), tuple(t.start for t in tokens), tuple(joined), tuple(text_starts), tuple(text_tokens))


@lru_cache(maxsize=512)
def label_pattern(label: str) -> re.Pattern:
    """A label as it may come out of a PDF: up to two stray characters (a vertical label
    printed one character per line) between any two of its characters."""
    return re.compile(".{0,2}?".join(re.escape(ch) for ch in key(label)))


def find_label(stream: Stream, label: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """(start, end) of the first occurrence of `label` in the key text within [start, end)."""
    m = label_pattern(label).search(stream.text, start, len(stream.text) if end is None else end)
    return m.span() if m else None


MIN_MISPRINT = 4  # shorter labels (「规章」) are too easily found in other words
SIMILAR = 0.7  # share of the label's characters found, in order, in what was printed (and of what was printed)


def find_misprinted(stream: Stream, label: str, start: int, end: int | None) -> tuple[int, int] | None:
    """A label printed with characters missing, extra or wrong, looked for only between `start`
    and `end` — where the labels before and after it in the official order were found — and taken
    only when most of its characters are there in order (「2.其他法律行政止公开」)."""
    from difflib import SequenceMatcher

    folded = key(label)
    window = stream.text[start : len(stream.text) if end is None else end]
    if len(folded) < MIN_MISPRINT or not window:
        return None
    blocks = [b for b in SequenceMatcher(None, window, folded, autojunk=False).get_matching_blocks() if b.size]
    if not blocks:
        return None
    first, last = blocks[0].a, blocks[-1].a + blocks[-1].size
    matched = sum(b.size for b in blocks)
    if matched < SIMILAR * len(folded) or matched < SIMILAR * (last - first):
        return None
    return start + first, start + last
