"""Reading one large ledger file in a child process gives exactly what reading all in one process gives."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gkcli import beside
from gkcli.ledger import read
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
    """Every file counts as large; returns the number of children started so far."""
    monkeypatch.setenv("GKCLI_CACHE", "0")
    monkeypatch.setattr(read, "ASIDE_BYTES", 0)
    started = [0]
    real = beside.Beside._start

    def counted(self):
        started[0] += 1
        real(self)

    monkeypatch.setattr(beside.Beside, "_start", counted)
    return started


TAILS = ["", '[[case]]\nid = "x"\nreceived = 2024-02-30\n', "[[answer]]\ncase = \"2024-0001\"\nda", "not toml at all [[\n", "\xff"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 200), st.integers(0, 100), st.sampled_from(TAILS), st.sampled_from(["2022", "2023", "2024"]))
def test_a_file_read_aside_gives_the_same_records_and_findings(small_files_aside, monkeypatch, tmp_path_factory, cases, seed, tail, year):
    root = write_book(tmp_path_factory.mktemp("book"), cases, seed)
    with (root / "ledger" / year / "cases.toml").open("ab") as f:
        f.write(tail.encode("utf-8", "surrogateescape") if tail != "\xff" else b"\xff")
    before = small_files_aside[0]
    assert everything(root) == one_process(root, monkeypatch)
    assert small_files_aside[0] == before + 1  # one file was read in a child


def test_a_child_that_fails_is_replaced_by_the_parent(small_files_aside, monkeypatch, tmp_path):
    root = write_book(tmp_path / "book", 60)
    expected = one_process(root, monkeypatch)
    parent, real = os.getpid(), read._read_as_columns

    def only_in_the_parent(*args):
        if os.getpid() != parent:
            os._exit(3)  # as if killed
        return real(*args)

    monkeypatch.setattr(read, "_read_as_columns", only_in_the_parent)
    assert everything(root) == expected
