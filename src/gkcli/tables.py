"""The three statistical tables of an annual report as one immutable value.

Made by the tally from a book, or by `audit` from a published report; read by every
renderer and by the identity checks. Cells are addressed by spec codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import spec


@dataclass(frozen=True, slots=True)
class StockRow:
    issued: int = 0
    repealed: int = 0
    in_force: int = 0


@dataclass(frozen=True, slots=True)
class Proactive:
    regulations: StockRow = StockRow()
    normative_docs: StockRow = StockRow()
    licensing: int = 0
    penalty: int = 0
    enforcement: int = 0
    fees_wan: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class ProcessingFees:
    """信息处理费 of the year in 元 (for section 六, not a table): notices sent, amounts billed and collected."""

    notices: int = 0
    billed: Decimal = Decimal(0)
    paid: int = 0
    collected: Decimal = Decimal(0)


ZERO_APPLICATIONS = tuple((0,) * len(spec.APPLICANT_COLUMNS) for _ in spec.APPLICATION_ROWS)
ZERO_REVIEW = tuple((0,) * len(spec.REVIEW_COLUMNS) for _ in spec.REVIEW_GROUPS)


@dataclass(frozen=True, slots=True)
class Tables:
    year: int
    agency: str
    proactive: Proactive = Proactive()
    # one 7-tuple per spec.APPLICATION_ROWS entry, columns as spec.APPLICANT_COLUMNS
    applications: tuple[tuple[int, ...], ...] = ZERO_APPLICATIONS
    # one 5-tuple per spec.REVIEW_GROUPS entry, columns as spec.REVIEW_COLUMNS
    review: tuple[tuple[int, ...], ...] = ZERO_REVIEW
    # proactive publications (channel code, category code or "", count), for the narrative only
    publications: tuple[tuple[str, str, int], ...] = field(default=())
    processing_fees: ProcessingFees = ProcessingFees()

    def row(self, code: str) -> tuple[int, ...]:
        return self.applications[_ROW_INDEX[code]]

    def cell(self, row: str, column: str) -> int:
        return self.applications[_ROW_INDEX[row]][_COLUMN_INDEX[column]]

    def review_row(self, group: str) -> tuple[int, ...]:
        return self.review[_GROUP_INDEX[group]]

    def publications_by_channel(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for channel, _, n in self.publications:
            totals[channel] = totals.get(channel, 0) + n
        return totals

    def publications_by_category(self) -> dict[str, dict[str, int]]:
        """channel → category → count, for publications recorded with a category."""
        out: dict[str, dict[str, int]] = {}
        for channel, category, n in self.publications:
            if category:
                out.setdefault(channel, {})[category] = n
        return out


_ROW_INDEX = {code: i for i, code in enumerate(spec.APPLICATION_ROW_CODES)}
_COLUMN_INDEX = {code: i for i, code in enumerate(spec.APPLICANT_CODES)}
_GROUP_INDEX = {g.code: i for i, g in enumerate(spec.REVIEW_GROUPS)}


def wan_from_yuan(yuan: Decimal) -> Decimal:
    """元 → 万元, exactly (1234.56 元 → 0.123456 万元)."""
    return yuan.scaleb(-4)


def decimal_text(value: Decimal) -> str:
    """An exact decimal as plain text without exponent or trailing zeros: "0.123456", "0"."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
