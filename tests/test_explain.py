"""`gkcli explain`: the records behind every cell add up to exactly the figure the report shows."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_tally_properties import YEARS, histories, proactive_history, review_history

from gkcli import spec
from gkcli.explain import cell_value, parse_cell
from gkcli.render.json_out import tables_json
from gkcli.tally import tally
from gkcli.tally.cells import Cell, records_behind


def every_cell():
    yield from (Cell("applications", r, c) for r in spec.APPLICATION_ROW_CODES for c in spec.APPLICANT_CODES)
    yield from (Cell("review", g.code, c) for g in spec.REVIEW_GROUPS for c in spec.REVIEW_CODES)
    yield from (Cell("proactive", r, c.code) for r in spec.STOCK_ROWS for c in spec.STOCK_COLUMNS)
    yield from (Cell("proactive", r, "") for r in (*spec.DECISION_ROWS, "fees_wan"))


def shown(report: dict, cell: Cell):
    if cell.table == "applications":
        return report["applications"]["rows"][cell.row][spec.APPLICANT_CODES.index(cell.column)]
    if cell.table == "review":
        return report["review"][cell.row][spec.REVIEW_CODES.index(cell.column)]
    value = report["proactive"][cell.row]
    return value[cell.column] if cell.column else value


@st.composite
def books(draw):
    cases, proactive, reviews = draw(histories()), draw(proactive_history()), draw(review_history())
    return cases._replace(events=proactive.events, reviews=reviews.reviews, decisions=reviews.decisions)


@settings(max_examples=60, deadline=None)
@given(books(), st.sampled_from(list(YEARS)))
def test_every_cell_is_the_sum_of_the_records_behind_it(book, year):
    report = tables_json(tally(book, year))
    for cell in every_cell():
        assert cell_value(cell, records_behind(book, year, cell)) == shown(report, cell), str(cell)


@pytest.mark.parametrize(
    "text,cell",
    [
        ("carried_out.business", "applications.carried_out.business"),
        ("applications.new", "applications.new.total"),
        ("三.四.1", "applications.unable_not_held.total"),
        ("三.四.1.自然人", "applications.unable_not_held.natural_person"),
        ("（四）1.企业", "applications.unable_not_held.business"),
        ("不掌握.商业企业", "applications.unable_not_held.business"),
        ("review.reconsideration.pending", "review.reconsideration.pending"),
        ("复议", "review.reconsideration.total"),
        ("litigation_direct.结果维持", "review.litigation_direct.upheld"),
        ("proactive.penalty", "proactive.penalty"),
        ("regulations.in_force", "proactive.regulations.in_force"),
        ("fees", "proactive.fees_wan"),
    ],
)
def test_cells_are_named_the_way_clerks_name_them(text, cell):
    assert str(parse_cell(text)) == cell


def test_explain_lists_cases_with_file_and_line(gk):
    gk.add_case("2023-12-20", "商业企业")
    gk.add_case("2024-03-01", "商业企业")
    gk.add_case("2024-04-01")
    gk.ok("case", "answer", "2024-0002", "--date", "2024-05-01", "--outcome", "不掌握")
    data = gk.json("explain", "2024", "carried_out.business", "--format", "json")
    assert data["value"] == 2 and data["cell"] == "applications.carried_out.business"
    assert [(r["id"], r["source"]) for r in data["records"]] == [("2023-0001", "ledger/2023/cases.toml:3"), ("2024-0001", "ledger/2024/cases.toml:3")]
    result = gk("explain", "2024", "carried_out.business")
    assert "2023-0001" in result.stdout and "ledger/2023/cases.toml:3" in result.stdout
    assert "= 2" in result.stderr and "结转下年度继续办理" in result.stderr
    assert gk.ok("explain", "2024", "不掌握", "-f", "csv").splitlines()[1].startswith("2024-0002,2024-04-01,natural_person,2024-05-01,unable_not_held,1,")


def test_explain_fees_and_stock(gk):
    gk.ok("event", "add", "regulation-stock", "--date", "2023-12-31", "--count", "12")
    gk.ok("event", "add", "regulation-repealed", "--date", "2024-09-01")
    gk.ok("event", "add", "fee", "--date", "2024-05-01", "--amount", "1234.56")
    stock = gk.json("explain", "2024", "regulations.in_force", "-f", "json")
    assert stock["value"] == 11 and [r["adds"] for r in stock["records"]] == [12, -1]
    fees = gk.json("explain", "2024", "fees_wan", "-f", "json")
    assert fees["value"] == "0.123456" and fees["records"][0]["amount"] == "1234.56"
    assert gk.json("explain", "2025", "fees_wan", "-f", "json")["value"] == "0"


def test_unknown_cells_are_bad_input(gk):
    result = gk("explain", "2024", "nonsense.cell")
    assert result.exit_code == 2 and "CELL" in result.stderr and "carried_out.business" in result.stderr
