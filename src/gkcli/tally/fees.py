"""信息处理费 of the year (国办函〔2020〕109号), for section 六 of the report.

Counted from case steps: a `fee_notice` step bills an amount, a `fee_paid` step
collects one; each counts in the year of its own date. Steps are read through
getattr so a book without fee records (or a model without `amount`) gives zeros.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ..model import CaseStep
from ..tables import ProcessingFees

NOTICE = "fee_notice"
PAID = "fee_paid"


def _amount(step: CaseStep) -> Decimal:
    value = getattr(step, "amount", None)
    return value if isinstance(value, Decimal) else Decimal(0)


def tally_processing_fees(steps: Iterable[CaseStep], year: int) -> ProcessingFees:
    in_year = [s for s in steps if s.date.year == year]
    notices = [s for s in in_year if s.kind == NOTICE]
    paid = [s for s in in_year if s.kind == PAID]
    return ProcessingFees(
        notices=len(notices),
        billed=sum((_amount(s) for s in notices), Decimal(0)),
        paid=len(paid),
        collected=sum((_amount(s) for s in paid), Decimal(0)),
    )
