"""The fast parser (toml-rs) and the stdlib parser give identical records and findings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gkcli.ledger import limits, parser
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


# --- Texts no parser is safe on (ledger/limits.py) -------------------------------------------

# Each about 100 KB: 5,000 nested inline tables, 10,000 nested arrays (both crashed toml-rs
# with a segfault), and dotted keys of 50,000 parts (tomllib: over a minute).
PATHOLOGICAL = {
    "inline tables": (b"[[case]]\nx = " + b"{a = " * 5000 + b"1" + b"}" * 5000 + b"\n", 2, "嵌套过深"),
    "arrays": (b"[[case]]\nx = " + b"[" * 10000 + b"]" * 10000 + b"\n", 2, "嵌套过深"),
    "dotted key": (b'[[case]]\nid = "1"\n' + b"x" + b".a" * 50000 + b" = 1\n", 3, "键的层次过多"),
    "dotted header": (b"[[case" + b".a" * 50000 + b"]]\n", 1, "键的层次过多"),
}


def _limit_findings(gk, raw: bytes, argv_prefix=()):
    path = gk.root / "ledger" / "2024" / "cases.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b'[[event]]\nkind = "penalty"\ndate = 2024-01-02\n\n' + raw)
    return path


def test_pathological_ledgers_are_refused_in_a_fresh_process(gk, tmp_path):
    """A fresh process, as a clerk runs it: a segfault inside the parser would kill it (exit -11)."""
    import os
    import subprocess
    import sys

    for name, (raw, line, reason) in PATHOLOGICAL.items():
        _limit_findings(gk, raw)
        env = os.environ | {"GKCLI_CACHE_DIR": str(tmp_path / "cache")}
        result = subprocess.run([sys.executable, "-m", "gkcli", "--book", str(gk.root), "check"], capture_output=True, text=True, timeout=60, env=env)
        assert result.returncode == 1, (name, result.returncode, result.stderr[-500:])
        assert f"ledger/2024/cases.toml:{line + 4}:" in result.stdout and reason in result.stdout and "L1" in result.stdout, (name, result.stdout)
        assert "Traceback" not in result.stderr


def test_pathological_ledgers_are_refused_quickly_with_either_parser(gk, monkeypatch):
    """Linear: each 100 KB file is refused in well under a second (bound generous for a loaded
    machine; before the limits, the dotted key took over a minute in tomllib)."""
    import time

    for name, (raw, line, reason) in PATHOLOGICAL.items():
        _limit_findings(gk, raw)
        seen = []
        for fast in (False, None):  # toml-rs as installed, then tomllib only
            with monkeypatch.context() as m:
                if fast is None:
                    m.setattr(parser, "_fast", None)
                start = time.perf_counter()
                result = gk("check", "--format", "json")
                elapsed = time.perf_counter() - start
            assert elapsed < 5, (name, elapsed)
            assert result.exit_code == 1, (name, result.stdout, result.exception)
            seen.append(result.stdout)
            assert reason in result.stdout and f"ledger/2024/cases.toml:{line + 4}" in result.stdout, (name, result.stdout)
        assert seen[0] == seen[1], name  # the same findings whichever parser reads


def test_limits_name_the_line_and_the_reason():
    cases = {
        "x = " + "[" * 33 + "]" * 33 + "\n": (1, "嵌套过深"),
        "a = 1\nx = [\n" + "[\n" * 40: (34, "嵌套过深"),
        "x = {a = {b = {c = 1}}}\ny = " + "{k = " * 33 + "1" + "}" * 33 + "\n": (2, "嵌套过深"),
        "k" + ".k" * 16 + " = 1\n": (1, "键的层次过多"),
        "[t" + ".t" * 16 + "]\n": (1, "键的层次过多"),
        '"' + "k" * 5000 + '" = 1\n': (1, "键过长"),
        "x = " + "1" * 4097 + "\n": (1, "数值或日期的写法超过"),
        'x = "' + "字" * 70000 + '"\n': (1, "一行超过"),
        'a = """\n' + "b" * 70000 + '\n"""\n': (2, "一行超过"),
    }
    for text, (line, reason) in cases.items():
        for parse in (parser.loads, parser.strict_loads):
            with pytest.raises(parser.ParseError) as exc:
                parse(text)
            assert exc.value.line == line and reason in exc.value.reason, (text[:40], exc.value.line, exc.value.reason)


def test_brackets_dots_and_quotes_inside_strings_and_comments_count_for_nothing():
    """Only the structure counts: text that merely looks nested is read as it always was."""
    deep = "[" * 100 + "{" * 100 + "." * 100
    text = (
        f'[[case]]\nsubject = "{deep}\\"{deep}"\nnote = \'{deep}\'\n# {deep}\n'
        f'title = """\n{deep}\n\\"""{deep}\n"""\nother = \'\'\'{deep}\n\'\'\'\n'
        f'x = [[1, [2]], {{a.b.c = "{deep}"}}]  # {deep}\n"a.b" . c = 1\n[t.u]\nv = 1979-05-27 07:32:00\n'
    )
    assert parser.loads(text, text.encode()) == parser.strict_loads(text)
    assert parser.strict_loads(text)["case"][0]["subject"] == f'{deep}"{deep}'


