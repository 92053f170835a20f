"""L11: two records that say the same thing are both kept and reported as a probable duplicate."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

PENALTY = '[[event]]\nkind = "penalty"\ndate = 2024-06-03\ncount = 1\n\n'


def findings(gk, *codes):
    result = gk("check", "--format", "json")
    return result.exit_code, [f for f in json.loads(result.stdout)["findings"] if f["code"] in codes]


def add_again(gk, received, applicant="natural_person", **options):
    """A case added with --duplicate-ok: a clerk lets in what the rail takes for a duplicate."""
    extra = [f"--{k.replace('_', '-')}={v}" for k, v in options.items()]
    return gk.ok("case", "add", "--received", received, "--applicant", applicant, "--duplicate-ok", *extra).strip().splitlines()[-1]


def headers(gk, relpath):
    """The line numbers of a ledger's block headers."""
    lines = (gk.root / relpath).read_text(encoding="utf-8").splitlines()
    return [n for n, line in enumerate(lines, 1) if line.startswith("[[")]


def test_two_equal_events_are_both_counted_and_reported_as_a_warning(gk):
    gk.write("ledger/2024/events.toml", PENALTY + '[[event]]\nkind = "licensing"\ndate = 2024-06-03\n\n' + PENALTY)
    code, found = findings(gk, "L11")
    assert code == 0  # a warning: they may be two real decisions
    assert [(f["level"], f["where"]) for f in found] == [("warning", "ledger/2024/events.toml:10")]
    assert "ledger/2024/events.toml:1" in found[0]["message"] and "疑似重复登记" in found[0]["message"]
    assert gk.json("report", "2024", "--format", "json")["proactive"]["penalty"] == 2  # nothing dropped
    assert "L11" in gk("check").stdout


def test_cases_equal_but_for_their_ids_are_reported_when_they_name_something(gk):
    gk.add_case("2024-03-01", subject="某路段规划许可文件")
    gk.add_case("2024-03-01")
    add_again(gk, "2024-03-01", subject="某路段规划许可文件")  # let in as a second one
    gk.add_case("2024-03-01")  # two people applying on one day without a subject: nothing to go on
    _, found = findings(gk, "L11")
    assert [f["where"] for f in found] == [f"ledger/2024/cases.toml:{headers(gk, 'ledger/2024/cases.toml')[2]}"]
    assert "2024-0003" in found[0]["message"] and "2024-0001" in found[0]["message"]
    assert "gkcli case void" in found[0]["message"]


def test_cases_are_compared_by_the_rule_of_the_rail_not_by_every_field(gk):
    """Channel and confirmation date do not tell two applications apart; the later one's personal data does."""
    gk.add_case("2024-03-01", subject="某文件", channel="in_person")
    add_again(gk, "2024-03-01", subject="某文件", channel="mail")  # reported
    gk.add_case("2024-03-01", subject="某文件", name="张三")  # gives a name the first lacks: another person
    gk.add_case("2024-03-01", subject="某文件", name="李四")
    gk.add_case("2024-03-01", subject="某文件", applicant="business")
    gk.add_case("2024-03-02", subject="某文件")
    _, found = findings(gk, "L11")
    lines = headers(gk, "ledger/2024/cases.toml")
    assert [f["where"] for f in found] == [f"ledger/2024/cases.toml:{lines[1]}"]


def test_a_voided_or_corrected_case_counts_as_corrected(gk):
    from datetime import date

    from gkcli.ledger.write import append_batch
    from gkcli.model import CaseAmend, Void

    gk.add_case("2024-03-01", subject="甲")
    add_again(gk, "2024-03-01", subject="甲")
    gk.add_case("2024-03-01", subject="乙")
    gk.add_case("2024-03-05", subject="丙")
    append_batch(gk.root, [("case_void", Void("case", "2024-0002", date(2024, 3, 9), "重复登记")),
                           ("case_amend", CaseAmend("2024-0004", date(2024, 3, 9), "日期写错", received=date(2024, 3, 1), subject="乙"))])
    _, found = findings(gk, "L11")
    assert len(found) == 1 and "2024-0004" in found[0]["message"] and "2024-0003" in found[0]["message"]


def test_equal_steps_are_reported_but_a_second_answer_is_left_to_l8(gk):
    gk.add_case("2024-03-01")
    consulted = '[[consultation]]\ncase = "2024-0001"\ndate = 2024-03-05\nparty = "third_party"\n\n'
    answered = '[[answer]]\ncase = "2024-0001"\ndate = 2024-03-20\noutcome = "granted"\n\n'
    gk.write("ledger/2024/more.toml", consulted * 2 + answered * 2)
    _, found = findings(gk, "L8", "L11")
    assert sorted(f["code"] for f in found) == ["L11", "L8"]
    assert "征求意见" in next(f["message"] for f in found if f["code"] == "L11")


def test_the_same_id_twice_is_l5_with_what_to_do_not_l11(gk):
    gk.write("ledger/2024/cases.toml", '[[case]]\nid = "A-1"\nreceived = 2024-03-01\napplicant = "business"\nsubject = "x"\n\n' * 2)
    code, found = findings(gk, "L5", "L11")
    assert code == 1 and [f["code"] for f in found] == ["L5"]
    assert "删去其中一条" in found[0]["message"] and "改为未用的编号" in found[0]["message"]


def test_reviews_equal_but_for_their_ids(gk):
    gk.add_case("2024-03-01")
    for _ in range(2):
        gk.ok("review", "add", "--kind", "reconsideration", "--filed", "2024-08-01", "--case", "2024-0001", "--duplicate-ok")
    gk.ok("review", "add", "--kind", "reconsideration", "--filed", "2024-08-01")
    gk.ok("review", "add", "--kind", "reconsideration", "--filed", "2024-08-01")
    gk.ok("review", "add", "--kind", "litigation_direct", "--filed", "2024-08-01", "--case", "2024-0001")
    _, found = findings(gk, "L11")
    assert len(found) == 1 and "R2024-0002" in found[0]["message"] and "R2024-0001" in found[0]["message"]
    assert "gkcli review void" in found[0]["message"]


EVENTS = st.lists(st.tuples(st.sampled_from(["penalty", "licensing"]), st.integers(1, 3), st.integers(1, 2)), max_size=12)


@settings(max_examples=150, deadline=None)
@given(EVENTS)
def test_every_repeat_is_reported_once_and_none_is_dropped(events):
    from datetime import date

    from gkcli.duplicates import probable_duplicates
    from gkcli.errors import Source
    from gkcli.model import Book, BookConfig, Event

    records = tuple(Event(kind, date(2024, 6, day), count, source=Source("e.toml", n + 1, 0)) for n, (kind, day, count) in enumerate(events))
    found = list(probable_duplicates(Book(BookConfig("机关"), ".", events=records)))
    assert len(found) == len(records) - len(set(records))
    assert all(f.level == "warning" for f in found)
    assert len({f.where for f in found}) == len(found)  # each repeat named at its own line
