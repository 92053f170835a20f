"""Event ids: old id-less events get stable derived ids that never disturb the E<year>-NNNN sequence."""

from __future__ import annotations

import json
from datetime import date

from conftest import Gk

from gkcli.event_ids import derived_id, prefix
from gkcli.model import Event


def _old_events(count: int) -> str:
    """Id-less events as a book written before events had ids holds them (distinct facts)."""
    return "".join(f'[[event]]\nkind = "penalty"\ndate = 2024-06-03\ncount = {n + 1}\n# 完\n\n' for n in range(count))


def test_derived_ids_are_stable_distinct_and_kept_apart_from_the_sequence(gk):
    gk.write("ledger/2024/events.toml", _old_events(300))
    listed = [e["id"] for e in json.loads(gk.ok("event", "list", "--format", "json"))]
    assert len(set(listed)) == 300
    assert all(i.startswith(prefix(2024) + "x") for i in listed)
    assert listed == [e["id"] for e in json.loads(gk.ok("event", "list", "--format", "json"))]  # stable
    # 300 digests include some made only of digits; the next entered id still starts the sequence
    assert gk.ok("event", "add", "penalty", "--date", "2024-07-01", "--today", "2024-07-01").strip().splitlines()[-1] == "E2024-0001"


def test_identical_old_events_get_different_ids_in_reading_order():
    event = Event("penalty", date(2024, 6, 3))
    assert derived_id(event, 0) != derived_id(event, 1)
    assert derived_id(event, 0) == derived_id(event._replace(source=event.source), 0)


def test_a_moved_book_keeps_old_event_ids_and_the_sequence(gk, tmp_path):
    gk.write("ledger/2024/events.toml", _old_events(300))
    exported = gk.ok("export")
    other = tmp_path / "other"
    gk.ok("init", str(other), "--agency", "某机关")
    moved = Gk(other)
    moved.ok("load", "-", input=exported)
    ids = [[e["id"] for e in json.loads(book.ok("event", "list", "--format", "json"))] for book in (gk, moved)]
    assert ids[0] == ids[1]
    assert moved.ok("event", "add", "penalty", "--date", "2024-07-01", "--today", "2024-07-01").strip().splitlines()[-1] == "E2024-0001"
