"""`gkcli audit` on report text whose layout was destroyed: random books, rendered by gkcli,
flattened the ways web pages are (tests/fixtures/audit/flatten.py). Every cell is read exactly
or left unread (null) with a finding saying why — never read wrong — and no check fires on a
cell that was not read. bench/audit_flattened.py runs the same over thousands of reports."""

from __future__ import annotations

import importlib.util
import random

from conftest import REPO
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gkcli.audit import audit, read_report
from gkcli.audit.output import tables_json
from gkcli.render.json_out import tables_json as book_tables_json

_spec = importlib.util.spec_from_file_location("flatten", REPO / "tests" / "fixtures" / "audit" / "flatten.py")
flatten = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(flatten)

IDENTITIES = {"A1", "A2", "A3", "A4"}
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


cell_values = flatten.cell_values


def row_of(cell: str) -> str:
    """The `where` of the row a cell is in, as reading findings name it."""
    table, *rest = cell.split(".")
    if table == "review":
        return "review"
    if cell == "proactive.fees_wan":
        return "proactive.fees"
    return ".".join([table, rest[0]])


def audited(tmp_path_factory, text: str):
    path = tmp_path_factory.mktemp("flat") / "report.txt"
    path.write_text(text, encoding="utf-8")
    reading = read_report(str(path))
    return reading, audit(reading), tables_json(reading)


def assert_read_exactly_or_flagged(truth, reading, findings, data) -> dict[str, object]:
    expected, got = cell_values(book_tables_json(truth)), cell_values(data)
    wrong = {k: (expected[k], v) for k, v in got.items() if v is not None and str(v) != str(expected[k])}
    assert wrong == {}
    unread = {k for k, v in got.items() if v is None}
    assert unread == set(data["unread"])
    if unread:  # every unread cell is explained by a reading finding
        assert {f.code for f in findings} & {"R1", "R2", "S2"}
    # the identities hold in the book, so none fires on cells read right (and none on cells not read)
    assert [f for f in findings if f.code in IDENTITIES] == []
    return got


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
def test_one_line_report_cells_read_exactly_or_unread(tmp_path_factory, seed):
    rng = random.Random(seed)
    truth, md = flatten.report_markdown(rng)
    reading, findings, data = audited(tmp_path_factory, flatten.one_line(md))
    got = assert_read_exactly_or_flagged(truth, reading, findings, data)
    # headings found mid-line; a row left unread always has its readings listed (R2) or its reason (R1)
    assert not [f for f in findings if f.code == "S1"]
    rows = {row_of(k) for k, v in got.items() if v is None}
    assert rows <= {f.where for f in findings if f.code in ("R1", "R2")}
    assert (data["agency"], data["year"]) == (truth.agency, truth.year)
    assert not [f for f in findings if f.code == "X1"]


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
def test_rows_glued_cells_read_exactly_or_unread(tmp_path_factory, seed):
    rng = random.Random(seed)
    truth, md = flatten.report_markdown(rng)
    reading, findings, data = audited(tmp_path_factory, flatten.glued(md))
    assert_read_exactly_or_flagged(truth, reading, findings, data)


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
def test_label_with_a_character_dropped_is_still_read(tmp_path_factory, seed):
    rng = random.Random(seed)
    truth, md = flatten.report_markdown(rng)
    text, label = flatten.dropped(md, rng)
    reading, findings, data = audited(tmp_path_factory, text)
    assert_read_exactly_or_flagged(truth, reading, findings, data)


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
@example(seed=4014944)  # cut inside a fee, 「…收费16.」: read as 「1」「6.」 once
def test_report_cut_off_inside_the_tables_reads_nothing_wrong(tmp_path_factory, seed):
    rng = random.Random(seed)
    truth, md = flatten.report_markdown(rng)
    reading, findings, data = audited(tmp_path_factory, flatten.cut(md, rng))
    got = assert_read_exactly_or_flagged(truth, reading, findings, data)
    # what is cut off is unread, never 0; the review table is gone, so it is all null
    assert all(v is None for k, v in got.items() if k.startswith("review."))
