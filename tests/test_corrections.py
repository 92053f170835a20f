"""Corrections (更正) and voids (作废) of every kind of record, listings of events and reviews,
and where a corrected value comes from (case show, review show, explain, JSON)."""

from __future__ import annotations

import json
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gkcli.cli.app import app
from gkcli.ledger.read import read_book
from gkcli.ledger.write import append_batch
from gkcli.model import CaseAmend, CaseStep, Case, Decision, Event, EventAmend, Review, ReviewAmend, Void
from gkcli.tally import tally

TODAY = ("--today", "2025-01-10")  # corrections are entered in 2025: they go to ledger/2025/


@pytest.fixture
def book(gk):
    gk.add_case("2024-05-10", "natural_person")  # 2024-0001, answered
    gk.add_case("2024-05-11", "business", channel="online")  # 2024-0002, open
    gk.ok("case", "answer", "2024-0001", "--date", "2024-05-28", "--outcome", "不掌握")
    gk.ok("event", "add", "penalty", "--date", "2024-06-03", "--count", "1")  # E2024-0001
    gk.ok("event", "add", "fee", "--date", "2024-07-01", "--amount", "100")  # E2024-0002
    gk.ok("review", "add", "--kind", "reconsideration", "--filed", "2024-08-01", "--case", "2024-0001")  # R2024-0001
    gk.ok("review", "decide", "R2024-0001", "--date", "2024-10-20", "--result", "维持")
    gk.ok("review", "add", "--kind", "litigation_direct", "--filed", "2024-09-01")  # R2024-0002, pending
    return gk


def report(gk, year: int = 2024) -> dict:
    return gk.json("report", str(year), "--format", "json")


def row(data: dict, name: str) -> list[int]:
    return data["applications"]["rows"][name]


# --- each command end to end ------------------------------------------------------------------------


def test_case_amend_moves_the_case_between_columns_and_says_so(book):
    assert row(report(book), "new")[:2] == [1, 1]
    result = book("case", "amend", "2024-0002", "--applicant", "个人", "--reason", "申请人类型登记错误", *TODAY)
    assert result.exit_code == 0, result.stderr
    assert "已更正申请 2024-0002：申请人类型 商业企业 → 自然人" in result.stderr
    assert "ledger/2025/cases.toml" in result.stderr  # the correction's own date is the day it was entered
    assert row(report(book), "new")[:2] == [2, 0]
    text = (book.root / "ledger" / "2024" / "cases.toml").read_text(encoding="utf-8")
    assert 'applicant = "business"' in text  # the case itself stays as entered
    amend = (book.root / "ledger" / "2025" / "cases.toml").read_text(encoding="utf-8")
    assert "[[case_amend]]" in amend and "date = 2025-01-10" in amend and 'reason = "申请人类型登记错误"' in amend


def test_case_amend_of_dates_and_subject(book):
    book.ok("case", "amend", "2024-0002", "--received", "2024-05-12", "--confirmed", "2024-05-13", "--subject", "某项目批复", "--reason", "录入有误", *TODAY)
    shown = book.json("case", "show", "2024-0002", "--format", "json", "--today", "2024-05-20")
    assert (shown["received"], shown["confirmed"], shown["subject"]) == ("2024-05-12", "2024-05-13", "某项目批复")
    assert set(shown["corrected_fields"]) == {"received", "confirmed", "subject"}


def test_case_void_takes_the_case_and_its_steps_out_of_every_table(book):
    assert row(report(book), "new")[6] == 2
    result = book("case", "void", "2024-0001", "--reason", "重复登记", *TODAY)
    assert result.exit_code == 0, result.stderr
    assert "已作废申请 2024-0001（原因：重复登记）" in result.stderr
    data = report(book)
    assert row(data, "new")[6] == 1 and row(data, "unable_not_held")[6] == 0
    assert [c["id"] for c in book.json("case", "list", "--format", "json")] == ["2024-0002"]
    shown = book.ok("case", "show", "2024-0001")
    assert "已于 2025-01-10 作废" in shown and "重复登记" in shown and "ledger/2025/cases.toml:" in shown
    data = book.json("case", "show", "2024-0001", "--format", "json")
    assert data["voided"]["reason"] == "重复登记" and data["voided"]["source"].startswith("ledger/2025/cases.toml:")


