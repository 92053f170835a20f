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


# What the operating system refused, in words a clerk can act on (errno → reason, what to do).
_PERMISSION = ("没有权限", "请检查该文件及其所在文件夹的读写权限。")
_OS_REASONS: dict[str, tuple[str, str]] = {
    "EACCES": _PERMISSION,
    "EPERM": _PERMISSION,
    "EROFS": ("所在的文件系统是只读的，不能写入", "请换一个可以写入的位置，或请管理员以可写方式挂载。"),
    "ENOSPC": ("磁盘已满", "请腾出磁盘空间后重试。"),
    "EDQUOT": ("超出磁盘配额", "请腾出空间或请管理员提高配额后重试。"),
    "ENOENT": ("文件或文件夹不存在", ""),
    "ENOTDIR": ("路径中有一级不是文件夹", ""),
    "EISDIR": ("是文件夹，不是文件", ""),
    "EEXIST": ("已存在", ""),
    "ENOTEMPTY": ("文件夹不是空的", ""),
    "ENAMETOOLONG": ("文件名太长", ""),
    "ELOOP": ("符号链接层数太多（可能指向自身）", ""),
    "EIO": ("读写出错（磁盘或设备故障）", "请检查磁盘后重试。"),
    "EMFILE": ("同时打开的文件太多", ""),
    "ENFILE": ("同时打开的文件太多", ""),
    "EFBIG": ("文件太大", ""),
    "EBUSY": ("正被占用", ""),
    "ETXTBSY": ("正被占用", ""),
    "ENOLCK": ("无法加锁（文件系统不支持文件锁）", "请把账本放在本机磁盘上。"),
}


def os_reason(exc: OSError) -> tuple[str, str]:
    """(why, what to do) for an operating-system error; an errno without words of its own is named."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    return _OS_REASONS.get(name) or (f"操作系统报告错误 {name or exc.errno}", "")


def os_error(exc: OSError, path: object = None, note: str = "") -> GkcliError:
    """One line naming the path the operating system refused and why (exit 2); `note` says what
    became of the command's work (e.g. that nothing was written)."""
    import os

    target = exc.filename if path is None else path
    reason, hint = os_reason(exc)
    where = os.fsdecode(target) if isinstance(target, (str, bytes, os.PathLike)) else ""
    return GkcliError(reason + (f"；{note}" if note else ""), where=where, hint=hint)
