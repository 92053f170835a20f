"""What a TOML text must keep within before any parser sees it.

Both parsers are recursive: `toml-rs` overflows the C stack (a segfault, no exception) on
values nested a few thousand deep, `tomllib` raises `RecursionError`, `tomllib` takes time
quadratic in the parts of a dotted key (50,000 parts: a minute) and raises `ValueError` on
an integer of more than 4,300 digits. A ledger needs none of this: its records are
`[[table]]` blocks of `key = value` lines. So a text past a limit that no real ledger,
holidays file or configuration comes near is refused, naming its line.

`check` is exact and linear: lines as appends write them are passed over by one regular
expression in C; only from a line that is not such a line does a small tokenizer follow
strings, comments and brackets, handing back at the next line outside any bracket and
string. Reading a whole large file first tries `within`, a handful of passes in C over its
bytes that prove a text which parses is within every limit (no array, no inline table, no
line with 16 dots, no long line); when it cannot prove that, `check` decides.
"""

from __future__ import annotations

import re

MAX_DEPTH = 32  # arrays and inline tables inside one another
MAX_KEY_PARTS = 16  # parts of a dotted key (`a.b.c` has 3)
MAX_WORD_CHARS = 4096  # characters of a key, or of a number, date or time as written
MAX_LINE_CHARS = 1 << 16  # characters of one line


class TooComplex(ValueError):
    """A text past a limit; `line`/`column` are 1-based positions in it."""

    def __init__(self, reason: str, line: int, column: int):
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.column = column


# Lines a parser reads safely, as appends write them; possessive, so nothing is retried.
# `_SIMPLE` is for a text whose lines are all short (`_short_lines`); in `_BOUNDED`, slower,
# each piece is bounded so that a line it takes is within every limit.
_LINES = r"""(?:
    [ \t]*+
    (?:
        \[\[[ \t]*+[A-Za-z0-9_\-]++[ \t]*+\]\]
      | [A-Za-z0-9_\-]++[ \t]*+=[ \t]*+
        (?: "[^"\\\n\r]*+(?:\\[^\n\r][^"\\\n\r]*+)*+"
          | '[^'\n\r]*+'
          | [0-9A-Za-z+\-:._]++ )
    )?+
    [ \t]*+
    (?:\#[^\n\r]*+)?+
    \r?+\n
    )*+"""
_SIMPLE = re.compile(_LINES, re.VERBOSE)
_BOUNDED = re.compile(
    r"""(?:
    [ \t]{0,64}+
    (?:
        \[\[[ \t]{0,64}+[A-Za-z0-9_\-]{1,64}+[ \t]{0,64}+\]\]
      | [A-Za-z0-9_\-]{1,64}+[ \t]{0,64}+=[ \t]{0,64}+
        (?: "(?:[^"\\\n\r]|\\[^\n\r]){0,30000}+"
          | '[^'\n\r]{0,30000}+'
          | [0-9A-Za-z+\-:._]{1,64}+ )
    )?+
    [ \t]{0,64}+
    (?:\#[^\n\r]{0,30000}+)?+
    \r?+\n
    )*+""",
    re.VERBOSE,
)
_SHORT = MAX_WORD_CHARS // 2  # a text whose every stretch of this many characters holds a newline has only short lines


def _short_lines(text: str) -> bool:
    """Whether every line is shorter than MAX_WORD_CHARS (so than any limit on a word or a line)."""
    return all(text.find("\n", start, start + _SHORT) >= 0 for start in range(0, len(text) - _SHORT + 1, _SHORT))


# `within`: the bytes that show where arrays, inline tables and dotted keys are; `=` is kept
# so that an array's first `[` (always after `=` on its line) never looks like a header's.
_STRUCTURE = b"[{=.\n"
_OTHER_BYTES = bytes(sorted(set(range(256)) - set(_STRUCTURE)))
_MANY_DOTS = re.compile(rb"\.(?:[^.\n]*+\.){%d}" % (MAX_KEY_PARTS - 1))
def within(raw: bytes) -> bool:
    """Whether `raw` (UTF-8), if it is TOML, is certainly within every limit; False when unsure."""
    for start in range(0, len(raw) - _SHORT + 1, _SHORT):  # bytes are at least as many as characters
        if raw.find(b"\n", start, start + _SHORT) < 0:
            return False  # a line of at least this many bytes
    marks = raw.translate(None, _OTHER_BYTES)
    if b"{" in marks:
        return False
    headers = marks.count(b"\n[[") + marks.startswith(b"[[")
    if marks.count(b"[") != 2 * headers:  # an array, or a header that is not alone at its line's start
        return False
    return marks.count(b".") < MAX_KEY_PARTS or _MANY_DOTS.search(marks) is None


