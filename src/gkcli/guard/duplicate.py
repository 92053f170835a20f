"""A probable duplicate: the same application or review entered a second time."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def refuse_probable_duplicates(root: Path, records: list[tuple[str, Any]]) -> None:
    """Refuse a new case or review that repeats one already in the book (see docs/guide.md)."""
    # filled in by the duplicate rail: same received date, applicant and subject (and personal
    # data where given) for a case; same kind, filing date and case for a review
