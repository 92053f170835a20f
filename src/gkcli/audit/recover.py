"""Table recovery: official row labels found in the token stream → the three tables.

Each table is searched inside its region (from its section heading, or its first
label, to the next table). Every data row's label is looked up in `spec` order; the
numbers between it and the next label are its cells (`cells.read_row`). What cannot be
found or read is recorded — never filled in silently. Pure: a stream in, `Recovered` out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import product
from math import prod

from .. import spec, validate
from ..errors import ERROR, WARNING, Finding
from ..tables import Proactive, StockRow, Tables
from .cells import RowRead, read_row
from .outline import Outline
from .tokens import Stream, find_label, find_misprinted

_SECTION_OF = {"proactive": spec.SECTIONS[1].label, "applications": spec.SECTIONS[2].label, "review": spec.SECTIONS[3].label}
END = 1 << 62  # past every key offset: the last row of a document runs to its end
_MAX_COMBINATIONS = 4096


@dataclass(frozen=True, slots=True)
class Region:
    table: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Recovered:
    tables: Tables
    regions: tuple[Region, ...]
    findings: tuple[Finding, ...] = ()  # R1–R3: cells that could not be read exactly
    blanks: tuple[tuple[str, str], ...] = ()  # (cell, what was printed) read as 0 → S5
    missing: tuple[tuple[str, str], ...] = ()  # (where, official label) not found → S2
    collapsed: tuple[str, ...] = ()  # group rows printed as one row (2019 format) → S2
    unread: frozenset[str] = field(default=frozenset())  # tables with unreadable cells
    unknown: frozenset[str] = field(default=frozenset())  # cells not read (`cell_keys` names): null in JSON
    inferred: frozenset[str] = field(default=frozenset())  # cells cut out of run-together digits by the identities
    readings: tuple[tuple[str, tuple[tuple[int, ...], ...]], ...] = ()  # (row, its several readings) left unread (R2)
    absent: frozenset[str] = field(default=frozenset())  # tables with a section but no row label: no header check


def stock_cells(code: str) -> list[str]:
    return [f"proactive.{code}.{c}" for c in ("issued", "repealed", "in_force")]


def proactive_cells(code: str) -> list[str]:
    if code in spec.STOCK_ROWS:
        return stock_cells(code)
    return ["proactive.fees_wan" if code == "fees" else f"proactive.{code}"]


def application_cells(row: str) -> list[str]:
    return [f"applications.{row}.{c}" for c in spec.APPLICANT_CODES]


def review_cells(group: str) -> list[str]:
    return [f"review.{group}.{c}" for c in spec.REVIEW_CODES]


def all_cells() -> list[str]:
    """Every cell of the three tables, named as A5 names them."""
    out = [c for b in spec.PROACTIVE_BLOCKS for i in b.rows for c in proactive_cells(i.code)]
    out += [c for r in spec.APPLICATION_ROW_CODES for c in application_cells(r)]
    return out + [c for g in spec.REVIEW_GROUPS for c in review_cells(g.code)]


def _first(stream: Stream, labels: list[str], start: int) -> int | None:
    spans = [find_label(stream, label, start) for label in labels]
    found = [s[0] for s in spans if s]
    return min(found) if found else None


def regions(stream: Stream, out: Outline) -> tuple[Region, ...]:
    """Where each table lies: after its heading, else from its first label found."""
    starters = {
        "proactive": [spec.PROACTIVE_BLOCKS[0].caption, spec.PROACTIVE_HEADER],
        "applications": [spec.IDENTITY_NOTE, spec.APPLICANT_HEADER, spec.APPLICATION_ROWS[0].label],
        "review": [spec.REVIEW_GROUPS[0].label + spec.LITIGATION_HEADER, spec.REVIEW_COLUMNS[0].label],
    }
    starts: dict[str, int | None] = {}
    position = 0
    for table, labels in starters.items():
        heading = out.heading(table)
        starts[table] = heading.end if heading else _first(stream, labels, position)
        position = starts[table] if starts[table] is not None else position
    after = out.heading("problems")
    limit = after.start if after else END
    found = [(t, s) for t, s in starts.items() if s is not None]
    return tuple(Region(t, s, found[i + 1][1] if i + 1 < len(found) else limit) for i, (t, s) in enumerate(found))


class _Reader:
    """Collects rows and problems while one document's tables are read."""

    def __init__(self, stream: Stream):
        self.stream = stream
        self.findings: list[Finding] = []
        self.blanks: list[tuple[str, str]] = []
        self.missing: list[tuple[str, str]] = []
        self.collapsed: list[str] = []
        self.unread: set[str] = set()
        self.unknown: set[str] = set()
        self.inferred: set[str] = set()
        self.readings: dict[str, tuple[tuple[int, ...], ...]] = {}
        self.absent: set[str] = set()  # tables whose region holds no row label at all

    def rows(self, region: Region, items: list[tuple[str, str]]) -> dict[str, tuple[int, int]]:
        """Key spans of the labels (where, label) found in order inside the region; a label
        not found as printed is looked for, one character off, between its neighbours."""
        spans, position = {}, region.start
        end = None if region.end == END else region.end
        for where, label in items:
            span = find_label(self.stream, label, position, end)
            if span is None:
                continue
            spans[where] = span
            position = span[1]
        if not spans:  # not one row label: the table is not there, one finding rather than one per row
            self.missing.append((region.table, f"{_SECTION_OF[region.table]}的统计表"))
            self.absent.add(region.table)
            return {}
        for i, (where, label) in enumerate(items):
            if where in spans:
                continue
            after = max((spans[w][1] for w, _ in items[:i] if w in spans), default=region.start)
            before = min((spans[w][0] for w, _ in items[i + 1 :] if w in spans), default=end)
            span = find_misprinted(self.stream, label, after, before)
            if span is None:
                self.missing.append((where, label))
                continue
            spans[where] = span
            printed = self.stream.text[span[0] : span[1]]
            self.findings.append(Finding("R6", WARNING, f"标签印作「{printed}」，按位置和字形认作「{label}」（应使用规定的写法）", where))
        return dict(sorted(spans.items(), key=lambda kv: kv[1][0]))

    def read(self, table: str, where: str, tokens, cells: list[str], group=None, last: bool = False) -> RowRead:
        row = read_row(tokens, len(cells), group, last)
        final = self.stream.tokens[-1] if self.stream.tokens else None
        if tokens and tokens[-1] is final and final.glued:
            # the text stops inside a word that holds digits (「…收费16.」 read as 「1」「6.」, or a run of digits):
            # the page was cut off and the last figure may be short, so none of the row's readings can be
            # trusted, not even when prose would pick one of them
            row = RowRead((0,) * len(cells), problem=f"文本在数字「{final.raw}」处结束，可能被截断，本行不读", line=row.line)
        for index, printed in row.blanks:
            self.blanks.append((f"{where}[{index + 1}]", printed))
        line = f"（第 {row.line} 行附近）" if row.line else ""
        if row.resolved:
            self.inferred.update(cells)
            self.findings.append(Finding("R3", WARNING, f"数字「{row.resolved}」连在一起，按勾稽关系只有一种读法：{list(row.values)}{line}", where))
        if row.readings:
            self.readings[where] = row.readings
        if row.problem:
            self.unknown.update(cells)
            self.unread.add(table)
            code = "R2" if row.readings else "R1"
            self.findings.append(Finding(code, ERROR, row.problem + line, where))
        return row

    def slices(self, spans: dict[str, tuple[int, int]], end: int) -> dict[str, list]:
        """The tokens from each found label to the next found label (or the region's end)."""
        order = list(spans.items())
        bounds = [s[0] for _, s in order[1:]] + [end]
        return {where: self.stream.between(span[0], bound) for (where, span), bound in zip(order, bounds)}