def test_event_amend_and_void(book):
    result = book("event", "amend", "E2024-0001", "--count", "3", "--reason", "漏登两件", *TODAY)
    assert result.exit_code == 0 and "已更正事项 E2024-0001：件数 1 → 3" in result.stderr
    book.ok("event", "amend", "E2024-0002", "--amount", "250.50", "--date", "2024-07-02", "--title", "复印费", "--reason", "金额有误", *TODAY)
    proactive = report(book)["proactive"]
    assert proactive["penalty"] == 3 and proactive["fees_wan"] == "0.02505"
    listed = {e["id"]: e for e in book.json("event", "list", "--format", "json")}
    assert listed["E2024-0001"]["corrected"] and listed["E2024-0001"]["corrected_by"].startswith("ledger/2025/events.toml:")
    assert (listed["E2024-0002"]["amount"], listed["E2024-0002"]["date"], listed["E2024-0002"]["title"]) == ("250.50", "2024-07-02", "复印费")
    book.ok("event", "void", "E2024-0001", "--reason", "重复登记", *TODAY)
    assert report(book)["proactive"]["penalty"] == 0
    assert [e["id"] for e in book.json("event", "list", "--format", "json")] == ["E2024-0002"]
    voided = book.json("event", "list", "--voided", "--format", "json")
    assert [(v["id"], v["reason"]) for v in voided] == [("E2024-0001", "重复登记")]


def test_review_amend_void_and_decide_amend(book):
    assert report(book)["review"]["reconsideration"] == [1, 0, 0, 0, 1]
    refused = book("review", "decide", "R2024-0001", "--date", "2024-11-01", "--result", "纠正")
    assert refused.exit_code == 2 and "--amend" in refused.stderr
    book.ok("review", "decide", "R2024-0001", "--date", "2024-11-01", "--result", "纠正", "--amend")
    assert report(book)["review"]["reconsideration"] == [0, 1, 0, 0, 1]
    assert "L8" not in book.ok("check", "--format", "json")
    result = book("review", "amend", "R2024-0001", "--kind", "litigation_after_review", "--reason", "应为复议后起诉", *TODAY)
    assert result.exit_code == 0 and "已更正复议诉讼 R2024-0001：类型 行政复议 → " in result.stderr
    data = report(book)["review"]
    assert data["reconsideration"] == [0, 0, 0, 0, 0] and data["litigation_after_review"] == [0, 1, 0, 0, 1]
    book.ok("review", "void", "R2024-0002", "--reason", "重复登记", *TODAY)
    assert report(book)["review"]["litigation_direct"] == [0, 0, 0, 0, 0]
    assert [r["id"] for r in book.json("review", "list", "--format", "json")] == ["R2024-0001"]
    shown = book.json("review", "show", "R2024-0001", "--format", "json")
    assert [(d["result"], d["amend"], d["stands"]) for d in shown["decisions"]] == [("upheld", False, False), ("corrected", True, True)]
    assert shown["corrected_fields"] == {"kind": shown["corrections"][0]["source"]}
    text = book.ok("review", "show", "R2024-0002")
    assert "已于 2025-01-10 作废" in text and "重复登记" in text


