"""Merging two branches' versions of an append-only ledger file (a git merge driver).

Git's built-in `union` merge is not safe here: where both sides appended blocks that
share lines (`[[case]]`, `applicant = "business"` …) it keeps the shared lines once
and interleaves the rest, silently corrupting records. Since ledgers only grow, the
right merge is: our file, then every block their side added since the common base.

Blocks are compared as byte chunks from one `[[` header line to the next (whatever a
block ends with — blank lines, comments, an end line — belongs to it), never parsed.
Two equal blocks added on both sides are two facts recorded twice: both are kept, and
`check` reports them as probable duplicates (L11). After an earlier merge a side's file
is no longer its base followed by new bytes (the other side's blocks were put after its
own), so blocks are counted, not matched by position.
"""

from __future__ import annotations

import re
from collections import Counter

_HEADER = re.compile(rb"^[ \t]*\[\[", re.MULTILINE)
_LOOSE_LINE = re.compile(rb"^[ \t]*[^#\s]", re.MULTILINE)  # a line that is neither blank nor a comment


def merge_appends(base: bytes, ours: bytes, theirs: bytes) -> bytes | None:
    """Ours followed by every block theirs added; None when a side changed or removed existing blocks."""
    if theirs == base or ours == base:  # one side changed nothing (git itself merges these)
        return theirs if ours == base else ours
    added = theirs[len(base) :] if ours.startswith(base) and theirs.startswith(base) and _ends_clean(base) else None
    if added is not None and not _LOOSE_LINE.search(head := _split(added)[0]):
        # The usual case: both sides only appended whole blocks after the base (equal to some
        # of ours or not: all kept). A file both sides created gets one title.
        if not base and head == _split(ours)[0]:
            added = added[len(head) :]
        return _joined(ours, added.lstrip(b"\r\n")) if added.strip() else ours
    base_head, base_blocks = _split(base)
    ours_head, ours_blocks = _split(ours)
    theirs_head, theirs_blocks = _split(theirs)
    if base_head.strip() and not (ours_head == base_head == theirs_head):
        return None  # the lines above the first block were edited
    kept = Counter(map(_key, base_blocks))
    if not (Counter(map(_key, ours_blocks)) >= kept and Counter(map(_key, theirs_blocks)) >= kept):
        return None  # a side edited or removed an existing block: not an append
    new: list[bytes] = [] if theirs_head in (base_head, ours_head) else [theirs_head]
    for block in theirs_blocks:
        key = _key(block)
        if kept[key]:
            kept[key] -= 1  # one of the base's blocks, already in ours
        else:
            new.append(block)
    return _joined(ours, b"".join(_terminated(b) for b in new)) if new else ours


def _split(text: bytes) -> tuple[bytes, list[bytes]]:
    """The lines above the first block, and each block from its header to the next header."""
    starts = [m.start() for m in _HEADER.finditer(text)]
    if not starts:
        return text, []
    ends = starts[1:] + [len(text)]
    return text[: starts[0]], [text[s:e] for s, e in zip(starts, ends)]


def _key(block: bytes) -> bytes:
    # A file's last block lacks the blank line that follows the others.
    return block.rstrip(b" \t\r\n")


def _ends_clean(base: bytes) -> bool:
    """Whether `base` ends with a complete line (bytes added after it may still continue its last block)."""
    return not base or base.endswith(b"\n")


def _terminated(block: bytes) -> bytes:
    """A block followed by one blank line, as appends separate blocks."""
    return _key(block) + b"\n\n"


def _joined(ours: bytes, added: bytes) -> bytes:
    """Ours, a blank line, the added blocks (without a final blank line)."""
    separator = b"" if ours.endswith(b"\n\n") or not ours else b"\n" if ours.endswith(b"\n") else b"\n\n"
    return ours + separator + added.rstrip(b"\n") + b"\n"
