"""A progress bar for long imports: rich, on stderr, only on an interactive terminal.

Nothing at all when stderr is piped or redirected, with NO_COLOR, with -q, or for a
few hundred records or fewer (they take well under a second).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")
THRESHOLD = 300


def shown(count: int, quiet: bool) -> bool:
    return count > THRESHOLD and not quiet and sys.stderr.isatty() and not os.environ.get("NO_COLOR")


def track(items: Sequence[T], description: str, quiet: bool = False) -> Iterable[T]:
    if not shown(len(items), quiet):
        return items
    from rich.console import Console
    from rich.progress import track as rich_track

    return rich_track(items, description=description, console=Console(stderr=True), transient=True)
