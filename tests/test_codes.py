"""`gkcli codes` and what an unknown value gets: the closest candidates and the way to the full list.

One table of accepted wordings (`spec.CODE_KINDS`) serves options, hand-written ledgers,
bulk input and `import`: each test here reads that table rather than repeating it.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gkcli import spec

KINDS = {k.name: k for k in spec.CODE_KINDS}


def _codes_named(text: str, kind: str) -> set[str]:
    """The codes of `kind` a message names (as whole words)."""
    return {i.code for i in KINDS[kind].items if re.search(rf"(?<![A-Za-z_-]){re.escape(i.code)}(?![A-Za-z_-])", text)}


def test_codes_lists_every_code_with_its_official_label_and_wordings(gk):
    listed = gk.json("codes", "--format", "json")
    expected = [(k.name, i.code, i.number, i.label) for k in spec.CODE_KINDS for i in k.items]
    assert [(r["kind"], r["code"], r["number"], r["label"]) for r in listed] == expected
    outcome = {r["code"]: r["wordings"] for r in listed if r["kind"] == "outcome"}
    assert "撤回" in outcome["other_other"] and "信息不存在" in outcome["unable_not_held"]
    channel = {r["code"]: r["wordings"] for r in listed if r["kind"] == "channel"}
    assert "网上申请" in channel["online"]


def test_codes_of_one_kind_as_a_table_csv_and_ndjson(gk):
    table = gk("codes", "outcome")
    assert table.exit_code == 0
    assert "withheld_enforcement_file" in table.stdout and "属于行政执法案卷" in table.stdout
    assert "granted" in table.stdout and "legal_service" not in table.stdout
    assert "case answer --outcome" in table.stderr
    rows = list(csv.DictReader(io.StringIO(gk.ok("codes", "applicant", "-f", "csv"))))
    assert [r["code"] for r in rows] == [i.code for i in spec.APPLICANT_TYPES]
    assert "律所" in next(r for r in rows if r["code"] == "legal_service")["wordings"].split("、")
    lines = gk.ok("codes", "审理结果", "-f", "ndjson").splitlines()  # a kind by its Chinese name
    assert [json.loads(line)["code"] for line in lines] == ["upheld", "corrected", "other"]
    quiet = gk("-q", "codes", "channel")
    assert quiet.exit_code == 0 and quiet.stderr == "" and "in_person" in quiet.stdout


def test_an_unknown_kind_of_code_names_the_closest(gk):
    result = gk("codes", "outcom")
    assert result.exit_code == 2 and "「outcom」" in result.stderr and "outcome" in result.stderr
    assert "Traceback" not in result.output
    bad = gk("codes", "-f", "xml")
    assert bad.exit_code == 2 and "不支持的格式" in bad.stderr


def _answered(gk):
    case = gk.add_case("2024-02-01")
    return ["case", "answer", case, "--date", "2024-02-10", "--outcome"]


def _decided(gk):
    review = gk.ok("review", "add", "--kind", "reconsideration", "--filed", "2024-08-01").strip().splitlines()[-1]
    return ["review", "decide", review, "--date", "2024-10-20", "--result"]


# (kind, a command up to the option the value goes to, the value typed, the codes it is nearest)
TYPED = [
    ("outcome", _answered, "不予公开", {"withheld_secret", "withheld_law", "withheld_safety", "withheld_enforcement_file"}),
    ("outcome", _answered, "同意", {"granted"}),
    ("applicant", lambda gk: ["case", "add", "--received", "2024-02-01", "--applicant"], "律师", {"legal_service"}),
    ("channel", lambda gk: ["case", "add", "--received", "2024-02-01", "--applicant", "个人", "--channel"], "网申", {"online"}),
    ("event", lambda gk: ["event", "add", "--date", "2024-03-01", "--"], "penalti", {"penalty"}),
    ("result", _decided, "维持原决定", {"upheld"}),
]


@pytest.mark.parametrize(("kind", "command", "typed", "near"), TYPED, ids=[f"{t[0]}-{t[2]}" for t in TYPED])
def test_an_unknown_value_gets_three_candidates_and_the_codes_command(gk, kind, command, typed, near):
    args = command(gk)
    before = gk.snapshot()
    result = gk(*args, typed)
    assert result.exit_code == 2, result.output
    named = _codes_named(result.stderr, kind)
    assert 1 <= len(named) <= 3 and named & near, result.stderr
    assert f"gkcli codes {kind}" in result.stderr
    assert max(len(line) for line in result.stderr.splitlines()) < 250  # not every option on one line
    assert "Traceback" not in result.output
    assert gk.snapshot() == before


def test_the_words_registers_use_are_accepted_by_options_and_bulk_input_alike(gk):
    case = gk.add_case("2024-02-01", "律所", channel="网上申请")
    gk.ok("case", "answer", case, "--date", "2024-02-10", "--outcome", "不予公开（行政执法案卷）")
    rows = [("applicant", w, c) for w, c in spec.APPLICANT_ALIASES.items()]
    rows += [("channel", w, c) for w, c in spec.CASE_CHANNEL_ALIASES.items()]
    rows += [("outcome", w, c) for w, c in spec.OUTCOME_ALIASES.items() if c not in ("other_no_fee", "other_no_correction")]  # these need a fee notice or 补正 request first
    text = "".join(
        json.dumps(
            {"received": "2024-03-01", "applicant": word if field == "applicant" else "个人", "subject": f"{field}:{word}"}
            | ({"channel": word} if field == "channel" else {})
            | ({"answered": "2024-03-05", "outcome": word} if field == "outcome" else {}),
            ensure_ascii=False,
        )
        + "\n"
        for field, word, _ in rows
    )
    gk.ok("case", "add", "-", input=text)
    listed = {c["subject"]: c for c in gk.json("case", "list", "-f", "json")}
    for field, word, code in rows:
        assert listed[f"{field}:{word}"][field] == code, (field, word)
    first = next(c for c in listed.values() if c["id"] == case)
    assert (first["applicant"], first["channel"], first["outcome"]) == ("legal_service", "online", "withheld_enforcement_file")


@pytest.mark.parametrize(
    "typed",
    ["withheld_enforcement_file", "7.属于行政执法案卷", "三.三.7", "（三）7", "行政执法案卷", "不予公开（行政执法案卷）", "不予公开：执法案卷"],
)
def test_an_outcome_by_code_label_part_numbering_or_group_and_part(gk, typed):
    case = gk.add_case("2024-02-01")
    gk.ok("case", "answer", case, "--date", "2024-02-10", "--outcome", typed)
    assert gk.json("case", "list", "-f", "json")[0]["outcome"] == "withheld_enforcement_file"


def test_a_label_typed_with_its_own_numbering_is_taken(gk):
    case = gk.add_case("2024-02-01")
    gk.ok("case", "answer", case, "--date", "2024-02-10", "--outcome", "（二）部分公开")
    assert gk.json("case", "list", "-f", "json")[0]["outcome"] == "partial"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=st.text(min_size=1, max_size=80).filter(lambda s: not s.startswith("-") and "\x00" not in s))
def test_any_applicant_typed_is_taken_or_refused_briefly(gk, typed):
    result = gk("case", "add", "--received", "2024-02-01", "--applicant", typed)
    assert result.exit_code in (0, 2), (result.exception, result.output)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert len(_codes_named(result.stderr, "applicant")) <= 3, result.stderr
        assert max(len(line) for line in result.stderr.splitlines()) < 400
