"""信息处理费 (国办函〔2020〕109号, spec §6): the charge and its arithmetic. Pure.

按件计收: per applicant per calendar month, the k-th application costs by k (cumulative,
超额累进). 按量计收: by the pages of one application, each page at its tier's rate.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import spec


@dataclass(frozen=True, slots=True)
class FeeLine:
    """Units `first`..`last` (applications or pages) at `rate` 元 each."""

    first: int
    last: int
    rate: int

    @property
    def count(self) -> int:
        return self.last - self.first + 1

    @property
    def amount(self) -> int:
        return self.count * self.rate


def application_rate(k: int) -> int:
    """元 for the k-th application of one applicant in one calendar month."""
    if k <= spec.FEE_FREE_APPLICATIONS:
        return 0
    if k <= spec.FEE_FIRST_BAND_END:
        return spec.FEE_STEP
    band = (k - spec.FEE_FIRST_BAND_END - 1) // spec.FEE_BAND_SIZE + 1
    return spec.FEE_STEP * (band + 1)


def page_rate(page: int) -> int:
    for last, rate in spec.FEE_PAGE_TIERS:
        if last is None or page <= last:
            return rate
    raise AssertionError("the last tier has no end")


def per_application(count: int, earlier: int = 0) -> list[FeeLine]:
    """Lines for applications earlier+1 … earlier+count of one applicant in one month."""
    return _lines(range(earlier + 1, earlier + count + 1), application_rate)


def per_page(pages: int) -> list[FeeLine]:
    return _lines(range(1, pages + 1), page_rate)


def _lines(units: range, rate_of) -> list[FeeLine]:
    lines: list[FeeLine] = []
    for k in units:
        rate = rate_of(k)
        if lines and lines[-1].rate == rate:
            lines[-1] = FeeLine(lines[-1].first, k, rate)
        else:
            lines.append(FeeLine(k, k, rate))
    return lines


def total(lines: list[FeeLine]) -> int:
    return sum(line.amount for line in lines)
