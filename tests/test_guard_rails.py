"""Guard rails at entry: what every append refuses before writing anything (exit 2, ledger bytes unchanged).

A date after today (`--today` sets "today"), a probable duplicate of a case or review
(unless `--duplicate-ok`), and a corrected answer that moves a concluded case into another
year (unless `--move-year`).
"""

from __future__ import annotations

import json
from datetime import date

import pytest

TODAY = "2024-06-30"
LATER = "2024-07-01"


def refused(gk, *args, input=None):
    """Run a command that must be refused: exit 2, nothing written; returns what it printed."""
    before = gk.snapshot()
    result = gk(*args, input=input)
    assert result.exit_code == 2, f"{args}: exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
    assert gk.snapshot() == before
    assert "Traceback" not in result.stderr
    return result.stderr


def ndjson(*records: dict) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


# --- dates after today -------------------------------------------------------------------

STEPS = [
    ("answer", "--outcome", "granted"),
    ("correction-requested", "--period", "10"),
    ("correction-received",),
    ("extend", "--days", "10", "--approver", "王主任"),
    ("consult", "--party", "third_party"),
    ("consult-end",),
    ("fee-notice", "--amount", "200", "--method", "per_page"),
    ("fee-paid",),
    ("withdraw",),
]
BEFORE = {"correction-received": STEPS[1], "consult-end": STEPS[4], "fee-paid": STEPS[6]}  # what a step follows


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s[0])
def test_every_case_step_dated_after_today_is_refused_and_today_overrides(gk, step):
    cid = gk.add_case("2024-06-20")
    if step[0] in BEFORE:
        first = BEFORE[step[0]]
        gk.ok("case", first[0], cid, "--date", "2024-06-21", *first[1:])
    args = ("case", step[0], cid, "--date", LATER, *step[1:])
    message = refused(gk, *args, "--today", TODAY)
    assert LATER in message and "晚于今天" in message and "--today" in message
    gk.ok(*args, "--today", "2024-07-31")  # `--today` says what today is


@pytest.mark.parametrize(
    "args",
    [
        ("case", "add", "--received", LATER, "--applicant", "business"),
        ("case", "add", "--received", "2024-06-01", "--confirmed", LATER, "--channel", "letter", "--applicant", "business"),
        ("event", "add", "penalty", "--date", LATER),
        ("review", "add", "--kind", "reconsideration", "--filed", LATER),
    ],
    ids=["case-received", "case-confirmed", "event", "review"],
)
def test_every_add_dated_after_today_is_refused(gk, args):
    assert "晚于今天" in refused(gk, *args, "--today", TODAY)
    gk.ok(*args, "--today", LATER)


def test_a_review_decision_after_today_is_refused(gk):
    rid = gk.ok("review", "add", "--kind", "reconsideration", "--filed", "2024-06-01").strip().splitlines()[-1]
    args = ("review", "decide", rid, "--date", LATER, "--result", "维持")
    assert LATER in refused(gk, *args, "--today", TODAY)
    gk.ok(*args, "--today", LATER)


def test_bulk_and_import_refuse_a_date_after_today_and_write_none(gk, tmp_path):
    batch = ndjson({"received": "2024-06-01", "applicant": "business"}, {"received": LATER, "applicant": "business"})
    message = refused(gk, "case", "add", "-", "--today", TODAY, input=batch)
    assert LATER in message and "2" in message  # the input's line is named
    gk.ok("case", "add", "-", "--today", LATER, input=batch)
    path = tmp_path / "台账.csv"
    path.write_text(f"申请日期,申请人类型\n2024/6/2,企业\n2024/8/1,企业\n", encoding="utf-8")
    mapping = tmp_path / "m.toml"
    mapping.write_text('[columns]\n"申请日期" = "received"\n"申请人类型" = "applicant"\n', encoding="utf-8")
    assert "2024-08-01" in refused(gk, "import", str(path), "--map", str(mapping), "--today", TODAY)
    gk.ok("import", str(path), "--map", str(mapping), "--today", "2024-08-01")


