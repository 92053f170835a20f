"""Views of events and reviews for `event list`, `review list` and `review show`, and what
corrections (更正) and voids (作废) did to a record, for every view that shows it.

Pure: the book is read by the command; the book is already corrected (`corrections.apply`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import correction_entry, corrections, spec
from .errors import GkcliError, Source
from .model import Book, Decision, Event, Review, Void
from .safe_text import visible_cell

_EVENT_KINDS = spec.by_code(spec.EVENT_KINDS)
_CHANNELS = spec.by_code(spec.PUBLICATION_CHANNELS)
_CATEGORIES = spec.by_code(spec.PUBLICATION_CATEGORIES)
_GROUPS = spec.by_code(spec.REVIEW_GROUPS)
_RESULTS = spec.by_code(spec.REVIEW_RESULTS)


class Corrected:
    """Which fields of which records come from a correction: (target, id) → {field: correction's file:line}.
    Built once per book (a book has few corrections)."""

    def __init__(self, book: Book) -> None:
        self.fields: dict[tuple[str, str], dict[str, Source]] = {}
        for amend in sorted(book.amendments, key=lambda a: (a.source.path, a.source.line)):
            key = (corrections.target_of(amend), amend.id)
            self.fields.setdefault(key, {}).update(dict.fromkeys(corrections.given(amend), amend.source))

    def of(self, target: str, ident: str) -> dict[str, Source]:
        return self.fields.get((target, ident), {})

    def sources(self, target: str, ident: str) -> str | None:
        """The corrections' file:line, 「a, b」, or None for a record as entered."""
        found = list(dict.fromkeys(map(str, self.of(target, ident).values())))
        return ", ".join(found) if found else None


# --- events ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventView:
    event: Event
    corrected_by: str | None

    def to_json(self) -> dict:
        e = self.event
        return {
            "id": e.id,
            "kind": e.kind,
            "kind_label": _EVENT_KINDS[e.kind].label,
            "date": e.date.isoformat(),
            "count": e.count,
            "amount": format(e.amount, "f") if e.amount is not None else None,
            "title": e.title,
            "channel": e.channel or None,
            "category": e.category or None,
            "corrected": self.corrected_by is not None,
            "corrected_by": self.corrected_by,
            "source": str(e.source),
        }

    def to_row(self) -> dict:
        e = self.event
        return {
            "编号": e.id,
            "类型": _EVENT_KINDS[e.kind].label,
            "日期": e.date.isoformat(),
            "件数": str(e.count),
            "金额（元）": format(e.amount, "f") if e.amount is not None else "",
            "标题": e.title,
            "发布渠道": _CHANNELS[e.channel].label if e.channel else "",
            "信息类别": _CATEGORIES[e.category].label if e.category else "",
            "更正": f"已更正（{self.corrected_by}）" if self.corrected_by else "",
        }


def event_kind(text: str | None) -> str | None:
    from . import coerce

    return coerce.resolve(text, spec.EVENT_KINDS, "事项类型", "--kind") if text else None


def event_views(book: Book, year: int | None = None, kind: str | None = None) -> list[EventView]:
    corrected = Corrected(book)
    return [
        EventView(e, corrected.sources("event", e.id))
        for e in sorted(book.events, key=lambda e: (e.date, e.id))
        if (year is None or e.date.year == year) and (kind is None or e.kind == kind)
    ]


# --- reviews --------------------------------------------------------------------------------------


def review_kind(text: str | None) -> str | None:
    from . import coerce

    return coerce.resolve(text, spec.REVIEW_GROUPS, "复议诉讼类型", "--kind", spec.REVIEW_KIND_ALIASES) if text else None


@dataclass(frozen=True, slots=True)
class ReviewView:
    review: Review
    decision: Decision | None  # the one that stands (tally/review.py)
    corrected_by: str | None

    def to_json(self) -> dict:
        r, d = self.review, self.decision
        return {
            "id": r.id,
            "kind": r.kind,
            "kind_label": _GROUPS[r.kind].label,
            "filed": r.filed.isoformat(),
            "case": r.case or None,
            "status": "decided" if d else "pending",
            "decided": d.date.isoformat() if d else None,
            "result": d.result if d else None,
            "corrected": self.corrected_by is not None,
            "corrected_by": self.corrected_by,
            "source": str(r.source),
        }

    def to_row(self) -> dict:
        r, d = self.review, self.decision
        return {
            "编号": r.id,
            "类型": _GROUPS[r.kind].label,
            "立案日期": r.filed.isoformat(),
            "所涉申请": r.case,
            "审结日期": d.date.isoformat() if d else "",
            "审理结果": _RESULTS[d.result].label if d else "尚未审结",
            "更正": f"已更正（{self.corrected_by}）" if self.corrected_by else "",
        }


def review_views(book: Book, year: int | None = None, kind: str | None = None) -> list[ReviewView]:
    from .tally.review import first_decisions

    decided = first_decisions(book.decisions)
    corrected = Corrected(book)
    return [
        ReviewView(r, decided.get(r.id), corrected.sources("review", r.id))
        for r in sorted(book.reviews, key=lambda r: (r.filed, r.id))
        if (year is None or r.filed.year == year) and (kind is None or r.kind == kind)
    ]


@dataclass(frozen=True, slots=True)
class ReviewDetail:
    view: ReviewView
    decisions: tuple[Decision, ...]
    book: Book

    def to_json(self) -> dict:
        data = self.view.to_json()
        stands = self.view.decision
        data["decisions"] = [
            {"date": d.date.isoformat(), "result": d.result, "amend": d.amend, "stands": d is stands, "source": str(d.source)} for d in self.decisions
        ]
        data |= record_provenance_json(self.book, "review", self.view.review.id)
        return data

    def lines(self) -> list[str]:
        r = self.view.review
        fields = correction_entry.FIELD_LABELS["review"]
        marks = Corrected(self.book).of("review", r.id)
        row = {k: v for k, v in self.view.to_row().items() if k != "更正"}
        out = []
        for key, value in row.items():
            field = next((f for f, label in fields.items() if label == key), None)
            mark = f"（更正，见 {marks[field]}）" if field in marks else ""
            if value:
                out.append(f"{key}：{value}{mark}")
        out.append(f"来源：{r.source}")
        if self.decisions:
            out.append("审理结果：")
            for d in self.decisions:
                note = ("（更正）" if d.amend else "") + ("" if d is self.view.decision else "（已被更正取代）")
                out.append(f"  {d.date}  {_RESULTS[d.result].label}{note}    [{d.source}]")
        out += provenance_lines(self.book, "review", r.id)
        return [visible_cell(line) for line in out]


def review_detail(book: Book, review_id: str) -> ReviewDetail:
    views = {v.review.id: v for v in review_views(book)}
    if review_id not in views:
        raise GkcliError(f"账本中没有编号为「{review_id}」的复议诉讼案件", where="ID", hint="用 gkcli review list 查看已登记的编号。")
    decisions = tuple(sorted((d for d in book.decisions if d.review == review_id), key=lambda d: d.date))
    return ReviewDetail(views[review_id], decisions, book)


# --- corrections and voids of one record ------------------------------------------------------------


def record_provenance_json(book: Book, target: str, ident: str) -> dict:
    """`corrections` (each correction and void, with file:line), `corrected_fields` (field → the
    correction's file:line) and `voided` (null, or date, reason and file:line)."""
    void = corrections.void_of(book, target, ident)
    return {
        "corrections": correction_entry.history_json(book, target, ident),
        "corrected_fields": {f: str(s) for f, s in Corrected(book).of(target, ident).items()},
        "voided": correction_entry.void_json(void) if void else None,
    }


def provenance_lines(book: Book, target: str, ident: str) -> list[str]:
    found = correction_entry.history_lines(book, target, ident)
    return ["更正与作废："] + [f"  {line}" for line in found] if found else []


@dataclass(frozen=True, slots=True)
class VoidedRecord:
    """What `case show` / `review show` says of a voided record instead of 「no such record」."""

    target: str
    ident: str
    void: Void
    book: Book

    def to_json(self) -> dict:
        return {"id": self.ident, **record_provenance_json(self.book, self.target, self.ident)}

    def lines(self) -> list[str]:
        out = [correction_entry.void_line(self.target, self.ident, self.void)]
        out += provenance_lines(self.book, self.target, self.ident)
        return [visible_cell(line) for line in out]


def voided_record(book: Book, target: str, ident: str) -> VoidedRecord | None:
    """The void of a record no longer in the book, or None (the record is there, or never was)."""
    if correction_entry.find(book, target, ident) is not None:
        return None
    void = corrections.void_of(book, target, ident)
    return VoidedRecord(target, ident, void, book) if void else None


def voided_json(book: Book, target: str, year: int | None = None) -> list[dict]:
    """`--voided` listings: each voided record of a kind, with when and why (year: of the void)."""
    out = []
    for v in sorted((v for v in book.voids if v.target == target), key=lambda v: (v.source.path, v.source.line)):
        if year is None or v.date.year == year:
            out.append({"id": v.id, "voided": v.date.isoformat(), "reason": v.reason, "source": str(v.source)})
    return out


def voided_rows(items: list[dict]) -> list[dict]:
    return [{"编号": i["id"], "作废日期": i["voided"], "原因": i["reason"], "作废记录": i["source"]} for i in items]


def explain_mark(book: Book, record: Any) -> str | None:
    """For `explain`: the file:line of the corrections that set a field of `record`, or None."""
    target = "case" if hasattr(record, "received") else "review" if hasattr(record, "filed") else "event"
    if not book.amendments:
        return None
    cached = _CORRECTED.get(id(book.amendments))
    if cached is None or cached[0] is not book.amendments:
        cached = (book.amendments, Corrected(book))
        _CORRECTED.clear()
        _CORRECTED[id(book.amendments)] = cached
    return cached[1].sources(target, record.id)


_CORRECTED: dict[int, tuple[Any, Corrected]] = {}
