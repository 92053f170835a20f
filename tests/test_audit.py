"""`gkcli audit`: published reports in every layout read back to their tables, and each
kind of mistake is found. Fixtures: tests/fixtures/audit/ (see make_fixtures.py there)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest
from conftest import REPO, SHARED
from test_sample_book import PUBLISHED_2024
from typer.testing import CliRunner

from gkcli.cli.app import app
from gkcli.render.json_out import tables_json

FIXTURES = REPO / "tests" / "fixtures" / "audit"
_spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
made = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(made)

TABLE_KEYS = ("year", "agency", "proactive", "applications", "review")


def audit(*args: str):
    return CliRunner().invoke(app, ["audit", *args])


def audit_json(*args: str):
    result = audit(*args, "--format", "json")
    return result, json.loads(result.stdout)


def expected(t) -> dict:
    data = tables_json(t)
    return {k: data[k] for k in TABLE_KEYS}


def codes(data: dict, level: str | None = None) -> set[str]:
    return {f["code"] for f in data["findings"] if level is None or f["level"] == level}


def test_the_published_sample_reads_exactly_with_no_error():
    result, data = audit_json(str(SHARED / "samples" / "dongerying-2024.txt"))
    assert result.exit_code == 0, result.stderr
    for key in ("year", "proactive", "applications", "review"):
        assert data[key] == PUBLISHED_2024[key], key
    assert data["agency"] == "蓟州区东二营镇"  # as its title spells it
    assert codes(data, "error") == set()
    assert codes(data) == {"S8"}  # its section 六 says nothing about 信息处理费


CLEAN_LAYOUTS = [
    "cells_per_line.txt",  # one cell per line, tab-indented, header words split over lines
    "cells_per_line_pipes.txt",  # one cell per line between | separators
    "rows_pipes.txt",  # a row per line, group label in the first cell of its first row
    "messy_labels.txt",  # 「规 章」, half-width brackets and quotes, 1,234
    "pdftotext_layout.txt",  # vertical label, wrapped labels, footer and page number inside the table
    "report.html",  # real <table> with rowspan/colspan inside a layout table, navigation around
    "report.docx",  # Word table with merged cells
    "report.pdf",
    "report_pdftotext.txt",  # poppler's `pdftotext -layout` of report.pdf
]


@pytest.mark.parametrize("name", CLEAN_LAYOUTS)
def test_every_layout_gives_back_the_tables_without_findings(name):
    result, data = audit_json(str(FIXTURES / name))
    assert {k: data[k] for k in TABLE_KEYS} == expected(made.REPORT)
    assert data["findings"] == []
    assert result.exit_code == 0


def test_dashes_and_empty_cells_are_read_as_zero_and_flagged():
    result, data = audit_json(str(FIXTURES / "dashes.txt"))
    assert {k: data[k] for k in TABLE_KEYS} == expected(made.REPORT)
    s5 = [f for f in data["findings"] if f["code"] == "S5"]
    assert {f["where"] for f in s5} == {
        "proactive.regulations[1]",
        "proactive.regulations[2]",
        "proactive.regulations[3]",
        "applications.withheld_secret[2]",
        "applications.withheld_secret[4]",
        "applications.withheld_secret[6]",
    }
    assert all(f["level"] == "warning" for f in data["findings"])
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("name", "code", "level", "where"),
    [
        ("error_a1.txt", "A1", "error", "applications.new"),
        ("error_a2.txt", "A2", "error", "applications.total.natural_person"),
        ("error_a3.txt", "A3", "error", "applications.natural_person"),
        ("error_a4.txt", "A4", "error", "review.reconsideration"),
        ("error_a5.txt", "A5", "error", "proactive.penalty"),
        ("error_a5_decimal.txt", "A5", "error", "proactive.licensing"),
        ("error_a6.txt", "A6", "warning", "proactive.fees_wan"),
        ("error_s1.txt", "S1", "error", "sections.review"),
        ("error_s2.txt", "S2", "error", "applications"),
        ("collapsed_other.txt", "S2", "error", "applications.other"),
        ("error_s8.txt", "S8", "warning", "sections.other"),
        ("error_x1.txt", "X1", "warning", "sections.overview"),
    ],
)
def test_each_deliberate_mistake_is_found(name, code, level, where):
    result, data = audit_json(str(FIXTURES / name))
    hits = [f for f in data["findings"] if f["code"] == code and f["where"] == where]
    assert hits and hits[0]["level"] == level, data["findings"]
    assert result.exit_code == (1 if level == "error" else 0)


def test_older_format_rows_are_named_with_their_format():
    result = audit(str(FIXTURES / "error_s2.txt"))
    assert "「（二）部分公开」是旧表式（国办公开办函〔2019〕60号）" in result.stdout
    assert "「本年新制作数量」是旧表式" in result.stdout


def test_collapsed_other_row_is_read_into_3_other():
    _, data = audit_json(str(FIXTURES / "collapsed_other.txt"))
    assert data["applications"]["rows"]["other_other"] == [0] * 7
    assert not {"A1", "A2", "A3"} & codes(data)


def test_previous_report_adds_y1():
    result, data = audit_json(str(FIXTURES / "rows_pipes.txt"), "--previous", str(FIXTURES / "last_year_y1.txt"))
    assert {f["where"] for f in data["findings"] if f["code"] == "Y1"} == {"applications.carried_in.natural_person", "applications.carried_in.total"}
    assert result.exit_code == 1
    result, data = audit_json(str(FIXTURES / "rows_pipes.txt"), "--previous", str(FIXTURES / "last_year.txt"))
    assert data["findings"] == [] and result.exit_code == 0


def test_previous_year_is_found_among_the_files_themselves():
    _, data = audit_json(str(FIXTURES / "rows_pipes.txt"), str(FIXTURES / "last_year_y1.txt"))
    assert "Y1" in codes(data[0]) and "Y1" not in codes(data[1])


def test_run_together_digits_are_cut_by_the_row_identity():
    result, data = audit_json(str(FIXTURES / "run_together.txt"))
    assert data["applications"]["rows"]["new"] == [217, 1, 0, 0, 0, 0, 218]
    assert {k: data[k] for k in TABLE_KEYS} == expected(made.BIG)
    assert codes(data) == {"R3"} and result.exit_code == 0


def test_run_together_digits_are_cut_by_the_whole_table():
    _, data = audit_json(str(FIXTURES / "run_together_table.txt"))
    assert {k: data[k] for k in TABLE_KEYS} == expected(made.ELEVEN)
    assert codes(data) == {"R3"}


def test_several_readings_are_reported_not_picked():
    result, data = audit_json(str(FIXTURES / "run_together_ambiguous.txt"))
    r2 = [f for f in data["findings"] if f["code"] == "R2"]
    assert {f["where"] for f in r2} == {"applications.new", "applications.granted", "applications.total"}
    assert all("2 种读法" in f["message"] for f in r2)
    assert not {"A1", "A2", "A3"} & codes(data)  # identities are not checked on cells that were not read
    assert result.exit_code == 1


def test_several_files_give_a_summary_then_each_files_findings():
    result = audit(str(FIXTURES / "rows_pipes.txt"), str(FIXTURES / "error_a4.txt"))
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["文件", "机关", "年度", "新收申请", "错误", "警告"]
    assert "error_a4.txt" in lines[3] and lines[3].split()[-2:] == ["1", "0"]
    assert "review.reconsideration: 错误 A4：" in result.stdout
    assert result.exit_code == 1
    result, data = audit_json(str(FIXTURES / "rows_pipes.txt"), str(FIXTURES / "error_a4.txt"))
    assert [d["file"].rsplit("/", 1)[-1] for d in data] == ["rows_pipes.txt", "error_a4.txt"]
    assert [d["errors"] for d in data] == [0, 1]


def test_unreadable_files_exit_2_with_a_chinese_message(tmp_path):
    bad = tmp_path / "坏.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    result = audit(str(tmp_path / "没有.txt"))
    assert result.exit_code == 2 and "文件不存在" in result.stderr and "Traceback" not in result.stderr
    result = audit(str(bad), str(FIXTURES / "rows_pipes.txt"))
    assert result.exit_code == 2 and "无法读取 PDF" in result.stderr
    assert "（无法读取）" in result.stdout and "rows_pipes.txt" in result.stdout


def test_a_text_without_tables_is_findings_not_a_crash(tmp_path):
    page = tmp_path / "notice.txt"
    page.write_text("关于做好春节期间值班工作的通知\n各科室：请按排班表值班。\n", encoding="utf-8")
    result, data = audit_json(str(page))
    assert result.exit_code == 1
    assert {f["where"] for f in data["findings"] if f["code"] == "S2"} >= {"proactive", "applications", "review"}


def test_help_has_an_example():
    result = audit("--help")
    assert result.exit_code == 0 and "示例：gkcli audit" in result.stdout


def test_appending_commands_do_not_load_the_audit_readers():
    code = "import sys, gkcli.cli.app; print(sorted(m for m in sys.modules if m.startswith(('gkcli.audit', 'lxml', 'docx', 'pypdfium2'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
