"""Per-case views for `case list` and `case show`: status and timeline from a book."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import personal, spec
from .errors import GkcliError
from .clock.answer_due import Deadline, deadline
from .model import Book, Case, CaseStep, Review
from .safe_text import visible_cell
from .clock.conclusion import conclusions
from .clock.workdays import calendar_of

_OUTCOMES = spec.by_code(spec.OUTCOMES)
_APPLICANTS = spec.by_code(spec.APPLICANT_TYPES)
_CHANNELS = spec.by_code(spec.CASE_CHANNELS)
_STEPS = spec.by_code(spec.CASE_STEPS)
_PARTIES = spec.by_code(spec.CONSULT_PARTIES)
_METHODS = spec.by_code(spec.FEE_METHODS)
STATUS_LABELS = {"open": "办理中", "answered": "已办结", "overdue": "已逾期", "answered_late": "逾期办结"}
WAITING_LABELS = {"correction": "等待补正", "consultation": "征求意见中", "fee_notice": "等待缴费"}


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
            return {"name": c.name, "id_number": c.id_number, "phone": c.phone, "address": c.address}
        return {
            "name": personal.mask_name(c.name),
            "id_number": personal.mask_id_number(c.id_number),
            "phone": personal.mask_phone(c.phone),
            "address": personal.mask_address(c.address),
        }

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
        if year is not None and case.receipt.year != year:
            continue
        end = done.get(case.id)
        if open_only and end:
            continue
        views.append(CaseView(case, end[0] if end else None, end[1] if end else ""))
    return views


# case fields a correction can set -> the key of `CaseView.to_row` that shows it
_ROW_OF_FIELD = {"received": "收到日期", "applicant": "申请人", "channel": "渠道", "subject": "事由"}


@dataclass(frozen=True, slots=True)
class CaseHistory:
    view: CaseView
    steps: tuple[CaseStep, ...]
    reviews: tuple[Review, ...]
    deadline: Deadline
    provenance: dict  # corrections, corrected_fields, voided (recordviews.record_provenance_json)
    correction_lines: tuple[str, ...] = ()

    def to_json(self, unmasked: bool = False) -> dict:
        data = self.view.to_json(unmasked)
        data["confirmed"] = self.view.case.confirmed.isoformat() if self.view.case.confirmed else None
        data.update(self.deadline.to_json())
        data["timeline"] = [_step_json(s) for s in self.steps]
        data["reviews"] = [{"id": r.id, "kind": r.kind, "filed": r.filed.isoformat(), "source": str(r.source)} for r in self.reviews]
        data.update(self.provenance)
        return data

    def lines(self, unmasked: bool = False) -> list[str]:
        row = self.view.to_row(unmasked)
        data = self.view.personal_data(unmasked)
        row |= {"身份证号码": data["id_number"], "联系电话": data["phone"], "地址": data["address"]}
        marks = {_ROW_OF_FIELD[f]: where for f, where in self.provenance["corrected_fields"].items() if f in _ROW_OF_FIELD}
        out = [f"{k}：{v}" + (f"（更正，见 {marks[k]}）" if k in marks else "") for k, v in row.items() if v]
        out.append(f"来源：{self.view.case.source}" + ("（原登记，已更正）" if self.provenance["corrected_fields"] else ""))
        out += deadline_lines(self.deadline)
        out.append("办理经过：")
        out.append(f"  {self.view.case.received}  收到申请")
        if self.view.case.confirmed:
            where = self.provenance["corrected_fields"].get("confirmed")
            out.append(f"  {self.view.case.confirmed}  与申请人确认收到（收到日期）" + (f"（更正，见 {where}）" if where else ""))
        for s in self.steps:
            out.append(f"  {s.date}  {step_text(s)}    [{s.source}]")
        groups = spec.by_code(spec.REVIEW_GROUPS)
        for r in self.reviews:
            out.append(f"  {r.filed}  {groups[r.kind].label}立案 {r.id}    [{r.source}]")
        out += self.correction_lines
        return [visible_cell(line) for line in out]  # subject, name …: one line each, no terminal controls


def case_history(book: Book, case_id: str, today: date) -> CaseHistory:
    views = {v.case.id: v for v in case_views(book)}
    if case_id not in views:
        raise GkcliError(f"账本中没有编号为「{case_id}」的申请案件", where="ID")
    steps = tuple(sorted((s for s in book.steps if s.case == case_id), key=lambda s: s.date))
    reviews = tuple(r for r in book.reviews if r.case == case_id)
    due = deadline(calendar_of(book), views[case_id].case, list(steps), today)
    from .recordviews import provenance_lines, record_provenance_json

    provenance = record_provenance_json(book, "case", case_id)
    return CaseHistory(views[case_id], steps, reviews, due, provenance, tuple(provenance_lines(book, "case", case_id)))


def step_text(s: CaseStep) -> str:
    label = _STEPS[s.kind].label
    if s.kind == "answer":
        return f"{label}：{_OUTCOMES[s.outcome].label}" + ("（更正）" if s.amend else "")
    if s.kind == "correction_requested":
        return f"{label}，补正期限 {s.period or spec.CORRECTION_PERIOD_DAYS} 个工作日"
    if s.kind == "extension":
        return f"{label} {s.days} 个工作日（{s.approver} 同意）"
    if s.kind == "consultation":
        return f"{label}：{_PARTIES[s.party].label}"
    if s.kind == "fee_notice":
        return f"{label}：{s.amount} 元" + (f"，{_METHODS[s.method].label}" if s.method else "")
    return label


def _step_json(s: CaseStep) -> dict:
    data = {"kind": s.kind, "date": s.date.isoformat(), "outcome": s.outcome or None, "amend": s.amend}
    extra = {"period": s.period, "days": s.days, "approver": s.approver, "party": s.party, "method": s.method}
    data.update({k: v for k, v in extra.items() if v})
    if s.amount is not None:
        data["amount"] = format(s.amount, "f")
    data["source"] = str(s.source)
    return data


def deadline_lines(dl: Deadline) -> list[str]:
    """The deadline in a few Chinese lines: due date, days used and left, what is awaited."""
    out = [f"期限状态：{STATUS_LABELS[dl.status]}"]
    if dl.due:
        out.append(f"答复期限：{dl.due}（共 {dl.total} 个工作日）")
    if dl.start is not None:
        left = f"，剩余 {dl.left} 个" if not dl.concluded and dl.left >= 0 else f"，超期 {-dl.left} 个" if dl.left < 0 else ""
        out.append(f"已用工作日：{dl.used} 个{left}")
    if dl.waiting:
        until = f"，至 {dl.waiting_until}" if dl.waiting_until else ""
        out.append(f"暂停计时：{WAITING_LABELS[dl.waiting]}{until}")
    for year in dl.guessed:
        out.append(f"注意：{year} 年不在工作日历中，期限按周一至周五推算；请在 holidays.toml 补充该年安排")
    return out
