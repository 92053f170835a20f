"""Property tests: each fast path equals the plain computation it replaces."""

from __future__ import annotations

from datetime import date, timedelta

import tomli_w
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gkcli import derived
from gkcli.clock import answer_due as deadlines
from gkcli.clock.answer_due import book_deadlines
from gkcli.ledger import torn, write
from gkcli.ledger.schema import TABLES, to_toml_fields
from gkcli.model import Book, BookConfig, CalendarDay, Case, CaseStep
from gkcli.clock.workdays import Calendar, calendar_of, nth_workday_after

days = st.dates(min_value=date(2019, 1, 1), max_value=date(2031, 12, 31))
# a book's own days: closures and make-up working days, some in years the package does not know
own_days = st.lists(st.builds(CalendarDay, days, st.booleans()), max_size=8)


def walked(cal: Calendar, start: date, n: int) -> date:
    """The n-th working day after `start`, one day at a time."""
    d, counted = start, 0
    while counted < n:
        d += timedelta(days=1)
        counted += cal.is_workday(d)
    return d


@settings(max_examples=300, deadline=None)
@given(days, st.integers(1, 400), own_days)
def test_nth_workday_by_running_counts_equals_walking(start, n, own):
    cal = Calendar({d.date: d for d in own}, frozenset({2030}))
    assert nth_workday_after(cal, start, n) == walked(cal, start, n)


outcomes = st.sampled_from(["granted", "partial", "other_other"])


@st.composite
def plain_histories(draw):
    """A case whose only steps are answers and withdrawals, with an `as_of` day."""
    received = draw(days)
    case = Case("A", received, "business", confirmed=received + timedelta(days=draw(st.integers(0, 5))) if draw(st.booleans()) else None)
    steps = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["answer", "answer", "withdrawal"]))
        day = received + timedelta(days=draw(st.integers(0, 200)))
        steps.append(CaseStep(kind, "A", day, draw(outcomes) if kind == "answer" else "", amend=kind == "answer" and draw(st.booleans())))
    steps.sort(key=lambda s: s.date)
    return case, steps, received + timedelta(days=draw(st.integers(-30, 400)))


@settings(max_examples=300, deadline=None)
@given(plain_histories(), own_days)
def test_plain_deadline_equals_the_general_rules(history, own):
    case, steps, as_of = history
    cal = Calendar({d.date: d for d in own})
    ended = deadlines.conclusions(steps).get(case.id)
    concluded, outcome = ended if ended and ended[0] <= as_of else (None, "")
    fast = deadlines.deadline(cal, case, steps, as_of)
    assert fast == deadlines._full_deadline(cal, case, steps, as_of, concluded, outcome)


recent_days = st.dates(min_value=date(2023, 6, 1), max_value=date(2025, 6, 30))  # a few calendar years: each example builds its own
step_kinds = st.sampled_from(["answer", "answer", "withdrawal", "extension", "correction_requested", "correction_received", "consultation", "consultation_end"])


@st.composite
def books(draw):
    """A book of a few cases with random histories (duplicate ids included), read as of some day."""
    cases, steps = [], []
    for n in range(draw(st.integers(0, 12))):
        received = draw(recent_days)
        case = Case(f"c{draw(st.integers(0, n))}", received, "business")
        cases.append(case)
        for _ in range(draw(st.integers(0, 3))):
            kind = draw(step_kinds)
            day = received + timedelta(days=draw(st.integers(0, 120)))
            extra = {"answer": {"outcome": "granted", "amend": draw(st.booleans())}, "extension": {"days": 10}}.get(kind, {})
            steps.append(CaseStep(kind, case.id, day, **extra))
    today = draw(st.none() | recent_days)
    return Book(BookConfig("某机关"), "", tuple(cases), tuple(steps), today=today)


@settings(max_examples=150, deadline=None)
@given(books(), recent_days)
def test_deadlines_reused_from_the_book_equal_fresh_ones(book, day):
    cal, by_case = calendar_of(book), deadlines.steps_by_case(book.steps)
    one_by_one = [deadlines.deadline(cal, c, by_case.get(c.id, []), day) for c in book.cases]  # nothing shared
    assert book_deadlines(calendar_of(book), book.cases, book.steps, day) == one_by_one


