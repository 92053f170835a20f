"""Fuzzed input from outside the book: bulk input, import mapping files and published reports.

Whatever the bytes, gkcli answers with an exit code and a message, never a traceback:
bulk input and import exit 0 or 2 and leave the book byte for byte as it was on 2;
`audit` exits 0, 1 or 2.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
import tomli_w
from conftest import SAMPLE_BOOK, Gk
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gkcli.cli.app import app

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "audit"
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _no_traceback(result, allowed: tuple[int, ...]) -> None:
    """The run ended through gkcli's own exit path with an allowed code."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in allowed, (result.exit_code, result.output[-500:])
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Gk:
    """One book for all examples of a test: accepted input makes it grow, refused input must not touch it."""
    root = tmp_path_factory.mktemp("fuzz") / "book"
    assert CliRunner().invoke(app, ["init", str(root), "--agency", "测试县某某镇人民政府"]).exit_code == 0
    gk = Gk(root)
    gk.add_case("2024-03-01")
    return gk


# --- values: what a spreadsheet, a script or a damaged file may put in a field ---------------

_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=12)  # lone surrogates and control characters too
_scalars = st.one_of(
    st.sampled_from(
        ["2024-05-10", "2025-01-02", "2024-02-30", "0001-01-01", "自然人", "企业", "granted", "不掌握", "penalty", "fee", "复议", "", "*", "张*"]
        + ["2024-0001", "1e400", "-1"]
    ),
    _text,
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3), max_leaves=6)
_keys = st.sampled_from(
    ["id", "received", "applicant", "channel", "subject", "name", "id_number", "phone", "answered", "outcome", "kind", "date", "count", "amount"]
    + ["title", "filed", "case", "decided", "result", "status", "source"]
) | _text
_VALID = {
    "case": {"received": "2024-05-10", "applicant": "企业", "subject": "用地审批", "answered": "2024-05-20", "outcome": "granted"},
    "event": {"kind": "penalty", "date": "2024-06-03", "count": 2},
    "review": {"kind": "复议", "filed": "2024-07-01", "decided": "2024-08-01", "result": "维持"},
}


@st.composite
def _records(draw, kind: str) -> list[dict]:
    """Records of `kind`: most start valid and get a few fields changed, some are random throughout."""
    out = []
    for _ in range(draw(st.integers(1, 5))):
        if draw(st.booleans()):
            record = dict(_VALID[kind])
            for key in draw(st.lists(st.sampled_from(sorted(record)), max_size=2)):
                record.pop(key, None)
            record.update(draw(st.dictionaries(_keys, _values, max_size=2)))
        else:
            record = draw(st.dictionaries(_keys, _values, max_size=6))
        out.append(record)
    return out


def _json_text(value) -> str:
    return json.dumps(value, ensure_ascii=True, default=str)  # a lone surrogate becomes the \udcff escape JSON allows


def _serialized(fmt: str, records: list[dict]) -> str:
    if fmt == "ndjson":
        return "".join(_json_text(r) + "\n" for r in records)
    if fmt == "json":
        return _json_text(records)
    out = io.StringIO()
    names = list(dict.fromkeys(k for r in records for k in r))
    writer = csv.writer(out, delimiter="\t" if fmt == "tsv" else ",")
    writer.writerow(names)
    for r in records:
        writer.writerow([r.get(k, "") for k in names])
    return out.getvalue().encode("utf-8", "surrogatepass").decode("utf-8", "replace")


_PIECES = ["[", "{", "]", "}", '"', ",", "\n", "\r", "\t", "\\", "\\ud800", "9" * 5000, "[" * 3000, "\x00", "\ufeff", "\u2028", "x" * 140_000]
_edits = st.lists(st.tuples(st.sampled_from(["insert", "delete", "cut"]), st.integers(0, 10**6), st.sampled_from(_PIECES)), max_size=3)


