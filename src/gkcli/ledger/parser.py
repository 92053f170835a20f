"""The TOML parser ledgers are read with: `toml-rs` when installed, else the stdlib `tomllib`.

Both read TOML 1.0 into the same plain values (`dict`, `list`, `str`, `int`, `bool`,
`datetime.date` …); `toml-rs` is about ten times faster, which is what keeps a
province-sized book quick (see docs/performance.md). Error positions are only
ever taken from `tomllib` (`strict_loads`), so findings read the same whichever
parser is installed. Every text goes through `limits.check` first: neither parser is safe
on deeply nested values (see ledger/limits.py). This module must not know what a ledger
record is.
"""

from __future__ import annotations

import re
from typing import Any

from . import limits

_fast: Any = False  # the toml_rs module once imported, None when not installed; imported on first use (appends never need it)


def _fast_parser() -> Any:
    global _fast
    if _fast is False:
        try:  # optional: pip install toml-rs
            import toml_rs as module
        except ImportError:  # pragma: no cover - depends on the installation
            module = None
        _fast = module
    return _fast


def name() -> str:
    return "toml-rs" if _fast_parser() is not None else "tomllib"


_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


class ParseError(ValueError):
    """Not TOML. `line`/`column` are 1-based positions in the parsed text, 0 when unknown."""

    def __init__(self, reason: str, line: int = 0, column: int = 0):
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.column = column


def loads(text: str, raw: bytes | None = None) -> dict[str, Any]:
    """Parse with the fastest parser available; raises `ParseError` without a reliable position
    (with one when the text is past a limit). `raw`, the text's UTF-8 bytes when at hand, lets a
    large file be seen to be within the limits quickly."""
    fast = _fast_parser()
    if fast is None:
        return strict_loads(text)
    if raw is None or not limits.within(raw):
        _check_limits(text)
    try:
        return fast.loads(text, toml_version="1.0.0")
    except (ValueError, RecursionError) as exc:  # toml-rs's TOMLDecodeError is a ValueError
        raise ParseError(str(exc).splitlines()[-1] if str(exc) else "TOML 语法错误") from None


def strict_loads(text: str) -> dict[str, Any]:
    """Parse with `tomllib`; a `ParseError` carries tomllib's reason, line and column."""
    import tomllib  # imported here: appends never parse a whole block

    _check_limits(text)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        detail = str(exc)
        m = _POSITION.search(detail)
        reason = _POSITION.sub("", detail).strip()
        raise ParseError(reason, int(m.group(1)) if m else 0, int(m.group(2)) if m else 0) from None
    except ValueError:  # tomllib's int() past Python's digit limit; `limits` refuses such numbers first
        raise ParseError("数值过长") from None
    except RecursionError:  # deeply nested arrays or inline tables; `limits` refuses them first
        raise ParseError("嵌套层次过深") from None


def _check_limits(text: str) -> None:
    try:
        limits.check(text)
    except limits.TooComplex as exc:
        raise ParseError(exc.reason, exc.line, exc.column) from None