def _timeliness_case_by_case(book, year):
    """The processing-time figures from each case's own deadline (deadlines.deadline), nothing grouped."""
    from decimal import ROUND_HALF_UP, Decimal
    from statistics import median

    from gkcli.tally.timeliness import TENTH, Timeliness, _withdrawn

    cal, by_case, end = calendar_of(book), deadlines.steps_by_case(book.steps), date(year, 12, 31)
    found = [deadlines.deadline(cal, c, by_case.get(c.id, []), end) for c in book.cases if c.receipt <= end]
    found = [d for d in found if d.concluded is None or d.concluded.year == year]
    answered = [d for d in found if d.concluded and not _withdrawn(by_case.get(d.case.id, []))]
    days = [d.used for d in answered if d.start is not None]
    still_open = [d for d in found if not d.concluded]
    return Timeliness(
        year,
        len(answered),
        Decimal(str(median(days))).quantize(TENTH, ROUND_HALF_UP) if days else None,
        (Decimal(sum(days)) / len(days)).quantize(TENTH, ROUND_HALF_UP) if days else None,
        max(days) if days else None,
        sum(1 for d in answered if d.status == "answered"),
        sum(1 for d in answered if d.status == "answered_late"),
        len(still_open),
        sum(1 for d in still_open if d.status == "overdue"),
    )


@settings(max_examples=150, deadline=None)
@given(books(), st.sampled_from([2023, 2024, 2025]))
def test_timeliness_by_groups_equals_case_by_case(book, year):
    from gkcli.tally.timeliness import tally_timeliness

    assert tally_timeliness(book, year) == _timeliness_case_by_case(book, year)


# lines a hand-edited or cut-short last block might hold
block_lines = st.sampled_from(
    [
        "[[case]]", "[[answer]]", "[[event]]", "[case.x]", "[[nope]]", 'id = "2024-0001"', "received = 2024-05-10",
        'applicant = "business"', 'case = "2024-0001"', "date = 2024-05-20", 'outcome = "granted"', 'kind = "penalty"',
        'subject = """', '多行"""', "note = '''", "x = [", "  [1],", "]", "# received = 2024-05-10", "received = 2024-02-30",
        "  received=2024-05-10", 'received = "2024-05-10"', "id.x = 1", "",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(block_lines, min_size=1, max_size=8))
@example(["[[case]]", 'id = "2024-0001"', "received = 2024-05-10", 'applicant = "business"'])
@example(["[[case]]", 'id = "2024-0001"', "received = 2024-02-30", 'applicant = "business"'])
@example(["[[answer]]", 'case = "2024-0001"', "date = 2024-05-20", 'outcome = "granted"', "id.x = 1"])
def test_seeing_required_fields_without_parsing_agrees_with_the_parser(lines):
    chunk = ("\n".join(lines) + "\n").encode()
    if torn._has_required_lines(chunk):
        assert not torn._parsed_cut(chunk)


header_pieces = st.sampled_from(
    [b"[[case]]\n", b"  [[answer]]\n", b"\t[[ event ]] # [[x]]\n", b'x = 1\n', b's = "[[no]]"\n', b"# [[case]]\n", b"\n", b"a[[case]]\n", b"[[", b"[[cut"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(header_pieces, min_size=1, max_size=12))
def test_last_block_found_backwards_is_the_last_of_all_blocks(pieces):
    raw = b"".join(pieces)
    assert torn.last_block(raw) == torn.block_starts(raw)[-1]


texts = st.text(max_size=20)


@settings(max_examples=300, deadline=None)
@given(
    st.builds(Case, texts, days, st.just("business"), st.sampled_from(["", "online"]), texts, st.none() | days, texts),
    st.builds(CaseStep, st.just("answer"), texts, days, st.just("granted"), st.booleans()),
    st.builds(CaseStep, st.just("fee_notice"), texts, days, amount=st.decimals(0, 10**6, places=2)),
)
def test_blocks_written_without_tomli_w_are_what_tomli_w_writes(case, answer, fee):
    import tomllib

    for table, record in (("case", case), ("answer", answer), ("fee_notice", fee)):
        fields = to_toml_fields(TABLES[table], record)
        block = write.render_block(table, record)
        assert tomllib.loads(block)[table] == [fields]
        if not any(isinstance(v, str) and ('"' in v or "\\" in v) for v in fields.values()):  # else a literal string
            assert block == f"[[{table}]]\n" + tomli_w.dumps(fields) + "# 完\n"


id_prefixes = st.sampled_from(["2024-", "2025-", "ZX", "", "a\tb", "x\u2028y", "甲"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["2024", "2025"]), id_prefixes, st.integers(0, 99999), st.booleans()), min_size=1, max_size=12), id_prefixes)
def test_next_id_from_the_lock_file_index_equals_a_full_scan(tmp_path_factory, steps, asked):
    """Appends (and a hand edit that shortens a file) between look-ups: the index never gives a used number."""
    from gkcli.ledger import layout, lookup

    root = tmp_path_factory.mktemp("ids")
    for year, prefix, number, shorten in steps:
        path = root / "ledger" / year / "cases.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        block = f'[[case]]\nid = "{prefix}{number}"\nreceived = {year}-05-10\napplicant = "business"\n\n'
        with path.open("a", encoding="utf-8") as f:
            f.write(block)
        if shorten:  # a hand edit (or `repair`) may shorten a file
            path.write_text(path.read_text(encoding="utf-8")[: -len(block)], encoding="utf-8")
        indexed = lookup.next_id(root, "case", asked)
        (root / layout.LOCK_NAME).unlink()
        assert indexed == lookup.next_id(root, "case", asked)


