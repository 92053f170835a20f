"""Closing a published year (gkcli close / reopen): refused changes, accepted ones, drift, report status, C2."""

from __future__ import annotations

import io
import json
import shutil
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gkcli import closing
from gkcli.errors import GkcliError
from gkcli.guard import Entry
from gkcli.guard.closed import reopenings
from gkcli.ledger import write
from gkcli.ledger.read import read_book
from gkcli.ledger.schema import TABLES, to_toml_fields
from gkcli.model import Case, CaseAmend, CaseStep, Close, Decision, Event, Review, Void
from gkcli.tally import tally

TODAY = "2025-02-01"


@pytest.fixture
def closed(gk):
    """A book with a published 2024: two cases (one carried into 2025), a penalty, a pending review."""
    gk.add_case("2024-05-10", "business", today=TODAY)
    gk.add_case("2024-12-20", today=TODAY)
    gk.ok("case", "answer", "2024-0001", "--date", "2024-05-20", "--outcome", "granted", "--today", TODAY)
    gk.ok("event", "add", "penalty", "--date", "2024-06-03", "--today", TODAY)
    gk.ok("review", "add", "--kind", "reconsideration", "--filed", "2024-08-01", "--case", "2024-0001", "--today", TODAY)
    result = gk("close", "2024", "--date", "2025-01-20", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    gk.fingerprint = result.stdout.strip().splitlines()[-1]
    return gk


def event_id(gk) -> str:
    return next(e["id"] for e in gk.json("event", "list", "--format", "json") if e["kind"] == "penalty")


def closes(gk) -> list[dict]:
    data = tomllib.loads((gk.root / "ledger/2025/closes.toml").read_text(encoding="utf-8"))
    return data.get("close", []) + data.get("reopen", [])


# --- close and reopen ------------------------------------------------------------------------


def test_close_writes_figures_and_fingerprint_that_read_back_equal(closed):
    (record,) = tomllib.loads((closed.root / "ledger/2025/closes.toml").read_text(encoding="utf-8"))["close"]
    assert record["year"] == 2024 and record["date"] == date(2025, 1, 20)
    assert record["fingerprint"] == closed.fingerprint == closing.fingerprint(record["figures"])
    figures = json.loads(record["figures"])
    assert figures["applications"]["rows"]["new"] == [1, 1, 0, 0, 0, 0, 2]
    assert figures["applications"]["rows"]["carried_out"] == [1, 0, 0, 0, 0, 0, 1]
    assert "figures = '{" in (closed.root / "ledger/2025/closes.toml").read_text(encoding="utf-8")  # a literal string, readable
    book, _ = read_book(closed.root)
    assert book.closings[0].figures == closing.year_figures(book, 2024)


def test_literal_strings_read_back_equal():
    for text in ['{"a":[1,2],"b":"x"}', 'say "hi" \\ there', "中文\"引号\""]:
        record = Close(2024, date(2025, 1, 20), "f", text)
        block = write.render_block("close", record)
        assert "'" in block.splitlines()[4]
        assert tomllib.loads(block)["close"] == [to_toml_fields(TABLES["close"], record)]
    record = Close(2024, date(2025, 1, 20), "f", "it's \"x\"")  # a quote of each kind: a basic string, escaped
    assert tomllib.loads(write.render_block("close", record))["close"][0]["figures"] == "it's \"x\""


def test_close_again_with_the_same_figures_writes_nothing(closed):
    before = closed.snapshot()
    result = closed("close", "2024", "--today", "2025-03-01")
    assert result.exit_code == 0 and "无需重复定稿" in result.stderr
    assert result.stdout.strip() == closed.fingerprint
    assert closed.snapshot() == before


@pytest.mark.parametrize(
    "args, said",
    [
        (["close", "2025", "--today", "2025-06-01"], "尚未结束"),
        (["close", "2024", "--today", "2024-12-31"], "尚未结束"),
        (["close", "2024", "--date", "2024-12-31", "--today", TODAY], "不在 2024 年结束之后"),
        (["close", "2024", "--date", "2025-03-01", "--today", TODAY], "晚于今天"),
        (["reopen", "2023", "--reason", "x", "--today", TODAY], "没有定稿"),
        (["reopen", "2024", "--today", TODAY], "--reason"),
    ],
)
def test_close_and_reopen_refusals_write_nothing(closed, args, said):
    before = closed.snapshot()
    result = closed(*args)
    assert result.exit_code == 2 and said in result.stderr
    assert closed.snapshot() == before


def test_close_refused_when_the_book_has_blocking_errors(gk):
    gk.add_case("2024-05-10", today=TODAY)
    gk.write("ledger/2024/events.toml", '[[event]]\nkind = "penalty"\ndate = 2024-13-03\n# 完\n')
    before = gk.snapshot()
    result = gk("close", "2024", "--today", TODAY)
    assert result.exit_code == 2 and "无法使用" in result.stderr
    assert gk.snapshot() == before


def test_close_refused_when_an_identity_fails(gk, monkeypatch):
    from gkcli import validate
    from gkcli.errors import ERROR, Finding

    gk.add_case("2024-05-10", today=TODAY)
    monkeypatch.setattr(validate, "check_tables", lambda *a: [Finding("A3", ERROR, "一 + 二 ≠ 三（七）+ 四", "applications")])
    before = gk.snapshot()
    result = gk("close", "2024", "--today", TODAY)
    assert result.exit_code == 2 and "勾稽关系不成立" in result.stderr
    assert gk.snapshot() == before


def test_reopen_then_close_again(closed):
    closed.ok("reopen", "2024", "--reason", "漏登一件申请", "--today", "2025-02-02")
    assert [r.get("reason") for r in closes(closed)] == [None, "漏登一件申请"]
    assert closed("reopen", "2024", "--reason", "again", "--today", "2025-02-02").exit_code == 2  # not closed now
    closed.add_case("2024-07-01", today="2025-02-02")  # the year is open: accepted
    result = closed("close", "2024", "--today", "2025-02-03")
    assert result.exit_code == 0 and result.stdout.strip() != closed.fingerprint
    assert closed.json("report", "2024", "--format", "json")["closed"]["status"] == "closed"


# --- the rail: refused changes -------------------------------------------------------------


REFUSED = {
    "back-dated case": lambda gk: ["case", "add", "--received", "2024-07-01", "--applicant", "research"],
    "late answer into the year": lambda gk: ["case", "answer", "2024-0002", "--date", "2024-12-30", "--outcome", "granted"],
    "step (withdrawal)": lambda gk: ["case", "withdraw", "2024-0002", "--date", "2024-12-31"],
    "case amend": lambda gk: ["case", "amend", "2024-0001", "--applicant", "research", "--reason", "类型录错"],
    "case void": lambda gk: ["case", "void", "2024-0001", "--reason", "重复登记"],
    "event in that year": lambda gk: ["event", "add", "licensing", "--date", "2024-03-01"],
    "event amend": lambda gk: ["event", "amend", event_id(gk), "--count", "3", "--reason", "件数录错"],
    "event void": lambda gk: ["event", "void", event_id(gk), "--reason", "重复登记"],
    "review": lambda gk: ["review", "add", "--kind", "litigation_direct", "--filed", "2024-09-01"],
    "decision": lambda gk: ["review", "decide", "R2024-0001", "--date", "2024-11-01", "--result", "upheld"],
    "review amend": lambda gk: ["review", "amend", "R2024-0001", "--kind", "litigation_direct", "--reason", "应为直接起诉"],
    "review void": lambda gk: ["review", "void", "R2024-0001", "--reason", "重复登记"],
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_every_kind_of_change_to_a_closed_year_is_refused(closed, name):
    before = closed.snapshot()
    result = closed(*REFUSED[name](closed), "--today", TODAY)
    assert result.exit_code == 2, result.stderr
    assert "2024 年已于 2025-01-20 定稿" in result.stderr and "→" in result.stderr
    assert "--reopen" in result.stderr and "gkcli reopen 2024" in result.stderr
    assert closed.snapshot() == before


def test_the_refusal_names_the_cells_before_and_after(closed):
    result = closed("case", "add", "--received", "2024-07-01", "--applicant", "research", "--today", TODAY)
    assert "表二 一、本年新收政府信息公开申请数量 · 科研机构：0 → 1" in result.stderr
    assert "表二 一、本年新收政府信息公开申请数量 · 总计：2 → 3" in result.stderr


def test_bulk_add_touching_the_closed_year_is_refused_whole(closed):
    before = closed.snapshot()
    lines = [{"received": "2025-01-05", "applicant": "natural_person"}, {"received": "2024-06-01", "applicant": "business"}]
    result = closed("case", "add", "-", "--today", TODAY, input="\n".join(json.dumps(x) for x in lines) + "\n")
    assert result.exit_code == 2 and "2024 年已于 2025-01-20 定稿" in result.stderr
    assert closed.snapshot() == before


# --- the rail: accepted changes ------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["case", "add", "--received", "2025-01-10", "--applicant", "business"],  # the next year
        ["case", "amend", "2024-0001", "--subject", "某路段规划图", "--reason", "补记内容"],  # no figure changes
        ["case", "answer", "2024-0002", "--date", "2025-01-15", "--outcome", "granted"],  # concluded in 2025
        ["event", "add", "penalty", "--date", "2025-01-10"],
        ["review", "decide", "R2024-0001", "--date", "2025-01-10", "--result", "upheld"],  # decided in 2025: pending at 2024's end
        ["case", "extend", "2024-0002", "--date", "2024-12-30", "--days", "10", "--approver", "主任"],  # changes no cell
    ],
)
def test_changes_that_alter_no_closed_cell_are_accepted(closed, args):
    closed.ok(*args, "--today", TODAY)
    assert not [r for r in closes(closed) if "reason" in r]  # no reopen written
    assert closed.json("report", "2024", "--format", "json")["closed"]["status"] == "closed"


