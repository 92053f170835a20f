"""Append records to ledgers: locked, one write per record (or per file for a batch), flushed and fsynced.

Existing bytes are never rewritten. The book-wide lock also covers the read that
picks a new id, so concurrent `case add` calls never hand out the same id. A batch
of more than one record is written under a rollback journal (ledger/journal.py):
all of it lands, or none.
"""

from __future__ import annotations

import fcntl
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import GkcliError, os_error
from . import journal, layout, torn
from .durable import fsync_dir, missing_folders, write_all
from .schema import TABLES, to_toml_fields

_TAIL_WINDOW = 1 << 16
_END = torn.END_LINE + "\n"
UNWRITTEN = "本次未写入任何记录"


@contextmanager
def book_lock(root: Path) -> Iterator[None]:
    """The book's folder itself is locked: it is always there, so deleting a file cannot split
    writers into two groups that each believe they hold the lock. A batch that a crash left
    unfinished is rolled back first."""
    try:
        fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise GkcliError(f"无法打开账本目录：{exc.strerror}", where=str(root)) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        _recover(root)
        yield
    except OSError as exc:  # the id index, a side file of repair: the ledgers themselves are untouched
        raise os_error(exc, exc.filename or root, UNWRITTEN) from None
    finally:
        os.close(fd)  # closing releases the lock


def recover_if_pending(root: Path) -> None:
    """Roll back an unfinished batch before anything reads the book (one stat when there is none)."""
    if journal.pending(root):
        with book_lock(root):
            pass


def _recover(root: Path) -> None:
    journal.clear_temp(root)
    if not journal.pending(root):
        return
    try:
        done = journal.roll_back(root)
    except PermissionError as exc:
        raise GkcliError(
            f"账本中有未完成的批量写入需要撤销，但没有写入权限（{exc.strerror}），未做任何修改", where=str(root)
        ) from None
    # Said here, whatever the command: the clerk must know the last batch did not land.
    print("注意：上次批量写入被中断，未写完的部分已撤销，账本恢复到写入前的状态；请重新运行那次批量写入。", file=sys.stderr)
    for line in done:
        print(f"  {line}", file=sys.stderr)


def render_block(table: str, record: Any, stamp: str = "") -> str:
    # The header is written by hand: tomli_w would write a short array of tables inline,
    # and an inline array cannot be appended to.
    # The end line makes a cut anywhere in the block detectable (ledger/torn.py); the time
    # of entry on it tells when the record was made, and makes two clerks' records of the
    # same fact differ, so that git keeps both when their branches merge.
    fields = to_toml_fields(TABLES[table], record)
    return f"[[{table}]]\n" + (_plain_toml(fields) or _toml(fields)) + (f"{torn.END_LINE} {stamp}\n" if stamp else _END)


def _toml(fields: dict[str, Any]) -> str:
    import tomli_w

    return tomli_w.dumps(fields)


# what a TOML basic string must escape (TOML 1.0 §String)
_ESCAPED = re.compile(r'[\x00-\x1f\x7f"\\]')
# what a TOML literal string cannot hold: its quote and control characters
_NOT_LITERAL = re.compile(r"[\x00-\x1f\x7f']")


def _plain_toml(fields: dict[str, Any]) -> str | None:
    """The text tomli_w writes for a flat record whose values are all plain (dates, integers,
    booleans, strings that need no escape), made directly; None for any other record.
    A string with `"` or `\\` but no `'` and no control character is written as a TOML literal
    string ('...'), which needs no escape either (a close record's figures are JSON).
    A bulk input renders a hundred thousand records (tested equal to tomli_w)."""
    lines = []
    for key, value in fields.items():
        kind = type(value)
        if kind is str and not _ESCAPED.search(value):
            lines.append(f'{key} = "{value}"\n')
        elif kind is str and not _NOT_LITERAL.search(value):  # `"` or `\`: a literal string reads as written
            lines.append(f"{key} = '{value}'\n")
        elif kind is date or kind is int:
            lines.append(f"{key} = {value}\n")
        elif kind is bool:
            lines.append(f"{key} = {'true' if value else 'false'}\n")
        else:
            return None
    return "".join(lines)


def entry_time() -> str:
    """When records are entered: local time to the microsecond, as the end line of each block shows it."""
    return datetime.now().isoformat(timespec="microseconds")


def record_date(table: str, record: Any) -> date:
    return record.received if table == "case" else record.filed if table == "review" else record.date


def append(root: Path, table: str, record: Any) -> Path:
    """Append one record to the ledger file it belongs in; the caller holds `book_lock`."""
    return next(iter(append_batch(root, [(table, record)])))


