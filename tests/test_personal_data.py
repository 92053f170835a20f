"""Applicants' names, ID numbers and phones: kept in the ledger, masked in listings, never in reports."""

from __future__ import annotations

import json

import pytest

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
