"""Errors and findings: the one vocabulary every stage uses to report a problem.

`InputError` stops a command (exit 2); a `Finding` is a value collected by
reading and validation and printed all at once (see beancount's error lists).
"""

from __future__ import annotations

from typing import NamedTuple

from .safe_text import message as shown

ERROR = "error"
WARNING = "warning"
LEVEL_LABELS = {ERROR: "错误", WARNING: "警告"}


class Source(NamedTuple):
    """Where a record or a problem comes from: a ledger file and line, or an argument."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")


class Finding(NamedTuple):
    code: str
    level: str
    message: str
    where: str = ""  # "file:line" for ledger problems, a table cell path for identities

    def to_json(self) -> dict:
        return {"code": self.code, "level": self.level, "message": self.message, "where": self.where}

    def __str__(self) -> str:
        # the terminal form: values from a ledger or a document cut and with control characters visible
        prefix = f"{self.where}: " if self.where else ""
        return shown(f"{prefix}{LEVEL_LABELS[self.level]} {self.code}：{self.message}")


class GkcliError(Exception):
    """Bad input: an argument, a book or a ledger gkcli cannot use. Exit code 2."""

    exit_code = 2

    def __init__(self, message: str, where: str = "", hint: str = "", findings: tuple[Finding, ...] = ()):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint
        self.findings = findings

    def __str__(self) -> str:
        # the terminal form: an echoed argument cut and with control characters visible
        text = f"{self.where}: {self.message}" if self.where else self.message
        return shown(f"{text}\n提示：{self.hint}" if self.hint else text)


def argument_error(option: str, message: str, hint: str = "") -> GkcliError:
    return GkcliError(message, where=f"参数 {option}", hint=hint)
