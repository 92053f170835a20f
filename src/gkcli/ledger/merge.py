"""Merging two branches' versions of an append-only ledger file (a git merge driver).

Git's built-in `union` merge is not safe here: where both sides appended blocks that
share lines (`[[case]]`, `applicant = "business"` …) it keeps the shared lines once
and interleaves the rest, silently corrupting records. Since ledgers only grow, the
right merge is: our file, then whatever their side appended after the common base.
"""

from __future__ import annotations


def merge_appends(base: bytes, ours: bytes, theirs: bytes) -> bytes | None:
    """Ours followed by their new blocks; None when a side changed existing bytes."""
    if not (ours.startswith(base) and theirs.startswith(base)):
        return None
    added = theirs[len(base) :]
    if not added.strip() or ours.endswith(added):
        return ours
    if ours == base:
        return theirs
    separator = b"" if ours.endswith(b"\n\n") else b"\n" if ours.endswith(b"\n") else b"\n\n"
    return ours + separator + added.lstrip(b"\n")