def _value_for(field_name: str):
    """Values a hand-written or appended block may hold for a field: good, forgiving and bad ones."""
    return st.sampled_from(
        {
            "received": [date(2024, 5, 10), date(2023, 1, 2), "2024-05-10", date(1999, 1, 1), 20240510],
            "date": [date(2024, 5, 20), "2024-05-20", date(2024, 2, 29), date(3000, 1, 1)],
            "confirmed": [date(2024, 5, 11), None, "x"],
            "applicant": ["business", "natural_person", "商业企业", "nope", 3],
            "outcome": ["granted", "partial", "予以公开", "bad"],
            "channel": ["online", "letter", "", "网上"],
            "amend": [True, False, "yes"],
            "id_number": ["11010519491231002X", "110105194912310021", ""],
            "phone": ["010-12345678", "abc", ""],
            "period": [15, 0, -1, "3"],
            "amount": ["12.50", 3.5, "x"],
        }.get(field_name, ["2024-0001", "文字", "", 7, ["list"], {"a": 1}])
    )


@st.composite
def table_blocks(draw):
    name = draw(st.sampled_from(["case", "answer", "correction_requested", "fee_notice", "event", "review", "decision"]))
    table = TABLES[name]
    names = [f.name for f in table.fields] + ["unknown_key"]
    shapes = draw(st.lists(st.lists(st.sampled_from(names), unique=True), min_size=1, max_size=3))
    blocks = []
    for _ in range(draw(st.integers(1, 6))):
        shape = draw(st.sampled_from(shapes)) if draw(st.booleans()) else [f.name for f in table.fields if f.required]
        blocks.append({k: draw(_value_for(k)) for k in shape})
    return table, blocks


@settings(max_examples=400, deadline=None)
@given(table_blocks())
def test_reading_a_whole_column_equals_reading_block_by_block(drawn):
    from gkcli.errors import Source
    from gkcli.ledger import columns
    from gkcli.ledger.schema import quick_record

    table, blocks = drawn
    lines = list(range(1, 3 * len(blocks), 3))
    found = columns.records(table, blocks, "ledger/2024/cases.toml", lines)
    one_by_one = [quick_record(table, b, Source("ledger/2024/cases.toml", line)) for b, line in zip(blocks, lines)]
    if found is not None:
        assert None not in one_by_one  # no block with a problem was let through
        assert [(type(r), tuple(r)) for r in found] == [(type(r), tuple(r)) for r in one_by_one]