def _proactive(r: _Reader, region: Region | None) -> Proactive:
    items = [(f"proactive.{i.code}", i.label) for b in spec.PROACTIVE_BLOCKS for i in b.rows]
    codes = [i.code for b in spec.PROACTIVE_BLOCKS for i in b.rows]
    if region is None:
        r.missing.append(("proactive", spec.SECTIONS[1].label))
        r.unknown.update(c for code in codes for c in proactive_cells(code))
        return Proactive()
    spans = r.rows(region, items)
    r.unknown.update(c for code in codes if f"proactive.{code}" not in spans for c in proactive_cells(code))
    sliced = r.slices(spans, region.end)
    values: dict[str, RowRead] = {}
    for where, tokens in sliced.items():
        code = where.split(".")[1]
        values[code] = r.read("proactive", where, tokens, proactive_cells(code), last=where == list(sliced)[-1])

    def get(code: str, n: int) -> tuple:
        return values[code].values if code in values else (0,) * n

    fee = get("fees", 1)[0]
    return Proactive(
        StockRow(*get("regulations", 3)),
        StockRow(*get("normative_docs", 3)),
        *(get(code, 1)[0] for code in spec.DECISION_ROWS),
        fees_wan=fee if isinstance(fee, Decimal) else Decimal(fee),
    )


