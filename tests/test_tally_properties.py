"""Property tests: any case history gives tables that satisfy the format's identities and equal
a brute-force count written independently of the tally."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gkcli import spec
from gkcli.model import Book, BookConfig, Case, CaseStep, Decision, Event, Review
from gkcli.tally import tally
from gkcli.validate import check_tables

YEARS = range(2022, 2027)
applicants = st.sampled_from([c.code for c in spec.APPLICANT_TYPES])
outcomes = st.sampled_from(spec.OUTCOME_CODES)
days = st.dates(min_value=date(2022, 1, 1), max_value=date(2026, 12, 31))


@st.composite
def histories(draw):
    cases, steps = [], []
    for n in range(draw(st.integers(0, 40))):
        received = draw(days)
        case = Case(f"c{n}", received, draw(applicants))
        cases.append(case)
        if draw(st.booleans()):
            answered = received + timedelta(days=draw(st.integers(0, 400)))
            steps.append(CaseStep("answer", case.id, answered, draw(outcomes)))
            if draw(st.integers(0, 5)) == 0:  # an amendment (更正) a little later
                steps.append(CaseStep("answer", case.id, answered + timedelta(days=draw(st.integers(0, 30))), draw(outcomes), amend=True))
    return Book(BookConfig("某机关"), "", tuple(cases), tuple(steps))


def brute_force(book: Book, year: int) -> dict[str, list[int]]:
    """Each cell counted straight from the definitions of spec §3."""
    final: dict[str, CaseStep] = {}
    for s in sorted(book.steps, key=lambda s: s.date):
        if s.case not in final or s.amend:
            final[s.case] = s
    start, end = date(year, 1, 1), date(year, 12, 31)
    rules = {
        "new": lambda c, a: start <= c.received <= end,
        "carried_in": lambda c, a: c.received < start and (a is None or a.date >= start),
        "carried_out": lambda c, a: c.received <= end and (a is None or a.date > end),
        "total": lambda c, a: a is not None and start <= a.date <= end,
    }
    for code in spec.OUTCOME_CODES:
        rules[code] = lambda c, a, code=code: a is not None and start <= a.date <= end and a.outcome == code
    table = {}
    for code, rule in rules.items():
        row = [sum(1 for c in book.cases if c.applicant == col and rule(c, final.get(c.id))) for col in spec.APPLICANT_CODES[:-1]]
        table[code] = row + [sum(row)]
    return table


@settings(max_examples=150, deadline=None)
@given(histories(), st.sampled_from(list(YEARS)))
def test_applications_equal_brute_force_and_satisfy_identities(book, year):
    tables = tally(book, year)
    expected = brute_force(book, year)
    for code, row in expected.items():
        assert list(tables.row(code)) == row, code
    previous = tally(book, year - 1)
    assert [f for f in check_tables(tables, previous) if f.code in ("A1", "A2", "A3", "A5", "Y1")] == []


@st.composite
def proactive_history(draw):
    events = [Event("regulation-stock", date(2021, 12, 31), draw(st.integers(0, 50)))]
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(st.sampled_from(["regulation-issued", "regulation-repealed", "penalty", "licensing", "fee"]))
        amount = draw(st.decimals(min_value=0, max_value=10**6, places=2)) if kind == "fee" else None
        events.append(Event(kind, draw(days), draw(st.integers(0, 5)), amount))
    return Book(BookConfig("某机关"), "", events=tuple(events))


@settings(max_examples=100, deadline=None)
@given(proactive_history(), st.sampled_from(list(YEARS)))
def test_stock_carries_over_and_fees_are_exact(book, year):
    tables, previous = tally(book, year), tally(book, year - 1)
    findings = check_tables(tables, previous)
    assert [f for f in findings if f.code == "Y2"] == []
    # repealing more than is in force is a ledger mistake the A5 check reports
    negative = tables.proactive.regulations.in_force < 0
    assert any(f.where == "proactive.regulations.in_force" for f in findings if f.code == "A5") == negative
    yuan = sum((e.amount for e in book.events if e.kind == "fee" and e.date.year == year), start=0)
    assert tables.proactive.fees_wan * 10000 == yuan


@st.composite
def review_history(draw):
    reviews, decisions = [], []
    for n in range(draw(st.integers(0, 20))):
        filed = draw(days)
        reviews.append(Review(f"r{n}", draw(st.sampled_from([g.code for g in spec.REVIEW_GROUPS])), filed))
        if draw(st.booleans()):
            decided = filed + timedelta(days=draw(st.integers(0, 400)))
            decisions.append(Decision(f"r{n}", decided, draw(st.sampled_from([r.code for r in spec.REVIEW_RESULTS]))))
    return Book(BookConfig("某机关"), "", reviews=tuple(reviews), decisions=tuple(decisions))


@settings(max_examples=100, deadline=None)
@given(review_history(), st.sampled_from(list(YEARS)))
def test_review_groups_add_up(book, year):
    tables = tally(book, year)
    assert [f for f in check_tables(tables) if f.code == "A4"] == []
    assert sum(row[-1] for row in tables.review) == sum(1 for r in book.reviews if r.filed.year == year)