def test_reopen_option_writes_the_reopen_record_with_the_change(closed):
    result = closed("-q", "case", "add", "--received", "2024-07-01", "--applicant", "research", "--today", TODAY, "--reopen", "漏登一件申请")
    assert result.exit_code == 0
    assert "已重新打开 2024 年（原因：漏登一件申请）" in result.stderr and "gkcli close 2024" in result.stderr  # said even with -q
    reopened = [r for r in closes(closed) if "reason" in r]
    assert reopened == [{"year": 2024, "date": date(2025, 2, 1), "reason": "漏登一件申请"}]
    status = closed.json("report", "2024", "--format", "json")["closed"]
    assert status["status"] == "reopened" and status["reason"] == "漏登一件申请"
    again = closed("case", "add", "--received", "2024-08-01", "--applicant", "research", "--today", TODAY)
    assert again.exit_code == 0 and "重新打开" not in again.stderr  # reopened: no more refusals, no more reopen records
    assert len([r for r in closes(closed) if "reason" in r]) == 1


def test_a_batch_that_reopens_a_year_says_so(closed):
    line = '{"received": "2024-07-02", "applicant": "research"}\n'
    result = closed("case", "add", "-", "--today", TODAY, "--reopen", "补录一件", input=line)
    assert result.exit_code == 0 and "已重新打开 2024 年（原因：补录一件）" in result.stderr


