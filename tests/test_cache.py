"""The cache of large ledger files: reading through it gives exactly what reading the files gives."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gkcli.ledger import cache
from gkcli.ledger.read import read_book

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from books import write_book  # noqa: E402


def everything(root: Path):
    """Every record with its file:line, and every finding, of a fresh read."""
    book, findings = read_book(root)
    records = [(r, str(r.source)) for part in (book.cases, book.steps, book.events, book.reviews, book.decisions) for r in part]
    return records, findings


def fresh_reading(root: Path):
    """`everything(root)` with the cache turned off."""
    os.environ["GKCLI_CACHE"] = "0"
    try:
        return everything(root)
    finally:
        del os.environ["GKCLI_CACHE"]


@pytest.fixture
def cached_always(monkeypatch, tmp_path):
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.setenv("GKCLI_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 300), st.integers(0, 1000), st.sampled_from(["", "[[case]]\nid = \"x\"\nreceived = 2024-02-30\n", "[[answer]]\ncase = \"2024-0001\"\nda"]))
def test_cached_reading_equals_fresh_reading(cached_always, tmp_path_factory, cases, seed, tail):
    root = write_book(tmp_path_factory.mktemp("book"), cases, seed)
    with (root / "ledger" / "2024" / "cases.toml").open("a", encoding="utf-8") as f:
        f.write(tail)  # a bad or torn last block: its findings are cached too
    fresh = everything(root)
    rel = "ledger/2024/cases.toml"
    assert cache.load(root, rel, (root / rel).read_bytes()) is not None  # the first read filled the cache
    assert everything(root) == fresh


def test_a_changed_file_is_read_again(cached_always, tmp_path):
    root = write_book(tmp_path / "book", 30)
    before = everything(root)
    path = root / "ledger" / "2024" / "cases.toml"
    assert len(list(cached_always.glob("*.pickle"))) == 6  # one per ledger file
    path.write_text(path.read_text(encoding="utf-8").replace('"business"', '"research"', 1), encoding="utf-8")  # same size
    after = everything(root)
    assert after != before and after == everything(root) == everything(root)
    assert len(list(cached_always.glob("*.pickle"))) == 6  # one per ledger file: the old content's entry is gone


def test_no_cache_when_turned_off_or_unwritable(cached_always, tmp_path, monkeypatch):
    root = write_book(tmp_path / "book", 30)
    monkeypatch.setenv("GKCLI_CACHE", "0")
    fresh = everything(root)
    assert not cached_always.exists()
    monkeypatch.delenv("GKCLI_CACHE")
    cached_always.write_text("not a folder")  # cannot be written: read as usual
    assert everything(root) == fresh == everything(root)


appended = st.lists(
    st.sampled_from(
        [
            '\n[[case]]\nid = "2024-9001"\nreceived = 2024-06-01\napplicant = "business"\n',
            '\n[[answer]]\ncase = "2024-0001"\ndate = 2024-06-03\noutcome = "granted"\n',
            '\n[[answer]]\ncase = "2024-0002"\ndate = 2024-06-03\noutcome = "予以公开"\n',
            '\n[[case]]\nid = "2024-9002"\nreceived = 2024-02-30\napplicant = "business"\n',
            '\n[[case]]\nid = "2024-9003"\nreceived = 2024-06-01\napplicant = "business"\nsubject = """多行\n[[case]]\n内容"""\n',
            '\n[[nope]]\nx = 1\n',
            '\n[case.extra]\nx = 1\n',
            'subject = "接在上一块后面"\n',
            '\n# 手写的注释\n',
            '\r\n[[event]]\r\nkind = "penalty"\r\ndate = 2024-06-05\r\n',
            '\n[[case.sub]]\nx = 1\n',
            '\n[[case]]\nid = "2024-9004"\nreceived = 2024-06-01\n',
            '\n[[case]]\nid = "2024-9005"\nrecei',
            '\n[[event]]\nkind = "penalty"\ndate = 2024-06-05\ncount = [\n[1],\n]\n',
        ]
    ),
    min_size=1,
    max_size=4,
)


_MULTILINE = '\n[[case]]\nid = "2024-9003"\nreceived = 2024-06-01\napplicant = "business"\nsubject = """多行\n[[case]]\n内容"""\n'
_GOOD = '\n[[case]]\nid = "2024-9001"\nreceived = 2024-06-01\napplicant = "business"\n'
_FAKE_ANSWER = '\n[[case]]\nid = "2024-9006"\nreceived = 2024-06-01\napplicant = "business"\nsubject = """x\n[[answer]]\ny"""\n'
_ANSWER = '\n[[answer]]\ncase = "2024-0001"\ndate = 2024-06-03\noutcome = "granted"\n'


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 200), appended, st.booleans(), st.sampled_from([b"", b"\xff\xfe", "注".encode()[:2]]))
@example(cases=1, tails=[_MULTILINE], twice=False, junk=b"")  # a header-like line in a string: lines are given up
@example(cases=1, tails=[_MULTILINE, _GOOD], twice=True, junk=b"")  # ... and the next append does not bring them back
@example(cases=5, tails=[_GOOD, _GOOD], twice=True, junk=b"")  # read from where the reading stopped, twice
@example(cases=0, tails=[_GOOD, _FAKE_ANSWER], twice=True, junk=b"")  # a header-like line of a table not in the new part
@example(cases=0, tails=[_FAKE_ANSWER, _ANSWER], twice=True, junk=b"")  # ... or in the earlier part
def test_reading_only_what_was_appended_equals_reading_the_whole_file(cached_always, tmp_path_factory, cases, tails, twice, junk):
    """After appends (and hand edits) to a cached file, the reading is what a fresh reading gives."""
    root = write_book(tmp_path_factory.mktemp("book"), cases, 3)
    path = root / "ledger" / "2024" / "cases.toml"
    if not cases:  # a file of cases without answers
        path.write_text(_GOOD.lstrip(), encoding="utf-8")
    everything(root)  # cached as it was
    for tail in tails[:1] if twice else tails:
        with path.open("ab") as f:
            f.write(tail.encode("utf-8"))
    if twice:  # a second round, continuing from the first round's reading
        everything(root)
        with path.open("ab") as f:
            f.write("".join(tails[1:]).encode("utf-8") + junk)
    elif junk:
        with path.open("ab") as f:
            f.write(junk)
    assert everything(root) == fresh_reading(root) == everything(root)  # the last: as stored after the append


def test_a_reading_that_needed_block_by_block_is_not_continued(cached_always, tmp_path):
    """A file that parses only block by block (here a stray `case = []`) is read whole after an append."""
    root = write_book(tmp_path / "book", 0)
    path = root / "ledger" / "2024" / "cases.toml"
    path.write_text("case = []\n" + _GOOD.lstrip(), encoding="utf-8")
    everything(root)
    with path.open("a", encoding="utf-8") as f:
        f.write(_ANSWER.replace("2024-0001", "2024-9001"))
    assert everything(root) == fresh_reading(root)


def _entries(folder: Path) -> int:
    return len(list(folder.glob("*.pickle")))


def test_appends_are_kept_as_links_and_every_few_as_a_whole_entry(cached_always, tmp_path):
    """Each reading after an append keeps only the appended records, linked to the entry before;
    the chain never grows past `MAX_LINKS` links, and every reading equals a fresh one."""
    root = write_book(tmp_path / "book", 20)
    path = root / "ledger" / "2024" / "cases.toml"
    everything(root)
    base = _entries(cached_always)
    for n in range(2 * cache.MAX_LINKS + 3):
        with path.open("a", encoding="utf-8") as f:
            f.write(_GOOD.replace("9001", f"{9100 + n}"))
        assert everything(root) == fresh_reading(root) == everything(root)
        assert base <= _entries(cached_always) <= base + cache.MAX_LINKS
    assert _entries(cached_always) < base + cache.MAX_LINKS  # a whole entry was written again on the way


def test_a_chain_with_a_lost_link_is_read_afresh(cached_always, tmp_path):
    root = write_book(tmp_path / "book", 20)
    path = root / "ledger" / "2024" / "cases.toml"
    everything(root)
    for n in range(3):
        with path.open("a", encoding="utf-8") as f:
            f.write(_GOOD.replace("9001", f"{9100 + n}"))
        everything(root)
    prefix = cache.entry(root, "ledger/2024/cases.toml", b"").prefix
    chain = sorted(cached_always.glob(f"{prefix}-*.pickle"), key=lambda p: p.stat().st_mtime_ns)
    assert len(chain) == 4  # the whole entry and three links
    chain[0].unlink()  # removed by hand, or by another process
    assert everything(root) == fresh_reading(root)
    with path.open("a", encoding="utf-8") as f:
        f.write(_ANSWER)
    assert everything(root) == fresh_reading(root) == everything(root)


def test_a_full_disk_leaves_no_half_written_entry(cached_always, tmp_path, monkeypatch):
    root = write_book(tmp_path / "book", 20)
    fresh = fresh_reading(root)

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.pickle, "dump", full)
    assert everything(root) == fresh
    assert not list(cached_always.glob("*.tmp")) and not list(cached_always.glob("*.pickle"))


def test_temporary_files_of_a_killed_writer_are_removed_later(cached_always, tmp_path):
    root = write_book(tmp_path / "book", 20)
    path = root / "ledger" / "2024" / "cases.toml"
    everything(root)
    prefix = cache.entry(root, "ledger/2024/cases.toml", b"").prefix
    old, new = cached_always / f"{prefix}-x.999.tmp", cached_always / f"{prefix}-y.998.tmp"
    old.write_bytes(b"half")
    new.write_bytes(b"half")  # perhaps another process writing it now
    os.utime(old, (0, 0))
    with path.open("a", encoding="utf-8") as f:
        f.write(_GOOD)
    assert everything(root) == fresh_reading(root)
    assert not old.exists() and new.exists()