def _older_partial(r: _Reader, region: Region, spans: dict) -> None:
    """2019 tables print （二）部分公开 without its note: read the row anyway (S2 flags the wording)."""
    where = "applications.partial"
    if where in spans or "applications.granted" not in spans:
        return
    old = spec.by_code(spec.LEGACY_LABELS)["partial_without_note"].label
    span = find_label(r.stream, old, spans["applications.granted"][1], None if region.end == END else region.end)
    if span:
        spans[where] = span
        r.missing = [m for m in r.missing if m[0] != where]


def _collapsed_other(r: _Reader, region: Region, spans: dict) -> None:
    """2019 tables print （六）其他处理 as one row: read it into 3.其他 and say so (S2)."""
    subrows = [f"applications.{i.code}" for i in spec.APPLICATION_ROWS if i.parent == "other"]
    if any(w in spans for w in subrows):
        return
    group = spec.by_code(spec.APPLICATION_GROUPS)["other"]
    before = spans.get("applications.refused_confirm", (region.start, region.start))
    span = find_label(r.stream, group.label, before[1], None if region.end == END else region.end)
    if span:
        spans["applications.other_other"] = span
        r.missing = [m for m in r.missing if m[0] not in subrows]
        r.collapsed.append("other")


def _applications(r: _Reader, region: Region | None) -> tuple[tuple[int, ...], ...]:
    width = len(spec.APPLICANT_COLUMNS)
    if region is None:
        r.missing.append(("applications", spec.SECTIONS[2].label))
        r.unknown.update(c for row in spec.APPLICATION_ROW_CODES for c in application_cells(row))
        return tuple((0,) * width for _ in spec.APPLICATION_ROWS)
    spans = r.rows(region, [(f"applications.{i.code}", i.label) for i in spec.APPLICATION_ROWS])
    _older_partial(r, region, spans)
    _collapsed_other(r, region, spans)
    # a 2019 table's single （六） row holds all three sub-rows: the two it lacks are 0, not unread
    folded = {i.code for i in spec.APPLICATION_ROWS if i.parent == "other"} if r.collapsed else set()
    r.unknown.update(c for row in spec.APPLICATION_ROW_CODES if f"applications.{row}" not in spans and row not in folded for c in application_cells(row))
    spans = dict(sorted(spans.items(), key=lambda kv: kv[1][0]))
    reads = {}
    sliced = r.slices(spans, region.end)
    for where, tokens in sliced.items():
        reads[where] = r.read("applications", where, tokens, application_cells(where.split(".")[1]), width, last=where == list(sliced)[-1])
    if folded and reads.get("applications.other_other", RowRead((), problem="-")).problem:
        r.collapsed.remove("other")  # no figures after 「（六）其他处理」: a cut-off table, not the 2019 row
        r.unknown.update(c for row in folded for c in application_cells(row))
    rows = [reads[f"applications.{i.code}"].values if f"applications.{i.code}" in reads else (0,) * width for i in spec.APPLICATION_ROWS]
    return _settle_ambiguous(r, rows, reads)


