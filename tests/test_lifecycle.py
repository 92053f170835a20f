"""Case lifecycle commands, `gkcli due`, `case show` deadlines and the D checks, through the CLI."""

from __future__ import annotations

import json


def test_lifecycle_steps_are_appended_and_shown(gk):
    cid = gk.add_case("2024-09-20", channel="online", confirmed="2024-09-20")
    gk.ok("case", "correction-requested", cid, "--date", "2024-09-23", "--period", "10")
    gk.ok("case", "correction-received", cid, "--date", "2024-09-26")
    gk.ok("case", "consult", cid, "--date", "2024-10-09", "--party", "第三方")
    gk.ok("case", "consult-end", cid, "--date", "2024-10-15")
    gk.ok("case", "extend", cid, "--date", "2024-10-20", "--days", "10", "--approver", "王主任")
    gk.ok("case", "fee-notice", cid, "--date", "2024-10-21", "--amount", "200", "--method", "按件")
    gk.ok("case", "fee-paid", cid, "--date", "2024-10-22")
    data = gk.json("case", "show", cid, "--format", "json", "--today", "2024-10-23", "--explain")
    assert [s["kind"] for s in data["timeline"]] == [
        "correction_requested", "correction_received", "consultation", "consultation_end", "extension", "fee_notice", "fee_paid"
    ]
    assert data["status"] == "open" and data["working_days_allowed"] == 30
    # from 9/26: 9/27(1) 9/29(2) 9/30(3) [国庆] 10/8(4) 10/9(5) [pause 10/10–10/15] 10/16–10/18(6–8)
    # 10/21(9) [fee pause 10/22] 10/23(10)
    assert data["working_days_used"] == 10
    assert any("第三十二条" in n["basis"] for n in data["explain"])
    text = gk.ok("case", "show", cid, "--today", "2024-10-23", "--explain")
    assert "国庆节，不计入" in text and "国庆节调休上班，计为工作日" in text


def test_bad_lifecycle_input_is_refused_and_nothing_written(gk):
    cid = gk.add_case("2024-05-06")
    gk.ok("case", "extend", cid, "--date", "2024-05-20", "--days", "5", "--approver", "王主任")
    before = gk.snapshot()
    for args in (
        ("case", "extend", cid, "--date", "2024-05-21", "--days", "5", "--approver", "王主任"),  # second extension
        ("case", "extend", cid, "--date", "2024-05-21", "--days", "21", "--approver", "王主任"),
        ("case", "consult-end", cid, "--date", "2024-05-21"),  # no consultation
        ("case", "fee-paid", cid, "--date", "2024-05-21"),  # no notice
        ("case", "consult", cid, "--date", "2024-05-21", "--party", "邻居"),
        ("case", "withdraw", cid, "--date", "2024-05-01"),  # before receipt
        ("case", "withdraw", "2024-9999", "--date", "2024-05-21"),
        ("case", "add", "--received", "2024-05-06", "--applicant", "个人", "--channel", "in_person", "--confirmed", "2024-05-07"),
    ):
        result = gk(*args)
        assert result.exit_code == 2, args
        assert result.stderr.startswith("错误：") and "Traceback" not in result.stderr, args
    assert gk.snapshot() == before


def test_withdrawn_case_counts_as_other_other_and_cannot_be_answered(gk):
    cid = gk.add_case("2024-05-06")
    gk.ok("case", "withdraw", cid, "--date", "2024-05-10")
    result = gk("case", "answer", cid, "--date", "2024-05-20", "--outcome", "granted")
    assert result.exit_code == 2 and "撤回" in result.stderr
    rows = gk.json("report", "2024", "--format", "json")["applications"]["rows"]
    assert rows["other_other"][-1] == 1 and rows["carried_out"][-1] == 0


def test_due_lists_overdue_first_and_exits_1(gk):
    late = gk.add_case("2024-02-01")  # due 2024-03-05
    soon = gk.add_case("2024-03-01")  # due 2024-03-29
    done = gk.add_case("2024-02-02")
    gk.ok("case", "answer", done, "--date", "2024-02-20", "--outcome", "granted")
    result = gk("due", "--today", "2024-03-20", "--format", "json")
    assert result.exit_code == 1
    listed = json.loads(result.stdout)
    assert [(r["id"], r["status"], r["due"]) for r in listed] == [(late, "overdue", "2024-03-05"), (soon, "open", "2024-03-29")]
    assert [r["id"] for r in gk.json("due", "--today", "2024-02-20", "--within", "5", "-f", "json")] == []
    assert gk("due", "--today", "2024-03-20", "--overdue", "-f", "csv").stdout.count("\n") == 2


