"""All-or-nothing appends to several ledger files: a rollback journal, as SQLite keeps one.

Before the first byte of a batch reaches any ledger, the journal — each target file and
its length, or that it did not exist — is written beside the ledgers, fsynced and renamed
into place. Then every file is appended to and fsynced; removing the journal is the
commit. A crash before that leaves the journal behind: the next command that takes the
book lock cuts each file back to the length recorded (removing the files the batch
created) and only then goes on. Only bytes the unfinished batch itself added are ever
cut: a file shorter than its recorded length is left as it is and reported.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import GkcliError
from . import layout
from .durable import fsync_dir as _fsync_dir
from .durable import write_all as _write_all

NAME = layout.JOURNAL_NAME
_TEMP = NAME + ".tmp"
_HEAD = "# gkcli：批量写入进行中；写入中断时，下一条命令据此撤销未完成的写入。请勿修改或删除。\n"
_ABSENT = -1


def pending(root: Path) -> bool:
    return os.path.lexists(root / NAME)


def begin(root: Path, paths: list[Path]) -> None:
    """Record every target file's length, durably, before any of them is written."""
    lines = [_HEAD]
    for path in paths:
        size = path.stat().st_size if path.exists() else _ABSENT
        lines.append(f"{path.relative_to(root).as_posix()}\t{size}\n")
    temp = root / _TEMP
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        _write_all(fd, "".join(lines).encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, root / NAME)
    _fsync_dir(root)


def commit(root: Path) -> None:
    os.unlink(root / NAME)
    _fsync_dir(root)


def roll_back(root: Path) -> list[str]:
    """Undo the batch a journal left behind (the caller holds the book lock); what was done, in Chinese."""
    try:
        entries = _read(root)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise GkcliError(
            f"账本中有未完成的批量写入，但其记录文件 {NAME} 无法读取（{exc}），未做任何修改",
            where=str(root / NAME),
            hint="请核对各账本文件末尾最近写入的记录；确认无误后删除该文件。",
        ) from None
    done = []
    for rel, size in entries:
        path = root / rel
        current = path.stat().st_size if path.exists() else _ABSENT
        if size == _ABSENT and current != _ABSENT:
            os.unlink(path)
            done.append(f"删除了本次新建的 {rel}")
        elif current > size >= 0:
            fd = os.open(path, os.O_WRONLY)
            try:
                os.ftruncate(fd, size)
                os.fsync(fd)
            finally:
                os.close(fd)
            done.append(f"{rel} 截去末尾未完成写入的 {current - size} 字节")
        elif current < size:
            done.append(f"{rel} 比写入前还短（{current} < {size} 字节），未作改动，请核对")
    for folder in {(root / rel).parent for rel, _ in entries}:
        if folder.is_dir():
            _fsync_dir(folder)
    commit(root)
    return done


def _read(root: Path) -> list[tuple[str, int]]:
    entries = []
    ledgers = (root / layout.LEDGER_DIR).resolve()
    for line in (root / NAME).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        rel, size = line.rsplit("\t", 1)
        path = (root / rel).resolve()
        if ledgers not in path.parents or int(size) < _ABSENT:  # never touch anything but a ledger file
            raise ValueError(f"不是账本文件：{rel}")
        entries.append((rel, int(size)))
    return entries


def clear_temp(root: Path) -> None:
    """A journal that was never renamed into place: its batch wrote nothing."""
    if not os.path.lexists(root / _TEMP):  # unlink would fail on a read-only file system even then
        return
    try:
        os.unlink(root / _TEMP)
    except FileNotFoundError:
        pass