def _conclusions_one_by_one(steps):
    """The rule of tally/conclusion.py, step by step: the first concluding step in date order
    (ties in ledger order) stands, unless a later answer marked amend replaces it."""
    from gkcli.clock.conclusion import outcome_of

    out = {}
    for step in sorted((s for s in steps if s.kind in ("answer", "withdrawal")), key=lambda s: s.date):
        if step.case not in out or (step.amend and step.kind == "answer"):
            out[step.case] = (step.date, outcome_of(step))
    return out


concluding_steps = st.lists(
    st.builds(
        CaseStep,
        st.sampled_from(["answer", "withdrawal", "extension", "correction_requested"]),
        st.sampled_from(["2024-0001", "2024-0002", "2024-0003"]),
        st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 1, 10)),
        st.sampled_from(["granted", "partial", ""]),
        st.booleans() | st.just(False),
    ),
    max_size=12,
)


@settings(max_examples=400, deadline=None)
@given(concluding_steps)
def test_conclusions_equal_the_step_by_step_rule(steps):
    from gkcli.clock.conclusion import conclusions

    assert conclusions(steps) == _conclusions_one_by_one(steps)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.builds(Case, st.sampled_from(["a", "b", "c", "d"]), days, st.sampled_from(["business", "research"]), confirmed=st.none() | days)), concluding_steps)
def test_case_keys_written_out_equal_case_key(cases, steps):
    from collections import Counter

    from gkcli.tally.applications import case_key, case_keys
    from gkcli.clock.conclusion import conclusions

    ends = conclusions([s._replace(case=s.case[-1:].translate(str.maketrans("123", "abc"))) for s in steps])
    assert case_keys(cases, ends) == Counter(case_key(c, ends.get(c.id)) for c in cases)


def _record_checks_one_by_one(book):
    """L5–L8 as plain loops over the records: what the column-first checks must find, in the same order."""
    from gkcli.errors import ERROR, Finding
    from gkcli.spec import CASE_STEPS, by_code
    from gkcli.validate import DUPLICATE_ID_HINT

    out, seen = [], {}
    for c in book.cases:
        first = seen.setdefault(c.id, c)
        if first is not c:
            same = "内容相同（可能是合并后重复）" if first == c else "内容不同"
            out.append(Finding("L5", ERROR, f"申请案件编号「{c.id}」重复，首次出现在 {first.source}，{same}；{DUPLICATE_ID_HINT}", str(c.source)))
    ids = {c.id for c in book.cases}
    out += [Finding("L6", ERROR, f"记录指向不存在的申请案件「{s.case}」", str(s.source)) for s in book.steps if s.case not in ids]
    received, labels = {c.id: c.received for c in book.cases}, by_code(CASE_STEPS)
    out += [
        Finding("L7", ERROR, f"案件「{c.id}」的确认日期 {c.confirmed} 早于收件日期 {c.received}", str(c.source))
        for c in book.cases
        if c.confirmed and c.confirmed < c.received
    ]
    for s in book.steps:
        start = received.get(s.case)
        if start and s.date < start:
            out.append(Finding("L7", ERROR, f"案件「{s.case}」的{labels[s.kind].label}日期 {s.date} 早于收到日期 {start}", str(s.source)))
    answered = {}
    for s in sorted((s for s in book.steps if s.kind == "answer"), key=lambda s: s.date):
        first = answered.setdefault(s.case, s)
        if first is not s and not s.amend:
            out.append(Finding("L8", ERROR, f"案件「{s.case}」已在 {first.source} 答复过，此处再次答复；如为更正，请追加带 amend = true 的答复", str(s.source)))
    return out


