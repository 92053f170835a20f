"""The processing-time block: the appendix after 六 in every format, and its JSON.

Self-contained so the report's other sections can change around it. No arithmetic here.
"""

from __future__ import annotations

from ..tables import ProcessingFees, decimal_text
from ..tally.timeliness import Timeliness

HEADING = "附：依申请公开办理时效及信息处理费"


def _num(value) -> str:
    return "—" if value is None else decimal_text(value) if not isinstance(value, int) else str(value)


def lines(t: Timeliness, f: ProcessingFees) -> list[str]:
    """Chinese lines, one fact each."""
    fees = (
        f"信息处理费：发出收费通知 {f.notices} 件，应收 {decimal_text(f.billed)} 元，实收 {decimal_text(f.collected)} 元"
        if f.notices or f.collected
        else "信息处理费：本年度未收取信息处理费"
    )
    return [
        f"{t.year}年答复申请 {t.answered} 件，办理用时（工作日，不含征求意见和缴费时间）："
        f"中位数 {_num(t.median_days)}，平均 {_num(t.mean_days)}，最长 {_num(t.max_days)}",
        f"按期答复 {t.on_time} 件，逾期答复 {t.late} 件，按期答复率 {_num(t.on_time_rate)}{'%' if t.on_time_rate is not None else ''}",
        f"截至{t.year}年12月31日尚未办结 {t.open_at_year_end} 件，其中已逾期 {t.overdue_at_year_end} 件",
        fees,
    ]


def to_json(t: Timeliness) -> dict:
    def text(value):
        return None if value is None else decimal_text(value)

    return {
        "timeliness": {
            "answered": t.answered,
            "median_working_days": text(t.median_days),
            "mean_working_days": text(t.mean_days),
            "max_working_days": t.max_days,
            "on_time": t.on_time,
            "answered_late": t.late,
            "on_time_rate_percent": text(t.on_time_rate),
            "open_at_year_end": t.open_at_year_end,
            "overdue_at_year_end": t.overdue_at_year_end,
        },
    }
