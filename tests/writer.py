"""A writer process for the concurrency and crash tests: appends through the real CLI code, in a loop.

usage: python writer.py BOOK TAG COUNT [bulk]
Each case's subject is "TAG-i", so a test can tell whose records are where.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

from gkcli.cli.app import app


def run(book: str, tag: str, count: int) -> None:
    for i in range(count):
        day = (date(2024, 1, 1) + timedelta(days=i % 365)).isoformat()
        code = app(["--book", book, "-q", "case", "add", "--received", day, "--applicant", "business", "--subject", f"{tag}-{i}"], standalone_mode=False)
        assert code == 0, code
        if i % 2 == 0:
            code = app(["--book", book, "-q", "event", "add", "penalty", "--date", day, "--title", f"{tag}-{i}"], standalone_mode=False)
            assert code == 0, code


def bulk(book: str, tag: str, count: int) -> None:
    """Large writes through `append_batch` (what bulk input uses): a kill can cut one short."""
    from gkcli.ledger import write
    from gkcli.model import Case

    root = Path(book)
    for n in range(count):
        with write.book_lock(root):
            cases = [Case(f"{tag}-{n}-{i}", date(2024, 3, 1), "business", "online", f"{tag}-{n}-{i} " + "事" * 50) for i in range(600)]
            write.append_batch(root, [("case", c) for c in cases])


if __name__ == "__main__":
    (bulk if sys.argv[4:] == ["bulk"] else run)(sys.argv[1], sys.argv[2], int(sys.argv[3]))
