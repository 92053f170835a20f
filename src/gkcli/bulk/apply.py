"""Plan and write a batch under the book lock: all records or none."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GkcliError
from ..guard import Entry, admit, append_admitted
from ..guard.duplicate import book_at_hand
from ..ledger import write
from ..loader import load_usable_book
from .convert import Converted, Kind
from .plan import Plan, plan


@dataclass(slots=True)
class Applied:
    plan: Plan
    written: dict[Path, int] = field(default_factory=dict)  # ledger file → records appended
    skipped: list[str] = field(default_factory=list)  # bad input records left out (--skip-bad)
    reasons: list = field(default_factory=list)  # the findings that made them bad


def apply(root: Path, kind: Kind, items: list[Converted], entry: Entry, dry_run: bool = False, skip_bad: bool = False) -> Applied:
    """Raises with every bad record unless `skip_bad`; writes nothing when `dry_run`. The guard
    rails of `entry` run on the whole batch, dry run or not: all of it is written, or none."""
    with write.book_lock(root):  # held from reading the book to writing, so ids stay unique
        book, _ = load_usable_book(root)
        result = plan(book, kind, items)
        skipped: list[str] = []
        reasons = []
        while result.errors and skip_bad and result.bad:  # leaving a record out can expose another
            skipped += dict.fromkeys(result.bad)
            reasons += result.errors
            result = plan(book, kind, [c for c in items if c.where not in set(skipped)])
        if result.errors:
            count = len(set(result.bad))
            raise GkcliError(f"{count} 条记录有误，未写入任何内容", findings=tuple(result.errors), hint="修正后重新运行；已在账本中的记录不会重复写入。")
        with book_at_hand(root, book):  # the rails weigh the batch against the book read above
            admitted = admit(root, result.new, entry)
        written = {} if dry_run else append_admitted(root, result.new, admitted)
    return Applied(result, written, skipped, reasons)
