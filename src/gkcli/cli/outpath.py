"""Output files (`-o`): never onto anything a book is made of, replaced whole or not at all."""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from ..errors import GkcliError
from ..ledger import layout

OPTION = "-o"
REFUSED_HINT = "请换一个文件名，或写到账本以外的文件夹；未写入任何内容。"


def books_around(path: Path) -> list[Path]:
    """Every book the path lies within: the folders above it that hold a gkcli.toml."""
    return [folder for folder in path.parents if (folder / layout.CONFIG_NAME).is_file()]


def check_target(target: str, book: Path | None = None) -> Path:
    """The path `-o TARGET` names, once it is known to be a file gkcli may replace; else exit 2."""
    if not target.strip():
        raise GkcliError("输出文件名不能为空", where=OPTION)
    path = Path(target)
    try:
        resolved = path.resolve()
        if any(part.casefold() == ".git" for part in resolved.parts):
            raise _refused(target, "git 仓库中的文件")
        for root in ([book] if book else []) + books_around(resolved):
            if resolved == root.resolve():
                raise _refused(target, f"账本文件夹 {root}")
            if layout.is_book_file(root, resolved):
                raise _refused(target, f"账本 {root} 中 gkcli 读取或管理的文件（账本、配置、正文、节假日、锁或 git 文件）")
        if path.is_dir() or target.endswith(("/", os.sep)):
            raise GkcliError(f"「{target}」是文件夹，不是文件", where=OPTION, hint="请写出文件名，如 年报2024.md。")
        parent = resolved.parent
        if not parent.is_dir():
            raise GkcliError(f"输出文件夹「{path.parent}」不存在", where=OPTION)
        limit = _name_max(parent)
        if len(os.fsencode(resolved.name)) > limit:
            raise GkcliError(f"文件名「{path.name}」太长（本文件系统最多 {limit} 字节）", where=OPTION)
        if not os.access(parent, os.W_OK | os.X_OK):
            raise GkcliError(f"没有权限在「{path.parent}」中写入文件", where=OPTION)
    except OSError as exc:
        raise _os_error(target, exc) from None
    except ValueError:  # a NUL in the name
        raise GkcliError(f"「{target}」不是有效的文件名", where=OPTION) from None
    return path


def replace(path: Path, data: bytes, where: str = OPTION) -> None:
    """Write `data` to `path` atomically: a temporary file beside it, fsynced, then renamed over it.

    A failure at any point leaves the old file as it was and no temporary file behind.
    A device or pipe that already exists (/dev/stdout, a FIFO) is written to directly.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _os_error(str(path), exc, where) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_through(path, data, where)
        return
    # a short name of our own: `.<name>.tmp` would be too long for a name near the limit
    tmp = path.with_name(f".gkcli-out-{os.getpid()}-{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            if st is not None:
                os.chmod(fd, stat.S_IMODE(st.st_mode))  # replacing a file keeps its permissions
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        _sync_folder(path.parent)
    except OSError as exc:
        raise _os_error(str(path), exc, where) from None
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _write_through(path: Path, data: bytes, where: str) -> None:
    try:
        fd = os.open(path, os.O_WRONLY)
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
    except OSError as exc:
        raise _os_error(str(path), exc, where) from None


def _sync_folder(folder: Path) -> None:
    """The rename itself reaches the disk (best effort: some file systems cannot fsync a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def _refused(target: str, what: str) -> GkcliError:
    return GkcliError(f"「{target}」是{what}，不能用作输出文件", where=OPTION, hint=REFUSED_HINT)


def _os_error(target: str, exc: OSError, where: str = OPTION) -> GkcliError:
    if exc.errno == errno.ENAMETOOLONG:
        return GkcliError(f"文件名「{target}」太长", where=where)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return GkcliError(f"没有权限写入「{target}」", where=where)
    if exc.errno == errno.ENOSPC:
        return GkcliError(f"磁盘已满，未能写入「{target}」；原有文件未改动", where=where)
    return GkcliError(f"无法写入「{target}」：{exc.strerror or exc}", where=where)
