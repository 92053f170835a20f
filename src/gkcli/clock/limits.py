"""The latest day each clock step may be taken, and the refusal of one taken later. Pure.

A 补正 request, an extension, a consultation or a fee notice changes the clock only when it is
taken within the answer period as it stood that day (`answer_due.in_time`): the extension within
the original period (条例第三十三条第二款), the others before the period ran out (第三十条、
第三十三条第三款, 国办函〔2020〕109号). The same rule refuses such a step at entry and is a D9
finding in `check`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import spec
from ..model import Case, CaseStep
from .answer_due import CLOCK_STEPS, correction_until, in_time, period_end
from .workdays import Calendar, nth_workday_after

_LABELS = spec.by_code(spec.CASE_STEPS)
ARTICLE = {
    "correction_requested": "条例第三十条、第三十三条第二款",
    "extension": "条例第三十三条第二款",
    "consultation": "条例第三十三条第三款",
    "fee_notice": "条例第三十三条第二款、国办函〔2020〕109号",
}
WHY = {
    "correction_requested": "补正告知应在答复期限内发出",
    "extension": "延长答复期限应在原答复期限内决定并告知申请人",
    "consultation": "征求意见应在答复期限内发出，期限届满后不能再暂停计算",
    "fee_notice": "收费通知应在答复期限内发出",
}


@dataclass(frozen=True, slots=True)
class TooLate:
    kind: str
    day: date
    last: date  # the last day it could have been taken

    def message(self, case_id: str) -> str:
        return (
            f"案件「{case_id}」的{_LABELS[self.kind].label}日期 {self.day} 晚于 {self.last}：{WHY[self.kind]}"
            f"（{ARTICLE[self.kind]}），逾期后登记的步骤不改变答复期限，案件仍按逾期计"
        )


def too_late(cal: Calendar, case: Case, earlier: list[CaseStep], kind: str, day: date) -> TooLate | None:
    """Whether a `kind` step on `day` comes after the period, given the case's `earlier` steps."""
    if kind not in CLOCK_STEPS:
        return None
    kept = in_time(cal, case, [s for s in earlier if s.date <= day])
    last = period_end(cal, case, kept, kind, day)
    return TooLate(kind, day, last) if last is not None and day > last else None


def outcome_refusal(cal: Calendar, steps: list[CaseStep], outcome: str, day: date) -> str | None:
    """Why a case cannot be concluded on `day` with `outcome`, or None. 逾期不补正 needs a 补正
    request whose period passed without a correction (D4); 逾期未缴费 a fee notice left unpaid for
    its 20 working days (D5). One rule for `case answer`, bulk input and `check`."""
    if outcome == "other_no_correction":
        req = next((s for s in steps if s.kind == "correction_requested" and s.date <= day), None)
        if req is None:
            return "没有补正告知"
        if any(s.kind == "correction_received" for s in steps):
            return "已收到补正"
        if day <= correction_until(cal, req):
            return f"补正期限 {correction_until(cal, req)} 尚未届满"
    elif outcome == "other_no_fee":
        notice = next((s for s in reversed(steps) if s.kind == "fee_notice" and s.date <= day), None)
        if notice is None:
            return "没有收费通知"
        if any(s.kind == "fee_paid" and s.date >= notice.date for s in steps):
            return "申请人已缴费"
        limit = nth_workday_after(cal, notice.date, spec.FEE_PAYMENT_DAYS)
        if day <= limit:
            return f"缴费期限 {limit} 尚未届满"
    return None
