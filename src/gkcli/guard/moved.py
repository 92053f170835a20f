"""A corrected answer must not silently move a concluded case into another year.

A case is counted in the tables of the year it was concluded (clock/conclusion.py): an
answer marked `amend` (更正) dated in another year than the conclusion it replaces takes
the case out of that year's tables, which may already be published, and into another's.
That is refused unless the command says so (`--move-year`, or `--reopen` with a reason).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ERROR, Finding, GkcliError

CODE = "L13"
HINT = "--move-year（确需移到另一年度）"


def refuse_moved_conclusions(root: Path, records: list[tuple[str, Any]]) -> None:
    """Refuse an answer marked `amend` dated in another year than the case's current conclusion
    (exit 2, nothing written), naming every such answer of a batch."""
    corrected = [i for i, (table, record) in enumerate(records) if table == "answer" and record.amend]
    if not corrected:
        return
    from ..clock.conclusion import conclusions
    from ..ledger.schema import STEP_TABLES

    cases = {records[i][1].case for i in corrected}
    earlier = _steps_of(root, cases)
    found = []
    for n, (table, record) in enumerate(records):
        if table not in STEP_TABLES or record.case not in cases:
            continue
        if table == "answer" and record.amend:
            current = conclusions(earlier[record.case]).get(record.case)
            if current is not None and current[0].year != record.date.year:
                found.append((record, current[0]))
        earlier[record.case].append(record)  # a later step of the batch follows this one
    if not found:
        return
    messages = [(_message(record, day), str(record.source)) for record, day in found]
    if len(records) == 1:
        raise GkcliError(messages[0][0], where=messages[0][1] or "--date", hint=f"确需移到另一年度的，加 {HINT}。")
    raise GkcliError(
        f"{len(found)} 条更正答复会把案件移到另一年度，未写入任何内容",
        findings=tuple(Finding(CODE, ERROR, message, where) for message, where in messages),
        hint=f"确需移到另一年度的，加 {HINT}（对整批输入有效）。",
    )


def _message(answer: Any, concluded) -> str:
    return (
        f"案件「{answer.case}」已于 {concluded} 办结（计入 {concluded.year} 年度）；更正后的答复日期 {answer.date} 在 {answer.date.year} 年："
        f"该案件将离开 {concluded.year} 年度的统计表，改计入 {answer.date.year} 年度（{concluded.year} 年度报告如已发布，将与账本不一致）"
    )


def _steps_of(root: Path, cases: set[str]) -> dict[str, list]:
    """Each case's steps in the book, in date order: from the book a batch has read, or looked up."""
    from .duplicate import known_book

    book = known_book(root)
    if book is None and len(cases) > 4:  # many cases: one read of the whole book costs less than a look-up each
        from ..ledger.read import read_book

        book, _ = read_book(root)
    if book is not None:
        out: dict[str, list] = {case: [] for case in cases}
        for step in book.steps:
            if step.case in out:
                out[step.case].append(step)
        return {case: sorted(steps, key=lambda s: s.date) for case, steps in out.items()}
    from ..ledger import lookup

    return {case: lookup.case_steps(root, case) for case in cases}
