"""Applicants' names, ID numbers and phones: kept in the ledger, masked in listings, never in reports."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NAME, ID_NUMBER, PHONE = "张三丰", "11010519491231002X", "13812345678"


@pytest.fixture
def book(gk):
    gk.ok("case", "add", "--received", "2024-05-10", "--applicant", "自然人", "--name", NAME, "--id-number", ID_NUMBER.lower(), "--phone", PHONE)
    gk.ok("case", "answer", "2024-0001", "--date", "2024-05-20", "--outcome", "granted")
    return gk


def test_personal_data_is_kept_in_the_ledger(book):
    text = (book.root / "ledger/2024/cases.toml").read_text(encoding="utf-8")
    assert f'name = "{NAME}"' in text and f'id_number = "{ID_NUMBER}"' in text and f'phone = "{PHONE}"' in text


@pytest.mark.parametrize("fmt", ["terminal", "md", "json"])
def test_reports_never_show_personal_data(book, fmt):
    out = book.ok("report", "2024", "--format", fmt)
    for secret in (NAME, ID_NUMBER, PHONE, "张*", "110105", "5678"):
        assert secret not in out


@pytest.mark.parametrize("fmt", ["table", "json", "ndjson", "csv"])
def test_listings_mask_personal_data_by_default(book, fmt):
    out = book.ok("case", "list", "--format", fmt)
    assert NAME not in out and ID_NUMBER not in out and PHONE not in out
    if fmt in ("json", "csv"):
        assert "张**" in out and "110105********002X" in out and "138****5678" in out
    full = book.ok("case", "list", "--format", fmt, "--with-personal-data")
    assert NAME in full and (fmt == "table" or (ID_NUMBER in full and PHONE in full))


def test_show_masks_unless_asked(book):
    assert NAME not in book.ok("case", "show", "2024-0001")
    shown = json.loads(book.ok("case", "show", "2024-0001", "-f", "json", "--with-personal-data"))
    assert (shown["name"], shown["id_number"], shown["phone"]) == (NAME, ID_NUMBER, PHONE)


@pytest.mark.parametrize(
    "value,words",
    [("110105194912310021", "校验位"), ("11010519491331002X", "出生日期"), ("1101051949", "18 位")],
)
def test_id_number_is_validated(gk, value, words):
    before = gk.snapshot()
    result = gk("case", "add", "--received", "2024-05-10", "--applicant", "自然人", "--id-number", value)
    assert result.exit_code == 2 and "--id-number" in result.stderr and words in result.stderr
    assert gk.snapshot() == before


def test_bad_id_number_in_a_hand_edited_ledger_is_reported(gk):
    gk.write("ledger/2024/cases.toml", '[[case]]\nid = "a"\nreceived = 2024-01-02\napplicant = "natural_person"\nid_number = "110105194912310021"\n')
    result = gk("check")
    assert result.exit_code == 1 and "ledger/2024/cases.toml:1" in result.stdout and "校验位" in result.stdout
    assert "110105194912310021" not in result.stdout  # the finding does not repeat the number


# --- No message repeats a name, an ID number or a phone -------------------------------------


def test_an_id_number_given_as_a_phone_is_not_repeated(gk):
    before = gk.snapshot()
    result = gk("case", "add", "--received", "2024-05-10", "--applicant", "自然人", "--phone", ID_NUMBER)
    assert result.exit_code == 2 and "--phone" in result.stderr and "联系电话" in result.stderr
    assert ID_NUMBER not in result.stderr + result.stdout and ID_NUMBER[6:14] not in result.stderr
    assert gk.snapshot() == before


def test_a_bad_birth_date_is_not_repeated(gk):
    result = gk("case", "add", "--received", "2024-05-10", "--applicant", "自然人", "--id-number", "11010519491331002X")
    assert result.exit_code == 2 and "出生日期" in result.stderr
    assert "19491331" not in result.stderr and "11010519491331002X" not in result.stderr


# Hand-written values a ledger may hold by mistake: (TOML value, what must not be shown).
HAND_WRITTEN = [
    ("phone", f'"{ID_NUMBER}"', ID_NUMBER),  # an ID number in the phone field
    ("phone", "13812345678", "13812345678"),  # a phone without quotes (an integer)
    ("phone", '"张三丰 138-1234-5678"', "1234"),
    ("id_number", "110105194912310021", "110105194912310021"),  # without quotes
    ("id_number", '"110105194912310021"', "110105194912310021"),  # wrong check character
    ("id_number", '"11010519491331002X"', "19491331"),  # no such birth date
    ("id_number", '"1101051949123100"', "1101051949123100"),  # too short
    ("name", '["张三丰"]', "张三丰"),
    ("name", "{ family = \"张\", given = \"三丰\" }", "三丰"),
    ("name", "20240510", "20240510"),
]


@pytest.mark.parametrize("field,value,secret", HAND_WRITTEN)
def test_check_does_not_repeat_a_bad_personal_value(gk, field, value, secret):
    gk.write("ledger/2024/cases.toml", f'[[case]]\nid = "a"\nreceived = 2024-01-02\napplicant = "natural_person"\n{field} = {value}\n')
    text = gk("check")
    assert text.exit_code == 1 and "ledger/2024/cases.toml:1" in text.stdout and "L4" in text.stdout and field in text.stdout
    found = gk("check", "--format", "json")
    assert found.exit_code == 1 and [f["code"] for f in json.loads(found.stdout)["findings"]] == ["L4"]
    for result in (text, found, gk("report", "2024"), gk("case", "list")):
        assert secret not in result.stdout + result.stderr


@pytest.mark.parametrize("field,value,secret", HAND_WRITTEN)
def test_bulk_input_does_not_repeat_a_bad_personal_value(gk, field, value, secret):
    import tomllib

    record = {"received": "2024-05-10", "applicant": "natural_person", field: tomllib.loads(f"v = {value}")["v"]}
    before = gk.snapshot()
    result = gk("case", "add", "-", input=json.dumps(record, ensure_ascii=False) + "\n")
    assert result.exit_code == 2 and field in result.stderr and secret not in result.stdout + result.stderr
    assert gk.snapshot() == before


_CHECK = "10X98765432"


def _with_check_character(first17: str) -> str:
    return first17 + _CHECK[sum(int(d) * w for d, w in zip(first17, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2))) % 11]


def _valid_id(value: str) -> bool:
    from gkcli import personal
    from gkcli.errors import GkcliError

    try:
        personal.check_id_number(value, "")
    except GkcliError:
        return False
    return True


_bad_phone = st.text(alphabet="0123456789X-+ ()甲", min_size=6, max_size=24).filter(
    lambda v: not (v.strip() and 5 <= sum(c.isdigit() for c in v) <= 20 and all(c.isdigit() or c in " -+()" for c in v.strip()))
)
_bad_id = st.one_of(
    st.from_regex(r"\A\d{17}[\dX]\Z").filter(lambda v: not _valid_id(v)),
    st.from_regex(r"\A\d{6}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d)\d{3}\Z").map(lambda v: _with_check_character(v)[:-1] + "Z"),
    st.text(alphabet="0123456789X", min_size=6, max_size=30).filter(lambda v: len(v) != 18),
)
_not_text = st.one_of(st.integers(100_000, 10**18), st.lists(st.text(alphabet="张王李赵三丰", min_size=3, max_size=6), min_size=1, max_size=2))
_bad_values = st.lists(
    st.one_of(
        st.tuples(st.just("phone"), st.one_of(_bad_phone, _not_text)),
        st.tuples(st.just("id_number"), st.one_of(_bad_id, _not_text)),
        st.tuples(st.just("name"), _not_text),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=_bad_values)
def test_no_message_repeats_any_bad_personal_value(gk, values):
    """Fuzzed names, ID numbers and phones, in a bulk input and in a hand-written ledger: every
    one refused with the field named, none repeated in any message (text or JSON)."""
    lines = [json.dumps({"received": "2024-05-10", "applicant": "natural_person", field: value}, ensure_ascii=False) for field, value in values]
    result = gk("case", "add", "-", input="\n".join(lines) + "\n")
    assert result.exit_code == 2
    shown = [result.stdout + result.stderr]
    head = '[[case]]\nid = "c{}"\nreceived = 2024-01-02\napplicant = "natural_person"\n'
    blocks = [head.format(i) + f"{field} = {json.dumps(value, ensure_ascii=False)}\n" for i, (field, value) in enumerate(values)]
    gk.write("ledger/2024/cases.toml", "\n".join(blocks))
    for fmt in ("text", "json"):
        found = gk("check", "--format", fmt)
        assert found.exit_code == 1 and found.stdout.count("L4") == len(values)
        shown.append(found.stdout + found.stderr)
    for _, value in values:
        secrets = [str(v) for v in value] if isinstance(value, list) else [str(value)]
        for secret, text in itertools.product(secrets, shown):
            assert secret not in text
