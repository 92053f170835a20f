"""One output contract: every command's --format json parses and has the fields docs/json.md lists;
data on stdout, messages on stderr, -q anywhere, completion of ids and codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from conftest import REPO, SAMPLE_REPORT

from gkcli.cli.app import app

DOC = (REPO / "docs" / "json.md").read_text(encoding="utf-8")


def documented() -> dict[str, set[str]]:
    """Heading (`gkcli case list`, `gkcli check` findings[] …) → the field names in its table."""
    out: dict[str, set[str]] = {}
    for section in re.split(r"^## ", DOC, flags=re.M)[1:]:
        heading, _, body = section.partition("\n")
        out[heading.strip()] = set(re.findall(r"^\| `([a-z_]+)` \|", body, flags=re.M))
    return out


@pytest.fixture
def book(gk):
    gk.add_case("2024-05-10", "商业企业", name="张三")
    gk.add_case("2024-06-01")
    gk.ok("case", "answer", "2024-0001", "--date", "2024-05-28", "--outcome", "不掌握")
    gk.ok("review", "add", "--kind", "reconsideration", "--filed", "2024-08-01", "--case", "2024-0001")
    return gk


def objects(gk) -> dict[str, list[dict]]:
    """What each documented heading describes, from real `--format json` output."""
    listed = gk.json("case", "list", "--format", "json")
    checked = gk.json("check", "--format", "json")
    shown = gk.json("case", "show", "2024-0001", "--format", "json", "--explain", "--today", "2024-06-20")
    report = gk.json("report", "2024", "--format", "json")
    fee = gk.json("fee", "--pages", "250", "--format", "json")
    audited = json.loads(gk.runner.invoke(app, ["audit", str(SAMPLE_REPORT), "--format", "json"]).stdout)
    explained = gk.json("explain", "2024", "new", "--format", "json")
    rolled = json.loads(gk.runner.invoke(app, ["rollup", "2024", str(gk.root), str(SAMPLE_REPORT), "--format", "json"]).stdout)
    rolled_cell = json.loads(gk.runner.invoke(app, ["rollup", "2024", str(gk.root), "--explain", "new", "--format", "json"]).stdout)
    return {
        "`gkcli case list`": listed,
        "`gkcli case show`": [shown],
        "`gkcli case show` explain[]": shown["explain"],
        "`gkcli report`": [report],
        "`gkcli report` processing_fees": [report["processing_fees"]],
        "`gkcli report` timeliness": [report["timeliness"]],
        "`gkcli due`": gk.json("due", "--format", "json", "--today", "2024-06-20"),
        "`gkcli fee`": [fee],
        "`gkcli fee` lines[]": fee["lines"],
        "`gkcli narrative fields`": gk.json("narrative", "fields", "2024", "--format", "json"),
        "`gkcli audit`": [audited],
        "`gkcli check`": [checked],
        "`gkcli check` findings[]": checked["findings"] or [{"code": "", "level": "", "message": "", "where": ""}],
        "`gkcli explain`": [explained],
        "`gkcli explain` records[]": explained["records"],
        "`gkcli rollup`": [rolled],
        "`gkcli rollup` units[]": rolled["units"],
        "`gkcli rollup --explain`": [rolled_cell],
        "`gkcli export`": [json.loads(line) for line in gk.ok("export").splitlines()],
        "`gkcli event list`": gk.json("event", "list", "--format", "json"),
        "`gkcli review list`": gk.json("review", "list", "--format", "json"),
        "`gkcli review show`": [gk.json("review", "show", "R2024-0001", "--format", "json")],
        "`gkcli notice list`": notices(gk),
    }


def notices(gk) -> list[dict]:
    gk.ok("notice", "2024-0001", "--date", "2024-05-29")
    return gk.json("notice", "list", "--format", "json")


def test_every_json_output_has_the_documented_fields(book):
    book.write("ledger/2024/events.toml", '[[event]]\nkind = "penalty"\ndate = 2024-06-03\namount = "5"\n')  # a warning to list
    docs = documented()
    found = objects(book)
    assert set(found) == set(docs), "every documented command is tested, every tested one documented"
    for heading, items in found.items():
        assert items, heading
        for item in items:
            missing = docs[heading] - set(item)
            assert not missing, f"{heading}: {missing}"
    assert set(found["`gkcli case list`"][0]) == docs["`gkcli case list`"]  # nothing undocumented either
    assert set(found["`gkcli case show`"][0]) == docs["`gkcli case list`"] | docs["`gkcli case show`"]
    assert set(found["`gkcli report`"][0]) == docs["`gkcli report`"]
    assert set(found["`gkcli event list`"][0]) == docs["`gkcli event list`"]
    assert set(found["`gkcli rollup`"][0]) == docs["`gkcli rollup`"]
    assert set(found["`gkcli rollup` units[]"][0]) == docs["`gkcli rollup` units[]"]
    assert set(found["`gkcli review show`"][0]) == docs["`gkcli review list`"] | docs["`gkcli review show`"]


@pytest.mark.parametrize("command", [["case", "list"], ["explain", "2024", "new"], ["review", "list"]])
@pytest.mark.parametrize("fmt", ["ndjson", "csv", "tsv", "md"])
def test_listings_speak_every_format_on_stdout_only(book, command, fmt):
    result = book(*command, "--format", fmt, "-q")
    assert result.exit_code == 0 and result.stderr == ""
    out = result.stdout
    if fmt == "ndjson":
        assert all(isinstance(json.loads(line), dict) for line in out.splitlines())
    elif fmt == "tsv":
        assert "\t" in out.splitlines()[0]
    elif fmt == "md":
        assert out.splitlines()[1].startswith("| ---")


def test_quiet_works_before_and_after_the_command(book):
    assert "共 2 件" in book("case", "list").stderr
    assert book("case", "list", "-q").stderr == "" and book("-q", "case", "list").stderr == ""
    assert book("case", "list", "--quiet", "--format", "json").stderr == ""


def completions(book, words: str) -> list[str]:
    line = f"gkcli --book {book.root} {words}"
    env = {k: v for k, v in os.environ.items() if k != "GKCLI_BOOK"}
    env |= {"_GKCLI_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(line.split()) - 1)}
    result = subprocess.run([sys.executable, "-m", "gkcli"], env=env, capture_output=True, text=True, timeout=60)
    return result.stdout.split()


def test_shell_completion_offers_case_ids_and_outcome_codes(book):
    assert completions(book, "case answer 2024-") == ["2024-0001", "2024-0002"]
    assert completions(book, "case show 2024-0002") == ["2024-0002"]
    assert completions(book, "case answer 2024-0002 --outcome unable_") == ["unable_not_held", "unable_needs_creation", "unable_unclear"]
    assert completions(book, "review decide R") == ["R2024-0001"]
