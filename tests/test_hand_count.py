"""A book built through the commands over 2023–2025, and its 2024 tables counted by hand."""

from __future__ import annotations

from gkcli import spec


def build(gk):
    def case(received, applicant, answered=None, outcome=None):
        cid = gk.add_case(received, applicant)
        if answered:
            gk.ok("case", "answer", cid, "--date", answered, "--outcome", outcome)
        return cid

    case("2023-03-01", "自然人", "2023-03-20", "granted")  # all in 2023
    case("2023-12-20", "自然人", "2024-01-10", "部分公开")  # carried in, concluded 2024 as partial
    case("2023-12-28", "商业企业")  # carried in and carried out, never answered
    case("2024-02-01", "科研机构", "2024-02-20", "国家秘密")  # new, withheld_secret
    case("2024-12-25", "社会公益组织", "2025-01-08", "另行制作")  # new, carried out, answered 2025
    case("2024-06-01", "法律服务机构", "2024-06-15", "重复申请")  # new, refused_repeat
    case("2024-07-01", "other_org", "2024-07-20", "三.六.3")  # new, other_other
    case("2024-08-01", "自然人")  # new, carried out
    amended = case("2024-09-01", "自然人", "2024-09-10", "granted")  # new, then amended:
    gk.ok("case", "answer", amended, "--date", "2024-09-12", "--outcome", "信访", "--amend")  # refused_petition
    case("2025-01-03", "商业企业", "2025-01-10", "granted")  # all in 2025

    events = [
        ("regulation-stock", "2023-12-31", "--count", "5"),
        ("regulation-issued", "2023-06-01", "--count", "9"),  # before the stock assertion: already in it
        ("regulation-issued", "2024-03-01", "--count", "2"),
        ("regulation-repealed", "2024-10-01", "--count", "1"),
        ("regulation-issued", "2025-02-01", "--count", "1"),  # after the year
        ("normative-issued", "2023-05-01", "--count", "4"),
        ("normative-issued", "2024-05-01", "--count", "1"),
        ("normative-stock", "2024-06-30", "--count", "10"),  # a mid-year count replaces the running total
        ("normative-repealed", "2024-11-01", "--count", "2"),
        ("licensing", "2023-05-01", "--count", "10"),
        ("licensing", "2024-05-01", "--count", "3"),
        ("licensing", "2024-06-01", "--count", "4"),
        ("penalty", "2024-06-03", "--count", "1"),
        ("fee", "2023-12-31", "--amount", "1000"),
        ("fee", "2024-03-01", "--amount", "500.50"),
        ("fee", "2024-09-01", "--amount", "99.5"),
    ]
    for kind, day, option, value in events:
        gk.ok("event", "add", kind, "--date", day, option, value)

    def review(kind, filed, decided=None, result=None):
        rid = gk.ok("review", "add", "--kind", kind, "--filed", filed).strip()
        if decided:
            gk.ok("review", "decide", rid, "--date", decided, "--result", result)

    review("reconsideration", "2024-03-01", "2024-05-01", "撤销")  # corrected
    review("行政复议", "2024-11-01", "2025-01-20", "维持")  # pending at year end
    review("litigation_direct", "2023-10-01", "2024-02-01", "upheld")  # filed 2023: not in 2024
    review("复议后起诉", "2024-04-01", "2024-08-01", "撤诉")  # other
    review("直接起诉", "2024-12-30")  # pending


def test_2024_tables_match_a_hand_count(gk):
    build(gk)
    data = gk.json("report", "2024", "--format", "json")
    # the mid-year count of 10 disagrees with last year's 4 + 1 issued: worth a warning
    assert [(f["code"], f["where"]) for f in data["findings"]] == [("Y2", "proactive.normative_docs.in_force")]
    assert data["proactive"] == {
        "regulations": {"issued": 2, "repealed": 1, "in_force": 6},  # 5 + 2 − 1
        "normative_docs": {"issued": 1, "repealed": 2, "in_force": 8},  # 10 at 30 June − 2
        "licensing": 7,
        "penalty": 1,
        "enforcement": 0,
        "fees_wan": "0.06",  # 500.50 + 99.50 = 600 元
    }
    zero = [0] * 7
    expected_rows = {code: zero for code in spec.APPLICATION_ROW_CODES} | {
        "new": [2, 0, 1, 1, 1, 1, 6],
        "carried_in": [1, 1, 0, 0, 0, 0, 2],
        "partial": [1, 0, 0, 0, 0, 0, 1],
        "withheld_secret": [0, 0, 1, 0, 0, 0, 1],
        "refused_petition": [1, 0, 0, 0, 0, 0, 1],
        "refused_repeat": [0, 0, 0, 0, 1, 0, 1],
        "other_other": [0, 0, 0, 0, 0, 1, 1],
        "total": [2, 0, 1, 0, 1, 1, 5],
        "carried_out": [1, 1, 0, 1, 0, 0, 3],
    }
    assert data["applications"]["rows"] == expected_rows
    assert data["review"] == {
        "reconsideration": [0, 1, 0, 1, 2],
        "litigation_direct": [0, 0, 0, 1, 1],
        "litigation_after_review": [0, 0, 1, 0, 1],
    }
    assert gk("check", "2024").exit_code == 0  # warnings only


def test_years_chain_carried_out_into_carried_in(gk):
    build(gk)
    rows = {y: gk.json("report", str(y), "-f", "json")["applications"]["rows"] for y in (2023, 2024, 2025)}
    assert rows[2024]["carried_in"] == rows[2023]["carried_out"]
    assert rows[2025]["carried_in"] == rows[2024]["carried_out"]


def test_confirmed_receipt_date_decides_the_year(gk):
    """第三十一条: a letter that arrived on 30 December but was confirmed on 2 January is received in the new year."""
    gk.ok("case", "add", "--received", "2024-12-30", "--confirmed", "2025-01-02", "--applicant", "自然人", "--channel", "letter")
    rows = {y: gk.json("report", str(y), "-f", "json")["applications"]["rows"] for y in (2024, 2025)}
    assert rows[2024]["new"][-1] == 0 and rows[2024]["carried_out"][-1] == 0
    assert rows[2025]["new"][-1] == 1 and rows[2025]["carried_out"][-1] == 1
