"""Reading a book on two cores (ledger/parallel.py) gives exactly what reading it in one process gives."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gkcli import beside
from gkcli.ledger import cache, parallel
from gkcli.ledger.read import read_book

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from books import write_book  # noqa: E402

pytestmark = pytest.mark.skipif(not beside.AVAILABLE, reason="no fork here: files are read one after the other")


def everything(root: Path):
    book, findings = read_book(root)
    records = [(r, str(r.source)) for part in (book.cases, book.steps, book.events, book.reviews, book.decisions) for r in part]
    return records, findings


def one_process(root: Path, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(beside, "AVAILABLE", False)
        return everything(root)


@pytest.fixture
def small_files_aside(monkeypatch):
    """Every file counts as large; returns the number of children forked so far."""
    monkeypatch.setenv("GKCLI_CACHE", "0")
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    forked = [0]
    real = os.fork

    def counted():
        forked[0] += 1
        return real()

    monkeypatch.setattr(os, "fork", counted)
    return forked


TAILS = ["", '[[case]]\nid = "x"\nreceived = 2024-02-30\n', "[[answer]]\ncase = \"2024-0001\"\nda", "not toml at all [[\n", "\xff"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 200), st.integers(0, 100), st.sampled_from(TAILS), st.sampled_from(["2022", "2023", "2024"]))
def test_files_read_in_a_child_give_the_same_records_and_findings(small_files_aside, monkeypatch, tmp_path_factory, cases, seed, tail, year):
    root = write_book(tmp_path_factory.mktemp("book"), cases, seed)
    with (root / "ledger" / year / "cases.toml").open("ab") as f:
        f.write(tail.encode("utf-8", "surrogateescape") if tail != "\xff" else b"\xff")
    before = small_files_aside[0]
    assert everything(root) == one_process(root, monkeypatch)
    assert small_files_aside[0] == before + 1  # one file was read in a child


def test_a_child_that_fails_is_replaced_by_the_parent(small_files_aside, monkeypatch, tmp_path):
    root = write_book(tmp_path / "book", 60)
    expected = one_process(root, monkeypatch)
    parent, real = os.getpid(), parallel._read_part

    def only_in_the_parent(*args):
        if os.getpid() != parent:
            os._exit(3)  # as if killed
        return real(*args)

    monkeypatch.setattr(parallel, "_read_part", only_in_the_parent)
    assert everything(root) == expected


_MULTILINE = '[[case]]\nid = "2024-9003"\nreceived = 2024-06-01\napplicant = "business"\nsubject = """多行\n[[case]]\n内容"""\n\n'


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(1, 300), st.sampled_from(TAILS), st.integers(0, 3), st.booleans(), st.booleans())
@example(cases=100, tail="", where=0, multiline=True, bom=False)  # a header-like line in the part read first
@example(cases=100, tail="", where=3, multiline=True, bom=True)  # ... in the part read by the child
@example(cases=100, tail="", where=0, multiline=False, bom=False)  # a clean file, cut in two
def test_the_tail_of_one_file_read_in_a_child_gives_the_same_reading(small_files_aside, monkeypatch, tmp_path_factory, cases, tail, where, multiline, bom):
    """One large file: the child reads its tail from a header line on; whatever the file holds
    (a bad or torn last block, a multi-line string with a header-like line, a byte-order mark),
    the records, lines and findings are those of one process reading it whole."""
    root = write_book(tmp_path_factory.mktemp("book"), cases, 5)
    for other in ("2022", "2023"):
        for path in (root / "ledger" / other).glob("*.toml"):
            path.unlink()
    path = root / "ledger" / "2024" / "cases.toml"
    text = path.read_text(encoding="utf-8")
    if multiline:  # somewhere in the file, maybe where it is cut
        blocks = text.split("\n[[")
        at = 1 + (len(blocks) - 1) * where // 4  # after the file's opening comment
        text = "\n[[".join(blocks[:at] + [_MULTILINE.removeprefix("[[").rstrip("\n")] + blocks[at:])
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8") + (tail.encode() if tail != "\xff" else b"\xff"))
    assert everything(root) == one_process(root, monkeypatch)


def test_a_process_with_other_threads_is_not_forked(small_files_aside, monkeypatch, tmp_path):
    import threading

    root = write_book(tmp_path / "book", 30)
    expected = one_process(root, monkeypatch)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        forked = small_files_aside[0]
        assert everything(root) == expected
        assert small_files_aside[0] == forked  # read in this process alone
    finally:
        release.set()
        other.join()
