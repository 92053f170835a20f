"""The bundled sample book reproduces the published 2024 report of 蓟州区东二营镇."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import PUBLISHED, REPO

from gkcli import spec

ZERO = [0] * 7
_TABLES = PUBLISHED["tables"]
# The published report's three tables, in the shape of `report --format json`
PUBLISHED_2024 = {
    "year": PUBLISHED["year"],
    "agency": "蓟州区东二营镇人民政府",
    "proactive": _TABLES["proactive"],
    "applications": {
        "columns": ["natural_person", "business", "research", "nonprofit", "legal_service", "other_org", "total"],
        "rows": {**{code: ZERO for code in spec.APPLICATION_ROW_CODES}, **_TABLES["applications_nonzero_rows"]},
    },
    "review": _TABLES["review"],
}


def test_report_json_equals_published_tables(sample):
    data = sample.json("report", "2024", "--format", "json")
    for key, value in PUBLISHED_2024.items():
        assert data[key] == value, key
    assert data["findings"] == []
    figures = PUBLISHED["overview_figures"]
    assert data["publications"] == {"website": figures["website_items"] + figures["website_news"], "wechat": figures["wechat"]}


def test_markdown_matches_golden_file(sample):
    golden = REPO / "tests" / "golden" / "dongerying-2024.md"
    text = sample.ok("report", "2024", "--format", "md", "--tables-only")
    if os.environ.get("GKCLI_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_whole_report_markdown_matches_golden_file(sample):
    golden = REPO / "tests" / "golden" / "dongerying-2024-report.md"
    text = sample.ok("report", "2024", "--format", "md")
    if os.environ.get("GKCLI_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_markdown_carries_every_official_label(sample):
    text = sample.ok("report", "2024", "--format", "md")
    labels = [spec.IDENTITY_NOTE, spec.APPLICANT_HEADER, spec.ORGANISATION_HEADER, spec.PROACTIVE_HEADER, spec.LITIGATION_HEADER]
    labels += [s.label for s in spec.SECTIONS[1:4]]
    labels += [b.caption for b in spec.PROACTIVE_BLOCKS]
    labels += [i.label for b in spec.PROACTIVE_BLOCKS for i in (*b.columns, *b.rows)]
    labels += [i.label for i in (*spec.APPLICATION_ROWS, *spec.APPLICATION_GROUPS, *spec.APPLICANT_COLUMNS)]
    labels += [i.label for i in (*spec.REVIEW_GROUPS, *spec.REVIEW_COLUMNS)]
    missing = [label for label in labels if label not in text]
    assert missing == []


def test_labels_agree_with_the_published_sample():
    """Every official label in spec.py is one the real published report prints, character for character."""
    labels = [i.label for i in (*spec.APPLICATION_ROWS, *spec.APPLICATION_GROUPS, *spec.APPLICANT_COLUMNS)]
    labels += [i.label for i in (*spec.REVIEW_GROUPS, *spec.REVIEW_COLUMNS)] + [spec.IDENTITY_NOTE]
    labels += [i.label for b in spec.PROACTIVE_BLOCKS for i in (*b.columns, *b.rows)] + [b.caption for b in spec.PROACTIVE_BLOCKS]
    assert set(labels) == set(PUBLISHED["table_labels"])


def test_report_runs_from_the_repository_root_without_options(tmp_path):
    """`gkcli report 2024` in a checkout finds ./data by itself (the README's quick start)."""
    env = {k: v for k, v in os.environ.items() if k != "GKCLI_BOOK"}
    result = subprocess.run(
        [sys.executable, "-m", "gkcli", "report", "2024"], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "一、本年新收政府信息公开申请数量" in result.stdout
    assert all(section.label in result.stdout for section in spec.SECTIONS)  # the whole report, as the README says
    assert "\x1b[" not in result.stdout  # no colour codes when piped
    assert not any(ch in result.stdout for ch in "┌│└╭")  # no box drawing when piped