@settings(max_examples=200, deadline=None)
@given(books(), st.lists(st.tuples(st.sampled_from(["c0", "c1", "x9"]), recent_days), max_size=3), st.lists(recent_days, max_size=2))
def test_record_checks_find_what_plain_loops_find(book, stray, confirmations):
    """Duplicate ids, steps of unknown cases or dated before receipt, double answers, early confirmations."""
    from gkcli.errors import Source
    from gkcli.validate import concluded_once, dangling_references, dates_in_order, duplicate_ids

    steps = book.steps + tuple(CaseStep("answer", case, day, "granted", source=Source("x", n)) for n, (case, day) in enumerate(stray))
    cases = tuple(c._replace(confirmed=day, source=Source("c", n)) for n, (c, day) in enumerate(zip(book.cases, confirmations))) + book.cases[len(confirmations) :]
    book = book._replace(cases=cases, steps=steps)
    found = [f for check in (duplicate_ids, dangling_references, dates_in_order, concluded_once) for f in check(book)]
    assert found == _record_checks_one_by_one(book)


def _ndjson_line_by_line(text: str, origin: str):
    """NDJSON input by the plain rule: every non-blank line decoded whole, or an error naming it."""
    import json
    from decimal import Decimal

    from gkcli.errors import GkcliError

    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            return GkcliError(f"不是有效的 JSON：{exc.msg}（第 {exc.colno} 列）", where=f"{origin}:{n}")
        if not isinstance(value, dict):
            return GkcliError("每条记录应为一个 JSON 对象（{…}）", where=f"{origin}:{n}")
        out.append((f"{origin}:{n}", value))
    return out


ndjson_lines = st.sampled_from(
    ['{"id": "A1", "amount": 1.50}', "", "   ", '  {"id": "A2"}  ', '\ufeff{"id": "A3"}', '{"a": 1} {"b": 2}', '{"a": 1},',
     '{"a": [1', '2]}', "[1, 2]", "7", '"文本"', "NaN", '{"a": "x\\u0041"}', "{", "}", '{"a": 1}\t']
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ndjson_lines, max_size=8))
def test_ndjson_reading_equals_decoding_line_by_line(lines):
    from gkcli.bulk.parse import _ndjson
    from gkcli.errors import GkcliError

    text = "\n".join(lines)
    expected = _ndjson_line_by_line(text, "-")
    try:
        found = [(item.where, item.fields) for item in _ndjson(text, "-")]
    except GkcliError as exc:
        found = GkcliError(exc.message, where=exc.where)
    if isinstance(expected, GkcliError):
        assert isinstance(found, GkcliError) and (found.message, found.where) == (expected.message, expected.where)
    else:
        assert found == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["answer", "extension", "correction_requested", "withdrawal", "case"]), max_size=8), min_size=1, max_size=3))
def test_steps_of_every_kind_come_in_file_and_line_order(tmp_path_factory, files):
    """A book's steps: file by file in reading order, and within a file by line, whatever their kind."""
    from gkcli.ledger.read import read_book

    root = tmp_path_factory.mktemp("book")
    (root / "gkcli.toml").write_text('[book]\nagency = "某镇人民政府"\n', encoding="utf-8")
    expected = []
    for year, kinds in zip((2022, 2023, 2024), files):
        (root / "ledger" / str(year)).mkdir(parents=True)
        text, line = "", 1
        for n, kind in enumerate(kinds):
            fields = {"case": f'id = "{year}-{n}"\nreceived = {year}-03-01\napplicant = "business"\n'}.get(
                kind, f'case = "{year}-0"\ndate = {year}-03-0{n % 9 + 1}\n' + ('outcome = "granted"\n' if kind == "answer" else "days = 5\napprover = \"局长\"\n" if kind == "extension" else "period = 10\n" if kind == "correction_requested" else "")
            )
            text += f"[[{kind}]]\n{fields}\n"
            if kind != "case":
                expected.append((kind, f"ledger/{year}/cases.toml", line))
            line += fields.count("\n") + 2
        (root / "ledger" / str(year) / "cases.toml").write_text(text, encoding="utf-8")
    book, _ = read_book(root)
    assert [(s.kind, s.source.path, s.source.line) for s in book.steps] == expected