# --- probable duplicates -----------------------------------------------------------------


def test_a_second_case_with_the_same_date_applicant_and_subject_is_refused_naming_the_first(gk):
    first = gk.add_case("2024-03-01", subject="某路段规划许可文件")
    args = ("case", "add", "--received", "2024-03-01", "--applicant", "natural_person", "--subject", "某路段规划许可文件")
    message = refused(gk, *args)
    assert first in message and "ledger/2024/cases.toml:3" in message and "疑似重复登记" in message
    assert "--duplicate-ok" in message and "确为另一件的" in message
    second = gk.ok(*args, "--duplicate-ok").strip().splitlines()[-1]
    assert second != first and len(gk.json("case", "list", "--format", "json")) == 2


@pytest.mark.parametrize(
    "other",
    [
        {"received": "2024-03-02"},
        {"applicant": "business"},
        {"subject": "另一份文件"},
    ],
    ids=["date", "applicant", "subject"],
)
def test_a_case_that_differs_in_date_applicant_or_subject_is_not_a_duplicate(gk, other):
    gk.add_case("2024-03-01", subject="某文件")
    fields = {"received": "2024-03-01", "applicant": "natural_person", "subject": "某文件", **other}
    gk.add_case(fields.pop("received"), fields.pop("applicant"), **fields)


def test_cases_without_subject_or_personal_data_are_never_duplicates(gk):
    for _ in range(3):
        gk.add_case("2024-03-01")  # three people applying on one day


def test_personal_data_given_must_be_the_same(gk):
    gk.add_case("2024-03-01", subject="某文件", name="张三", phone="13800138000")
    gk.add_case("2024-03-01", subject="某文件", name="李四")  # another person asking the same
    assert "2024-0001" in refused(gk, "case", "add", "--received", "2024-03-01", "--applicant", "natural_person", "--subject", "某文件", "--name", "张三")
    assert "申请人信息" in refused(gk, "case", "add", "--received", "2024-03-01", "--applicant", "natural_person", "--name", "李四", "--subject", "某文件")
    gk.add_case("2024-03-02", name="王五")
    assert "2024-0003" in refused(gk, "case", "add", "--received", "2024-03-02", "--applicant", "natural_person", "--name", "王五")


def _append(gk, *records):
    from gkcli.ledger.write import append_batch

    append_batch(gk.root, list(records))


def test_a_voided_case_does_not_count_and_a_corrected_one_counts_as_corrected(gk):
    from gkcli.model import CaseAmend, Void

    gk.add_case("2024-03-01", subject="甲")
    gk.add_case("2024-03-05", subject="乙")
    _append(gk, ("case_void", Void("case", "2024-0001", date(2024, 3, 9), "重复登记")))
    gk.add_case("2024-03-01", subject="甲")  # the first one is void
    _append(gk, ("case_amend", CaseAmend("2024-0002", date(2024, 3, 9), "日期写错", received=date(2024, 3, 1))))
    assert "2024-0002" in refused(gk, "case", "add", "--received", "2024-03-01", "--applicant", "natural_person", "--subject", "乙")
    gk.add_case("2024-03-05", subject="乙")  # 2024-0002 is no longer of that day
    _append(gk, ("case_amend", CaseAmend("2024-0002", date(2024, 3, 10), "内容写错", subject="丙")))
    gk.add_case("2024-03-01", subject="乙")
    assert "2024-0002" in refused(gk, "case", "add", "--received", "2024-03-01", "--applicant", "natural_person", "--subject", "丙")


