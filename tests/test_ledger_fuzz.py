"""Random hostile ledgers: whatever a ledger holds, `check`, `report`, `due` and `case list`
end with exit 0, 1 or 2 and a message, never a traceback, and write nothing.

The ledgers are written as text (not through a TOML library), so they hold what no library
writes: NaN and infinite numbers, dates of year 1 and 9999, integers thousands of digits
long, NUL and control characters, nesting, dotted keys, and a cut at any byte.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import Gk
from gkcli.cli.app import app
from gkcli.ledger.schema import TABLES

_TEMPLATE: list[Path] = []
COMMANDS = (("check",), ("report", "2024", "-f", "json"), ("due", "--today", "2024-12-31"), ("case", "list"))


def _book() -> Gk:
    if not _TEMPLATE:
        _TEMPLATE.append(Path(tempfile.mkdtemp()) / "book")
        assert CliRunner().invoke(app, ["init", str(_TEMPLATE[0]), "--agency", "测试县人民政府"]).exit_code == 0
    root = Path(tempfile.mkdtemp()) / "book"
    shutil.copytree(_TEMPLATE[0], root)
    return Gk(root)


def _basic(text: str) -> str:
    """A TOML basic string: control characters escaped, everything else as it is."""
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(f"\\u{ord(c):04x}" if ord(c) < 0x20 or ord(c) == 0x7F else c for c in out) + '"'


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
PLAIN = st.sampled_from(
    [
        '"2024-0001"', '"2024-0002"', '"R-1"', '"business"', '"natural_person"', '"granted"', '"penalty"', '"fee"',
        '"publication"', '"website"', '"online"', '"reconsideration"', '"upheld"', '"1234.56"', '"甄三丰"', "2024-03-01",
        "2024-06-30", "2024-12-31", "2023-12-29", "20", "1", "0", "true", "false",
    ]
)
HOSTILE = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.integers(1, 4500).map(lambda n: "9" * n),  # past every limit: the parser's, Python's int() and the schema's
    st.sampled_from(["nan", "+inf", "-inf", "1e308", "-0.0", "1.5", "0x7fffffffffffffff", "9223372036854775807", "999999999999", "1000000", "-1"]),
    st.sampled_from(["0001-01-01", "9999-12-31", "1999-12-31", "3000-01-01", "2024-02-29", "2024-01-01T00:00:00", "00:00:00"]),
    st.sampled_from(['"0001-01-01"', '"9999-12-31"', '"2024年2月30日"', '"1e999999999"', '"0.' + "0" * 3000 + '1"', '"-1"', '""']),
    TEXT.map(_basic),
    st.sampled_from(["[]", "{}", '["a", 1]', "{a = 1}", "[" * 40 + "]" * 40, "{a = " * 40 + "1" + "}" * 40, "'lit'", '"""\nml\n"""']),
)
VALUE = PLAIN | HOSTILE
FIELD_NAMES = sorted({f.name for t in TABLES.values() for f in t.fields})
KEY = st.sampled_from(FIELD_NAMES) | st.sampled_from(["x", "a.b.c", '"quoted key"', ".".join("k" * 20), "k" * 300])


_DATES = st.sampled_from(["2024-03-01", "2024-06-28", "2024-12-31", "2023-12-29"])
_VALID = {
    "id": st.sampled_from(['"2024-0001"', '"2024-0002"']),
    "case": st.sampled_from(['"2024-0001"', '"2024-0002"']),
    "review": st.just('"2024-0001"'),
    "days": st.sampled_from(["1", "20", "366"]),
    "period": st.sampled_from(["1", "15"]),
    "count": st.sampled_from(["0", "1", "1000000000"]),
    "amount": st.sampled_from(['"12.50"', '"999999999999999"']),
    "amend": st.just("true"),
}


def _valid(field) -> st.SearchStrategy[str]:
    """A value the field's reader accepts, mostly: records get through to tallies and deadlines."""
    codes = getattr(field.read, "codes", None)
    if codes:
        return st.sampled_from(sorted(codes)).map(_basic)
    if field.name in _VALID:
        return _VALID[field.name]
    if field.name in ("date", "received", "filed", "confirmed"):
        return _DATES
    return TEXT.map(_basic)


@st.composite
def blocks(draw) -> str:
    table = draw(st.sampled_from([*TABLES, "bogus"]))
    lines = [f"[[{table}]]"]
    for f in TABLES[table].fields if table in TABLES else ():
        if f.required or draw(st.booleans()):
            lines.append(f"{f.name} = {draw(_valid(f) if draw(st.integers(0, 3)) else VALUE)}")
    lines += [f"{key} = {draw(VALUE)}" for key in draw(st.lists(KEY, max_size=2, unique=True))]
    if draw(st.booleans()):
        lines.append("# 完")
    return "\n".join(lines) + "\n"


NOISE = st.sampled_from(["", "\n", "# 注释 [[[{{{\n", "[[case]\n", "x = [\n", "[table]\n", "a" + ".b" * 40 + " = 1\n", "\ufeff", "\r\n", "\x00"])


@st.composite
def ledgers(draw) -> bytes:
    parts = draw(st.lists(blocks() | NOISE, max_size=6))
    raw = "\n".join(parts).encode("utf-8", "surrogatepass")
    if raw and draw(st.booleans()):  # an append cut short anywhere
        raw = raw[: draw(st.integers(0, len(raw)))]
    return raw


FILES = st.sampled_from(["ledger/2024/cases.toml", "ledger/2024/events.toml", "ledger/2024/reviews.toml", "ledger/2023/cases.toml", "holidays.toml"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files=st.lists(st.tuples(FILES, ledgers()), min_size=1, max_size=3, unique_by=lambda f: f[0]))
def test_no_ledger_content_ends_in_a_traceback(files):
    gk = _book()
    try:
        for name, raw in files:
            path = gk.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(raw)
        before = gk.snapshot()
        for args in COMMANDS:
            result = gk(*args)
            assert result.exit_code in (0, 1, 2), (args, result.exit_code, repr(result.exception))
            assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
            assert "Traceback" not in result.stdout + result.stderr
            if result.exit_code == 2:
                assert result.stderr.startswith("错误："), result.stderr
        assert gk.snapshot() == before
    finally:
        shutil.rmtree(gk.root.parent, ignore_errors=True)