def _settle_ambiguous(r: _Reader, rows: list, reads: dict[str, RowRead]) -> tuple[tuple[int, ...], ...]:
    """Rows with several readings: keep the combination under which A1–A3 all hold, if only one does."""
    codes = list(spec.APPLICATION_ROW_CODES)
    open_rows = [(codes.index(w.split(".")[1]), w, rd) for w, rd in reads.items() if rd.readings]
    if not open_rows or sum(1 for rd in reads.values() if rd.problem) > len(open_rows) or len(reads) < len(codes):
        return tuple(rows)  # another unread or missing row would make the identities decide wrongly
    choices = [rd.readings for _, _, rd in open_rows]
    if prod(len(c) for c in choices) > _MAX_COMBINATIONS:
        return tuple(rows)
    fits = []
    for combo in product(*choices):
        trial = list(rows)
        for (i, _, _), values in zip(open_rows, combo):
            trial[i] = values
        t = Tables(0, "", applications=tuple(trial))
        if not any(any(check(t)) for check in (validate.row_totals, validate.outcome_totals, validate.balance)):
            fits.append(trial)
    if len(fits) == 1:
        wheres = {w for _, w, _ in open_rows}
        r.findings = [f for f in r.findings if not (f.code == "R2" and f.where in wheres)]
        r.findings += [Finding("R3", WARNING, f"连在一起的数字按整张表的勾稽关系只有一种读法：{list(fits[0][i])}", w) for i, w, _ in open_rows]
        for _, w, _ in open_rows:
            r.unknown.difference_update(application_cells(w.split(".")[1]))
            r.inferred.update(application_cells(w.split(".")[1]))
        if not any(f.code in ("R1", "R2") and f.where.startswith("applications") for f in r.findings):
            r.unread.discard("applications")
        return tuple(fits[0])
    return tuple(rows)


def _review(r: _Reader, region: Region | None) -> tuple[tuple[int, ...], ...]:
    size = len(spec.REVIEW_COLUMNS)
    cells = [c for g in spec.REVIEW_GROUPS for c in review_cells(g.code)]
    if region is None:
        r.missing.append(("review", spec.SECTIONS[3].label))
        r.unknown.update(cells)
        return tuple((0,) * size for _ in spec.REVIEW_GROUPS)
    total = spec.REVIEW_COLUMNS[-1].label
    text = r.stream.text
    last = text.rfind(total, region.start, len(text) if region.end == END else region.end)
    if last < 0:
        r.missing.append(("review", total))
        r.unknown.update(cells)
        return tuple((0,) * size for _ in spec.REVIEW_GROUPS)
    tokens = r.stream.between(last + len(total) - 1, region.end)
    row = r.read("review", "review", tokens, cells, size, last=True)
    return tuple(tuple(row.values[i : i + size]) for i in range(0, len(row.values), size))


def recover(stream: Stream, out: Outline) -> Recovered:
    found = regions(stream, out)
    by_table = {g.table: g for g in found}
    r = _Reader(stream)
    proactive = _proactive(r, by_table.get("proactive"))
    applications = _applications(r, by_table.get("applications"))
    review = _review(r, by_table.get("review"))
    tables = Tables(out.year or 0, out.agency, proactive, applications, review)
    return Recovered(
        tables,
        found,
        tuple(r.findings),
        tuple(r.blanks),
        tuple(r.missing),
        tuple(r.collapsed),
        frozenset(r.unread),
        frozenset(r.unknown),
        frozenset(r.inferred - r.unknown),
        tuple(r.readings.items()),
        frozenset(r.absent),
    )