def test_a_case_corrected_into_the_day_from_an_earlier_year_is_found(gk):
    from gkcli.model import CaseAmend

    gk.add_case("2023-12-30", subject="跨年")
    _append(gk, ("case_amend", CaseAmend("2023-0001", date(2024, 1, 5), "日期写错", received=date(2024, 1, 2))))
    message = refused(gk, "case", "add", "--received", "2024-01-02", "--applicant", "natural_person", "--subject", "跨年")
    assert "2023-0001" in message and "ledger/2023/cases.toml" in message
    gk.add_case("2024-12-30", subject="甲")
    _append(gk, ("case_amend", CaseAmend("2024-0001", date(2025, 1, 5), "内容写错", subject="乙")))  # in the 2025 ledger
    assert "2024-0001" in refused(gk, "case", "add", "--received", "2024-12-30", "--applicant", "natural_person", "--subject", "乙", "--today", "2025-01-06")
    gk.add_case("2024-12-30", subject="甲")


def test_a_second_review_of_the_same_kind_day_and_case_is_refused(gk):
    gk.add_case("2024-03-01")
    review = ("review", "add", "--kind", "reconsideration", "--filed", "2024-08-01", "--case", "2024-0001")
    gk.ok(*review)
    message = refused(gk, *review)
    assert "R2024-0001" in message and "ledger/2024/reviews.toml:3" in message and "--duplicate-ok" in message
    gk.ok(*review, "--duplicate-ok")
    gk.ok("review", "add", "--kind", "litigation_direct", "--filed", "2024-08-01", "--case", "2024-0001")
    gk.ok("review", "add", "--kind", "reconsideration", "--filed", "2024-08-02", "--case", "2024-0001")
    for _ in range(2):
        gk.ok("review", "add", "--kind", "reconsideration", "--filed", "2024-08-01")  # about no case: nothing to go on


def test_a_voided_review_does_not_count(gk):
    from gkcli.model import Void

    gk.add_case("2024-03-01")
    review = ("review", "add", "--kind", "reconsideration", "--filed", "2024-08-01", "--case", "2024-0001")
    gk.ok(*review)
    _append(gk, ("review_void", Void("review", "R2024-0001", date(2024, 8, 2), "重复登记")))
    gk.ok(*review)


def test_bulk_lists_every_duplicate_against_the_book_and_within_the_input(gk):
    gk.add_case("2024-03-01", subject="甲")
    gk.add_case("2024-03-01", subject="乙", channel="in_person")
    batch = ndjson(
        {"received": "2024-03-01", "applicant": "natural_person", "subject": "乙", "channel": "mail"},  # the book's 2024-0002
        {"received": "2024-03-03", "applicant": "business", "subject": "丙"},
        {"received": "2024-03-04", "applicant": "business"},
        {"received": "2024-03-04", "applicant": "business"},  # nothing to go on
        {"received": "2024-03-03", "applicant": "business", "subject": "丙"},  # line 2 of the input
    )
    message = refused(gk, "case", "add", "-", input=batch)
    assert "2 条记录疑似重复登记" in message and "--duplicate-ok" in message
    assert "2024-0002" in message and "ledger/2024/cases.toml:" in message
    assert message.count("L11") == 2 and "本次输入" in message
    gk.ok("case", "add", "-", "--duplicate-ok", input=batch)
    assert len(gk.json("case", "list", "--format", "json")) == 7


def test_import_refuses_duplicates_unless_told(gk, tmp_path):
    gk.add_case("2024-05-06", "business", subject="环评批复", channel="in_person")
    path = tmp_path / "台账.csv"
    path.write_text("申请日期,申请人类型,申请内容\n2024/5/6,企业,环评批复\n2024/5/7,企业,规划许可\n2024/5/7,企业,规划许可\n", encoding="utf-8")
    mapping = tmp_path / "m.toml"
    mapping.write_text('[columns]\n"申请日期" = "received"\n"申请人类型" = "applicant"\n"申请内容" = "subject"\n', encoding="utf-8")
    message = refused(gk, "import", str(path), "--map", str(mapping))
    assert "2 条记录疑似重复登记" in message and "2024-0001" in message
    gk.ok("import", str(path), "--map", str(mapping), "--duplicate-ok")


