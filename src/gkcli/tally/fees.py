"""信息处理费 of the year (国办函〔2020〕109号), for section 六 of the report.

Counted from case steps, each in the year of its own date: a `fee_notice` bills its
amount; a `fee_paid` collects the amount of that case's latest notice before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ..model import CaseStep
from ..tables import ProcessingFees

NOTICE = "fee_notice"
PAID = "fee_paid"


def tally_processing_fees(steps: Iterable[CaseStep], year: int) -> ProcessingFees:
    ordered = sorted((s for s in steps if s.kind in (NOTICE, PAID)), key=lambda s: s.date)
    latest_notice: dict[str, Decimal] = {}
    notices, billed, paid, collected = 0, Decimal(0), 0, Decimal(0)
    for step in ordered:
        if step.kind == NOTICE:
            latest_notice[step.case] = step.amount or Decimal(0)
        if step.date.year != year:
            continue
        if step.kind == NOTICE:
            notices, billed = notices + 1, billed + latest_notice[step.case]
        else:
            paid, collected = paid + 1, collected + latest_notice.get(step.case, Decimal(0))
    return ProcessingFees(notices=notices, billed=billed, paid=paid, collected=collected)
