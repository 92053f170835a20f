"""Case and review ids match their whole pattern: no stray newline, space or control character."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

BAD_IDS = ["2024-0001\n", "2024-0001\r\n", " 2024-0001", "2024-0001 ", "2024\t0001", "2024-0001\x1b[31m", "2024-0001\x00", "\n2024-0001", "A" * 65]


@pytest.mark.parametrize("ident", BAD_IDS)
def test_an_id_with_a_stray_character_is_refused_on_the_command_line(gk, ident):
    before = gk.snapshot()
    result = gk("case", "add", "--received", "2024-03-01", "--applicant", "natural_person", "--id", ident)
    assert result.exit_code == 2 and "--id" in result.stderr and "不可用" in result.stderr
    assert gk("review", "add", "--kind", "reconsideration", "--filed", "2024-08-01", "--id", ident).exit_code == 2
    assert gk.snapshot() == before


def test_an_id_ending_in_a_newline_cannot_pass_for_one_already_in_use(gk):
    """The pattern's `$` matched before a final newline: two cases were listed as 2024-0001."""
    assert gk.add_case("2024-03-01") == "2024-0001"
    result = gk("case", "add", "--received", "2024-03-02", "--applicant", "business", "--id", "2024-0001\n")
    assert result.exit_code == 2
    assert [c["id"] for c in json.loads(gk.ok("case", "list", "--format", "json"))] == ["2024-0001"]


def test_bulk_input_with_a_stray_newline_in_an_id_writes_nothing(gk):
    before = gk.snapshot()
    lines = [
        {"id": "2024-0001", "received": "2024-03-01", "applicant": "natural_person"},
        {"id": "2024-0002\n", "received": "2024-03-02", "applicant": "business"},
    ]
    result = gk("case", "add", "-", input="".join(json.dumps(line) + "\n" for line in lines))
    assert result.exit_code == 2 and ":2:" in result.stderr
    assert gk.snapshot() == before


@pytest.mark.parametrize("table", ["case", "review"])
def test_a_hand_written_id_that_does_not_fully_match_is_an_l4_finding(gk, table):
    case, review = '[[case]]\nreceived = 2024-03-01\napplicant = "natural_person"\n', '[[review]]\nkind = "reconsideration"\nfiled = 2024-08-01\n'
    head = case if table == "case" else review
    good = head + 'id = "X-1"\n\n'
    gk.write("ledger/2024/cases.toml" if table == "case" else "ledger/2024/reviews.toml", good * 3 + head + 'id = "X-1\\n"\n')
    result = gk("check", "--format", "json")
    assert result.exit_code == 1
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "L4"]
    assert len(found) == 1 and found[0]["where"].endswith(":16") and "编号" in found[0]["message"]
    assert gk("report", "2024").exit_code == 2  # a record that cannot be read: the figures would be wrong


ID_TEXT = st.text(st.sampled_from("0Aa_.-汉 \n\t\x1b\u3007〔"), min_size=0, max_size=70)


@settings(max_examples=300, deadline=None)
@given(st.lists(ID_TEXT, max_size=6))
def test_a_column_of_ids_is_valid_exactly_when_each_id_is(idents):
    """The column reader's one match over all ids agrees with the one-by-one check appends use."""
    import re

    from gkcli import coerce
    from gkcli.errors import GkcliError

    def valid(ident):
        try:
            return coerce.valid_id(ident, "--id") == ident
        except GkcliError:
            return False

    assert coerce.all_valid_ids(idents) == all(map(valid, idents))
    for ident in idents:
        expected = re.fullmatch(r"[0-9A-Za-z汉][0-9A-Za-z汉_.\-]{0,63}", ident) is not None
        assert valid(ident) == expected and (not expected or "\n" not in ident)
