"""A corrected answer must not silently move a concluded case into another year."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def refuse_moved_conclusions(root: Path, records: list[tuple[str, Any]]) -> None:
    """Refuse an answer marked `amend` dated in another year than the answer it corrects."""
