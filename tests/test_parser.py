"""The fast parser (toml-rs) and the stdlib parser give identical records and findings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gkcli.ledger import parser
from gkcli.ledger.read import read_ledger
from gkcli.ledger.schema import TABLES
from gkcli.ledger.write import render_block
from gkcli.model import Case, CaseStep, Event

pytest.importorskip("toml_rs")

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
DAYS = st.dates(min_value=__import__("datetime").date(2000, 1, 1), max_value=__import__("datetime").date(2999, 12, 31))
CASES = st.builds(Case, id=st.from_regex(r"[0-9A-Za-z]{1,8}", fullmatch=True), received=DAYS, applicant=st.sampled_from(["natural_person", "business", "other_org"]), channel=st.sampled_from(["", "online", "mail"]), subject=TEXT)
ANSWERS = st.builds(CaseStep, kind=st.just("answer"), case=TEXT, date=DAYS, outcome=st.sampled_from(["granted", "partial", "other_other"]), amend=st.booleans())
EVENTS = st.builds(Event, kind=st.sampled_from(["penalty", "fee", "publication"]), date=DAYS, count=st.integers(0, 10**6), title=TEXT)
BLOCKS = st.lists(st.one_of(CASES.map(lambda r: render_block("case", r)), ANSWERS.map(lambda r: render_block("answer", r)), EVENTS.map(lambda r: render_block("event", r))), max_size=12)
NOISE = st.sampled_from(["", "# 备注\n", "\n", "  \n", 'x = "stray"\n', "[[case]]\n", "[[answer\n", 'id = "dup"\nid = "dup"\n', "\ufeff"])


def _read(raw: bytes):
    records = {name: [] for name in TABLES}
    findings = []
    read_ledger(raw, "ledger/2024/cases.toml", records, findings)
    return records, [(f.code, f.level, f.where, f.message) for f in findings]


def _both(raw: bytes, monkeypatch):
    fast = _read(raw)
    with monkeypatch.context() as m:
        m.setattr(parser, "_fast", None)
        slow = _read(raw)
    return fast, slow


@settings(max_examples=150, deadline=None)
@given(blocks=BLOCKS, noise=st.lists(st.tuples(st.integers(0, 12), NOISE), max_size=2))
def test_fast_and_stdlib_parsers_read_the_same(blocks, noise):
    import _pytest.monkeypatch

    for at, text in noise:
        blocks.insert(min(at, len(blocks)), text)
    raw = "\n".join(blocks).encode("utf-8")
    mp = _pytest.monkeypatch.MonkeyPatch()
    try:
        fast, slow = _both(raw, mp)
    finally:
        mp.undo()
    assert fast[0] == slow[0]
    assert [[r.source for r in rs] for rs in fast[0].values()] == [[r.source for r in rs] for rs in slow[0].values()]
    assert fast[1] == slow[1]


def test_the_sample_book_reads_the_same(monkeypatch, sample):
    from gkcli.ledger.read import read_book

    fast = read_book(sample.root)
    monkeypatch.setattr(parser, "_fast", None)
    assert read_book(sample.root) == fast


def test_parser_reads_toml_1_0_only():
    """toml-rs would accept TOML 1.1 by default; tomllib reads 1.0, so both must refuse 1.1."""
    with pytest.raises(parser.ParseError):
        parser.loads('x = {a = 1,\n b = 2}\n')
    with pytest.raises(parser.ParseError):
        parser.strict_loads('x = {a = 1,\n b = 2}\n')
