"""Year checks that need the book: Y2 from the first stock on, Y3, A8, and the stock rows' P warnings."""

from __future__ import annotations


def test_the_guide_literally_raises_no_y2_for_the_year_before_the_first_stock(gk):
    gk.ok("event", "add", "regulation-stock", "--date", "2023-12-31", "--count", "12")
    out = gk.ok("check")
    assert "Y2" not in out and "未发现问题" in out


def test_y2_names_both_years(gk):
    gk.ok("event", "add", "regulation-stock", "--date", "2023-12-31", "--count", "12")
    gk.ok("event", "add", "regulation-stock", "--date", "2024-12-31", "--count", "15")
    out = gk.ok("check")
    assert "Y2" in out and "2024 年现行有效件数 15 与 2023 年的 12 + 制发 0 − 废止 0 不符" in out


def test_a_department_recording_regulations_is_warned(tmp_path):
    from typer.testing import CliRunner

    from gkcli.cli.app import app
    from conftest import Gk

    runner = CliRunner()
    assert runner.invoke(app, ["init", str(tmp_path / "b"), "--agency", "某区教育局", "--kind", "department"]).exit_code == 0
    gk = Gk(tmp_path / "b")
    gk.ok("event", "add", "regulation-issued", "--date", "2024-03-01")
    out = gk.ok("check")
    assert "P1" in out and "kind = department" in out


def test_issued_documents_without_an_opening_stock_are_warned_with_the_command_to_add_it(gk):
    gk.ok("event", "add", "normative-issued", "--date", "2024-03-01", "--count", "2")
    out = gk.ok("check")
    assert "P2" in out and "gkcli event add normative-stock --date 2023-12-31" in out
    gk.ok("event", "add", "normative-stock", "--date", "2023-12-31", "--count", "4")
    assert "P2" not in gk.ok("check")


def test_a_review_pending_at_the_end_of_last_year_is_traced(gk):
    rid = gk.ok("review", "add", "--kind", "reconsideration", "--filed", "2023-11-01").strip()
    gk.ok("event", "add", "penalty", "--date", "2024-05-01")  # the book has a 2024
    assert "Y3" not in gk.ok("check", "--today", "2024-06-01")  # the year is not over
    assert "Y3" in gk.ok("check", "--today", "2025-01-05")
    gk.ok("review", "decide", rid, "--date", "2024-03-01", "--result", "维持")
    assert "Y3" not in gk.ok("check", "--today", "2025-01-05")


def test_a8_a_large_share_of_other_outcomes(gk):
    for i in range(6):
        cid = gk.add_case("2024-03-01")
        gk.ok("case", "answer", cid, "--date", "2024-03-05", "--outcome", "其他" if i < 5 else "予以公开")
    out = gk.ok("check", "--today", "2024-12-31")
    assert "A8" in out and "5 件" in out


def test_a8_on_tables_whose_total_row_says_zero():
    """A published table may put 6 cases under 其他 while its 总计 row says 0: A8 still reads, never divides by zero."""
    from gkcli import spec
    from gkcli.tables import ZERO_APPLICATIONS, Tables
    from gkcli.validate import check_tables

    rows = [list(r) for r in ZERO_APPLICATIONS]
    rows[[r.code for r in spec.APPLICATION_ROWS].index("other_other")][-1] = 6
    found = [f for f in check_tables(Tables(2024, "某镇", applications=tuple(map(tuple, rows)))) if f.code == "A8"]
    assert len(found) == 1 and "6 件" in found[0].message
