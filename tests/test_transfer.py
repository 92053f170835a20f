"""`gkcli export | gkcli load -`: a book moves whole — every year's report, every record as written,
ids and order — all-or-nothing and idempotently."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import SAMPLE_BOOK, Gk

from gkcli import closing, event_ids, spec
from gkcli.cli.app import app
from gkcli.ledger import write
from gkcli.ledger.read import read_book
from gkcli.ledger.schema import TABLES
from gkcli.loader import years_of
from gkcli.model import Case, CaseAmend, CaseStep, Close, Decision, Event, EventAmend, Reopen, Review, ReviewAmend, Void

AGENCY = "测试县某某镇人民政府"
TODAY = "2026-01-31"


def new_book(folder: Path, agency: str = AGENCY) -> Gk:
    result = CliRunner().invoke(app, ["init", str(folder), "--agency", agency])
    assert result.exit_code == 0, result.stderr
    return Gk(folder)


def exported(gk: Gk, *args: str) -> str:
    return gk.ok("-q", "export", *args)


def moved(source: Gk, folder: Path, agency: str = AGENCY) -> Gk:
    """A fresh book with the source's export loaded into it."""
    target = new_book(folder, agency)
    target.ok("load", "-", "--today", TODAY, input=exported(source))
    return target


def reports(gk: Gk) -> dict[int, dict]:
    book, _ = read_book(gk.root)
    return {year: gk.json("report", str(year), "--format", "json") for year in years_of(book)}


def findings(gk: Gk) -> list[tuple[str, str]]:
    """What `check` finds, by code and level (lines of hand-written blocks differ from written ones)."""
    found = json.loads(gk("check", "--format", "json").stdout)["findings"]
    return sorted((f["code"], f["level"]) for f in found)


def assert_same_book(source: Gk, target: Gk) -> None:
    assert reports(target) == reports(source)
    assert exported(target) == exported(source)  # ids, order and all
    assert findings(target) == findings(source)  # `check`: no new problem


# --- the sample book ---------------------------------------------------------------------------


def test_the_sample_book_moves_whole(tmp_path):
    source = Gk(shutil.copytree(SAMPLE_BOOK, tmp_path / "data"))
    text = exported(source)
    lines = [json.loads(line) for line in text.splitlines()]
    assert {line["table"] for line in lines} >= {"case", "answer", "event"}
    assert all(line["id"] for line in lines if line["table"] == "event")  # old id-less events: their derived ids
    target = moved(source, tmp_path / "新账本", "蓟州区东二营镇人民政府")
    assert_same_book(source, target)


# --- a case closed as 逾期未缴费 and the rest of a lifecycle -------------------------------------


@pytest.fixture
def lifecycle(gk) -> Gk:
    gk.add_case("2024-03-01", "商业企业", name="张三", id_number="11010519491231002X", phone="13812345678")
    gk.ok("case", "fee-notice", "2024-0001", "--date", "2024-03-05", "--amount", "300", "--method", "per_page")
    gk.ok("case", "answer", "2024-0001", "--date", "2024-04-30", "--outcome", "逾期未缴费")
    gk.add_case("2024-05-06")
    gk.ok("case", "extend", "2024-0002", "--date", "2024-05-30", "--days", "20", "--approver", "王主任")
    gk.ok("case", "answer", "2024-0002", "--date", "2024-06-20", "--outcome", "granted")
    gk.ok("case", "answer", "2024-0002", "--date", "2024-06-21", "--outcome", "partial", "--amend")
    gk.add_case("2024-11-20", "科研机构")  # open at the year's end: carried into 2025
    gk.ok("event", "add", "penalty", "--date", "2024-06-03", "--count", "2")
    gk.ok("review", "add", "--kind", "reconsideration", "--filed", "2024-08-01", "--case", "2024-0001")
    gk.ok("review", "decide", "R2024-0001", "--date", "2024-10-20", "--result", "upheld")
    return gk


def test_a_case_closed_for_an_unpaid_fee_survives(lifecycle, tmp_path):
    target = moved(lifecycle, tmp_path / "新账本")
    assert_same_book(lifecycle, target)
    rows = target.json("report", "2024", "--format", "json")["applications"]["rows"]
    assert rows["other_no_fee"][-1] == 1
    assert json.loads(target.ok("case", "show", "2024-0001", "--format", "json", "--with-personal-data"))["name"] == "张三"


