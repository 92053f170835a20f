"""The statutory clock as the law reads (docs/deadlines.md): steps after the period change nothing,
a consultation pauses for at most 15 working days, and no later step turns overdue into on time.

Hand counts use the State Council calendar: 2024 春节 2/10–2/17 (调休 2/4, 2/18), 端午 6/10,
中秋 9/15–9/17 (调休 9/14), 国庆 10/1–10/7 (调休 9/29, 10/12); 2025 端午 5/31–6/2. (n) is the n-th
counted working day.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gkcli.clock.answer_due import deadline
from gkcli.clock.workdays import Calendar
from gkcli.model import Case, CaseStep

CAL = Calendar()


def case(received: str) -> Case:
    return Case("A", date.fromisoformat(received), "natural_person", "letter", "", None)


def step(kind: str, day: str, **fields) -> CaseStep:
    return CaseStep(kind, "A", date.fromisoformat(day), **fields)


def ext(day: str) -> CaseStep:
    return step("extension", day, days=20, approver="主任")


def answer(day: str) -> CaseStep:
    return step("answer", day, outcome="granted")


# receipt 2024-09-02: 9/3–9/6(1–4) 9/9–9/13(5–9) 9/14 Sat 调休(10) [中秋] 9/18–9/20(11–13)
# 9/23–9/27(14–18) 9/29 Sun 调休(19) 9/30(20): the original period ends 2024-09-30.
# receipt 2024-06-03: 6/4(1) 6/5(2) [consultation sent 6/5] …
# 15 working days after 2024-06-05: 6/6 6/7(2) [6/10 端午] 6/11–6/14(6) 6/17–6/21(11) 6/24–6/27(15).
CASES = [
    pytest.param("2024-09-02", [ext("2024-09-30")], "2026-06-30", "2024-11-01", "overdue",
                 # extension on the last allowed day: [国庆] 10/8–10/11(1–4) 10/12 调休(5) 10/14–10/18(6–10) 10/21–10/25(11–15) 10/28–11/1(16–20)
                 id="extension on the last day of the period"),
    pytest.param("2024-09-02", [ext("2024-10-08"), answer("2024-10-20")], "2026-06-30", "2024-09-30", "answered_late",
                 id="extension one day after the period changes nothing"),
    pytest.param("2024-01-29", [ext("2024-02-29")], "2026-06-30", "2024-03-28", "overdue",
                 # 1/30–2/2(1–4) 2/4 调休(5) 2/5–2/9(6–10) [春节] 2/18 调休(11) 2/19–2/23(12–16) 2/26–2/29(17–20); then 3/1(1) … 3/25–3/28(17–20)
                 id="extension on the last day across 春节"),
    pytest.param("2024-01-29", [ext("2024-03-01"), answer("2024-03-20")], "2026-06-30", "2024-02-29", "answered_late",
                 id="extension one day late across 春节"),
    pytest.param("2024-06-03", [step("consultation", "2024-06-05", party="third_party"), step("consultation_end", "2024-06-12")],
                 "2026-06-30", "2024-07-08", "overdue",
                 # resumed 6/13(3) 6/14(4) 6/17–6/21(5–9) 6/24–6/28(10–14) 7/1–7/5(15–19) 7/8(20)
                 id="third party: ended by the recorded end"),
    pytest.param("2024-06-03", [step("consultation", "2024-06-05", party="third_party"), step("consultation_end", "2024-08-30")],
                 "2026-06-30", "2024-07-23", "overdue",
                 # paused to 6/27 only: 6/28(3) 7/1–7/5(4–8) 7/8–7/12(9–13) 7/15–7/19(14–18) 7/22(19) 7/23(20)
                 id="third party: ended by the 15 working days"),
    pytest.param("2024-06-03", [step("consultation", "2024-06-05", party="agency"), step("consultation_end", "2024-06-12")],
                 "2026-06-30", "2024-07-08", "overdue", id="agency: ended by the recorded end"),
    pytest.param("2024-06-03", [step("consultation", "2024-06-05", party="agency")], "2026-06-30", "2024-07-23", "overdue",
                 id="agency: no reply, ended by the 15 working days"),
    pytest.param("2024-06-03", [step("consultation", "2024-06-05", party="agency")], "2024-06-20", None, "open",
                 id="agency: still within its 15 working days"),
    pytest.param("2025-06-10", [step("consultation", "2025-06-10", party="third_party"), step("consultation_end", "2025-09-30")],
                 "2025-09-22", "2025-07-29", "overdue",
                 # the case: paused 6/11–7/1 (15); 7/2–7/4(1–3) 7/7–7/11(4–8) 7/14–7/18(9–13) 7/21–7/25(14–18) 7/28(19) 7/29(20)
                 id="a long consultation does not hide an overdue case"),
    pytest.param("2024-09-02", [step("fee_notice", "2024-09-20", amount=100), step("fee_paid", "2024-10-10")], "2026-06-30", "2024-10-18", "overdue",
                 # 9/20 is (13); paused 9/21–10/10 across 国庆; 10/11(14) 10/12 调休(15) 10/14–10/18(16–20)
                 id="fee notice inside the period, across 国庆"),
    pytest.param("2024-09-02", [step("fee_notice", "2024-10-08", amount=100)], "2024-10-15", "2024-09-30", "overdue",
                 id="fee notice after the period hides nothing"),
    pytest.param("2024-09-02", [step("correction_requested", "2024-10-08"), step("correction_received", "2024-10-09")], "2024-10-15", "2024-09-30", "overdue",
                 id="a correction request after the period does not restart the clock"),
    pytest.param("2024-09-02", [ext("2024-09-27"), step("fee_notice", "2024-10-31", amount=100)], "2024-11-05", None, "open",
                 # due 11/1 with the extension: a fee notice on 10/31 is within it and pauses the clock
                 id="fee notice within the extended period"),
]


@pytest.mark.parametrize(("received", "steps", "as_of", "due", "status"), CASES)
def test_hand_counted_due_dates(received, steps, as_of, due, status):
    found = deadline(CAL, case(received), steps, date.fromisoformat(as_of))
    assert (found.due.isoformat() if found.due else None, found.status) == (due, status)


KINDS = ("extension", "consultation", "consultation_end", "fee_notice", "fee_paid", "correction_requested", "correction_received", "answer", "withdrawal")


@st.composite
def histories(draw):
    received = date(2024, 1, 1) + timedelta(days=draw(st.integers(0, 700)))
    steps = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(KINDS))
        day = (received + timedelta(days=draw(st.integers(0, 120)))).isoformat()
        fields = {
            "extension": {"days": draw(st.integers(1, 20)), "approver": "主任"},
            "consultation": {"party": draw(st.sampled_from(("third_party", "agency")))},
            "fee_notice": {"amount": 100},
            "answer": {"outcome": "granted", "amend": draw(st.booleans())},
        }.get(kind, {})
        steps.append(step(kind, day, **fields))
    steps.sort(key=lambda s: s.date)
    return case(received.isoformat()), steps


@settings(max_examples=60, deadline=None)
@given(histories(), st.integers(0, 200))
def test_no_step_turns_an_overdue_case_into_one_answered_on_time(history, later):
    """Overdue on some day means overdue or answered late on every day after it, whatever was done."""
    c, steps = history
    days = [c.receipt + timedelta(days=k) for k in range(0, 200, 7)]
    overdue = next((d for d in days if deadline(CAL, c, steps, d).status == "overdue"), None)
    if overdue is None:
        return
    for d in [overdue + timedelta(days=k) for k in range(0, later + 1, 9)]:
        assert deadline(CAL, c, steps, d).status in ("overdue", "answered_late"), d


# --- the same rules where the fact is entered, and in `check` -----------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["case", "extend", "{id}", "--date", "2024-10-08", "--days", "20", "--approver", "主任"],
        ["case", "consult", "{id}", "--date", "2024-10-08", "--party", "agency"],
        ["case", "fee-notice", "{id}", "--date", "2024-10-08", "--amount", "100"],
        ["case", "correction-requested", "{id}", "--date", "2024-10-08"],
    ],
)
def test_a_step_after_the_period_is_refused_naming_the_article_and_the_last_day(gk, args):
    cid = gk.add_case("2024-09-02")
    before = gk.snapshot()
    result = gk(*[a.format(id=cid) for a in args])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "2024-09-30" in result.stderr and "条" in result.stderr and "--late" in result.stderr
    assert gk.snapshot() == before


def test_a_step_on_the_last_day_is_accepted(gk):
    cid = gk.add_case("2024-09-02")
    gk.ok("case", "extend", cid, "--date", "2024-09-30", "--days", "20", "--approver", "主任")
    assert json.loads(gk("due", "--today", "2024-10-08", "-f", "json").stdout)[0]["due"] == "2024-11-01"


def test_a_late_step_recorded_with_its_reason_is_a_finding_and_the_case_stays_overdue(gk):
    cid = gk.add_case("2024-09-02")
    gk.ok("case", "extend", cid, "--date", "2024-10-08", "--days", "20", "--approver", "主任", "--late", "负责人出差")
    gk.ok("case", "answer", cid, "--date", "2024-10-20", "--outcome", "予以公开")
    out = gk("check", "--today", "2024-10-21")
    assert "D9" in out.stdout and "负责人出差" in out.stdout and "D3" in out.stdout
    assert gk.json("case", "show", cid, "--today", "2024-10-21", "-f", "json")["status"] == "answered_late"


def test_a_late_step_written_by_hand_is_an_error(gk):
    cid = gk.add_case("2024-09-02")
    gk.write("ledger/2024/cases.toml", gk.root.joinpath("ledger/2024/cases.toml").read_text(encoding="utf-8") + f"""
