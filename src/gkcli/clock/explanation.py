"""The steps behind a due date, for `case show --explain`: each a day, what happened, and the
article behind it. Pure; reads a computed `Deadline`, does no counting of its own beyond
walking the days it covers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import spec
from .answer_due import Deadline, correction_until
from .workdays import ONE_DAY, Calendar

_PARTIES = spec.by_code(spec.CONSULT_PARTIES)
_OUTCOMES = spec.by_code(spec.OUTCOMES)


@dataclass(frozen=True, slots=True)
class Note:
    day: date
    text: str
    basis: str = ""
    last: date | None = None  # for a span of days

    def line(self) -> str:
        when = f"{self.day} 至 {self.last}" if self.last and self.last != self.day else str(self.day)
        return f"{when}  {self.text}" + (f"（{self.basis}）" if self.basis else "")


def notes(cal: Calendar, dl: Deadline) -> list[Note]:
    c = dl.case
    out = [_receipt(c)]
    requested, received = dl.correction
    if requested:
        until = correction_until(cal, requested)
        out.append(Note(requested.date, f"发出补正告知，补正期限 {requested.period or spec.CORRECTION_PERIOD_DAYS} 个工作日（至 {until}）", spec.ARTICLES["correction"]))
    if received:
        out.append(Note(received.date, "收到补正后的申请，答复期限自次日重新计算", spec.ARTICLES["correction"]))
    for p in dl.pauses:
        out.append(_pause(p))
    if dl.extension:
        e = dl.extension
        out.append(Note(e.date, f"延长答复期限 {e.days} 个工作日，经 {e.approver} 同意", spec.ARTICLES["extension"]))
    if dl.start is not None:
        out += _days(cal, dl)
    if dl.due:
        out.append(Note(dl.due, f"第 {dl.total} 个工作日：答复期限届满", spec.ARTICLES["deadline"]))
    if dl.concluded:
        out.append(_conclusion(dl))
    for year in dl.guessed:
        out.append(Note(date(year, 1, 1), f"{year} 年不在工作日历中，按周一至周五推算；请在账本的 holidays.toml 中补充该年安排"))
    return sorted(out, key=lambda n: n.day)


def _receipt(c) -> Note:
    if c.confirmed:
        return Note(c.confirmed, f"与申请人确认收到申请（{c.received} 收件），以确认之日为收到日期，次日起算", spec.ARTICLES["receipt"])
    return Note(c.received, "收到申请，次日起算", spec.ARTICLES["receipt"])


def _pause(p) -> Note:
    if p.kind == "fee_notice":
        text = f"发出收费通知（{p.step.amount} 元），至缴费之日不计入答复期限"
        basis = spec.ARTICLES["fee"]
    else:
        party = _PARTIES[p.step.party]
        text = f"征求{party.label}意见，至征求意见结束之日不计入答复期限"
        basis = spec.ARTICLES[p.step.party]
    if p.end is None:
        text += "（尚未结束" + (f"，应于 {p.until} 前结束" if p.until else "") + "）"
        return Note(p.step.date, text, basis)
    if p.capped:  # the recorded end is later than the law allows, or there is none yet
        text += f"；被征求意见方应在 {spec.CONSULTATION_DAYS} 个工作日内提出意见，最多暂停至 {p.until}"
    return Note(p.step.date, text + f"，暂停 {p.step.date + ONE_DAY} 至 {p.end}", basis)


def _days(cal: Calendar, dl: Deadline) -> list[Note]:
    """Days off (grouped) and make-up working days between the start and the due date."""
    last = dl.due or dl.concluded or max((p.step.date for p in dl.pauses), default=dl.start)
    out: list[Note] = [Note(dl.start + ONE_DAY, "答复期限起算日")]
    d = dl.start + ONE_DAY
    while d <= last:
        info = cal.day(d)
        if any(p.step.date < d and (p.end is None or d <= p.end) for p in dl.pauses):
            pass
        elif not info.workday:
            prev = out[-1]
            if prev.text == f"{info.reason}，不计入" and prev.last == d - ONE_DAY:
                out[-1] = Note(prev.day, prev.text, prev.basis, d)
            else:
                out.append(Note(d, f"{info.reason}，不计入", last=d))
        elif info.reason:
            out.append(Note(d, f"{info.reason}，计为工作日"))
        d += ONE_DAY
    return out


def _conclusion(dl: Deadline) -> Note:
    label = _OUTCOMES[dl.outcome].label if dl.outcome else ""
    if dl.status == "answered_late":
        timing = f"，逾期（用时 {dl.used} 个工作日，期限 {dl.total} 个）"
    elif dl.due:
        timing = f"，在期限内（用时 {dl.used} 个工作日）"
    else:
        timing = ""
    return Note(dl.concluded, f"办结：{label}{timing}")