def test_loading_twice_adds_nothing(lifecycle, tmp_path):
    target = moved(lifecycle, tmp_path / "新账本")
    before = target.snapshot()
    result = target("load", "-", input=exported(lifecycle))
    assert result.exit_code == 0, result.stderr
    assert "已写入 0 条记录" in result.stderr and "条已在账本中" in result.stderr
    assert target.snapshot() == before


def test_ids_continue_after_the_highest_loaded(lifecycle, tmp_path):
    target = moved(lifecycle, tmp_path / "新账本")
    assert target.add_case("2024-12-01") == "2024-0004"
    assert target.ok("review", "add", "--kind", "litigation_direct", "--filed", "2024-12-02").split()[-1] == "R2024-0002"
    target.ok("event", "add", "penalty", "--date", "2024-12-03")
    ids = [e["id"] for e in map(json.loads, exported(target).splitlines()) if e["table"] == "event"]
    assert ids == ["E2024-0001", "E2024-0002"]


def test_a_conflicting_line_refuses_everything(lifecycle, tmp_path):
    target = new_book(tmp_path / "新账本")
    target.add_case("2024-01-02")  # 2024-0001 here is another application
    before = target.snapshot()
    result = target("load", "-", input=exported(lifecycle))
    assert result.exit_code == 2
    assert "2024-0001" in result.stderr and "标准输入:1" in result.stderr and "未写入任何内容" in result.stderr
    assert target.snapshot() == before


@pytest.mark.parametrize(
    "line,words",
    [
        ('{"table": "case", "id": "2024-0009", "received": "2024-02-30", "applicant": "business"}', "不存在"),
        ('{"table": "case", "id": "2024-0009", "applicant": "business"}', "received"),
        ('{"table": "case", "id": "2024-0009", "received": "2024-02-03", "applicant": "business", "colour": "红"}', "colour"),
        ('{"table": "cases", "id": "2024-0009"}', "cases"),
        ('{"id": "2024-0009"}', "table"),
        ('{"table": "fee_notice", "case": "2024-0001", "date": "2024-03-05", "amount": 300.5}', "amount"),
        ('{"table": "case", "id": "2024-0009", "received": "2024-02-03"', "JSON"),
        ('{"table": "holiday", "date": "2024-02-03", "end": "2024-02-05"}', "end"),
        ('{"table": "event", "kind": "penalty", "date": "2024-02-03"}', "id"),
    ],
)
def test_a_bad_line_is_named_and_nothing_is_written(lifecycle, tmp_path, line, words):
    target = new_book(tmp_path / "新账本")
    before = target.snapshot()
    good = exported(lifecycle).splitlines()
    text = "\n".join([*good[:2], line, *good[2:]]) + "\n"
    result = target("load", "-", input=text)
    assert result.exit_code == 2, result.stderr
    assert "标准输入:3" in result.stderr and words in result.stderr
    assert target.snapshot() == before


def test_load_reads_a_file_and_dry_run_writes_nothing(lifecycle, tmp_path):
    path = tmp_path / "全部记录.ndjson"
    lifecycle.ok("export", "-o", str(path))
    target = new_book(tmp_path / "新账本")
    before = target.snapshot()
    result = target("load", str(path), "--dry-run")
    assert result.exit_code == 0 and "将写入 11 条记录" in result.stderr
    assert target.snapshot() == before
    target.ok("load", str(path))
    assert exported(target) == path.read_text(encoding="utf-8")


def test_personal_data_is_exported_unless_left_out(lifecycle):
    result = lifecycle("export")
    assert "张三" in result.stdout and "个人信息" in result.stderr
    without = lifecycle("export", "--without-personal-data")
    assert "张三" not in without.stdout and "13812345678" not in without.stdout and "个人信息" not in without.stderr
    case = json.loads(without.stdout.splitlines()[0])
    assert case["table"] == "case" and not {"name", "id_number", "phone"} & set(case)