def _edited(text: str, edits) -> str:
    for op, at, piece in edits:
        at = at % (len(text) + 1)
        if op == "insert":
            text = text[:at] + piece + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + len(piece) :]
        else:
            text = text[:at]
    return text


@FUZZ
@given(
    kind=st.sampled_from(["case", "event", "review"]),
    fmt=st.sampled_from(["ndjson", "json", "csv", "tsv"]),
    declared=st.booleans(),
    data=st.data(),
    edits=st.lists(st.just(()), max_size=1) | _edits,
)
def test_bulk_input_is_written_whole_or_refused_without_a_trace(book, kind, fmt, declared, data, edits):
    text = _edited(_serialized(fmt, data.draw(_records(kind))), [e for e in edits if e])
    before = book.snapshot()
    result = book(kind, "add", "-", *(["--input-format", fmt] if declared else []), input=text)
    _no_traceback(result, (0, 2))
    if result.exit_code == 2:
        assert book.snapshot() == before


@settings(max_examples=25, deadline=None)
@given(kind=st.sampled_from(["case", "event"]), data=st.binary(max_size=400))
def test_bulk_input_of_arbitrary_bytes(book, kind, data):
    before = book.snapshot()
    result = book(kind, "add", "-", input=data)
    _no_traceback(result, (0, 2))
    if result.exit_code == 2:
        assert book.snapshot() == before


# --- import mapping files --------------------------------------------------------------------

_FIELDS = st.sampled_from(["id", "received", "applicant", "channel", "subject", "name", "id_number", "phone", "answered", "outcome", "", "colour"])
_HEADINGS = st.sampled_from(["申请时间", "申请人类型", "申请内容", "答复日期", "答复结果", "没有这列"]) | _text
_MAPPING = {
    "import": {"header_row": 1},
    "columns": {"申请时间": "received", "申请人类型": "applicant", "申请内容": "subject", "答复日期": "answered", "答复结果": "outcome"},
    "values": {"outcome": {"同意公开": "granted"}, "applicant": {"个人": "natural_person"}},
}


@st.composite
def _mappings(draw) -> dict:
    """The working mapping with a few entries changed, removed or added, at any depth."""
    mapping = json.loads(json.dumps(_MAPPING))
    for _ in range(draw(st.integers(0, 3))):
        section = draw(st.sampled_from(["import", "columns", "values", "extra"]))
        choice = draw(st.integers(0, 3))
        if choice == 0:
            mapping.pop(section, None)
        elif choice == 1:
            mapping[section] = draw(_values)
        elif isinstance(mapping.get(section), dict):
            key = draw(_HEADINGS | st.sampled_from(["sheet", "header_row", "outcome", "applicant", "channel"]))
            mapping[section][key] = draw(_FIELDS | _values | st.integers(-5, 10) | st.dictionaries(_text, _FIELDS | _values, max_size=2))
    return mapping


def _toml(mapping: dict) -> str:
    """The mapping as TOML; what TOML has no form for (None, NaN, infinity) written as text."""

    def plain(value):
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if value is None or (isinstance(value, float) and value != value) or value in (float("inf"), float("-inf")):
            return str(value)
        return value

    return tomli_w.dumps(plain(mapping)) if isinstance(mapping, dict) else ""


_TOML_PIECES = ["[", "]", "{", "}", '"', "=", "\n", "[columns]\n", "[values.outcome]\n", "a.b.c = 1\n", "\ufeff"]
_TOML_PIECES += ["x = " + "[" * 3000 + "\n", "y = " + "9" * 5000 + "\n"]
_toml_edits = st.lists(st.tuples(st.sampled_from(["insert", "delete", "cut"]), st.integers(0, 10**5), st.sampled_from(_TOML_PIECES)), max_size=2)


