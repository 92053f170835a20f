"""Per-case views for `case list` and `case show`: status and timeline from a book."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import personal, spec
from .errors import GkcliError
from .model import Book, Case, CaseStep, Review
from .tally.conclusion import conclusions

_OUTCOMES = spec.by_code(spec.OUTCOMES)
_APPLICANTS = spec.by_code(spec.APPLICANT_TYPES)
_CHANNELS = spec.by_code(spec.CASE_CHANNELS)


@dataclass(frozen=True, slots=True)
class CaseView:
    case: Case
    concluded: date | None
    outcome: str

    @property
    def status(self) -> str:
        return "answered" if self.concluded else "open"

    def personal_data(self, unmasked: bool) -> dict:
        c = self.case
        if unmasked:
            return {"name": c.name, "id_number": c.id_number, "phone": c.phone}
        return {"name": personal.mask_name(c.name), "id_number": personal.mask_id_number(c.id_number), "phone": personal.mask_phone(c.phone)}

    def to_json(self, unmasked: bool = False) -> dict:
        c = self.case
        return {
            "id": c.id,
            "received": c.received.isoformat(),
            "applicant": c.applicant,
            "channel": c.channel or None,
            "subject": c.subject,
            **self.personal_data(unmasked),
            "status": self.status,
            "answered": self.concluded.isoformat() if self.concluded else None,
            "outcome": self.outcome or None,
            "source": str(c.source),
        }

    def to_row(self, unmasked: bool = False) -> dict:
        c = self.case
        return {
            "编号": c.id,
            "收到日期": c.received.isoformat(),
            "申请人": _APPLICANTS[c.applicant].label,
            "姓名/名称": self.personal_data(unmasked)["name"],
            "渠道": _CHANNELS[c.channel].label if c.channel else "",
            "状态": "已办结" if self.concluded else "办理中",
            "答复日期": self.concluded.isoformat() if self.concluded else "",
            "办理结果": _OUTCOMES[self.outcome].label if self.outcome else "",
            "事由": c.subject,
        }


def case_views(book: Book, year: int | None = None, open_only: bool = False) -> list[CaseView]:
    done = conclusions(book.steps)
    views = []
    for case in sorted(book.cases, key=lambda c: (c.received, c.id)):
        if year is not None and case.received.year != year:
            continue
        end = done.get(case.id)
        if open_only and end:
            continue
        views.append(CaseView(case, end[0] if end else None, end[1] if end else ""))
    return views


@dataclass(frozen=True, slots=True)
class CaseHistory:
    view: CaseView
    steps: tuple[CaseStep, ...]
    reviews: tuple[Review, ...]

    def to_json(self, unmasked: bool = False) -> dict:
        data = self.view.to_json(unmasked)
        data["timeline"] = [
            {"kind": s.kind, "date": s.date.isoformat(), "outcome": s.outcome or None, "amend": s.amend, "source": str(s.source)}
            for s in self.steps
        ]
        data["reviews"] = [{"id": r.id, "kind": r.kind, "filed": r.filed.isoformat(), "source": str(r.source)} for r in self.reviews]
        return data

    def lines(self, unmasked: bool = False) -> list[str]:
        row = self.view.to_row(unmasked)
        data = self.view.personal_data(unmasked)
        row |= {"身份证号码": data["id_number"], "联系电话": data["phone"]}
        out = [f"{k}：{v}" for k, v in row.items() if v]
        out.append(f"来源：{self.view.case.source}")
        out.append("办理经过：")
        out.append(f"  {self.view.case.received}  收到申请")
        for s in self.steps:
            what = f"答复：{_OUTCOMES[s.outcome].label}" + ("（更正）" if s.amend else "")
            out.append(f"  {s.date}  {what}    [{s.source}]")
        groups = spec.by_code(spec.REVIEW_GROUPS)
        for r in self.reviews:
            out.append(f"  {r.filed}  {groups[r.kind].label}立案 {r.id}    [{r.source}]")
        return out


def case_history(book: Book, case_id: str) -> CaseHistory:
    views = {v.case.id: v for v in case_views(book)}
    if case_id not in views:
        raise GkcliError(f"账本中没有编号为「{case_id}」的申请案件", where="ID")
    steps = tuple(sorted((s for s in book.steps if s.case == case_id), key=lambda s: s.date))
    reviews = tuple(r for r in book.reviews if r.case == case_id)
    return CaseHistory(views[case_id], steps, reviews)