def append_batch(root: Path, records: list[tuple[str, Any]]) -> dict[Path, int]:
    """Append many records: one write and one fsync per ledger file; the caller holds `book_lock`.

    Returns how many records went to each file. The caller has validated every record
    first, and every target file's tail is checked before any is written, so a batch is
    written whole or not at all (a crash leaves each file a prefix of its new blocks).
    """
    blocks: dict[Path, list[str]] = {}
    paths: dict[tuple[str, int], Path] = {}
    stamp = entry_time()
    for table, record in records:
        day = record_date(table, record)
        path = paths.get((table, day.year))
        if path is None:
            path = paths[(table, day.year)] = layout.ledger_path(root, table, day)
        blocks.setdefault(path, []).append(render_block(table, record, stamp))
    data = {path: "\n".join(texts).encode("utf-8") for path, texts in blocks.items()}  # encoded before any write
    for path in blocks:
        _refuse_torn(path)
    guarded = len(records) > 1
    if guarded:
        try:
            journal.begin(root, list(data))
        except OSError as exc:
            _forget_journal(root)
            raise os_error(exc, exc.filename or root, UNWRITTEN) from None
    try:
        for path, text in data.items():
            _append_bytes(path, text)
    except GkcliError as error:
        if guarded:  # the files written before this one are cut back too: all or nothing
            try:
                journal.roll_back(root)
            except (OSError, GkcliError):
                error.hint = "下一条 gkcli 命令会撤销这次批量写入已写入的部分。"
        raise
    if guarded:
        journal.commit(root)
    return {path: len(texts) for path, texts in blocks.items()}


def _append_bytes(path: Path, blocks: bytes) -> None:
    """One write of the blocks. When the system refuses any part of it (a full disk, no permission),
    the file is cut back to its size before, or removed with its folders if this write made them."""
    made = missing_folders(path.parent)
    created = not path.exists()
    try:
        if made:
            path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError as exc:
        _remove_new(None, made)
        raise os_error(exc, path, UNWRITTEN) from None
    size = None  # before the first byte is written, nothing needs undoing
    try:
        size = os.fstat(fd).st_size
        if size == 0:
            title = layout.FILE_TITLES[path.stem]
            lead = f"# {title}（{path.parent.name}年）。只追加：更正请追加新记录，不要修改已有记录；{torn.MARK_NOTE}。\n\n"
        else:  # a blank line between blocks; repair a missing final newline left by a hand edit
            lead = "\n" if os.pread(fd, 1, size - 1) == b"\n" else "\n\n"  # its tail was checked by `_refuse_torn`
        write_all(fd, lead.encode("utf-8") + blocks)
        os.fsync(fd)
        if created:
            fsync_dir(path.parent)
    except OSError as exc:
        undone = _cut_back(fd, size)
        if undone and created:
            _remove_new(path, made)
        raise _unwritten(path, exc, undone) from None
    finally:
        os.close(fd)


def _cut_back(fd: int, size: int | None) -> bool:
    """The file back to `size` bytes, durably; False if even that was refused."""
    if size is None:
        return True
    try:
        os.ftruncate(fd, size)
        os.fsync(fd)
    except OSError:
        return False
    return True


def _remove_new(path: Path | None, folders: list[Path]) -> None:
    """A ledger file, and the folders, that a refused write made: nothing is left behind."""
    try:
        if path is not None:
            path.unlink()
        for folder in folders:
            folder.rmdir()
    except OSError:  # someone wrote there meanwhile: theirs now
        pass


def _unwritten(path: Path, exc: OSError, undone: bool) -> GkcliError:
    if undone:
        return os_error(exc, path, f"{UNWRITTEN}，账本文件恢复为写入前的样子")
    error = os_error(exc, path, "写入未完成，且未能撤销")
    error.hint = "运行 gkcli check 查看账本末尾不完整的记录，再运行 gkcli repair 把它移到旁边。"
    return error


def _forget_journal(root: Path) -> None:
    """The journal of a batch whose journal could not be written whole: no ledger was written yet
    (we hold the lock, and any earlier journal was rolled back when it was taken)."""
    for name in (journal.NAME, journal.NAME + ".tmp"):
        try:
            os.unlink(root / name)
        except OSError:
            pass


def _refuse_torn(path: Path) -> None:
    if path.exists() and path.stat().st_size:
        fd = os.open(path, os.O_RDONLY)
        try:
            _check_tail(fd, path, os.fstat(fd).st_size)
        finally:
            os.close(fd)


def _check_tail(fd: int, path: Path, size: int) -> bool:
    """Whether the file ends with a newline; refuses to append after a torn record (it would be buried)."""
    start = max(0, size - _TAIL_WINDOW)
    head = os.pread(fd, 1024, 0).partition(b"\n")[0] if start else None
    tail = torn.torn_tail(os.pread(fd, size - start, start), head)
    if tail and tail.level == torn.CUT:
        raise GkcliError(
            "账本文件的最后一条记录不完整（上次写入可能被中断），本次未写入任何内容",
            where=str(path),
            hint="先运行 gkcli repair 把不完整的记录移到旁边，再重新登记。",
        )
    return os.pread(fd, 1, size - 1) == b"\n"
