"""A year's narrative: the report's text sections, written by the office in the book.

`narrative/<year>.md` holds an opening paragraph and one `##` part per report section,
with figures written as placeholders (`{applications.new.total}`) that are filled from
the tally, so text and tables cannot disagree. This package reads and fills that text;
it never computes a figure itself (see `figures`) and never renders.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Source
from ..model import NOWHERE

HEADING = "heading"  # a subheading inside a section (### in the file)
PARAGRAPH = "paragraph"
MISSING = "missing"  # a note standing in for text the book does not have


@dataclass(frozen=True, slots=True)
class Block:
    kind: str
    text: str
    source: Source = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Narrative:
    """Blocks before the first section (the opening) and blocks per section code, in file order."""

    path: str
    opening: tuple[Block, ...] = ()
    sections: tuple[tuple[str, tuple[Block, ...]], ...] = ()

    def section(self, code: str) -> tuple[Block, ...] | None:
        return dict(self.sections).get(code)
