"""Guard rails of every append, run under the book lock before anything is written.

Every command that appends records (single, bulk, import, load, corrections) hands them
to `commit`, which refuses them with a Chinese message and exit 2, writing nothing, when
a rail says so: a date after today (`future`), a probable duplicate of a record already
in the book (`duplicate`), a correction that moves a concluded case into another year
(`moved`), or a change to the figures of a closed year (`closed`). A deliberate change
to a closed year is let through with a reason (`--reopen`), and a reopen record for
that year is written in the same batch.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, NamedTuple


class Entry(NamedTuple):
    """How the person entering records wants the rails applied (the command's options)."""

    today: date  # dates after it are refused (`--today`, default the real date)
    reopen: str = ""  # reason for a deliberate change to a closed year (`--reopen`)
    duplicate_ok: bool = False  # a probable duplicate is a real second record (`--duplicate-ok`)
    move_year: bool = False  # a corrected answer may move the case's conclusion into another year (`--move-year`)


def admit(root: Path, records: list[tuple[str, Any]], entry: Entry) -> list[tuple[str, Any]]:
    """`records` as they should be written, with a reopen record ahead of them for each closed
    year they change when `entry.reopen` gives a reason; raises `GkcliError` when a rail refuses them."""
    from . import closed, duplicate, future, moved

    future.refuse_future_dates(records, entry.today)
    if not entry.duplicate_ok:
        duplicate.refuse_probable_duplicates(root, records)
    if not (entry.move_year or entry.reopen):
        moved.refuse_moved_conclusions(root, records)
    return closed.reopenings(root, records, entry) + records


def commit(root: Path, records: list[tuple[str, Any]], entry: Entry) -> dict[Path, int]:
    """Run the rails on `records` and append them in one batch; the caller holds `write.book_lock`.
    Returns how many records went to each ledger file."""
    return append_admitted(root, records, admit(root, records, entry))


def append_admitted(root: Path, records: list[tuple[str, Any]], admitted: list[tuple[str, Any]]) -> dict[Path, int]:
    """Append what `admit` gave for `records` in one batch, and tell the clerk of each closed year it
    reopened. Returns how many records went to each ledger file, the callers' own files first."""
    import sys

    from ..ledger import write
    from ..safe_text import message

    written = write.append_batch(root, admitted)
    for _, reopen in admitted[: len(admitted) - len(records)]:  # the reopen records `admit` put ahead
        # Said whatever -q says, like a rolled-back batch: the clerk must know the year is open again.
        print(message(f"注意：已重新打开 {reopen.year} 年（原因：{reopen.reason}），该年度的数字随这次登记改变；"
                      f"核对后可再次运行 gkcli close {reopen.year} 定稿。"), file=sys.stderr)
    if len(written) > 1:  # a reopen record went ahead to closes.toml: the callers name their own records' file first
        written = dict(sorted(written.items(), key=lambda item: item[0].stem == "closes"))
    return written
