"""Torn final records: `check` reports them with file:line and a fix; `repair` moves them aside."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gkcli.ledger import torn

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