# --- drift, report status, C2 ------------------------------------------------------------------


def test_drift_after_a_hand_edit_is_found_with_the_changed_cells(closed):
    path = closed.root / "ledger/2024/cases.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[[case]]\nid = "2024-0099"\nreceived = 2024-09-09\napplicant = "nonprofit"\n# 完\n', encoding="utf-8")
    result = closed("check", "2024")
    assert result.exit_code == 1
    assert "C1" in result.stdout and "表二 一、本年新收政府信息公开申请数量 · 社会公益组织：0 → 1" in result.stdout
    data = closed.json("check", "--format", "json") if False else json.loads(closed("check", "--format", "json").stdout)
    assert any(f["code"] == "C1" and f["level"] == "error" for f in data["findings"])
    status = json.loads(closed("report", "2024", "--format", "json").stdout)["closed"]
    assert status["status"] == "drifted"
    assert {"cell": "表二 一、本年新收政府信息公开申请数量 · 社会公益组织", "closed": 0, "current": 1} in status["cells"]
    assert "已与定稿不一致" in closed("report", "2024", "--tables-only", "--format", "md").stdout


def test_a_hand_edited_close_record_is_drift_too(closed):
    path = closed.root / "ledger/2025/closes.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"penalty":1', '"penalty":2'), encoding="utf-8")
    result = closed("check", "2024")
    assert result.exit_code == 1 and "C1" in result.stdout and "无法核对" in result.stdout


