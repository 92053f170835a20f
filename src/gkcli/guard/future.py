"""A fact cannot have happened after today: a date after it is a slip of the keyboard."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..errors import GkcliError

# record table -> its date fields that name when something happened, with the option that sets each
DATED: dict[str, tuple[tuple[str, str], ...]] = {
    "case": (("received", "--received"), ("confirmed", "--confirmed")),
    "review": (("filed", "--filed"),),
    "case_amend": (("received", "--received"), ("confirmed", "--confirmed")),
    "event_amend": (("event_date", "--date"),),
    "review_amend": (("filed", "--filed"),),
}


def refuse_future_dates(records: list[tuple[str, Any]], today: date) -> None:
    for table, record in records:
        for field, option in DATED.get(table, (("date", "--date"),)):
            day = getattr(record, field, None)
            if day is not None and day > today:
                raise GkcliError(
                    f"日期 {day} 晚于今天（{today}），不能登记尚未发生的事实",
                    where=str(record.source) or option,  # a bulk record: where it was in the input
                    hint="请核对日期（--today 可指定“今天”，用于复现测试结果）。",
                )