[[extension]]
case = "{cid}"
date = 2024-10-08
days = 20
approver = "主任"
# 完
""")
    result = gk("check", "--today", "2024-10-21")
    assert result.exit_code == 1 and "错误 D9" in result.stdout and "2024-09-30" in result.stdout


def test_a_long_consultation_shows_the_case_overdue(gk):
    """The issue's case: 6/10 to 9/30 paused only 15 working days; due 7/29, overdue on 9/22."""
    cid = gk.add_case("2025-06-10")
    gk.ok("case", "consult", cid, "--date", "2025-06-10", "--party", "third_party")
    gk.ok("case", "consult-end", cid, "--date", "2025-09-30")
    result = gk("due", "--today", "2025-10-09", "-f", "json")  # exit 1: a case is overdue
    row = json.loads(result.stdout)[0]
    assert (row["due"], row["status"]) == ("2025-07-29", "overdue")
    assert "D10" in gk("check", "--today", "2025-10-09").stdout
    assert "最多暂停至 2025-07-01" in gk.ok("case", "show", cid, "--today", "2025-10-09", "--explain")


@pytest.mark.parametrize(("outcome", "why"), [("逾期未缴费", "没有收费通知"), ("other_no_correction", "没有补正告知")])
def test_an_outcome_check_would_refuse_is_refused_at_entry(gk, outcome, why):
    cid = gk.add_case("2024-09-02")
    result = gk("case", "answer", cid, "--date", "2024-09-20", "--outcome", outcome)
    assert result.exit_code == 2 and why in result.stderr


def test_no_fee_outcome_accepted_once_the_payment_period_passed(gk):
    cid = gk.add_case("2024-09-02")
    gk.ok("case", "fee-notice", cid, "--date", "2024-09-10", "--amount", "100")
    # 9/11–9/13(1–3) 9/14 调休(4) [中秋] 9/18–9/20(5–7) 9/23–9/27(8–12) 9/29 调休(13) 9/30(14) [国庆]
    # 10/8–10/11(15–18) 10/12 调休(19) 10/14(20): the applicant may pay until 10/14
    assert gk("case", "answer", cid, "--date", "2024-10-14", "--outcome", "逾期未缴费").exit_code == 2
    gk.ok("case", "answer", cid, "--date", "2024-10-15", "--outcome", "逾期未缴费")


@pytest.mark.parametrize(
    ("words", "code"),
    [("逾期未缴费", "other_no_fee"), ("未缴费", "other_no_fee"), ("逾期未缴纳费用", "other_no_fee"), ("逾期不补正", "other_no_correction"), ("逾期未补正", "other_no_correction")],
)
def test_outcome_wordings_of_the_official_labels(words, code):
    from gkcli import coerce, spec

    assert coerce.resolve(words, spec.OUTCOMES, "办理结果", "--outcome") == code