def test_report_shows_the_closing_in_every_format(closed):
    said = "定稿于 2025-01-20（ledger/2025/closes.toml:3）"
    assert said in closed.ok("report", "2024", "--tables-only")
    assert said in closed.ok("report", "2024", "--format", "md")
    assert said in closed.ok("report", "2024", "--format", "html")
    status = closed.json("report", "2024", "--format", "json")["closed"]
    assert status == {"status": "closed", "year": 2024, "date": "2025-01-20", "where": "ledger/2025/closes.toml:3", "text": said}
    from docx import Document as Docx

    out = closed.root.parent / "r.docx"
    closed.ok("report", "2024", "-o", str(out))
    assert any(said in p.text for p in Docx(io.BytesIO(out.read_bytes())).paragraphs)
    assert closed.json("report", "2025", "--format", "json")["closed"] is None


def test_report_warns_when_carried_in_differs_from_the_closed_carried_out(closed):
    closed.ok("report", "2025", "--tables-only")
    assert "C2" not in closed("check", "2025").stdout
    closed.ok("case", "add", "--received", "2024-07-01", "--applicant", "research", "--today", TODAY, "--reopen", "漏登一件申请")
    result = closed("report", "2025", "--tables-only")
    assert result.exit_code == 0
    assert "注意：2025 年的「上年结转」与 2024 年定稿（2025-01-20）的「结转下年度」不一致" in result.stderr
    assert "科研机构：0 → 1" in result.stderr
    assert "C2" in closed("check", "2025").stdout


# --- property: refused exactly when the closed year's tables would change -------------------------

D0 = date(2023, 6, 1)
days = st.integers(0, 730).map(lambda n: D0 + timedelta(days=n))  # 2023-06-01 .. 2025-05-31
CASES = ["2023-0001", "2024-0001", "2024-0002", "2024-0003"]
applicants = st.sampled_from(["natural_person", "business", "research"])
records = st.one_of(
    st.builds(lambda d, a: ("case", Case("2099-0001", d, a)), days, applicants),
    st.builds(lambda c, d, o, m: ("answer", CaseStep("answer", c, d, outcome=o, amend=m)), st.sampled_from(CASES), days, st.sampled_from(["granted", "unable_not_held"]), st.booleans()),
    st.builds(lambda c, d: ("withdrawal", CaseStep("withdrawal", c, d)), st.sampled_from(CASES), days),
    st.builds(lambda k, d, n: ("event", Event(k, d, n, id="E2099-0001")), st.sampled_from(["penalty", "normative-issued", "normative-stock"]), days, st.integers(1, 3)),
    st.builds(lambda k, d: ("review", Review("R2099-0001", k, d)), st.sampled_from(["reconsideration", "litigation_direct"]), days),
    st.builds(lambda r, d, res: ("decision", Decision(r, d, res)), st.sampled_from(["R2024-0001", "R2023-0001"]), days, st.sampled_from(["upheld", "corrected"])),
    st.builds(lambda c, d, a: ("case_amend", CaseAmend(c, date(2025, 6, 1), "x", received=d, applicant=a)), st.sampled_from(CASES), st.none() | days, st.sampled_from(["", "research"])),
    st.builds(lambda c: ("case_amend", CaseAmend(c, date(2025, 6, 1), "x", subject="只改内容")), st.sampled_from(CASES)),
    st.builds(lambda c: ("case_void", Void("case", c, date(2025, 6, 1), "x")), st.sampled_from(CASES)),
    st.builds(lambda e: ("event_void", Void("event", e, date(2025, 6, 1), "x")), st.sampled_from(["E2023-0001", "E2024-0001", "E2025-0001"])),
    st.builds(lambda r: ("review_void", Void("review", r, date(2025, 6, 1), "x")), st.sampled_from(["R2023-0001", "R2024-0001"])),
)


