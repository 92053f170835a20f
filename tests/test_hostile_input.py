"""Hostile and broken ledgers: every one ends in findings (exit 0/1) or a clear message (exit 2).

Never a traceback, a hang or a write. Examples are small and few enough to keep the
suite quick; each one runs `check` and `report` in-process on a fresh book.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import Gk
from gkcli.cli.app import app

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_TEMPLATE: Path | None = None


def _book() -> Gk:
    """A fresh empty book, copied from one made once (init through the CLI each time is slower)."""
    global _TEMPLATE
    if _TEMPLATE is None:
        _TEMPLATE = Path(tempfile.mkdtemp()) / "book"
        assert CliRunner().invoke(app, ["init", str(_TEMPLATE), "--agency", "测试县人民政府"]).exit_code == 0
    root = Path(tempfile.mkdtemp()) / "book"
    shutil.copytree(_TEMPLATE, root)
    return Gk(root)


def _assert_handled(gk: Gk, *commands: tuple[str, ...]) -> None:
    before = gk.snapshot()
    for args in commands:
        result = gk(*args)
        assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.exception)
        assert not result.exception or isinstance(result.exception, SystemExit), (args, repr(result.exception))
        assert "Traceback" not in result.stderr
        if result.exit_code == 2:
            assert result.stderr.startswith("错误："), result.stderr
    assert gk.snapshot() == before
    shutil.rmtree(gk.root.parent, ignore_errors=True)


def _ledger(raw: bytes, name: str = "ledger/2024/cases.toml") -> Gk:
    gk = _book()
    path = gk.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return gk


READS = (("check",), ("check", "--format", "json"), ("report", "2024", "--format", "json"), ("case", "list", "--format", "json"))


@FAST
@given(raw=st.binary(max_size=400))
def test_random_bytes(raw):
    _assert_handled(_ledger(raw), *READS)


@FAST
@given(text=st.text(alphabet=st.sampled_from(list('[]{}="\'#\n .,:-_ 0123456789abcdefcaseidtrue申请\t\\')), max_size=300))
def test_random_toml_like_text(text):
    _assert_handled(_ledger(text.encode("utf-8")), *READS)


SCALARS = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=False),
    st.dates(),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=3), max_leaves=8)
FIELDS = st.sampled_from(["id", "received", "applicant", "channel", "subject", "case", "date", "outcome", "amend", "kind", "count", "amount"])
BLOCK = st.dictionaries(FIELDS | st.text(min_size=1, max_size=8), VALUES | st.sampled_from(["2024-0001", "business", "granted", "penalty"]), max_size=6)


@FAST
@given(tables=st.dictionaries(st.sampled_from(["case", "answer", "event", "review", "decision", "bogus"]), st.lists(BLOCK, min_size=1, max_size=3), max_size=3))
def test_random_records_of_wrong_types(tables):
    """Valid TOML with any keys and any value types in the record tables."""
    _assert_handled(_ledger(tomli_w.dumps(tables).encode("utf-8")), *READS)


@FAST
@given(value=VALUES, key=st.text(min_size=1, max_size=10))
def test_random_top_level_values(value, key):
    _assert_handled(_ledger(tomli_w.dumps({key: value}).encode("utf-8")), *READS)


_CASE = b'[[case]]\nid = "2024-0001"\nreceived = 2024-03-01\napplicant = "business"\n\n'
HOSTILE = {
    "not UTF-8": b'[[case]]\nid = "\xff\xfe"\nreceived = 2024-01-01\napplicant = "business"\n',
    "UTF-16": '[[case]]\nid = "2024-0001"\n'.encode("utf-16"),
    "deep arrays": b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "deep inline tables": b"x = " + b"{a = " * 3000 + b"1" + b"}" * 3000 + b"\n",
    "duplicate keys": b'[[case]]\nid = "2024-0001"\nid = "2024-0002"\nreceived = 2024-01-01\napplicant = "business"\n',
    "huge string": b'[[case]]\nid = "2024-0001"\nreceived = 2024-01-01\napplicant = "business"\nsubject = "' + b"x" * 2_000_000 + b'"\n',
    "huge count": b'[[event]]\nkind = "penalty"\ndate = 2024-01-01\ncount = 9223372036854775807\n',
    "huge count as text": b'[[event]]\nkind = "penalty"\ndate = 2024-01-01\ncount = "1' + b"1" * 5000 + b'"\n',
    "huge amount": b'[[event]]\nkind = "fee"\ndate = 2024-01-01\namount = "1' + b"0" * 5000 + b'"\n',
    "huge id": b'[[case]]\nid = "' + b"9" * 100_000 + b'"\nreceived = 2024-01-01\napplicant = "business"\n',
    "year 9999": b'[[case]]\nid = "9999-0001"\nreceived = 9999-12-31\napplicant = "business"\n',
    "year 1": b'[[case]]\nid = "0001-0001"\nreceived = 0001-01-01\napplicant = "business"\n',
    "datetime for date": b'[[case]]\nid = "2024-0001"\nreceived = 2024-01-01T10:00:00\napplicant = "business"\n',
    "table instead of array": b'[case]\nid = "2024-0001"\n',
    "inline array of tables": b'case = [{id = "2024-0001", received = 2024-01-01, applicant = "business"}]\n',
    "many blocks one bad": b"".join(b'[[event]]\nkind = "penalty"\ndate = 2024-01-%02d\n\n' % (d % 28 + 1) for d in range(2000)) + b"[[event]\n",
    "NUL bytes": b'[[case]]\nid = "2024\x00"\n',
    "header only": b"[[case]]",
    "lone bracket": b"[",
    "count of 5,000 digits": b'[[event]]\nkind = "penalty"\ndate = 2024-01-01\ncount = ' + b"1" * 5000 + b"\n",
    "count of 4,000 digits": b'[[event]]\nkind = "penalty"\ndate = 2024-01-01\ncount = ' + b"1" * 4000 + b"\n",
    "extension of 999999999999 days": _CASE + b'[[extension]]\ncase = "2024-0001"\ndate = 2024-03-05\ndays = 999999999999\napprover = "x"\n',
    "correction period of 999999999999 days": _CASE + b'[[correction_requested]]\ncase = "2024-0001"\ndate = 2024-03-05\nperiod = 999999999999\n',
    "NaN and infinite values": b'[[event]]\nkind = "fee"\ndate = 2024-01-01\namount = nan\ncount = inf\n',
    "amount with 3,000 decimals": b'[[event]]\nkind = "fee"\ndate = 2024-01-01\namount = "0.' + b"0" * 3000 + b'1"\n',
    "steps at the calendar's end": b'[[case]]\nid = "2999-0001"\nreceived = 2999-12-30\napplicant = "business"\n\n[[extension]]\ncase = "2999-0001"\ndate = 2999-12-31\ndays = 366\napprover = "x"\n',
}


def test_named_hostile_ledgers():
    for name, raw in HOSTILE.items():
        try:
            _assert_handled(_ledger(raw), *READS)
        except AssertionError as exc:
            raise AssertionError(f"{name}: {exc}") from None


@FAST
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8")))
def test_random_book_configuration(raw):
    gk = _book()
    (gk.root / "gkcli.toml").write_bytes(raw)
    _assert_handled(gk, ("check",), ("report", "2024"))


def test_hostile_configuration_values():
    for text in ('[book]\nagency = "某"\n[report]\nfee_decimals = "x"\n', "book = 1\n", '[book]\nagency = "某"\nreport = 3\n', "x = " + "[" * 3000):
        gk = _book()
        (gk.root / "gkcli.toml").write_text(text, encoding="utf-8")
        _assert_handled(gk, ("check",))


def test_dates_far_from_today_do_not_break_the_tally():
    gk = _ledger(HOSTILE["year 9999"] + b"\n" + HOSTILE["year 1"])
    _assert_handled(gk, ("check",), ("report", "9999", "--format", "json"), ("report", "2024", "--format", "json"))


def test_answers_before_year_one_are_handled():
    raw = b'[[case]]\nid = "a"\nreceived = 0001-01-01\napplicant = "business"\n\n[[answer]]\ncase = "a"\ndate = 0001-01-01\noutcome = "granted"\n'
    _assert_handled(_ledger(raw, "ledger/0001/cases.toml"), ("check",), ("report", "2000"))


def test_values_past_any_real_figure_are_l4_findings_with_their_line():
    """A count above 10^9 or a day count above 366 is a slip of the keyboard: L4 at file:line,
    not a crash in the report or a minute spent counting working days."""
    raw = (
        _CASE + b'[[extension]]\ncase = "2024-0001"\ndate = 2024-03-05\ndays = 999999999999\napprover = "x"\n\n'
        b'[[event]]\nkind = "penalty"\ndate = 2024-01-01\ncount = 1000000001\n'
    )
    gk = _ledger(raw)
    result = gk("check")
    assert result.exit_code == 1
    assert "ledger/2024/cases.toml:6: 错误 L4：[[extension]] 字段 days：工作日数过大（超过 366）" in result.stdout, result.stdout
    assert "ledger/2024/cases.toml:12: 错误 L4：[[event]] 字段 count：数量过大（超过 1,000,000,000）" in result.stdout, result.stdout
    assert gk("report", "2024").exit_code == 2
    shutil.rmtree(gk.root.parent, ignore_errors=True)


def test_appends_refuse_what_the_reader_would_refuse():
    gk = _book()
    gk.ok("case", "add", "--received", "2024-03-01", "--applicant", "business")
    for args, option in (
        (("event", "add", "penalty", "--date", "2024-01-02", "--count", "1000000001"), "--count"),
        (("case", "extend", "2024-0001", "--date", "2024-03-05", "--days", "21", "--approver", "x"), "--days"),
        (("case", "correction-requested", "2024-0001", "--date", "2024-03-05", "--period", "367"), "--period"),
    ):
        result = gk(*args)
        assert result.exit_code == 2 and result.stderr.startswith(f"错误：{option}"), (args, result.stdout, result.stderr)
    assert gk("check").exit_code == 0
    shutil.rmtree(gk.root.parent, ignore_errors=True)


def test_workdays_counted_past_the_calendars_end_stop_at_its_last_day():
    """Deadlines near 9999-12-31 end there instead of overflowing (ledger dates stop at 2999)."""
    from datetime import date

    from gkcli.clock.workdays import Calendar, nth_workday_after

    cal = Calendar()
    assert cal.nth_after(date(9999, 12, 20), 30) == date.max
    assert nth_workday_after(cal, date(9999, 12, 20), 30, [(date(9999, 12, 21), date(9999, 12, 22))]) == date.max
    assert cal.count(date(9999, 1, 1), date.max) > 250