_LEAVES = st.one_of(
    st.integers(-(2**63), 2**63 - 1).map(str),
    st.sampled_from(['"[{"', "'.]'", '"a\\"b"', "true", "1979-05-27", '"""\n[[\n"""', "'''{{'''", "1.5e3"]),
)


def _nest(inner):
    keys = st.sampled_from(["a", "b.c", '"q.[" . r', "d . e . f"])
    arrays = st.lists(inner, max_size=3).map(lambda xs: ("[" + ", ".join(t for t, _ in xs) + "]", 1 + max((d for _, d in xs), default=0)))
    tables = st.lists(st.tuples(keys, inner), max_size=2).map(
        lambda kvs: ("{" + ", ".join(f"{k}{i} = {t}" for i, (k, (t, _)) in enumerate(kvs)) + "}", 1 + max((d for _, (_, d) in kvs), default=0))
    )
    return arrays | tables


VALUES_WITH_DEPTH = st.recursive(_LEAVES.map(lambda t: (t, 0)), _nest, max_leaves=12)


@settings(max_examples=150, deadline=None)
@given(value=VALUES_WITH_DEPTH, nest=st.integers(0, 40), dots=st.integers(0, 20), space=st.sampled_from(["", " ", "\n"]))
def test_limits_see_exactly_the_structure(value, nest, dots, space):
    """Refused exactly when values nest too deep or a key has too many parts, wherever brackets,
    dots and quotes stand in strings; and the quick look at a large file's bytes never passes
    what the careful scan refuses."""
    text, depth = value
    for _ in range(nest):
        text, depth = f"[{space}{text}{space}]", depth + 1
    text = f"x = {text}\n" + "k" + " . k" * dots + " = 1\n"
    too_complex = depth > limits.MAX_DEPTH or dots + 1 > limits.MAX_KEY_PARTS
    try:
        parser.strict_loads(text)
        refused = False
    except parser.ParseError as exc:
        refused = True
        assert too_complex, (exc.reason, exc.line)
    assert refused == too_complex
    if limits.within(text.encode()):
        limits.check(text)


@settings(max_examples=150, deadline=None)
@given(pieces=st.lists(st.sampled_from(list('[]{}="\'#\n .,:-_09ak\t\\') + ["[[case]]\n", "x = ", "a.b.c", "\n[[", "9" * 40]), max_size=80))
def test_the_quick_look_never_passes_what_the_careful_scan_refuses(pieces):
    """`within` vouches for a text only when `check` agrees (for any text a parser reads)."""
    text = "".join(pieces)
    try:
        parser.strict_loads(text)
    except parser.ParseError:
        return
    if limits.within(text.encode()):
        limits.check(text)