def test_a_second_decision_without_amend_is_an_l8_error_and_the_first_stands(book):
    with (book.root / "ledger" / "2024" / "reviews.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[decision]]\nreview = "R2024-0001"\ndate = 2024-11-01\nresult = "corrected"\n# 完\n')
    result = book("check", "--format", "json")
    assert result.exit_code == 1 and any(f["code"] == "L8" for f in json.loads(result.stdout)["findings"])
    assert report(book)["review"]["reconsideration"] == [1, 0, 0, 0, 1]


# --- bad input: exit 2, nothing written -------------------------------------------------------------

BAD = {
    "unknown case": (["case", "amend", "2024-0099", "--subject", "x", "--reason", "r"], "没有编号为「2024-0099」"),
    "unknown case void": (["case", "void", "2024-0099", "--reason", "r"], "2024-0099"),
    "unknown event": (["event", "amend", "E2024-0099", "--count", "2", "--reason", "r"], "E2024-0099"),
    "unknown event void": (["event", "void", "E2024-0099", "--reason", "r"], "E2024-0099"),
    "unknown review": (["review", "amend", "R2024-0099", "--filed", "2024-08-02", "--reason", "r"], "R2024-0099"),
    "unknown review void": (["review", "void", "R2024-0099", "--reason", "r"], "R2024-0099"),
    "no field": (["case", "amend", "2024-0001", "--reason", "r"], "没有任何改变"),
    "same value": (["case", "amend", "2024-0001", "--received", "2024-05-10", "--applicant", "个人", "--reason", "r"], "没有任何改变"),
    "same event value": (["event", "amend", "E2024-0001", "--count", "1", "--reason", "r"], "没有任何改变"),
    "same review value": (["review", "amend", "R2024-0001", "--kind", "复议", "--reason", "r"], "没有任何改变"),
    "empty reason": (["case", "amend", "2024-0001", "--subject", "x", "--reason", "  "], "原因"),
    "no reason": (["event", "void", "E2024-0001"], "原因"),
    "empty review reason": (["review", "void", "R2024-0001", "--reason", ""], "原因"),
    "received after the answer": (["case", "amend", "2024-0001", "--received", "2024-06-01", "--reason", "r"], "早于收到日期"),
    "confirmed on a visit": (["case", "amend", "2024-0001", "--confirmed", "2024-05-12", "--reason", "r"], "--confirmed"),
    "amount on a penalty": (["event", "amend", "E2024-0001", "--amount", "5", "--reason", "r"], "只有 fee"),
    "filed after the decision": (["review", "amend", "R2024-0001", "--filed", "2024-11-01", "--reason", "r"], "早于立案日期"),
    "review of an unknown case": (["review", "amend", "R2024-0002", "--case", "2024-0099", "--reason", "r"], "2024-0099"),
    "bad applicant": (["case", "amend", "2024-0001", "--applicant", "外星人", "--reason", "r"], "--applicant"),
    "bad date": (["event", "amend", "E2024-0001", "--date", "2024-02-30", "--reason", "r"], "--date"),
    "future date": (["case", "amend", "2024-0002", "--received", "2025-03-01", "--reason", "r"], "晚于今天"),
    "decide amend without a decision": (["review", "decide", "R2024-0002", "--date", "2024-10-01", "--result", "维持", "--amend"], "无可更正"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_corrections_are_refused_and_nothing_is_written(book, name):
    args, words = BAD[name]
    before = book.snapshot()
    result = book(*args, *TODAY)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stderr.startswith("错误：") and words in result.stderr, result.stderr
    assert book.snapshot() == before


@pytest.mark.parametrize("args", [
    ["case", "amend", "2024-0001", "--subject", "x", "--reason", "r"],
    ["case", "void", "2024-0001", "--reason", "again"],
])
def test_a_voided_record_is_neither_amended_nor_voided_again(book, args):
    book.ok("case", "void", "2024-0001", "--reason", "重复登记", *TODAY)
    before = book.snapshot()
    result = book(*args, *TODAY)
    assert result.exit_code == 2 and "已于 2025-01-10 作废" in result.stderr and "ledger/2025/cases.toml:" in result.stderr
    assert book.snapshot() == before


def test_a_decision_of_a_voided_review_is_refused(book):
    book.ok("review", "void", "R2024-0002", "--reason", "重复登记", *TODAY)
    before = book.snapshot()
    result = book("review", "decide", "R2024-0002", "--date", "2024-10-01", "--result", "维持")
    assert result.exit_code == 2 and "作废" in result.stderr and book.snapshot() == before


# --- listings ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["event", "list"], ["review", "list"]])
@pytest.mark.parametrize("fmt", ["table", "json", "ndjson", "csv", "tsv", "md"])
def test_listings_speak_every_format(book, command, fmt):
    result = book(*command, "--format", fmt, "-q")
    assert result.exit_code == 0 and result.stderr == ""
    out = result.stdout
    if fmt == "json":
        assert len(json.loads(out)) == 2
    elif fmt == "ndjson":
        assert len([json.loads(line) for line in out.splitlines()]) == 2
    elif fmt in ("csv", "tsv"):
        assert out.splitlines()[0].startswith("id" + ("," if fmt == "csv" else "\t")) and len(out.splitlines()) == 3
    elif fmt == "md":
        assert out.splitlines()[1].startswith("| ---")
    else:
        assert "编号" in out.splitlines()[0]


def test_event_list_filters_by_year_and_kind(book):
    book.ok("event", "add", "penalty", "--date", "2023-03-01", "--count", "4")
    assert [e["id"] for e in book.json("event", "list", "--year", "2023", "--format", "json")] == ["E2023-0001"]
    listed = book.json("event", "list", "--kind", "行政处罚", "--format", "json")
    assert [(e["id"], e["kind"], e["kind_label"], e["count"]) for e in listed] == [("E2023-0001", "penalty", "行政处罚处理决定", 4), ("E2024-0001", "penalty", "行政处罚处理决定", 1)]
    fee = book.json("event", "list", "--kind", "fee", "--format", "json")[0]
    assert fee["amount"] == "100" and fee["corrected"] is False and fee["corrected_by"] is None
    assert book("event", "list", "--kind", "nonsense").exit_code == 2
    assert book("event", "list", "--format", "xml").exit_code == 2


def test_review_list_filters_and_shows_the_standing_decision(book):
    listed = book.json("review", "list", "--format", "json")
    assert [(r["id"], r["status"], r["result"]) for r in listed] == [("R2024-0001", "decided", "upheld"), ("R2024-0002", "pending", None)]
    assert [r["id"] for r in book.json("review", "list", "--kind", "直接起诉", "--format", "json")] == ["R2024-0002"]
    assert book.json("review", "list", "--year", "2023", "--format", "json") == []
    assert book("review", "show", "R2024-0099").exit_code == 2


def test_old_id_less_events_are_listed_with_a_stable_id_that_corrections_use(book):
    book.write("ledger/2023/events.toml", '[[event]]\nkind = "licensing"\ndate = 2023-04-01\ncount = 2\n# 完\n')
    first = [e for e in book.json("event", "list", "--year", "2023", "--format", "json")]
    assert len(first) == 1 and first[0]["id"]
    ident = first[0]["id"]
    assert book.json("event", "list", "--year", "2023", "--format", "json")[0]["id"] == ident
    book.ok("event", "amend", ident, "--count", "5", "--reason", "件数有误", *TODAY)
    assert report(book, 2023)["proactive"]["licensing"] == 5


# --- provenance -----------------------------------------------------------------------------------------


def test_case_show_marks_corrected_fields_with_both_locations(book):
    book.ok("case", "amend", "2024-0001", "--received", "2024-05-09", "--reason", "收到日期录入有误", *TODAY)
    text = book.ok("case", "show", "2024-0001")
    line = next(l for l in text.splitlines() if l.startswith("收到日期："))
    assert "2024-05-09" in line and "更正，见 ledger/2025/cases.toml:" in line
    assert "来源：ledger/2024/cases.toml:" in text  # the case's own location
    assert "更正：收到日期 → 2024-05-09（原因：收到日期录入有误）" in text
    data = book.json("case", "show", "2024-0001", "--format", "json")
    assert data["source"].startswith("ledger/2024/cases.toml:") and data["corrected_fields"]["received"].startswith("ledger/2025/cases.toml:")
    assert data["corrections"] == [{"kind": "amend", "date": "2025-01-10", "reason": "收到日期录入有误", "fields": {"received": "2024-05-09"}, "source": data["corrected_fields"]["received"]}]
    assert data["voided"] is None
    untouched = book.json("case", "show", "2024-0002", "--format", "json")
    assert (untouched["corrections"], untouched["corrected_fields"], untouched["voided"]) == ([], {}, None)


def test_explain_marks_records_counted_from_a_correction(book):
    book.ok("case", "amend", "2024-0002", "--applicant", "个人", "--reason", "类型有误", *TODAY)
    records = book.json("explain", "2024", "new.natural_person", "--format", "json")["records"]
    marks = {r["id"]: r["corrected_by"] for r in records}
    assert marks["2024-0001"] is None and marks["2024-0002"].startswith("ledger/2025/cases.toml:")
    table = book.ok("explain", "2024", "new.natural_person")
    assert "更正记录" in table and "ledger/2025/cases.toml:" in table
    book.ok("event", "amend", "E2024-0001", "--count", "2", "--reason", "漏登", *TODAY)
    penalty = book.json("explain", "2024", "proactive.penalty", "--format", "json")
    assert penalty["value"] == 2 and penalty["records"][0]["corrected_by"].startswith("ledger/2025/events.toml:")


# --- L12 -------------------------------------------------------------------------------------------------


def test_check_reports_a_correction_of_nothing_as_l12_and_exits_1(book):
    book.write("ledger/2025/cases.toml", '[[case_amend]]\nid = "2024-0099"\ndate = 2025-01-02\nreason = "手工补录"\nsubject = "x"\n# 完\n')
    book.write("ledger/2025/events.toml", '[[event_void]]\nid = "E2024-0099"\ndate = 2025-01-02\nreason = "手工补录"\n# 完\n')
    result = book("check", "--format", "json")
    assert result.exit_code == 1
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "L12"]
    assert {f["where"] for f in found} == {"ledger/2025/cases.toml:1", "ledger/2025/events.toml:1"}
    assert all(f["level"] == "error" for f in found)
    assert "L12" in book("check").stdout


# --- property: a corrected book tallies like a book built in the corrected state --------------------------

APPLICANTS = ("natural_person", "business", "research")
OUTCOMES = ("granted", "unable_not_held", "other_other")
BASE = date(2023, 11, 1)


def _days(most: int):
    return st.integers(0, most).map(lambda n: BASE + timedelta(days=n))


cases = st.lists(st.tuples(_days(420), st.sampled_from(APPLICANTS), st.none() | st.integers(0, 90), st.sampled_from(OUTCOMES)), max_size=5)
events = st.lists(st.tuples(st.sampled_from(("penalty", "licensing", "fee")), _days(420), st.integers(1, 4)), max_size=4)
reviews = st.lists(st.tuples(st.sampled_from(("reconsideration", "litigation_direct")), _days(420), st.none() | st.tuples(st.integers(0, 90), st.sampled_from(("upheld", "corrected", "other")))), max_size=3)
# per record: None (left alone), "void", or an amend: (shift of a date in days, a new code or number)
fixes = st.lists(st.none() | st.just("void") | st.tuples(st.integers(-40, 40), st.integers(0, 2)), min_size=12, max_size=12)
decision_fixes = st.lists(st.none() | st.tuples(st.integers(0, 60), st.sampled_from(("upheld", "corrected", "other"))), min_size=3, max_size=3)


def _build(base: Path, name: str, records: list) -> Path:
    root = base / name
    assert CliRunner().invoke(app, ["init", str(root), "--agency", "测试县某某镇人民政府"]).exit_code == 0
    if records:
        append_batch(root, records)
    return root


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases, events, reviews, fixes, decision_fixes)
def test_corrections_tally_like_the_book_built_in_the_corrected_state(case_specs, event_specs, review_specs, fix, decision_fix):
    entered = date(2025, 2, 1)
    written: list = []  # the book as entered, then its corrections
    fixes_written: list = []
    direct: list = []  # the same book built directly in the corrected state
    for i, (received, applicant, answered, outcome) in enumerate(case_specs):
        case = Case(f"2024-{i + 1:04d}", received, applicant)
        answer = CaseStep("answer", case.id, received + timedelta(days=answered), outcome=outcome) if answered is not None else None
        written += [("case", case)] + ([("answer", answer)] if answer else [])
        f = fix[i]
        if f == "void":
            fixes_written.append(("case_void", Void("case", case.id, entered, "重复")))
            continue
        if f is not None:
            shift, code = f
            new = case._replace(received=received + timedelta(days=shift), applicant=APPLICANTS[code])
            fixes_written.append(("case_amend", CaseAmend(case.id, entered, "更正", received=new.received, applicant=new.applicant)))
            case = new
        direct += [("case", case)] + ([("answer", answer)] if answer else [])
    for i, (kind, day, count) in enumerate(event_specs):
        amount = Decimal(count * 25) if kind == "fee" else None
        event = Event(kind, day, count, amount, id=f"E{day.year}-{i + 1:04d}")
        written.append(("event", event))
        f = fix[5 + i]
        if f == "void":
            fixes_written.append(("event_void", Void("event", event.id, entered, "重复")))
            continue
        if f is not None:
            shift, extra = f
            new = event._replace(date=day + timedelta(days=shift), count=count + extra + 1, amount=Decimal(7 + extra) if kind == "fee" else None)
            fixes_written.append(("event_amend", EventAmend(event.id, entered, "更正", event_date=new.date, count=new.count, amount=new.amount)))
            event = new
        direct.append(("event", event))
    for i, (kind, filed, decided) in enumerate(review_specs):
        review = Review(f"R2024-{i + 1:04d}", kind, filed)
        decisions = [Decision(review.id, filed + timedelta(days=decided[0]), decided[1])] if decided else []
        if decided and decision_fix[i]:
            later, result = decision_fix[i]
            amend = Decision(review.id, decisions[0].date + timedelta(days=later), result, amend=True)
            written_decisions, direct_decisions = decisions + [amend], [amend._replace(amend=False)]
        else:
            written_decisions = direct_decisions = decisions
        written += [("review", review)] + [("decision", d) for d in written_decisions]
        f = fix[9 + i]
        if f == "void":
            fixes_written.append(("review_void", Void("review", review.id, entered, "重复")))
            continue
        if f is not None:
            shift, code = f
            new = review._replace(filed=filed + timedelta(days=shift), kind=("reconsideration", "litigation_direct", "litigation_after_review")[code])
            fixes_written.append(("review_amend", ReviewAmend(review.id, entered, "更正", kind=new.kind, filed=new.filed)))
            review = new
        direct += [("review", review)] + [("decision", d) for d in direct_decisions]
    with tempfile.TemporaryDirectory() as folder:
        corrected_book, findings = read_book(_build(Path(folder), "corrected", written + fixes_written))
        assert not [f for f in findings if f.code == "L12"]
        direct_book, _ = read_book(_build(Path(folder), "direct", direct))
        for year in (2023, 2024, 2025):
            assert tally(corrected_book, year) == tally(direct_book, year), year
