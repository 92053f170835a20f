"""Where records live in a book.

A record goes to `ledger/<year>/<file>.toml`, where year is the year of the record's
own date (the day the fact happened) and file groups kinds: a closed year's files
stop changing, current appends touch only this year's files, and each file stays
small enough to read and merge by eye.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path, PurePath

CONFIG_NAME = "gkcli.toml"
LEDGER_DIR = "ledger"
LOCK_NAME = ".gkcli.lock"  # the id index; the lock itself is taken on the book's folder
JOURNAL_NAME = ".gkcli-journal"  # a batch being written (ledger/journal.py)
HOLIDAYS_NAME = "holidays.toml"  # the book's own working-day calendar (optional)
NARRATIVE_DIR = "narrative"  # narrative/<year>.md, the report's text (narrative/read.py)
NOTICES_DIR = "notices"  # notices/<kind>.md, the book's letter templates (notices/letter.py)

# What gkcli reads or manages in a book, which an output file must never replace.
# Folders: everything below them. Files: at the book's top level; `.gkcli*` covers the
# lock and any state file gkcli keeps beside it (the bulk-write journal).
BOOK_FOLDERS = (LEDGER_DIR, NARRATIVE_DIR, NOTICES_DIR, "templates", ".git")
BOOK_FILES = (CONFIG_NAME, HOLIDAYS_NAME, LOCK_NAME, ".gitattributes", ".gitignore", ".gitmodules")
STATE_PREFIX = ".gkcli"

# record table -> file stem
FILE_OF_TABLE = {
    "case": "cases",
    "answer": "cases",
    "correction_requested": "cases",
    "correction_received": "cases",
    "extension": "cases",
    "consultation": "cases",
    "consultation_end": "cases",
    "fee_notice": "cases",
    "fee_paid": "cases",
    "withdrawal": "cases",
    "case_amend": "cases",
    "case_void": "cases",
    "event": "events",
    "event_amend": "events",
    "event_void": "events",
    "review": "reviews",
    "decision": "reviews",
    "review_amend": "reviews",
    "review_void": "reviews",
    "close": "closes",
    "reopen": "closes",
    "notice": "notices",
}
FILE_TITLES = {
    "cases": "政府信息公开申请及办理记录",
    "events": "主动公开事项记录",
    "reviews": "行政复议、行政诉讼记录",
    "closes": "年度定稿记录",
    "notices": "告知书编号记录",
}


def ledger_path(root: Path, table: str, day: date) -> Path:
    return root / LEDGER_DIR / str(day.year) / f"{FILE_OF_TABLE[table]}.toml"


def ledger_files(root: Path, stem: str = "*") -> list[Path]:
    """Every ledger file of the book, oldest year first (the order records are read in)."""
    return sorted((root / LEDGER_DIR).glob(f"*/{stem}.toml"))


def is_book_file(root: Path, path: Path) -> bool:
    """Whether `path` is the book at `root`, or something in it gkcli reads or manages.

    Both are resolved (symlinks, `..`) and compared case-insensitively, as on the file
    systems of macOS and Windows: `LEDGER/2024/Cases.toml` there is the ledger. A part
    of the book that is a link to elsewhere (`ledger` kept on another disk) counts where
    it leads as well.
    """
    target = _folded(path)
    book = _folded(root)
    if target == book:
        return True
    if book in target.parents:
        parts = target.relative_to(book).parts
        top = parts[0]
        if top in _FOLDERS or (len(parts) == 1 and (top in _FILES or top.startswith(STATE_PREFIX))):
            return True
    for name in BOOK_FOLDERS:
        if (root / name).is_symlink():
            real = _folded(root / name)
            if target == real or real in target.parents:
                return True
    return any((root / name).is_symlink() and _folded(root / name) == target for name in BOOK_FILES)


def _folded(path: Path) -> PurePath:
    return PurePath(str(path.resolve()).casefold())


_FOLDERS = {name.casefold() for name in BOOK_FOLDERS}
_FILES = {name.casefold() for name in BOOK_FILES}