def test_check_lists_the_duplicates_let_in(gk):
    gk.add_case("2024-03-01", subject="甲")
    gk.ok("case", "add", "--received", "2024-03-01", "--applicant", "natural_person", "--subject", "甲", "--duplicate-ok")
    result = gk("check", "--format", "json")
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "L11"]
    assert result.exit_code == 0 and len(found) == 1 and found[0]["level"] == "warning" and "2024-0001" in found[0]["message"]


def test_the_rail_and_check_agree(gk):
    """A record the rail would refuse is exactly one `check` warns about once it is let in."""
    from gkcli.duplicates import probable_duplicates
    from gkcli.ledger.read import read_book

    cases = [("2024-03-01", "甲", ""), ("2024-03-01", "甲", "张三"), ("2024-03-01", "", "张三"), ("2024-03-01", "", "张三"), ("2024-03-01", "甲", "")]
    refusals = 0
    for received, subject, name in cases:
        args = ["case", "add", "--received", received, "--applicant", "natural_person", "--subject", subject, "--name", name]
        result = gk(*args)
        if result.exit_code == 2:
            refusals += 1
            gk.ok(*args, "--duplicate-ok")
    book, _ = read_book(gk.root)
    assert refusals == len(list(probable_duplicates(book))) == 2


# --- a corrected answer moving a case into another year ------------------------------------------


def test_an_amended_answer_in_another_year_is_refused_unless_move_year(gk):
    cid = gk.add_case("2024-12-20")
    gk.ok("case", "answer", cid, "--date", "2024-12-30", "--outcome", "granted")
    args = ("case", "answer", cid, "--date", "2025-01-03", "--outcome", "partial", "--amend")
    message = refused(gk, *args)
    assert cid in message and "2024-12-30" in message and "2024 年度" in message and "2025" in message
    assert "离开 2024 年度的统计表" in message and "--move-year" in message
    gk.ok("case", "answer", cid, "--date", "2024-12-31", "--outcome", "partial", "--amend")  # same year: fine
    gk.ok(*args, "--move-year")
    assert gk.json("report", "2025", "--format", "json")["applications"]["rows"]["new"][-1] == 0
    # moving it back is a move as well: the conclusion is now in 2025
    assert "2025-01-03" in refused(gk, "case", "answer", cid, "--date", "2024-12-31", "--outcome", "granted", "--amend")


def test_the_moved_rail_lists_every_move_of_a_batch(gk):
    from gkcli.errors import GkcliError
    from gkcli.guard import Entry, admit
    from gkcli.model import CaseStep

    for cid in (gk.add_case("2024-12-20"), gk.add_case("2024-12-21")):
        gk.ok("case", "answer", cid, "--date", "2024-12-30", "--outcome", "granted")
    batch = [
        ("answer", CaseStep("answer", "2024-0001", date(2025, 1, 2), "partial", amend=True)),
        ("answer", CaseStep("answer", "2024-0002", date(2025, 1, 2), "partial", amend=True)),
    ]
    with pytest.raises(GkcliError) as raised:
        admit(gk.root, batch, Entry(date(2025, 2, 1)))
    assert len(raised.value.findings) == 2 and "--move-year" in raised.value.hint
    assert admit(gk.root, batch, Entry(date(2025, 2, 1), move_year=True)) == batch
    # within one batch: the second correction is weighed against the first
    back = [batch[0], ("answer", CaseStep("answer", "2024-0001", date(2025, 1, 5), "granted", amend=True))]
    with pytest.raises(GkcliError) as raised:
        admit(gk.root, back, Entry(date(2025, 2, 1)))
    assert len(raised.value.findings) == 1


def test_a_subject_written_with_escapes_is_found_too(gk):
    subject = '关于"某项目"的批复\\附件'
    gk.add_case("2024-03-01", subject=subject)
    assert "2024-0001" in refused(gk, "case", "add", "--received", "2024-03-01", "--applicant", "natural_person", "--subject", subject)
