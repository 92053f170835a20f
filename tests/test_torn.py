"""Torn final records: `check` reports them with file:line and a fix; `repair` moves them aside."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gkcli.ledger import torn
from gkcli.ledger.read import read_ledger
from gkcli.ledger.schema import TABLES

CASES = "ledger/2024/cases.toml"
LEDGER = """\
    # 政府信息公开申请及办理记录（2024年）

    [[case]]
    id = "2024-0001"
    received = 2024-05-10
    applicant = "business"
    channel = "online"

    [[answer]]
    case = "2024-0001"
    date = 2024-05-28
    outcome = "granted"
"""
NEXT = '\n[[case]]\nid = "2024-0002"\nreceived = 2024-06-01\napplicant = "natural_person"\nsubject = "某某事项"\n'


def test_torn_record_is_reported_with_line_and_fix(gk):
    path = gk.write(CASES, LEDGER)
    path.write_bytes(path.read_bytes() + NEXT.encode()[:40])
    result = gk("check")
    assert result.exit_code == 1
    assert "ledger/2024/cases.toml:14: 错误 L10" in result.stdout
    assert "gkcli repair" in result.stdout
    assert "L1：" not in result.stdout  # the records before it are read


def test_report_refuses_a_book_with_a_torn_record(gk):
    path = gk.write(CASES, LEDGER)
    path.write_bytes(path.read_bytes() + NEXT.encode()[:40])
    result = gk("report", "2024", "--format", "json")
    assert result.exit_code == 2
    assert "L10" in result.stderr and "Traceback" not in result.stderr


def test_record_cut_right_after_a_newline_is_torn(gk):
    path = gk.write(CASES, LEDGER)
    path.write_bytes(path.read_bytes() + b'\n[[case]]\nid = "2024-0002"\n')
    assert "L10" in gk("check").stdout


def test_hand_written_record_missing_a_middle_field_is_not_torn(gk):
    gk.write(CASES, LEDGER + '\n    [[case]]\n    id = "2024-0002"\n    applicant = "business"\n')
    out = gk("check").stdout
    assert "L3" in out and "L10" not in out


def test_missing_final_newline_alone_is_a_warning(gk):
    path = gk.write(CASES, LEDGER)
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    result = gk("check")
    assert result.exit_code == 0
    assert "警告 L10" in result.stdout
    assert gk.json("report", "2024", "--format", "json")["applications"]["rows"]["granted"][-1] == 1


def test_torn_multibyte_character_at_the_end(gk):
    path = gk.write(CASES, LEDGER)
    path.write_bytes(path.read_bytes() + NEXT.encode()[:-4])  # inside 「项」
    out = gk("check").stdout
    assert "L10" in out and "L1：" not in out


def test_repair_moves_the_tail_aside_after_confirmation(gk):
    path = gk.write(CASES, LEDGER)
    clean = path.read_bytes()
    path.write_bytes(clean + NEXT.encode()[:40])
    refused = gk("repair", input="n\n")
    assert refused.exit_code == 1
    assert path.read_bytes() == clean + NEXT.encode()[:40]  # nothing moved without a yes
    result = gk("repair", input="y\n")
    assert result.exit_code == 0, result.stderr
    assert "ledger/2024/cases.toml:14" in result.stdout
    assert path.read_bytes() == clean + b"\n"
    side = path.with_name("cases.toml.torn").read_bytes()
    assert NEXT.encode()[1:40] in side  # kept, never deleted
    assert gk("check").exit_code == 0
    assert gk.add_case("2024-07-01") == "2024-0002"


def test_repair_yes_for_scripts_and_nothing_to_do(gk):
    path = gk.write(CASES, LEDGER)
    path.write_bytes(path.read_bytes() + NEXT.encode()[:40])
    assert gk("repair", "--yes").exit_code == 0
    again = gk("repair", "--yes")
    assert again.exit_code == 0 and "未发现" in again.stderr


def test_append_refuses_to_bury_a_torn_record(gk):
    path = gk.write(CASES, LEDGER)
    path.write_bytes(path.read_bytes() + NEXT.encode()[:40])
    before = gk.snapshot()
    result = gk("case", "add", "--received", "2024-07-01", "--applicant", "business")
    assert result.exit_code == 2
    assert "gkcli repair" in result.stderr and "Traceback" not in result.stderr
    assert gk.snapshot() == before


def test_one_broken_block_in_the_middle_hides_nothing_else(gk):
    text = LEDGER + '\n    [[case]]\n    id = "2024-0002\n    received = 2024-06-01\n    applicant = "business"\n'
    text += '\n    [[case]]\n    id = "2024-0003"\n    received = 2024-06-02\n    applicant = "business"\n'
    gk.write(CASES, text)
    result = gk("check", "--format", "json")
    data = json.loads(result.stdout)
    assert [f["code"] for f in data["findings"]] == ["L1"]
    assert data["findings"][0]["where"].startswith("ledger/2024/cases.toml:15")
    assert gk("case", "list", "--format", "csv").exit_code == 2  # a broken block still blocks use


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=1, max_value=len(NEXT.encode()) - 1))
def test_every_cut_of_the_last_record_is_found_or_harmless(cut):
    """A power cut at any byte of an append leaves the earlier records intact and the tail detectable."""
    head = LEDGER.replace("    ", "").encode()
    raw = head + NEXT.encode()[:cut]
    tail = torn.torn_tail(raw)
    if tail is None or tail.level != torn.CUT:
        # only a cut that leaves a complete record (or nothing of it) may pass unreported
        assert raw.endswith(b"\n") or raw.endswith(b'"')
    else:
        assert raw[: tail.offset].rstrip(b"\n") == head.rstrip(b"\n")


def every_kind_of_record(gk) -> None:
    """One record of every table, each written by its own command."""
    gk.add_case("2024-03-01", "business", name="张三", phone="13812345678", subject="某某事项")
    gk.add_case("2024-03-02")
    gk.add_case("2024-03-04")
    for args in (
        ("case", "correction-requested", "2024-0001", "--date", "2024-03-05"),
        ("case", "correction-received", "2024-0001", "--date", "2024-03-08"),
        ("case", "extend", "2024-0001", "--date", "2024-03-20", "--days", "10", "--approver", "李四"),
        ("case", "consult", "2024-0001", "--date", "2024-03-21", "--party", "third_party"),
        ("case", "consult-end", "2024-0001", "--date", "2024-03-25"),
        ("case", "fee-notice", "2024-0001", "--date", "2024-03-26", "--amount", "100"),
        ("case", "fee-paid", "2024-0001", "--date", "2024-03-27"),
        ("case", "answer", "2024-0001", "--date", "2024-04-02", "--outcome", "granted"),
        ("notice", "2024-0001", "--date", "2024-04-03"),
        ("case", "withdraw", "2024-0002", "--date", "2024-03-10"),
        ("event", "add", "penalty", "--date", "2024-06-03", "--count", "12", "--title", "某处罚决定"),
        ("event", "add", "fee", "--date", "2024-07-01", "--amount", "1234.56"),
        ("event", "add", "publication", "--date", "2024-12-31", "--channel", "website", "--count", "83"),
        ("review", "add", "--kind", "reconsideration", "--filed", "2024-05-01", "--case", "2024-0003"),
        ("review", "decide", "R2024-0001", "--date", "2024-06-20", "--result", "upheld"),
        ("case", "amend", "2024-0003", "--subject", "某项目批复", "--reason", "补登申请内容"),
        ("case", "void", "2024-0002", "--reason", "重复登记"),
        ("event", "add", "licensing", "--date", "2023-06-01"),  # corrected below: not in the 2024 file cut here
        ("event", "add", "licensing", "--date", "2023-06-02"),
        ("event", "amend", "E2023-0001", "--count", "2", "--reason", "件数有误"),
        ("event", "void", "E2023-0002", "--reason", "重复登记"),
        ("review", "amend", "R2024-0001", "--filed", "2024-05-02", "--reason", "立案日期有误"),
        ("review", "void", "R2024-0001", "--reason", "重复登记"),
        ("close", "2024"),
        ("reopen", "2024", "--reason", "补登"),
    ):
        gk.ok(*args)


def appends(raw: bytes) -> list[int]:
    """Where each append ended: after every end line."""
    return [m.end() for m in re.finditer("^# 完 [^\n]*\n".encode(), raw, re.MULTILINE)]


def test_a_cut_at_every_byte_of_every_kind_of_record_is_found(gk):
    """Any prefix of any append is either harmless (nothing but the blank line before a block) or
    reported as L10 with the repair hint, with every record before it intact."""
    every_kind_of_record(gk)
    kinds_seen = set()
    for path in sorted((gk.root / "ledger").rglob("*.toml")):
        raw = path.read_bytes()
        bounds = [0, *appends(raw)]
        assert bounds[-1] == len(raw)
        for start, end in zip(bounds, bounds[1:]):
            before, piece = raw[:start], raw[start:end]
            expected: dict = {name: [] for name in TABLES}
            read_ledger(before, "x.toml", expected, [])
            kinds_seen.add(re.search(rb"\[\[(\w+)\]\]", piece).group(1))
            for cut in range(1, len(piece)):
                cut_raw = before + piece[:cut]
                tail = torn.torn_tail(cut_raw)
                records: dict = {name: [] for name in TABLES}
                findings: list = []
                read_ledger(cut_raw, "x.toml", records, findings)
                if cut >= piece.rindex("# 完".encode()) + len("# 完".encode()):  # the end line begun: the record is whole
                    assert tail is None and findings == [] and records != expected
                    continue
                assert records == expected
                if b"[" not in piece[:cut]:  # no record begun: a blank line, or a new file's title
                    assert tail is None or tail.level == torn.CUT
                    continue
                assert tail is not None and tail.level == torn.CUT, (path.name, piece[:cut])
                assert cut_raw[: tail.offset] == before or (not before and b"[[" not in cut_raw[: tail.offset])
                assert [(f.code, f.level) for f in findings] == [("L10", "error")], (piece[:cut], findings)
                assert "gkcli repair" in findings[0].message
    assert {k.decode() for k in kinds_seen} == set(TABLES)


@pytest.mark.parametrize(
    ("file", "cut_after"),
    [
        ("events", b"count = 1"),  # `count = 12` cut to a smaller, valid number
        ("events", b'title = "\xe6\x9f\x90'),  # inside a Chinese character
        ("cases", b"date = 2"),  # inside a value
        ("cases", b'outcome = "granted"\n'),  # every field, but not the end line
        ("reviews", b"\n[[dec"),  # inside a header
    ],
)
def test_a_torn_append_is_reported_refused_and_repaired(gk, file, cut_after):
    every_kind_of_record(gk)
    path = gk.root / f"ledger/2024/{file}.toml"
    raw = path.read_bytes()
    cut = raw.index(cut_after) + len(cut_after)
    before = raw[: max(b for b in [0, *appends(raw)] if b < cut)]  # the power went in this append
    path.write_bytes(raw[:cut])
    check = gk("check")
    assert check.exit_code == 1 and "错误 L10" in check.stdout and "gkcli repair" in check.stdout
    assert gk("report", "2024", "--format", "json").exit_code == 2
    refused = gk("event", "add", "penalty", "--date", "2024-08-01") if file == "events" else gk("case", "add", "--received", "2024-08-01", "--applicant", "business")
    if file != "reviews":
        assert refused.exit_code == 2 and "gkcli repair" in refused.stderr
    assert gk("repair", "--yes").exit_code == 0
    repaired = path.read_bytes()
    assert repaired == before or (before == b"" and repaired.startswith(b"# ") and b"[[" not in repaired)  # a new file keeps its title
    assert gk("check").exit_code == 0


def test_repair_preview_masks_personal_data(gk):
    gk.add_case("2024-03-01", name="张三丰", phone="13812345678", id_number="110101199003071233")
    path = gk.root / "ledger/2024/cases.toml"
    raw = path.read_bytes()
    path.write_bytes(raw[: raw.rindex("# 完".encode())])  # cut before its end line
    shown = gk("repair", input="n\n").stdout
    assert "cases.toml" in shown and "张**" in shown and "138****5678" in shown
    assert "三丰" not in shown and "12345678" not in shown and "19900307" not in shown