def test_export_of_one_year(lifecycle):
    lifecycle.ok("case", "answer", "2024-0003", "--date", "2025-01-06", "--outcome", "granted", "--today", TODAY)
    lifecycle.write("holidays.toml", "years = [2025]\n\n[[holiday]]\ndate = 2024-10-08\n\n[[workday]]\ndate = 2025-01-26\n")
    result = lifecycle("export", "--year", "2025")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines == [
        {"table": "answer", "case": "2024-0003", "date": "2025-01-06", "outcome": "granted"},
        {"table": "workday", "date": "2025-01-26"},
        {"table": "holiday_year", "year": 2025},
    ]
    assert "此前年度" in result.stderr
    every_year = exported(lifecycle, "--year", "2024") + exported(lifecycle, "--year", "2025")
    assert sorted(every_year.splitlines()) == sorted(exported(lifecycle).splitlines())


def test_holidays_move_and_change_deadlines_the_same(lifecycle, tmp_path):
    lifecycle.write("holidays.toml", 'years = [2027]\n\n[[holiday]]\ndate = 2024-11-25\nend = 2024-11-29\nname = "停电"\n')
    target = moved(lifecycle, tmp_path / "新账本")
    assert_same_book(lifecycle, target)
    show = ("case", "show", "2024-0003", "--format", "json", "--today", "2024-12-02")
    assert target.json(*show)["due"] == lifecycle.json(*show)["due"]
    # a book whose calendar says the opposite for a day refuses the whole load
    other = new_book(tmp_path / "另一个")
    other.write("holidays.toml", "[[workday]]\ndate = 2024-11-26\n")
    before = other.snapshot()
    result = other("load", "-", input=exported(lifecycle))
    assert result.exit_code == 2 and "2024-11-26" in result.stderr
    assert other.snapshot() == before


def test_a_book_with_reading_errors_is_not_exported(gk):
    gk.write("ledger/2024/cases.toml", '[[case]]\nid = "2024-0001"\nreceived = 2024-02-30\napplicant = "business"\n')
    result = gk("export")
    assert result.exit_code == 2 and result.stdout == "" and "cases.toml:3" in result.stderr


def test_every_ledger_table_is_documented():
    doc = (Path(__file__).resolve().parent.parent / "docs" / "json.md").read_text(encoding="utf-8")
    section = doc.split("## `gkcli export`", 1)[1].split("\n## ", 1)[0]
    for name, table in TABLES.items():
        row = next((line for line in section.splitlines() if line.startswith(f"| `[[{name}]]` |")), None)
        assert row is not None, name
        for field in table.fields:
            assert field.name == "note" or f"`{field.name}`" in row, (name, field.name)


# --- random books ------------------------------------------------------------------------------

START = date(2023, 3, 1)
APPLICANTS = [i.code for i in spec.APPLICANT_TYPES]
OUTCOMES = [i.code for i in spec.OUTCOMES]
EVENT_KINDS = [i.code for i in spec.EVENT_KINDS]
STEP_KINDS = ["correction_requested", "correction_received", "extension", "consultation", "consultation_end", "fee_notice", "fee_paid", "withdrawal", "answer", "amend"]

days = st.integers(0, 600)


