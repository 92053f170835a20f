"""Narrative figures: sums the text quotes agree with the table cells; 信息处理费 from case steps."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from gkcli import spec
from gkcli.model import CaseStep
from gkcli.narrative.figures import values
from gkcli.narrative.template import starting_text
from gkcli.tables import Tables
from gkcli.tally.fees import tally_processing_fees

counts = st.integers(min_value=0, max_value=999)
applications = st.tuples(*(st.tuples(*(counts,) * len(spec.APPLICANT_COLUMNS)) for _ in spec.APPLICATION_ROWS))
review = st.tuples(*(st.tuples(*(counts,) * len(spec.REVIEW_COLUMNS)) for _ in spec.REVIEW_GROUPS))


@given(applications, review)
def test_quoted_sums_equal_the_cells_they_sum(apps, rev):
    t = Tables(2024, "某镇", applications=apps, review=rev)
    v = values(t)
    for row, cells in zip(spec.APPLICATION_ROWS, apps):
        for col, value in zip(spec.APPLICANT_COLUMNS, cells):
            assert v[f"applications.{row.code}.{col.code}"] == str(value)
    for group in ("withheld", "unable", "refused", "other"):
        rows = [t.row(r.code) for r in spec.APPLICATION_ROWS if r.parent == group]
        assert v[f"applications.{group}.total"] == str(sum(r[-1] for r in rows))
    assert v["review.litigation.total"] == str(t.review_row("litigation_direct")[-1] + t.review_row("litigation_after_review")[-1])


def test_starting_text_uses_only_known_placeholders():
    import re

    names = set(values(Tables(2024, "某镇")))
    used = set(re.findall(r"(?<!\{)\{([a-z_.]+)\}(?!\})", starting_text(2024)))
    assert used and used <= names


def step(kind: str, day: date, amount: str | None = None):
    """A fee step of case 2024-0001; a notice may lack its amount (counted as 0 元)."""
    fields = {"kind": kind, "case": "2024-0001", "date": day}
    if amount is not None:
        fields["amount"] = Decimal(amount)
    return CaseStep(**fields)


def test_processing_fees_count_in_the_year_of_their_own_date():
    steps = [
        step("answer", date(2024, 3, 1)),
        step("fee_notice", date(2024, 3, 1), "3000"),
        step("fee_notice", date(2024, 12, 30), "100.50"),
        step("fee_paid", date(2024, 3, 10)),  # collects the notice's 3000
        step("fee_paid", date(2025, 1, 5)),  # paid next year: its 100.50 collected in 2025
        step("fee_notice", date(2024, 6, 1)),  # a record without an amount counts, with 0 元
    ]
    fees = tally_processing_fees(steps, 2024)
    assert (fees.notices, fees.billed, fees.paid, fees.collected) == (3, Decimal("3100.50"), 1, Decimal(3000))
    v = values(Tables(2024, "某镇", processing_fees=fees))
    assert (v["fees.billed"], v["fees.collected"], v["fees.notices"]) == ("3100.50", "3000", "3")
    assert tally_processing_fees(steps, 2025).collected == Decimal("100.50")
