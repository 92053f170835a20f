"""Ids of events: `E<year>-NNNN` for events entered with one, a stable derived id for the rest.

Books written before events had ids hold id-less `[[event]]` blocks. Each gets an id
derived from its own fact (kind, date, count, amount, title, channel, category) and,
for identical facts, from how many came before it in reading order. Id-less blocks are
no longer written, so the set of them is fixed and every id stays the same as the book
grows or is merged. A derived id is `E<year>-x` and eight hexadecimal digits: the letter keeps
it apart from the `E<year>-NNNN` sequence, whose next number `lookup.next_id` reads off
the ids that end in digits after the prefix.
"""

from __future__ import annotations

from collections.abc import Iterable
from hashlib import sha1

from .model import Event


def prefix(year: int) -> str:
    """The prefix of ids entered for events dated in `year` (`lookup.next_id` numbers them)."""
    return f"E{year}-"


def derived_id(event: Event, nth: int) -> str:
    """The id of an id-less event: its fact's digest, and `nth` for the nth identical fact (0 first)."""
    fact = "\x1f".join(
        (event.kind, event.date.isoformat(), str(event.count), "" if event.amount is None else format(event.amount, "f"), event.title, event.channel, event.category)
    )
    digest = sha1(f"{fact}\x1e{nth}".encode("utf-8")).hexdigest()[:8]
    return f"{prefix(event.date.year)}x{digest}"


def with_ids(events: Iterable[Event]) -> list[Event]:
    """`events` in the same order, each id-less one given its derived id."""
    seen: dict[tuple, int] = {}
    out = []
    for e in events:
        if not e.id:
            fact = e[:-2]  # every field but id and source
            nth = seen.get(fact, 0)
            seen[fact] = nth + 1
            e = e._replace(id=derived_id(e, nth))
        out.append(e)
    return out
