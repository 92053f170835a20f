"""Round trip: the tables gkcli renders, read back by `gkcli audit`, are the same tables."""

from __future__ import annotations

import pytest

from decimal import Decimal

from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_audit import audit_json, made

from gkcli import spec
from gkcli.audit import read_report
from gkcli.document import Document
from gkcli.render import markdown
from gkcli.tables import Proactive, StockRow, Tables

counts = st.integers(min_value=0, max_value=100000)
rows = st.tuples(*[counts] * len(spec.APPLICANT_COLUMNS))


@st.composite
def tables(draw) -> Tables:
    """Any tables, whether or not their identities hold: reading must not depend on them."""
    stock = st.builds(StockRow, counts, counts, counts)
    fee = draw(st.decimals(min_value=0, max_value=10**6, places=6, allow_nan=False, allow_infinity=False))
    proactive = Proactive(draw(stock), draw(stock), draw(counts), draw(counts), draw(counts), Decimal(fee))
    applications = tuple(draw(rows) for _ in spec.APPLICATION_ROWS)
    review = tuple(draw(st.tuples(*[counts] * len(spec.REVIEW_COLUMNS))) for _ in spec.REVIEW_GROUPS)
    return Tables(draw(st.integers(2008, 2099)), "某某市某某区人民政府办公室", proactive, applications, review)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(t=tables())
def test_markdown_report_reads_back_exactly(tmp_path_factory, t):
    path = tmp_path_factory.mktemp("md") / "report.md"
    path.write_text(markdown.render(Document(t)), encoding="utf-8")
    reading = read_report(str(path))
    assert reading.tables == t
    assert not [f for f in reading.recovered.findings if f.level == "error"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(t=tables())
def test_html_tables_read_back_exactly(tmp_path_factory, t):
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(made.html_page(t), encoding="utf-8")
    assert read_report(str(path)).tables == t


# Writing merged Word cells is slow (python-docx), so fewer examples.
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(t=tables())
def test_docx_tables_read_back_exactly(tmp_path_factory, t):
    path = tmp_path_factory.mktemp("docx") / "report.docx"
    made.docx_file(t, path)
    assert read_report(str(path)).tables == t


@pytest.mark.parametrize("suffix", [".md", ".html", ".docx"])
def test_whole_report_of_the_sample_book_reads_back_clean(sample, tmp_path, suffix):
    out = tmp_path / f"2024{suffix}"
    sample.ok("report", "2024", "-o", str(out))
    reported = sample.json("report", "2024", "--format", "json")
    result, data = audit_json(str(out))
    for key in ("year", "agency", "proactive", "applications", "review"):
        assert data[key] == reported[key], key
    assert [f for f in data["findings"] if f["level"] == "error"] == []


def test_tables_only_markdown_round_trips_and_lacks_the_text_sections(sample, tmp_path):
    out = tmp_path / "2024.md"
    sample.ok("report", "2024", "--format", "md", "--tables-only", "-o", str(out))
    reported = sample.json("report", "2024", "--format", "json")
    result, data = audit_json(str(out))
    for key in ("year", "agency", "proactive", "applications", "review"):
        assert data[key] == reported[key], key
    # the statistical sections only: S1 names the narrative ones missing
    assert {f["code"] for f in data["findings"] if f["level"] == "error"} == {"S1"}
    assert (REPO / "tests" / "golden" / "dongerying-2024.md").read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