@st.composite
def books(draw) -> dict:
    """Records of a small book as (table, record) in the order they were entered, and id-less events written by hand."""
    records: list[tuple[str, object]] = []
    cases = []
    for n in range(draw(st.integers(1, 4))):
        received = START + timedelta(days=draw(days))
        case = Case(
            f"{received.year}-{n + 1:04d}",
            received,
            draw(st.sampled_from(APPLICANTS)),
            draw(st.sampled_from(["", "online", "letter"])),
            draw(st.sampled_from(["", "用地审批", "拆迁补偿"])),
            name=draw(st.sampled_from(["", "张三"])),
        )
        cases.append(case)
        records.append(("case", case))
        day = received
        for kind in draw(st.lists(st.sampled_from(STEP_KINDS), max_size=4)):
            day += timedelta(days=draw(st.integers(1, 40)))
            if kind in ("answer", "amend"):
                step = CaseStep("answer", case.id, day, outcome=draw(st.sampled_from(OUTCOMES)), amend=kind == "amend")
            else:
                extra = {
                    "correction_requested": {"period": 15},
                    "extension": {"days": 20, "approver": "王主任"},
                    "consultation": {"party": "third_party"},
                    "fee_notice": {"amount": Decimal(draw(st.sampled_from(["300", "12.5"]))), "method": "per_page"},
                }.get(kind, {})
                step = CaseStep(kind, case.id, day, **extra)
            records.append((step.kind, step))
    events = []
    for n in range(draw(st.integers(0, 3))):
        day = START + timedelta(days=draw(days))
        kind = draw(st.sampled_from(EVENT_KINDS))
        event = Event(
            kind,
            day,
            count=draw(st.integers(0, 5)),
            amount=Decimal("120.50") if kind == "fee" else None,
            channel="website" if kind == "publication" else "",
            category="policy" if kind == "publication" and "policy" in {i.code for i in spec.PUBLICATION_CATEGORIES} else "",
            id=f"E{day.year}-{n + 1:04d}",
        )
        events.append(event)
        records.append(("event", event))
    reviews = []
    for n in range(draw(st.integers(0, 2))):
        filed = START + timedelta(days=draw(days))
        review = Review(f"R{filed.year}-{n + 1:04d}", draw(st.sampled_from([i.code for i in spec.REVIEW_GROUPS])), filed, draw(st.sampled_from(["", cases[0].id])))
        reviews.append(review)
        records.append(("review", review))
        if draw(st.booleans()):
            records.append(("decision", Decision(review.id, filed + timedelta(days=30), draw(st.sampled_from([i.code for i in spec.REVIEW_RESULTS])))))
    hand = draw(st.lists(st.sampled_from([("penalty", 1), ("licensing", 3), ("penalty", 1)]), max_size=2))  # identical facts too
    old = [Event(kind, date(2024, 7, 1), count=count) for kind, count in hand]
    entered = START + timedelta(days=draw(st.integers(300, 700)))
    targets = [("case", c.id) for c in cases] + [("event", e.id) for e in event_ids.with_ids(old) + events] + [("review", r.id) for r in reviews]
    for target, ident in draw(st.lists(st.sampled_from(targets), max_size=3)):
        if draw(st.booleans()):
            records.append((f"{target}_void", Void(target, ident, entered, "重复登记")))
        elif target == "case":
            records.append(("case_amend", CaseAmend(ident, entered, "录入有误", applicant=draw(st.sampled_from(APPLICANTS)))))
        elif target == "event":
            records.append(("event_amend", EventAmend(ident, entered, "录入有误", count=draw(st.integers(0, 9)))))
        else:
            records.append(("review_amend", ReviewAmend(ident, entered, "录入有误", filed=entered)))
    for year in draw(st.lists(st.sampled_from([2023, 2024]), max_size=2)):
        text = closing.canonical({})
        records.append(("close", Close(year, date(year + 1, 1, 15), closing.fingerprint(text), text)))
        if draw(st.booleans()):
            records.append(("reopen", Reopen(year, date(year + 1, 2, 1), "更正统计")))
    return {"records": records, "old": old}


def build(folder: Path, drawn: dict) -> Gk:
    gk = new_book(folder)
    with write.book_lock(gk.root):
        write.append_batch(gk.root, drawn["records"])
    if drawn["old"]:  # events of a book written before events had ids
        blocks = "".join(f'\n[[event]]\nkind = "{e.kind}"\ndate = {e.date}\ncount = {e.count}\n# 完\n' for e in drawn["old"])
        path = gk.root / "ledger" / "2024" / "events.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as out:
            out.write(blocks)
    return gk


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(drawn=books())
def test_export_load_reproduces_random_books(tmp_path_factory, drawn):
    base = tmp_path_factory.mktemp("transfer")
    source = build(base / "原账本", drawn)
    target = moved(source, base / "新账本")
    assert_same_book(source, target)
    again = target("load", "-", input=exported(source))
    assert again.exit_code == 0 and "已写入 0 条记录" in again.stderr


def test_history_let_in_by_the_rails_moves_without_flags(gk, tmp_path):
    """A second record entered with --duplicate-ok and an answer moved with --move-year load as they are."""
    for _ in range(2):
        gk.ok("case", "add", "--received", "2024-05-10", "--applicant", "个人", "--subject", "某文件", "--duplicate-ok", "--today", TODAY)
    gk.ok("case", "answer", "2024-0001", "--date", "2024-12-20", "--outcome", "granted", "--today", TODAY)
    gk.ok("case", "answer", "2024-0001", "--date", "2025-01-06", "--outcome", "granted", "--amend", "--move-year", "--today", TODAY)
    target = moved(gk, tmp_path / "new")
    assert reports(target) == reports(gk)