@pytest.fixture(scope="module")
def small_book(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    from gkcli.cli.app import app

    root = tmp_path_factory.mktemp("closing") / "book"
    assert CliRunner().invoke(app, ["init", str(root), "--agency", "测试县某某镇人民政府"]).exit_code == 0
    made = [
        ("case", Case("2023-0001", date(2023, 11, 1), "natural_person")),
        ("case", Case("2024-0001", date(2024, 3, 1), "business")),
        ("answer", CaseStep("answer", "2024-0001", date(2024, 3, 20), outcome="granted")),
        ("case", Case("2024-0002", date(2024, 12, 10), "natural_person")),
        ("case", Case("2024-0003", date(2024, 6, 1), "research")),
        ("answer", CaseStep("answer", "2024-0003", date(2025, 1, 10), outcome="granted")),
        ("event", Event("normative-stock", date(2023, 12, 31), 10, id="E2023-0001")),
        ("event", Event("penalty", date(2024, 5, 5), 2, id="E2024-0001")),
        ("event", Event("penalty", date(2025, 2, 5), 1, id="E2025-0001")),
        ("review", Review("R2023-0001", "reconsideration", date(2023, 12, 1))),
        ("review", Review("R2024-0001", "litigation_direct", date(2024, 9, 1))),
        ("decision", Decision("R2023-0001", date(2024, 2, 1), "upheld")),
    ]
    write.append_batch(root, made)
    book, _ = read_book(root)
    figures = closing.year_figures(book, 2024)
    write.append_batch(root, [("close", Close(2024, date(2025, 1, 20), closing.fingerprint(figures), figures))])
    return root


def _figures_after(root: Path, tmp: Path, record: tuple) -> str:
    """2024's figures of a copy of the book with the record really appended and read back."""
    copy = tmp / "copy"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(root, copy)
    write.append_batch(copy, [record])
    book, _ = read_book(copy)
    return closing.year_figures(book, 2024)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record=records)
def test_a_record_is_refused_exactly_when_it_changes_the_closed_year(small_book, tmp_path, record):
    book, _ = read_book(small_book)
    before = closing.year_figures(book, 2024)
    changes = _figures_after(small_book, tmp_path, record) != before
    try:
        written = reopenings(small_book, [record], Entry(date(2025, 6, 1)))
        refused = False
    except GkcliError as error:
        refused = True
        assert "2024 年已于 2025-01-20 定稿" in error.message
    assert refused == changes
    assert written == [] if not refused else True
    with_reason = reopenings(small_book, [record], Entry(date(2025, 6, 1), reopen="有意更改"))
    assert [r.year for _, r in with_reason] == ([2024] if changes else [])
    assert tally(book, 2024).year == 2024  # the book itself is untouched by the rail


def test_an_append_that_cannot_touch_a_closed_year_imports_nothing_heavy(closed):
    from test_startup import _heavy, _imported

    modules = _imported(["--book", str(closed.root), "case", "add", "--received", "2025-01-10", "--applicant", "business", "--today", TODAY], closed.root)
    assert "gkcli.ledger.write" in modules and "gkcli.guard.closed" in modules
    assert _heavy(modules) == []
    modules = _imported(["--book", str(closed.root), "case", "add", "--received", "2024-07-01", "--applicant", "business", "--today", TODAY], closed.root)
    assert "gkcli.tally" in modules  # a closed year may be touched: computed exactly


def test_a_closed_year_whose_records_were_all_removed_by_hand_is_drift(closed):
    for name in ("cases", "events", "reviews"):
        (closed.root / f"ledger/2024/{name}.toml").unlink()
    result = closed("check")
    assert result.exit_code == 1 and "C1" in result.stdout and "表二 一、本年新收政府信息公开申请数量 · 总计：2 → 0" in result.stdout