@pytest.fixture(scope="module")
def register(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("register") / "台账.csv"
    path.write_text("申请时间,申请人类型,申请内容,答复日期,答复结果\n2024-05-06,企业,用地,2024-05-20,同意公开\n2024年5月7日,个人,低保,,\n", encoding="utf-8")
    return path


@FUZZ
@given(mapping=_mappings(), edits=_toml_edits | st.just([]))
def test_any_mapping_file_gives_an_import_or_a_message(book, register, mapping, edits):
    path = register.parent / "映射.toml"
    path.write_text(_edited(_toml(mapping), edits), encoding="utf-8", errors="replace")
    before = book.snapshot()
    result = book("import", str(register), "--map", str(path))
    _no_traceback(result, (0, 2))
    if result.exit_code == 2:
        assert book.snapshot() == before


# --- published reports -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _reports(folder: Path) -> dict[str, bytes]:
    """The sample book's 2024 report as gkcli writes it, and the PDF and pdftotext fixtures."""
    out = {}
    for suffix in ("md", "html", "docx"):
        target = folder / f"report.{suffix}"
        result = CliRunner().invoke(app, ["--book", str(SAMPLE_BOOK), "report", "2024", "-o", str(target)])
        assert result.exit_code == 0, result.output
        out[suffix] = target.read_bytes()
    out["pdf"] = (FIXTURES / "report.pdf").read_bytes()
    out["txt"] = (FIXTURES / "report_pdftotext.txt").read_bytes()
    return out


@pytest.fixture(scope="module")
def reports_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("reports")


_byte_edits = st.lists(
    st.tuples(
        st.sampled_from(["flip", "cut", "delete", "insert"]),
        st.integers(0, 10**6),
        st.sampled_from([b"\x00", b"\xff", b"|", b"\n", b"<table><tr><td>" * 300, b"<div>" * 2000, b"\f", "（七）".encode(), b"9" * 400])
        | st.sampled_from([b"1,234", b"   "]),
    ),
    min_size=1,
    max_size=4,
)


def _damaged(data: bytes, edits) -> bytes:
    b = bytearray(data)
    for op, at, piece in edits:
        at = at % (len(b) + 1)
        if op == "flip" and b:
            b[at % len(b)] ^= 1 + at % 255
        elif op == "cut":
            del b[at:]
        elif op == "delete":
            del b[at : at + 1 + at % 4000]
        else:
            b[at:at] = piece
    return bytes(b)


def _member_damaged(data: bytes, member: int, edits) -> bytes:
    """A docx whose zip is intact but one member's content is damaged."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        items = zin.infolist()
        victim = items[member % len(items)].filename
        for item in items:
            content = zin.read(item.filename)
            zout.writestr(item, _damaged(content, edits) if item.filename == victim else content)
    return out.getvalue()


@FUZZ
@given(kind=st.sampled_from(["md", "html", "docx", "pdf", "txt"]), inside=st.booleans(), member=st.integers(0, 50), edits=_byte_edits)
def test_a_damaged_report_is_audited_or_refused_never_a_traceback(reports_folder, kind, inside, member, edits):
    report = _reports(reports_folder)[kind]
    data = _member_damaged(report, member, edits) if kind == "docx" and inside else _damaged(report, edits)
    path = reports_folder / f"damaged.{kind}"
    path.write_bytes(data)
    result = CliRunner().invoke(app, ["audit", str(path), "--format", "json"])
    _no_traceback(result, (0, 1, 2))


@settings(max_examples=200, deadline=None)
@given(kind=st.sampled_from(["case", "event", "review"]), data=st.data(), edits=_edits)
def test_an_ndjson_input_judged_plain_holds_nothing_field_screening_would_refuse(kind, data, edits):
    """The whole-input check lets records skip per-field screening: it must never pass one the screening stops."""
    from gkcli.bulk.convert import KINDS, convert
    from gkcli.bulk.parse import parse
    from gkcli.errors import GkcliError

    text = _edited(_serialized("ndjson", data.draw(_records(kind))), edits)
    try:
        items = parse(text, "ndjson", "-")
    except GkcliError:
        return
    for item in items:
        if item.plain:
            assert convert(KINDS[kind], item.where, dict(item.fields)) == convert(KINDS[kind], item.where, dict(item.fields), plain=True)