# Tokens of the careful scan. In a key, `.` separates parts; in a value it is part of a number.
_SPACE = re.compile(r"[ \t]+")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\[^\n])*+"?')  # an unterminated string ends at the line's end
_LITERAL = re.compile(r"'[^'\n]*+'?")
_ML_BASIC = re.compile(r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*+(?:"""(?:""?+)?+)?')
_ML_LITERAL = re.compile(r"'''(?:[^']|'(?!''))*+(?:'''(?:''?+)?+)?")
_BARE_KEY = re.compile(r"[A-Za-z0-9_\-]+")
_BARE_VALUE = re.compile(r"[A-Za-z0-9_\-+:.]+")
_COMMENT = re.compile(r"#[^\n]*")


def check(text: str) -> None:
    """Raise `TooComplex` when `text` is past a limit; linear in its length."""
    pos, end, line = 0, len(text), 1
    simple = _SIMPLE if _short_lines(text) else _BOUNDED
    while pos < end:
        skipped = simple.match(text, pos).end()
        line += text.count("\n", pos, skipped)
        if skipped < end:
            skipped, line = _careful(text, skipped, line)
        pos = skipped


def _careful(text: str, pos: int, line: int) -> tuple[int, int]:
    """Scan from the start of a line that `_SIMPLE` did not take to the start of the next line
    outside any bracket and string (or the end); (that position, its line)."""
    end = len(text)
    line_start = pos
    stack: list[str] = []  # open `[` and `{` of values
    key = True  # at a key: a statement's start, a header, or after `{` or `,` in an inline table
    header = False
    parts, chars = 1, 0  # of the key being read
    while pos < end:
        c = text[pos]
        if c == "\n":
            _line_length(pos - line_start, line)
            pos += 1
            line += 1
            line_start = pos
            if not stack:
                return pos, line
            key, header, parts, chars = stack[-1] == "{", False, 1, 0
            continue
        column = pos - line_start + 1
        if c == " " or c == "\t":
            pos = _SPACE.match(text, pos).end()
        elif c == "#":
            pos = _COMMENT.match(text, pos).end()
        elif c == '"' or c == "'":
            if text.startswith(c * 3, pos):
                stop = (_ML_BASIC if c == '"' else _ML_LITERAL).match(text, pos).end()
                line, line_start = _lines_within(text, pos, stop, line, line_start)
            else:
                stop = (_BASIC if c == '"' else _LITERAL).match(text, pos).end()
            if key:
                chars = _key_chars(chars + stop - pos, line, column)
            pos = stop
        elif key and c == ".":
            parts += 1
            if parts > MAX_KEY_PARTS:
                _refuse(f"键的层次过多：超过 {MAX_KEY_PARTS} 段", line, column)
            pos += 1
        elif key and (m := _BARE_KEY.match(text, pos)):
            chars = _key_chars(chars + m.end() - pos, line, column)
            pos = m.end()
        elif not key and (m := _BARE_VALUE.match(text, pos)):
            if m.end() - pos > MAX_WORD_CHARS:
                _refuse(f"数值或日期的写法超过 {MAX_WORD_CHARS} 个字符", line, column)
            pos = m.end()
        else:
            pos += 1
            if c == "[" and key and not stack and not header and parts == 1 and not chars:
                header = key = True  # a `[table]` or `[[table]]` header, whose name is a key
                parts, chars = 1, 0
                if text.startswith("[", pos):
                    pos += 1
            elif c == "[" or c == "{":
                stack.append(c)
                if len(stack) > MAX_DEPTH:
                    _refuse(f"嵌套过深：数组或内联表超过 {MAX_DEPTH} 层", line, column)
                key, parts, chars = c == "{", 1, 0
            elif c == "]" or c == "}":
                if stack:
                    stack.pop()
                header = key = False
            elif c == "=":
                key = False
            elif c == ",":
                key, parts, chars = bool(stack) and stack[-1] == "{", 1, 0
    _line_length(pos - line_start, line)
    return pos, line


def _key_chars(chars: int, line: int, column: int) -> int:
    if chars > MAX_WORD_CHARS:
        _refuse(f"键过长：超过 {MAX_WORD_CHARS} 个字符", line, column)
    return chars


def _line_length(length: int, line: int) -> None:
    if length > MAX_LINE_CHARS:
        _refuse(f"一行超过 {MAX_LINE_CHARS} 个字符", line, MAX_LINE_CHARS + 1)


def _lines_within(text: str, start: int, stop: int, line: int, line_start: int) -> tuple[int, int]:
    """(line, start of line) after the multi-line string text[start:stop]; refuses a long line in it."""
    if text.find("\n", start, stop) < 0:
        return line, line_start
    pieces = text[line_start:stop].split("\n")
    for i, piece in enumerate(pieces[:-1]):
        _line_length(len(piece), line + i)
    return line + len(pieces) - 1, text.rfind("\n", start, stop) + 1


def _refuse(reason: str, line: int, column: int) -> None:
    raise TooComplex(reason, line, column)