def test_due_exits_0_without_overdue_cases(gk):
    gk.add_case("2024-03-01")
    result = gk("due", "--today", "2024-03-04")
    assert result.exit_code == 0 and "2024-03-29" in result.stdout


def test_unknown_calendar_year_warns_until_the_book_supplies_it(gk):
    cid = gk.add_case("2031-03-03", today="2031-03-03")
    result = gk("due", "--today", "2031-03-10")
    assert result.exit_code == 0 and "2031 年不在工作日历中" in result.stderr and "holidays.toml" in result.stderr
    assert "D8" in gk("check", "--today", "2031-03-10").stdout
    gk.write("holidays.toml", """
        years = [2031]

        [[holiday]]
        date = 2031-03-04
        name = "机关停电"
    """)
    result = gk("due", "--today", "2031-03-10", "-f", "json")
    assert result.exit_code == 0 and "不在工作日历中" not in result.stderr
    assert json.loads(result.stdout)[0]["due"] == "2031-04-01"
    assert "机关停电，不计入" in gk.ok("case", "show", cid, "--today", "2031-03-10", "--explain")


def test_checks_of_the_lifecycle(gk):
    gk.write("ledger/2024/cases.toml", """
        [[case]]
        id = "A"
        received = 2024-05-06
        applicant = "natural_person"

        [[correction_requested]]
        case = "A"
        date = 2024-05-20

        [[answer]]
        case = "A"
        date = 2024-05-22
        outcome = "other_no_correction"

        [[case]]
        id = "B"
        received = 2024-02-01
        applicant = "natural_person"

        [[extension]]
        case = "B"
        date = 2024-02-20
        days = 25
        approver = "王主任"

        [[extension]]
        case = "B"
        date = 2024-02-21
        days = 5
        approver = "王主任"

        [[answer]]
        case = "B"
        date = 2024-06-03
        outcome = "other_no_fee"

        [[case]]
        id = "C"
        received = 2024-03-01
        applicant = "natural_person"

        [[fee_paid]]
        case = "C"
        date = 2024-03-04

        [[answer]]
        case = "C"
        date = 2024-12-30
        outcome = "granted"
    """)
    result = gk("check", "--today", "2024-12-01", "--format", "json")
    assert result.exit_code == 1
    codes = sorted({(f["code"], f["where"].split(":")[-1]) for f in json.loads(result.stdout)["findings"] if f["code"].startswith("D")})
    # A: notice on the 9th working day (D1); other_no_correction before the period ended (D4)
    # B: two extensions, one of 25 days (D2 ×2); answered late (D3); other_no_fee without a notice (D5)
    # C: fee paid without a notice (D7); answered after "today" (D6) and late (D3)
    assert codes == [
        ("D1", "6"), ("D2", "20"), ("D2", "26"), ("D3", "32"), ("D3", "46"), ("D4", "10"), ("D5", "32"), ("D6", "46"), ("D7", "42"),
    ]


def test_report_has_timeliness_and_fees(gk):
    a = gk.add_case("2024-02-01")
    b = gk.add_case("2024-09-20")
    gk.add_case("2024-12-02")  # due 2024-12-30: overdue at year end
    gk.ok("case", "answer", a, "--date", "2024-03-06", "--outcome", "granted")  # 21 days, late
    gk.ok("case", "fee-notice", b, "--date", "2024-09-23", "--amount", "300")
    gk.ok("case", "fee-paid", b, "--date", "2024-09-26")
    gk.ok("case", "answer", b, "--date", "2024-10-08", "--outcome", "granted")  # 9/23(1) [pause 9/24–9/26] 9/27(2) 9/29 Sun(3) 9/30(4) 10/8(5)
    data = gk.json("report", "2024", "--format", "json")
    assert data["timeliness"] == {
        "answered": 2, "median_working_days": "13", "mean_working_days": "13", "max_working_days": 21, "on_time": 1,
        "answered_late": 1, "on_time_rate_percent": "50", "open_at_year_end": 1, "overdue_at_year_end": 1,
    }
    assert data["processing_fees"] == {"notices": 1, "billed_yuan": "300", "paid": 1, "collected_yuan": "300"}
    assert "按期答复率 50%" in gk.ok("report", "2024", "--format", "md")
