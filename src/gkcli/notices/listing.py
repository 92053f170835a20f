"""`gkcli notice list`: the letters issued, with the applicant's name masked unless asked for."""

from __future__ import annotations

from .. import personal, spec
from ..model import Book
from . import kinds


def notice_rows(book: Book, year: int | None, kind: str | None, unmasked: bool) -> tuple[list[dict], list[dict]]:
    """(JSON records, Chinese rows) of the letters, in number order within each year."""
    cases = {c.id: c for c in book.cases}
    applicants = spec.by_code(spec.APPLICANT_TYPES)
    records, rows = [], []
    chosen = [n for n in book.notices if (year is None or n.date.year == year) and (kind is None or n.kind == kind)]
    for n in sorted(chosen, key=lambda n: (n.date.year, n.kind, n.seq)):
        case = cases.get(n.case)
        name = case.name if case else ""
        shown = name if unmasked else personal.mask_name(name)
        applicant = case.applicant if case else ""
        records.append({
            "number": n.number,
            "seq": n.seq,
            "date": n.date.isoformat(),
            "kind": n.kind,
            "case": n.case,
            "step_date": n.step_date.isoformat(),
            "applicant": applicant or None,
            "name": shown,
            "source": str(n.source),
        })
        rows.append({
            "编号": n.number,
            "日期": n.date.isoformat(),
            "告知书": kinds.label(n.kind),
            "案件": n.case,
            "申请人": applicants[applicant].label if applicant else "（案件不在账本中）",
            "姓名/名称": shown,
        })
    return records, rows
