"""信息处理费 (国办函〔2020〕109号): the examples of spec §6 and every tier boundary."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gkcli.clock import fee_amounts as fees


@pytest.mark.parametrize(
    ("count", "total"),
    [(10, 0), (11, 100), (30, 2000), (31, 2200), (35, 3000), (40, 4000), (41, 4300)],
)
def test_per_application_tiers(count, total):
    assert fees.total(fees.per_application(count)) == total


@pytest.mark.parametrize(
    ("pages", "total"),
    [(30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_per_page_tiers(pages, total):
    assert fees.total(fees.per_page(pages)) == total


@given(st.integers(0, 200), st.integers(0, 200))
def test_per_application_is_cumulative_within_a_month(a, b):
    assert fees.total(fees.per_application(a + b)) == fees.total(fees.per_application(a)) + fees.total(fees.per_application(b, earlier=a))


def test_fee_command_shows_the_arithmetic(gk):
    out = gk.ok("fee", "--applications", "35")
    assert "第 11–30 件：20 × 100 元 = 2000 元" in out
    assert out.strip().endswith("合计：2000 + 1000 = 3000 元")
    assert gk.json("fee", "--pages", "250", "--format", "json")["total"] == 4700
    assert gk.json("fee", "--applications", "1", "--earlier", "30", "-f", "json")["total"] == 200


def test_fee_command_needs_exactly_one_method(gk):
    result = gk("fee", "--applications", "3", "--pages", "40")
    assert result.exit_code == 2 and "之一" in result.stderr and "Traceback" not in result.stderr
